# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup

from odoo import SUPERUSER_ID, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request
from odoo.tools.misc import formatLang


class SaleOrder(models.Model):
    """U11: portal orders above a B2B user's spending limit wait for approval.

    The hook is ``action_confirm`` itself, so it applies whatever way a portal order
    gets confirmed (quotation signed in ``/my/orders/<id>/accept``, website checkout,
    payment confirmation): the limits are checked on the server at that moment.
    """

    _inherit = "sale.order"

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

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
    # ACTION
    # ------------------------------------------------------------

    def action_confirm(self):
        # over RPC a portal user reaches this method directly: the write right on
        # the orders decides, as in Odoo's own action_confirm, before any hold
        # (portal flows confirm through their checked superuser record)
        if not self.env.su:
            self.check_access("write")
        held = self._b2b_hold_over_limit()
        to_confirm = self - held
        if not to_confirm:
            return True
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
    # BUSINESS
    # ------------------------------------------------------------

    def _has_to_be_signed(self):
        # submitted for approval: nothing more for the buyer to sign or pay now
        return super()._has_to_be_signed() and self.b2b_approval_state != "waiting"

    def _has_to_be_paid(self):
        return super()._has_to_be_paid() and self.b2b_approval_state != "waiting"

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

    def _check_cart_is_ready_to_be_paid(self):
        # U11/U10: an order that must wait for approval is never paid online
        # before it is approved (the card would be charged for an order the
        # company may refuse): it is placed on account and sent for approval
        super()._check_cart_is_ready_to_be_paid()
        for order in self:
            if reason := order._b2b_approval_needed():
                raise ValidationError(
                    self.env._(
                        "This order needs an approval before it can be paid online: "
                        "%(reason)s Place it on account to send it for approval.",
                        reason=reason,
                    )
                )

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
