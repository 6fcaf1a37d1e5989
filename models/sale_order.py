# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request
from odoo.tools.misc import formatLang

from .b2b_batch_lines import b2b_line_batch
from .b2b_quick_order import MAX_QTY

CREDIT_MODE_PARAM = "b2b_portal.credit_limit_mode"
# Q1 quote requests: the longest note or message, the largest wished price
QUOTE_TEXT_MAX = 2000
QUOTE_PRICE_MAX = 10**9
QUOTE_ACTIVITY = "b2b_portal.mail_activity_type_b2b_quote"


class SaleOrder(models.Model):
    """Portal orders of B2B customers: the cart of the current company (O2-O4),
    the credit limit (U10), the spending limits and approvals (U11), order again.

    The hook of the limits is ``action_confirm`` itself, so they apply whatever way a
    portal order gets confirmed (quotation signed in ``/my/orders/<id>/accept``,
    website checkout, payment confirmation): checked on the server at that moment.
    """

    _inherit = "sale.order"

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    b2b_user_id = fields.Many2one(
        "res.users",
        string="Ordered by (portal)",
        copy=False,
        index="btree_not_null",
        readonly=True,
        help="The B2B user who placed this order in the portal.",
    )
    b2b_credit_hold = fields.Boolean(
        "Waiting for credit approval",
        copy=False,
        tracking=True,
        help="Placed in the portal beyond the customer's credit limit: it stays a "
        "quotation until someone confirms it.",
    )
    b2b_credit_message = fields.Text(
        "Credit limit note",
        copy=False,
        readonly=True,
        help="Why the portal order waits for approval (or was refused).",
    )

    # Q1: a quote request made in the portal, priced by your salesperson
    b2b_quote_state = fields.Selection(
        [
            ("requested", "Quote requested"),
            ("changes", "Changes requested"),
            ("quoted", "Quoted"),
        ],
        string="Quote request",
        copy=False,
        index="btree_not_null",
        tracking=True,
        readonly=True,
        help="Quote requested: the customer asked for prices in the portal; changes "
        "requested: the customer asked for changes to the quotation sent; quoted: "
        "the priced quotation was sent to the customer.",
    )
    b2b_quote_note = fields.Text(
        "Customer's request",
        copy=False,
        readonly=True,
        help="What the customer wrote with the quote request.",
    )
    b2b_quote_requested_on = fields.Datetime("Quote requested on", copy=False, readonly=True)

    b2b_buyer_id = fields.Many2one(
        "res.users",
        string="B2B buyer",
        copy=False,
        index="btree_not_null",
        readonly=True,
        help="The B2B user who confirmed (or submitted) this order in the portal; "
        "their monthly spending limit counts it.",
    )
    b2b_approval_state = fields.Selection(
        [
            ("none", "Not needed"),
            ("waiting", "Waiting for approval"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
        ],
        string="B2B approval",
        default="none",
        required=True,
        copy=False,
        index=True,
        tracking=True,
        readonly=True,
    )
    b2b_approval_requested_by = fields.Many2one(
        "res.users", string="Approval requested by", copy=False, readonly=True
    )
    b2b_approval_requested_on = fields.Datetime("Approval requested on", copy=False, readonly=True)
    b2b_approval_reason = fields.Char("Approval reason", copy=False, readonly=True)
    b2b_approver_id = fields.Many2one(
        "res.users", string="Approved/rejected by", copy=False, readonly=True
    )
    b2b_approval_comment = fields.Text("Approval comment", copy=False, readonly=True)

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    def write(self, vals):
        # Q1: the quotation of a quote request sent to the customer (Odoo's "Send
        # by email" or "Mark as sent") is priced: the request is answered
        answered = self.browse()
        if vals.get("state") == "sent":
            answered = self.filtered(lambda o: o.b2b_quote_state in ("requested", "changes"))
        res = super().write(vals)
        if answered:
            answered.sudo().write({"b2b_quote_state": "quoted"})
            answered.sudo().activity_feedback(
                [QUOTE_ACTIVITY], feedback=self.env._("The quotation was sent to the customer.")
            )
        return res

    # ------------------------------------------------------------
    # ACTION
    # ------------------------------------------------------------

    def action_confirm(self):
        # over RPC a portal user reaches this method directly: the write right on
        # the orders decides, as in Odoo's own action_confirm, before any hold
        # (portal flows confirm through their checked superuser record)
        if not self.env.su:
            self.check_access("write")
        # U11 spending limits first, then the credit limit (U10) of the rest
        held = self._b2b_hold_over_limit()
        held |= (self - held)._b2b_apply_credit_limit()
        to_confirm = self - held
        if not to_confirm:
            return True
        # staff confirming an order that waited for approval releases it
        to_confirm.filtered("b2b_credit_hold").sudo().b2b_credit_hold = False
        return super(SaleOrder, to_confirm).action_confirm()

    def action_draft(self):
        if not self.env.su:
            self.check_access("write")
        res = super().action_draft()
        # an order back in quotation is checked again at its next confirmation
        self.filtered(lambda o: o.b2b_approval_state == "approved").sudo().write(
            {"b2b_approval_state": "none"}
        )
        return res

    def action_b2b_approve(self):
        """Staff approve waiting orders on the customer's behalf (and confirm them)."""
        if not self.env.user.has_group("sales_team.group_sale_salesman"):
            raise AccessError(self.env._("Only salespeople approve orders in the backend."))
        self.check_access("write")
        for order in self:
            if order.b2b_approval_state != "waiting":
                raise UserError(
                    self.env._("%(order)s is not waiting for approval.", order=order.name)
                )
            order._b2b_approve(self.env.user, "")
        return True

    # ------------------------------------------------------------
    # BUSINESS: cart (O2-O4), the products of the current company only
    # ------------------------------------------------------------

    @api.model
    def _b2b_request_user(self):
        return self.env["website"]._b2b_request_user()

    def _b2b_check_cart(self, products):
        """Refuse (UserError) a cart change of a B2B user that is not allowed: no
        current company or Orders permission, a cart of another company, or
        products outside the profile of the current access."""
        user = self._b2b_request_user()
        if not user:
            return
        if refusal := user._b2b_order_refusal():
            raise UserError(refusal)
        if self and self.partner_id != user._b2b_current_partner():
            raise UserError(self.env._("This cart belongs to another company."))
        refused = products - user._b2b_allowed_products(products)
        if refused:
            raise UserError(
                self.env._(
                    "%(products)s cannot be ordered for your company.",
                    products=", ".join(refused.sudo().mapped("display_name")),
                )
            )

    def _cart_add(self, product_id, quantity=1.0, **kwargs):
        self._b2b_check_cart(self.env["product.product"].browse(product_id))
        return super()._cart_add(product_id, quantity=quantity, **kwargs)

    def _cart_update_line_quantity(self, line_id, quantity, **kwargs):
        if quantity > 0 and self._b2b_request_user():
            line = self.order_line.filtered(lambda sol: sol.id == line_id)
            self._b2b_check_cart(line.product_id)
        return super()._cart_update_line_quantity(line_id, quantity, **kwargs)

    def _b2b_product_lines(self):
        """Lines of products chosen by the customer (not delivery costs)."""
        return self.order_line.filtered(
            lambda sol: sol.product_id and not sol.is_delivery and not sol.is_downpayment
        )

    def _verify_cart(self):
        super()._verify_cart()
        # an abandoned cart may hold products the profile no longer allows
        if user := self._b2b_request_user():
            lines = self._b2b_product_lines()
            allowed = user._b2b_allowed_products(lines.product_id)
            lines.filtered(lambda sol: sol.product_id not in allowed).unlink()

    def _b2b_cart_add_lines(self, lines):
        """Put [(product, quantity)] in this cart in one batch (quick order, order
        again): one check, one create for the new lines, one cart verification.
        Returns the stock warnings, if any."""
        self.ensure_one()
        products = self.env["product.product"].union(*(product for product, _qty in lines))
        self._b2b_check_cart(products)
        order = self.with_company(self.company_id)
        SaleOrderLine = order.env["sale.order.line"]
        existing = {}
        for sol in order.order_line:
            if (
                sol.product_id
                and not sol.linked_line_id
                and not sol.combo_item_id
                and not sol.product_custom_attribute_value_ids
                and not sol.product_no_variant_attribute_value_ids
            ):
                existing.setdefault(sol.product_id.id, sol)
        vals_list, warnings = [], []
        for product, qty in lines:
            sol = existing.get(product.id, SaleOrderLine)
            old_qty = sol.product_uom_qty if sol else 0.0
            new_qty, warning = order._verify_updated_quantity(
                sol, product.id, old_qty + qty, uom_id=product.uom_id.id
            )
            if warning:
                warnings.append(warning)
            if sol:
                if new_qty != old_qty:
                    sol.product_uom_qty = new_qty
            elif new_qty > 0:
                if product.product_tmpl_id.attribute_line_ids:
                    vals = order._prepare_order_line_values(product.id, new_qty, product.uom_id.id)
                else:
                    vals = {
                        "order_id": order.id,
                        "product_id": product.id,
                        "product_uom_qty": new_qty,
                        "product_uom_id": product.uom_id.id,
                    }
                vals_list.append(vals)
        with b2b_line_batch(order.env, products):
            SaleOrderLine.create(vals_list)
            order._verify_cart_after_update()
            order.env.flush_all()
        return warnings

    def _check_cart_is_ready_to_be_paid(self):
        super()._check_cart_is_ready_to_be_paid()
        if self._b2b_request_user():
            self._b2b_check_cart(self._b2b_product_lines().product_id)
            if self._b2b_credit_mode() == "block" and (message := self._b2b_credit_exceeded()):
                raise ValidationError(message[0])
        # U11/U10: an order that must wait for approval is never paid online
        # before it is approved (the card would be charged for an order the
        # company may refuse): it is placed on account and sent for approval
        for order in self:
            if reason := order._b2b_approval_needed():
                raise ValidationError(
                    self.env._(
                        "This order needs an approval before it can be paid online: "
                        "%(reason)s Place it on account to send it for approval.",
                        reason=reason,
                    )
                )

    # ------------------------------------------------------------
    # BUSINESS: credit limit (U10)
    # ------------------------------------------------------------

    @api.model
    def _b2b_credit_mode(self):
        """'block' (refuse the order) or 'approval' (keep it as a quotation)."""
        mode = self.env["ir.config_parameter"].sudo().get_param(CREDIT_MODE_PARAM, "block")
        return mode if mode in ("block", "approval") else "block"

    def _b2b_credit_info(self):
        """(limit, exposure without this order) of the customer company, or None
        when no credit limit applies."""
        self.ensure_one()
        partner = self.partner_id.commercial_partner_id.with_company(self.company_id).sudo()
        limit = partner._b2b_credit_limit(self.company_id)
        if not limit:
            return None
        return limit, partner.credit + partner.credit_to_invoice

    def _b2b_credit_exceeded(self):
        """(customer message, staff message) when this order would take the
        customer beyond its credit limit, else None."""
        self.ensure_one()
        info = self._b2b_credit_info()
        if not info:
            return None
        limit, exposure = info
        currency = self.company_id.currency_id
        amount = self.currency_id._convert(
            self.amount_total, currency, self.company_id, fields.Date.context_today(self)
        )
        if currency.compare_amounts(exposure + amount, limit) <= 0:
            return None
        values = {
            "limit": formatLang(self.env, limit, currency_obj=currency),
            "exposure": formatLang(self.env, exposure, currency_obj=currency),
            "amount": formatLang(self.env, amount, currency_obj=currency),
            "available": formatLang(self.env, max(limit - exposure, 0.0), currency_obj=currency),
        }
        customer = self.env._(
            "This order (%(amount)s) exceeds your available credit of %(available)s "
            "(credit limit %(limit)s).",
            **values,
        )
        staff = self.env._(
            "Portal order beyond the credit limit: limit %(limit)s, open balance and "
            "confirmed orders %(exposure)s, this order %(amount)s.",
            **values,
        )
        return customer, staff

    def _b2b_apply_credit_limit(self):
        """On confirmation by a B2B user in the portal: orders beyond the credit
        limit are refused (block mode) or returned to be held as quotations waiting
        for approval (approval mode). Staff confirmations are never affected."""
        if not self._b2b_request_user():
            return self.browse()
        mode = self._b2b_credit_mode()
        held = self.browse()
        for order in self.filtered(lambda o: o.state in ("draft", "sent")):
            exceeded = order._b2b_credit_exceeded()
            if not exceeded:
                continue
            customer_message, staff_message = exceeded
            if mode == "block":
                raise UserError(
                    customer_message
                    + " "
                    + self.env._("Please contact us or settle open invoices first.")
                )
            order.sudo().write(
                {"state": "sent", "b2b_credit_hold": True, "b2b_credit_message": staff_message}
            )
            order.sudo().message_post(body=staff_message)
            held |= order
        return held

    # ------------------------------------------------------------
    # ORDER AGAIN
    # ------------------------------------------------------------

    def _b2b_reorder_lines(self, user, website):
        """[(line, reason)] of the lines of this earlier order; ``reason`` is empty
        for the lines ``user`` can order again on ``website``. Set-based: a fixed
        number of queries."""
        self.ensure_one()
        _ = self.env._
        lines = self.order_line.filtered(
            lambda sol: (
                not sol.display_type
                and not sol.is_downpayment
                and not sol.is_delivery
                and not sol.combo_item_id
                and not sol.linked_line_id
            )
        )
        reasons = lines.product_id._b2b_unavailable_reasons(user, website)
        return [
            (line, reasons[line.product_id] if line.product_id else _("No product on this line."))
            for line in lines
        ]

    # ------------------------------------------------------------
    # BUSINESS: spending limits and approvals (U11)
    # ------------------------------------------------------------

    def _has_to_be_signed(self):
        # submitted for approval, or a quote request not priced yet: nothing for
        # the buyer to sign or pay now
        return (
            super()._has_to_be_signed()
            and self.b2b_approval_state != "waiting"
            and not self._b2b_quote_open()
        )

    def _has_to_be_paid(self):
        return (
            super()._has_to_be_paid()
            and self.b2b_approval_state != "waiting"
            and not self._b2b_quote_open()
        )

    def _b2b_buyer(self):
        """The B2B person confirming this order (with an active access for its
        company), or an empty record.

        The confirming user when it is a portal user. Portal routes often confirm
        with a superuser record (``_document_check_access``), payment webhooks and
        crons as public user or system: then the user of the HTTP request, else the
        portal user who created the order, else the portal user of its contact.
        Staff confirming in the backend are no buyer: they approve by confirming.
        """
        self.ensure_one()
        user = self.env.user
        if user._is_portal():
            candidates = [user]
        elif user._is_public() or user.id == SUPERUSER_ID:
            request_user = request and request.db and request.env.user
            if request_user and request_user._is_internal() and request_user.id != SUPERUSER_ID:
                return self.env["res.users"]
            candidates = [request_user, self.create_uid, *self.partner_id.user_ids]
        else:
            return self.env["res.users"]
        company = self.partner_id.commercial_partner_id
        for candidate in candidates:
            if candidate and candidate._is_portal() and candidate.sudo()._b2b_access_for(company):
                return candidate
        return self.env["res.users"]

    def _b2b_approval_needed(self):
        """Why this cart or quotation would wait for approval if confirmed now (a
        message), or "": above the buyer's spending limits, or beyond the credit
        limit when staff approve those. Reads only (no lock)."""
        self.ensure_one()
        if self.state not in ("draft", "sent") or self.b2b_approval_state == "approved":
            return ""
        if self.b2b_approval_state == "waiting":
            return self.b2b_approval_reason or self.env._("The order waits for approval.")
        buyer = self._b2b_buyer()
        access = buyer and buyer.sudo()._b2b_access_for(self.partner_id.commercial_partner_id)
        if access and (reason := access._b2b_limit_exceeded(self.sudo(), lock=False)):
            return reason
        if self._b2b_request_user() and self._b2b_credit_mode() == "approval":
            exceeded = self._b2b_credit_exceeded()
            if exceeded:
                return exceeded[0]
        return ""

    def _b2b_hold_over_limit(self):
        """Put the orders above their buyer's limits in waiting; return them."""
        held = self.browse()
        for order in self:
            if order.state not in ("draft", "sent") or order.b2b_approval_state == "approved":
                continue
            buyer = order._b2b_buyer()
            if not buyer:
                if order.b2b_approval_state == "waiting" and self.env.user._is_internal():
                    # staff confirming a waiting order approve it
                    order.sudo().write(
                        {"b2b_approval_state": "approved", "b2b_approver_id": self.env.user.id}
                    )
                    order._b2b_close_activities(self.env._("Confirmed by staff"))
                continue
            access = buyer.sudo()._b2b_access_for(order.partner_id.commercial_partner_id)
            order_sudo = order.sudo()
            order_sudo.b2b_buyer_id = buyer
            reason = access._b2b_limit_exceeded(order_sudo)
            if reason:
                order_sudo._b2b_request_approval(buyer, reason)
                held |= order
        return held

    def _b2b_approvers(self):
        """Active B2B users of the order's company with an effective Approve."""
        self.ensure_one()
        accesses = (
            self.env["b2b.access"]
            .sudo()
            .search(
                [
                    ("partner_id", "=", self.partner_id.commercial_partner_id.id),
                    ("state", "=", "active"),
                    ("perm_approve", "=", True),
                ]
            )
        )
        return accesses.filtered(lambda a: "approve" in a._b2b_effective_permissions()).user_id

    def _b2b_salesperson(self):
        self.ensure_one()
        website = self.website_id if "website_id" in self._fields else False
        return (
            self.user_id
            or self.partner_id.commercial_partner_id.user_id
            or (website and website.salesperson_id)
        )

    def _b2b_request_approval(self, buyer, reason):
        """(sudo) Put the order in waiting and notify approvers and salesperson."""
        self.ensure_one()
        already_waiting = self.b2b_approval_state == "waiting"
        vals = {
            "b2b_approval_state": "waiting",
            "b2b_approval_requested_by": buyer.id,
            "b2b_approval_requested_on": fields.Datetime.now(),
            "b2b_approval_reason": reason,
            "b2b_approver_id": False,
            "b2b_approval_comment": False,
        }
        if self.state == "draft":
            # a submitted cart becomes a quotation the buyer's company can see
            vals["state"] = "sent"
        self.write(vals)
        if already_waiting:
            return
        approvers = self._b2b_approvers() - buyer
        names = ", ".join(approvers.mapped("name")) or self.env._("your supplier")
        self.message_post(
            body=Markup("<p>%s</p><p>%s</p>")
            % (
                reason,
                self.env._("Waiting for approval by %(names)s.", names=names),
            ),
            author_id=buyer.partner_id.id,
            partner_ids=approvers.partner_id.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        salesperson = self._b2b_salesperson()
        if salesperson:
            self.activity_schedule(
                "b2b_portal.mail_activity_type_b2b_approval",
                user_id=salesperson.id,
                summary=self.env._("B2B order waiting for approval"),
                note=reason,
            )

    def _b2b_close_activities(self, feedback):
        self.sudo().activity_feedback(
            ["b2b_portal.mail_activity_type_b2b_approval"], feedback=feedback
        )

    def _b2b_approve(self, approver, comment):
        """Approve and confirm (as the supplier: sudo) a waiting order.

        Callers have checked that ``approver`` may approve orders of this company
        (portal: effective Approve for it; backend: Sales user).
        """
        self.ensure_one()
        order_sudo = self.sudo()
        requester = order_sudo.b2b_approval_requested_by
        if approver == requester and approver._is_portal():
            access = approver.sudo()._b2b_access_for(order_sudo.partner_id.commercial_partner_id)
            if access and access._b2b_limit_exceeded(order_sudo):
                raise UserError(
                    self.env._("You cannot approve your own order above your own spending limit.")
                )
        order_sudo.write(
            {
                "b2b_approval_state": "approved",
                "b2b_approver_id": approver.id,
                "b2b_approval_comment": comment or False,
            }
        )
        order_sudo._validate_order()
        body = self.env._("Approved by %(name)s.", name=approver.name)
        order_sudo._b2b_notify_requester(approver, body, comment)
        order_sudo._b2b_close_activities(body)

    def _b2b_reject(self, approver, comment):
        """Return a waiting order to the buyer as a quotation, with the comment."""
        self.ensure_one()
        order_sudo = self.sudo()
        order_sudo.write(
            {
                "b2b_approval_state": "rejected",
                "b2b_approver_id": approver.id,
                "b2b_approval_comment": comment,
                # the buyer may change it and sign it again
                "signature": False,
                "signed_by": False,
                "signed_on": False,
            }
        )
        body = self.env._("Rejected by %(name)s.", name=approver.name)
        order_sudo._b2b_notify_requester(approver, body, comment)
        order_sudo._b2b_close_activities(body)
        order_sudo._b2b_schedule_refund_check()

    def _b2b_schedule_refund_check(self):
        """A rejected order that the buyer already paid online: the supplier must
        give the money back (or keep it for the corrected order) - a to-do for
        the salesperson, since Odoo never refunds by itself."""
        self.ensure_one()
        paid = self.transaction_ids.filtered(lambda tx: tx.state in ("authorized", "done"))
        if not paid:
            return
        currency = paid[:1].currency_id
        self.activity_schedule(
            "mail.mail_activity_data_todo",
            user_id=(self._b2b_salesperson() or self.env.ref("base.user_admin")).id,
            summary=self.env._("Rejected B2B order already paid online"),
            note=self.env._(
                "The customer's approver rejected this order after %(amount)s was paid "
                "online (%(references)s). Refund the payment or keep it for the "
                "corrected order.",
                amount=formatLang(self.env, sum(paid.mapped("amount")), currency_obj=currency),
                references=", ".join(paid.mapped("reference")),
            ),
        )

    def _b2b_notify_requester(self, approver, body, comment):
        self.ensure_one()
        requester = self.b2b_approval_requested_by
        self.message_post(
            body=Markup("<p>%s</p>") % body
            + (Markup("<p>%s</p>") % comment if comment else Markup()),
            author_id=approver.partner_id.id,
            partner_ids=(requester.partner_id - approver.partner_id).ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )

    # ------------------------------------------------------------
    # BUSINESS: quote requests (Q1)
    # ------------------------------------------------------------

    def _b2b_quote_open(self):
        """Whether this quote request waits for your salesperson (not priced yet)."""
        self.ensure_one()
        return self.b2b_quote_state in ("requested", "changes")

    def _b2b_quote_changes_refusal(self):
        """Why the customer may not ask for changes to this quotation ("" if they may)."""
        self.ensure_one()
        _ = self.env._
        if self.state != "sent" or self.b2b_approval_state == "waiting" or self.signature:
            return _("Changes can be asked for a quotation you have received, not yet accepted.")
        return ""

    @api.model
    def _b2b_quote_number(self, text, what, product, maximum):
        """(value or None when empty) of a quantity (``what`` "qty") or a wished
        price ("price") typed in the request form; UserError naming the product
        when it is not a number in range."""
        text = (text or "").strip().replace(" ", "").replace("\u00a0", "")
        if not text:
            return None
        try:
            value = float(text.replace(",", "."))
        except ValueError:
            value = -1.0
        if not 0 <= value <= maximum:  # NaN and infinities fail too
            _ = self.env._
            if what == "qty":
                message = _(
                    "%(product)s: the quantity must be a number from 0 to %(max)s.",
                    product=product.display_name,
                    max=maximum,
                )
            else:
                message = _(
                    "%(product)s: the wished price must be a number from 0 to %(max)s.",
                    product=product.display_name,
                    max=maximum,
                )
            raise UserError(message)
        return value

    def _b2b_request_quote(self, user, note, wishes):
        """(sudo: the cart of ``user`` for their current company, after the access
        check) Send the cart as a quote request instead of ordering it.

        ``wishes``: {product id: (quantity text, wished price text)} as typed (an
        empty quantity keeps the cart's, an empty price asks for none). Everything is
        checked first; on bad input a UserError says what and nothing changes.
        The request becomes a quotation of the customer for your salesperson (an
        activity and a message in the chatter), outside the shop: it is no
        cart any more and is not offered as an abandoned cart."""
        self.ensure_one()
        _ = self.env._
        if (
            self.state != "draft"
            or self.b2b_quote_state
            or self.b2b_user_id != user
            or self.partner_id != user._b2b_current_partner()
        ):
            raise UserError(_("This cart cannot be sent as a quote request."))
        lines = self._b2b_product_lines()
        if not lines:
            raise UserError(_("Your cart is empty: add the products you want a quote for."))
        if set(wishes) - set(lines.product_id.ids):
            raise UserError(_("Your cart has changed; please check the request again."))
        note = (note or "").strip()
        if len(note) > QUOTE_TEXT_MAX:
            raise UserError(
                _("The note is too long (at most %(max)s characters).", max=QUOTE_TEXT_MAX)
            )
        self._b2b_check_cart(lines.product_id)
        line_vals = [(line, self._b2b_quote_line_vals(line, wishes)) for line in lines]
        salesperson = self._b2b_salesperson()
        for line, vals in line_vals:
            line.write(vals)
        self.write(
            {
                "b2b_quote_state": "requested",
                "b2b_quote_note": note or False,
                "b2b_quote_requested_on": fields.Datetime.now(),
                "user_id": self.user_id.id or salesperson.id,
                # a quotation for your salesperson, no cart of the shop any more
                "website_id": False,
            }
        )
        self._compute_validity_date()
        self._b2b_quote_notify(user, _("Quote requested."), note, salesperson)
        return True

    @api.model
    def _b2b_quote_line_vals(self, line, wishes):
        """The values of a cart line from the request form's wishes (UserError on a
        bad quantity or price)."""
        qty_text, price_text = wishes.get(line.product_id.id, ("", ""))
        qty = self._b2b_quote_number(qty_text, "qty", line.product_id, MAX_QTY)
        qty = line.product_uom_qty if qty is None else qty
        if qty <= 0:
            raise UserError(
                self.env._(
                    "%(product)s: the quantity must be positive.",
                    product=line.product_id.display_name,
                )
            )
        price = self._b2b_quote_number(price_text, "price", line.product_id, QUOTE_PRICE_MAX)
        return {"product_uom_qty": qty, "b2b_requested_qty": qty, "b2b_wished_price": price or 0.0}

    def _b2b_ask_quote_changes(self, user, message):
        """(sudo, after the access check) The customer asks for changes to a
        quotation they received: it goes back to your salesperson (a quotation
        again, an activity, the message in the chatter) until sent again."""
        self.ensure_one()
        _ = self.env._
        message = (message or "").strip()
        if refusal := self._b2b_quote_changes_refusal():
            raise UserError(refusal)
        if not message:
            raise UserError(_("Please write which changes you would like."))
        if len(message) > QUOTE_TEXT_MAX:
            raise UserError(
                _("The message is too long (at most %(max)s characters).", max=QUOTE_TEXT_MAX)
            )
        self.action_draft()
        self.write({"b2b_quote_state": "changes"})
        self._b2b_quote_notify(user, _("Changes requested."), message, self._b2b_salesperson())
        return True

    def _b2b_quote_notify(self, user, title, text, salesperson):
        """The round in the chatter (written by the customer, mailed to the
        salesperson) and the salesperson's activity."""
        body = Markup("<p><strong>%s</strong></p>") % title
        if text:
            body += Markup("<p>%s</p>") % text
        wished = self.order_line.filtered("b2b_wished_price")
        if wished and self.b2b_quote_state == "requested":
            body += Markup("<ul>%s</ul>") % Markup().join(
                Markup("<li>%s</li>")
                % self.env._(
                    "%(product)s: %(qty)s at %(price)s",
                    product=line.product_id.display_name,
                    qty=formatLang(self.env, line.b2b_requested_qty),
                    price=formatLang(
                        self.env, line.b2b_wished_price, currency_obj=self.currency_id
                    ),
                )
                for line in wished
            )
        self.message_post(
            body=body,
            author_id=user.partner_id.id,
            partner_ids=salesperson.partner_id.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        if salesperson:
            self.activity_schedule(
                QUOTE_ACTIVITY,
                user_id=salesperson.id,
                summary=self.env._("Price the customer's quote request"),
                note=text or title,
            )
