# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import math
from collections import defaultdict
from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare, format_amount, format_date

# States where the requested quantities still count against the invoice lines.
INACTIVE_STATES = ("cancel", "rejected")
# Days until the expected completion date when staff approve without setting one.
DEFAULT_COMPLETION_DAYS = 14


class B2bRma(models.Model):
    """A return (RMA) of invoiced goods of one customer company, from the request to
    the credit note or the replacement."""

    _name = "b2b.rma"
    _inherit = ["portal.mixin", "mail.thread", "mail.activity.mixin"]
    _description = "Return (RMA)"
    _order = "id desc"
    # the customer company's people reply in the portal chatter (read access)
    _mail_post_access = "read"

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    name = fields.Char(
        "Number", required=True, readonly=True, copy=False, default="/", index="trigram"
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("submitted", "Submitted"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
            ("received", "Goods received"),
            ("refunded", "Refunded"),
            ("replaced", "Replaced"),
            ("done", "Done"),
            ("cancel", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    partner_id = fields.Many2one(
        "res.partner",
        "Customer",
        required=True,
        index=True,
        tracking=True,
        domain="[('parent_id', '=', False)]",
        help="The customer company returning the goods.",
    )
    requester_user_id = fields.Many2one("res.users", "Requested by (user)", copy=False)
    requester_partner_id = fields.Many2one(
        "res.partner",
        "Requested by",
        domain="[('id', 'child_of', partner_id)]",
        help="The contact of the customer who asked for the return.",
    )
    user_id = fields.Many2one(
        "res.users",
        "Responsible",
        tracking=True,
        domain="[('share', '=', False)]",
        default=lambda self: self.env.user if not self.env.user.share else False,
    )
    invoice_id = fields.Many2one(
        "account.move",
        required=True,
        index=True,
        tracking=True,
        domain="[('move_type', '=', 'out_invoice'), ('state', '=', 'posted'), "
        "('commercial_partner_id', '=', partner_id), ('company_id', '=', company_id)]",
    )
    currency_id = fields.Many2one(related="invoice_id.currency_id")
    line_ids = fields.One2many("b2b.rma.line", "rma_id", "Lines", copy=True)
    reason_id = fields.Many2one("b2b.rma.reason", "Problem", tracking=True)
    description = fields.Text()
    photo_ids = fields.Many2many(
        "ir.attachment",
        "b2b_rma_photo_rel",
        "rma_id",
        "attachment_id",
        string="Photos",
        copy=False,
    )
    request_date = fields.Datetime("Requested on", readonly=True, copy=False)
    expected_date = fields.Date(
        "Expected completion",
        tracking=True,
        copy=False,
        help="When the customer can expect the credit note or the replacement.",
    )
    reject_reason = fields.Text("Rejection reason", copy=False, tracking=True)
    picking_ids = fields.One2many("stock.picking", "b2b_rma_id", "Return receipts")
    picking_count = fields.Integer(compute="_compute_picking_count", string="Receipts")
    refund_id = fields.Many2one("account.move", "Credit note", readonly=True, copy=False)
    replacement_order_id = fields.Many2one(
        "sale.order", "Replacement order", readonly=True, copy=False
    )
    amount_total = fields.Monetary(
        compute="_compute_amount_total", string="Total", currency_field="currency_id"
    )

    # ------------------------------------------------------------
    # COMPUTE
    # ------------------------------------------------------------

    @api.depends("picking_ids")
    def _compute_picking_count(self):
        for rma in self:
            rma.picking_count = len(rma.picking_ids)

    @api.depends("line_ids.price_total")
    def _compute_amount_total(self):
        for rma in self:
            rma.amount_total = sum(rma.line_ids.mapped("price_total"))

    def _compute_access_url(self):
        super()._compute_access_url()
        for rma in self:
            rma.access_url = f"/my/rma/{rma.id}"

    # ------------------------------------------------------------
    # CONSTRAINT
    # ------------------------------------------------------------

    @api.constrains("invoice_id", "partner_id", "company_id")
    def _check_invoice_id(self):
        for rma in self:
            invoice = rma.invoice_id
            if (
                invoice.move_type != "out_invoice"
                or invoice.state != "posted"
                or invoice.commercial_partner_id != rma.partner_id.commercial_partner_id
                or invoice.company_id != rma.company_id
            ):
                raise ValidationError(
                    self.env._(
                        "Returns are only possible against posted customer invoices of "
                        "%(customer)s.",
                        customer=rma.partner_id.display_name,
                    )
                )
        self.line_ids._check_invoice_line_id()

    # ------------------------------------------------------------
    # ONCHANGE
    # ------------------------------------------------------------

    @api.onchange("invoice_id")
    def _onchange_invoice_id(self):
        if self.invoice_id and not self.partner_id:
            self.partner_id = self.invoice_id.commercial_partner_id

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("b2b.rma") or "/"
        rmas = super().create(vals_list)
        for rma in rmas:
            # the portal detail page is read-only: give the token now
            rma._portal_ensure_token()
            if rma.requester_partner_id:
                rma.message_subscribe(partner_ids=rma.requester_partner_id.ids)
        return rmas

    @api.ondelete(at_uninstall=False)
    def _unlink_except_not_draft(self):
        if any(rma.state not in ("draft", "cancel") for rma in self):
            raise UserError(self.env._("Only draft or cancelled returns can be deleted."))

    # ------------------------------------------------------------
    # PORTAL REQUESTS
    # ------------------------------------------------------------

    @api.model
    def _b2b_portal_returnable(self, invoice):
        """[(invoice line, returnable quantity)] of a posted invoice."""
        lines = invoice.invoice_line_ids.filtered(
            lambda l: l.display_type == "product" and l.quantity > 0
        )
        requested = self.env["b2b.rma.line"]._b2b_requested_quantities(lines)
        return [(line, max(line.quantity - requested.get(line.id, 0.0), 0.0)) for line in lines]

    @api.model
    def _b2b_portal_line_vals(self, invoice, quantities):
        """Line values and the errors of the quantities a customer typed,
        ``quantities`` {invoice line id: text}; every line is judged, so the form
        shows all its mistakes at once. ``b2b.rma.line._check_quantity`` checks the
        totals again under lock when the lines are created."""
        _ = self.env._
        returnable = dict(self._b2b_portal_returnable(invoice))
        lines_by_id = {line.id: line for line in returnable}
        precision = self.env["decimal.precision"].precision_get("Product Unit")
        line_vals, errors = [], []
        for line_id, raw in quantities.items():
            inv_line = lines_by_id.get(line_id)
            if inv_line is None:
                errors.append(
                    _("One of the lines is not part of invoice %(invoice)s.", invoice=invoice.name)
                )
                continue
            label = inv_line.product_id.display_name or inv_line.name
            try:
                qty = float(raw.replace(",", "."))
            except ValueError:
                qty = math.nan
            if not math.isfinite(qty):
                errors.append(_("%(product)s: enter the quantity as a number.", product=label))
            elif float_compare(qty, 0.0, precision_digits=precision) < 0:
                errors.append(_("%(product)s: the quantity cannot be negative.", product=label))
            elif float_compare(qty, returnable[inv_line], precision_digits=precision) > 0:
                errors.append(
                    _(
                        "%(product)s: you can return at most %(max)s.",
                        product=label,
                        max=returnable[inv_line],
                    )
                )
            elif float_compare(qty, 0.0, precision_digits=precision) > 0:
                line_vals.append({"invoice_line_id": inv_line.id, "quantity": qty})
        if not line_vals and not errors:
            errors.append(_("Enter the quantity to return for at least one line."))
        return line_vals, errors

    @api.model
    def _b2b_portal_submit(self, partner, invoice, reason, description, line_vals, photos):
        """Create and submit the return the current portal user asked for.

        The caller has checked every value against the current company and the
        Returns permission (customers cannot create returns through the ORM), so
        the return is created as superuser; ``photos`` [(name, data, mimetype)]."""
        user = self.env.user
        rma = self.sudo().create(
            {
                "partner_id": partner.id,
                "company_id": invoice.company_id.id,
                "invoice_id": invoice.id,
                "requester_user_id": user.id,
                "requester_partner_id": user.partner_id.id,
                "user_id": partner.user_id.filtered(lambda u: not u.share).id,
                "reason_id": reason.id,
                "description": description,
                "line_ids": [Command.create(vals) for vals in line_vals],
            }
        )
        if photos:
            rma.photo_ids = (
                self.env["ir.attachment"]
                .sudo()
                .create(
                    [
                        {
                            "name": name,
                            "raw": data,
                            "mimetype": mimetype,
                            "res_model": "b2b.rma",
                            "res_id": rma.id,
                        }
                        for name, data, mimetype in photos
                    ]
                )
            )
        rma.action_submit()
        return rma

    # ------------------------------------------------------------
    # ACTION
    # ------------------------------------------------------------

    def action_submit(self):
        for rma in self:
            rma._b2b_check_state("draft")
            if not rma.line_ids:
                raise UserError(
                    self.env._("Add at least one invoice line to return to %(rma)s.", rma=rma.name)
                )
        self.write({"state": "submitted", "request_date": fields.Datetime.now()})
        # under the lock of the invoice lines (see b2b.rma.line)
        self.line_ids._check_quantity()
        return True

    def action_approve(self):
        for rma in self:
            rma._b2b_check_state("submitted")
        for rma in self:
            vals = {"state": "approved"}
            if not rma.expected_date:
                vals["expected_date"] = fields.Date.context_today(rma) + timedelta(
                    days=DEFAULT_COMPLETION_DAYS
                )
            rma.write(vals)
            rma._b2b_create_return_pickings()
            rma._b2b_tell_customer(
                self.env._(
                    "Your return is approved. Please send the goods back with the "
                    "reference %(rma)s. Expected completion: %(date)s.",
                    rma=rma.name,
                    date=format_date(self.env, rma.expected_date),
                )
            )
        return True

    def action_reject(self):
        template = self.env.ref("b2b_portal.mail_template_b2b_rma_rejected")
        for rma in self:
            rma._b2b_check_state("submitted")
            if not (rma.reject_reason or "").strip():
                raise UserError(
                    self.env._("Give the customer a reason before rejecting %(rma)s.", rma=rma.name)
                )
        self.write({"state": "rejected"})
        for rma in self:
            # posted as a comment: the requester (a follower) gets it by e-mail and
            # sees it in the portal chatter
            rma.message_post_with_source(
                template, message_type="comment", subtype_xmlid="mail.mt_comment"
            )
        return True

    def action_receive(self):
        """Goods received without a return receipt of the original delivery."""
        for rma in self:
            rma._b2b_check_state("approved")
            if rma.picking_ids.filtered(lambda p: p.state not in ("done", "cancel")):
                raise UserError(
                    self.env._(
                        "Validate the return receipt of %(rma)s: it marks the goods as received.",
                        rma=rma.name,
                    )
                )
        self.write({"state": "received"})
        for rma in self:
            rma._b2b_tell_customer(self.env._("We received the returned goods."))
        return True

    def action_refund(self):
        for rma in self:
            rma._b2b_check_state("received")
        for rma in self:
            refund = rma._b2b_create_refund()
            rma.write({"state": "refunded", "refund_id": refund.id})
            rma._b2b_tell_customer(
                self.env._(
                    "Credit note %(refund)s of %(amount)s is issued for your return.",
                    refund=refund.name,
                    amount=format_amount(self.env, refund.amount_total, refund.currency_id),
                )
            )
        return self._b2b_open(self.refund_id, "account.action_move_out_refund_type")

    def action_replace(self):
        for rma in self:
            rma._b2b_check_state("received")
        for rma in self:
            order = rma._b2b_create_replacement_order()
            rma.write({"state": "replaced", "replacement_order_id": order.id})
            rma._b2b_tell_customer(
                self.env._(
                    "The replacement goods are on their way (order %(order)s).",
                    order=order.name,
                )
            )
        return self._b2b_open(self.replacement_order_id, "sale.action_orders")

    def action_done(self):
        for rma in self:
            rma._b2b_check_state("refunded", "replaced")
        self.write({"state": "done"})
        return True

    def action_cancel(self):
        for rma in self:
            rma._b2b_check_state("draft", "submitted", "approved")
            if rma.picking_ids.filtered(lambda p: p.state == "done"):
                raise UserError(self.env._("Goods of %(rma)s are already received.", rma=rma.name))
        self.picking_ids.filtered(lambda p: p.state != "cancel").action_cancel()
        self.write({"state": "cancel"})
        return True

    def action_draft(self):
        for rma in self:
            rma._b2b_check_state("cancel", "rejected")
        self.write({"state": "draft"})
        # the quantities count again
        self.line_ids._check_quantity()
        return True

    def action_view_pickings(self):
        self.ensure_one()
        return self._b2b_open(self.picking_ids, "stock.action_picking_tree_all")

    def action_view_refund(self):
        self.ensure_one()
        return self._b2b_open(self.refund_id, "account.action_move_out_refund_type")

    def action_view_replacement(self):
        self.ensure_one()
        return self._b2b_open(self.replacement_order_id, "sale.action_orders")

    def action_preview(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "target": "self",
            "url": self.get_portal_url(),
        }

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    def _b2b_check_state(self, *states):
        self.ensure_one()
        if self.state not in states:
            labels = dict(self._fields["state"]._description_selection(self.env))
            raise UserError(
                self.env._(
                    "%(rma)s is %(state)s: this step is not possible now.",
                    rma=self.name,
                    state=labels[self.state],
                )
            )

    def _b2b_tell_customer(self, body):
        """A message the customer sees in the portal chatter (and gets by e-mail)."""
        self.ensure_one()
        self.message_post(body=body, message_type="comment", subtype_xmlid="mail.mt_comment")

    @api.model
    def _b2b_open_domain(self):
        """Returns still being handled (the dashboard's "open returns")."""
        return [("state", "in", ("submitted", "approved", "received"))]

    def _b2b_open(self, records, xmlid):
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        if len(records) == 1:
            action.update({"views": [(False, "form")], "view_mode": "form", "res_id": records.id})
        else:
            action["domain"] = [("id", "in", records.ids)]
        action["context"] = {}
        return action

    def _get_report_base_filename(self):
        self.ensure_one()
        return self.env._("Return %(name)s", name=self.name)

    def _b2b_report_lang(self):
        """The language of the PDF: the portal page's when the portal asks for it,
        else the customer's (``res.partner._b2b_report_lang``)."""
        self.ensure_one()
        return self.partner_id._b2b_report_lang() or self.requester_partner_id.lang

    def _b2b_delivery_moves(self, line):
        """Done outgoing moves that delivered the goods of ``line``'s invoice line."""
        sale_lines = line.invoice_line_id.sale_line_ids
        return sale_lines.move_ids.filtered(
            lambda m: (
                m.state == "done"
                and m.picking_code == "outgoing"
                and m.product_id == line.product_id
                and not m.origin_returned_move_id
            )
        ).sorted("id")

    def _b2b_create_return_pickings(self):
        """Return receipts from the original deliveries through stock's own return
        wizard, for the quantities of the lines (none when nothing was delivered)."""
        self.ensure_one()
        allocated = defaultdict(float)  # delivery move -> quantity (product UoM)
        for line in self.line_ids:
            rounding = line.product_id.uom_id.rounding
            to_return = line.uom_id._compute_quantity(line.quantity, line.product_id.uom_id)
            for move in self._b2b_delivery_moves(line):
                returned = sum(m.product_qty for m in move.returned_move_ids if m.state != "cancel")
                qty = min(move.product_qty - returned - allocated[move], to_return)
                if float_compare(qty, 0.0, precision_rounding=rounding) <= 0:
                    continue
                allocated[move] += qty
                to_return -= qty
                if float_compare(to_return, 0.0, precision_rounding=rounding) <= 0:
                    break
        deliveries = self.env["stock.move"].concat(*allocated).picking_id
        # a salesperson approves returns without Inventory rights: the receipt is
        # made for this RMA only, from its own delivery moves
        for delivery in deliveries:
            wizard = (
                self.env["stock.return.picking"]
                .sudo()
                .with_context(active_id=delivery.id, active_model="stock.picking")
                .create({"picking_id": delivery.id})
            )
            for return_line in wizard.product_return_moves:
                move = return_line.move_id
                return_line.quantity = move.product_id.uom_id._compute_quantity(
                    allocated.get(move, 0.0), return_line.uom_id
                )
            receipt = wizard._create_return()
            receipt.b2b_rma_id = self
            self.message_post(
                body=self.env._(
                    "Return receipt %(receipt)s created from %(delivery)s.",
                    receipt=receipt._get_html_link(),
                    delivery=delivery._get_html_link(),
                )
            )

    def _b2b_on_receipts_done(self):
        """A return receipt was validated: the goods are received once every receipt
        of the RMA is done (or cancelled)."""
        for rma in self.filtered(lambda r: r.state == "approved"):
            receipts = rma.picking_ids
            if receipts.filtered(lambda p: p.state == "done") and not receipts.filtered(
                lambda p: p.state not in ("done", "cancel")
            ):
                rma.state = "received"
                rma._b2b_tell_customer(self.env._("We received the returned goods."))

    def _b2b_refund_line_vals(self, line):
        inv_line = line.invoice_line_id
        return {
            "product_id": inv_line.product_id.id,
            "name": inv_line.name,
            "quantity": line.quantity,
            "product_uom_id": inv_line.product_uom_id.id,
            "price_unit": inv_line.price_unit,
            "discount": inv_line.discount,
            "tax_ids": [Command.set(inv_line.tax_ids.ids)],
            "account_id": inv_line.account_id.id,
            "analytic_distribution": inv_line.analytic_distribution,
            "sale_line_ids": [Command.set(inv_line.sale_line_ids.ids)],
        }

    def _b2b_create_refund(self):
        """A posted credit note for exactly the returned lines and quantities, at the
        invoiced prices (discounts and taxes of the invoice lines)."""
        self.ensure_one()
        invoice = self.invoice_id
        refund = self.env["account.move"].create(
            {
                "move_type": "out_refund",
                "partner_id": invoice.partner_id.id,
                "company_id": invoice.company_id.id,
                "journal_id": invoice.journal_id.id,
                "currency_id": invoice.currency_id.id,
                "fiscal_position_id": invoice.fiscal_position_id.id,
                "invoice_date": fields.Date.context_today(self),
                "reversed_entry_id": invoice.id,
                "invoice_origin": self.name,
                "ref": self.env._(
                    "Return %(rma)s of %(invoice)s", rma=self.name, invoice=invoice.name
                ),
                "b2b_rma_id": self.id,
                "invoice_line_ids": [
                    Command.create(self._b2b_refund_line_vals(line)) for line in self.line_ids
                ],
            }
        )
        refund.action_post()
        return refund

    def _b2b_create_replacement_order(self):
        """A confirmed, free sale order for the returned goods (its delivery ships the
        replacement)."""
        self.ensure_one()
        order = self.env["sale.order"].create(
            {
                "partner_id": self.invoice_id.partner_id.id,
                "company_id": self.company_id.id,
                "origin": self.name,
                "client_order_ref": self.name,
                "order_line": [
                    Command.create(
                        {
                            "product_id": line.product_id.id,
                            "product_uom_qty": line.quantity,
                            "product_uom_id": line.uom_id.id,
                            "price_unit": 0.0,
                        }
                    )
                    for line in self.line_ids
                ],
            }
        )
        order.action_confirm()
        return order
