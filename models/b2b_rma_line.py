# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL, float_compare

from .b2b_rma import INACTIVE_STATES


class B2bRmaLine(models.Model):
    """One returned invoice line: the quantity can never exceed what was invoiced
    minus what other returns (not cancelled or rejected) already asked for."""

    _name = "b2b.rma.line"
    _description = "Return (RMA) line"
    _order = "rma_id, id"

    _quantity_positive = models.Constraint(
        "CHECK(quantity > 0)", "The returned quantity must be greater than zero."
    )

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    rma_id = fields.Many2one("b2b.rma", "Return", required=True, index=True, ondelete="cascade")
    rma_state = fields.Selection(related="rma_id.state", string="Return status")
    invoice_line_id = fields.Many2one(
        "account.move.line",
        "Invoice line",
        required=True,
        index=True,
        ondelete="restrict",
        domain="[('move_id', '=', parent.invoice_id), ('display_type', '=', 'product')]",
    )
    product_id = fields.Many2one(related="invoice_line_id.product_id", store=True)
    name = fields.Char(related="invoice_line_id.name", string="Description")
    uom_id = fields.Many2one(related="invoice_line_id.product_uom_id", string="Unit")
    invoiced_qty = fields.Float(
        related="invoice_line_id.quantity", string="Invoiced", digits="Product Unit"
    )
    quantity = fields.Float(required=True, default=1.0, digits="Product Unit")
    returnable_qty = fields.Float(
        compute="_compute_returnable_qty",
        string="Max. returnable",
        digits="Product Unit",
        help="Invoiced quantity minus the quantities of the other returns of this "
        "invoice line that are not cancelled or rejected.",
    )
    currency_id = fields.Many2one(related="invoice_line_id.currency_id")
    price_unit = fields.Float(related="invoice_line_id.price_unit", digits="Product Price")
    discount = fields.Float(related="invoice_line_id.discount")
    tax_ids = fields.Many2many(related="invoice_line_id.tax_ids", string="Taxes")
    price_subtotal = fields.Monetary(compute="_compute_amounts", string="Untaxed")
    price_total = fields.Monetary(compute="_compute_amounts", string="Total")

    # ------------------------------------------------------------
    # COMPUTE
    # ------------------------------------------------------------

    @api.depends("invoice_line_id", "quantity", "rma_id.state")
    def _compute_returnable_qty(self):
        requested = self._b2b_requested_quantities(self.invoice_line_id)
        for line in self:
            others = requested.get(line.invoice_line_id.id, 0.0)
            if line.rma_id.state not in INACTIVE_STATES and line._origin:
                others -= line._origin.quantity
            line.returnable_qty = line.invoiced_qty - others

    @api.depends(
        "quantity",
        "invoice_line_id.quantity",
        "invoice_line_id.price_subtotal",
        "invoice_line_id.price_total",
    )
    def _compute_amounts(self):
        for line in self:
            inv_line = line.invoice_line_id
            ratio = line.quantity / inv_line.quantity if inv_line.quantity else 0.0
            line.price_subtotal = inv_line.price_subtotal * ratio
            line.price_total = inv_line.price_total * ratio

    # ------------------------------------------------------------
    # CONSTRAINT
    # ------------------------------------------------------------

    @api.constrains("invoice_line_id", "rma_id")
    def _check_invoice_line_id(self):
        for line in self:
            inv_line = line.invoice_line_id
            if (
                inv_line.move_id != line.rma_id.invoice_id
                or inv_line.display_type != "product"
                or inv_line.parent_state != "posted"
                or inv_line.move_id.move_type != "out_invoice"
            ):
                raise ValidationError(
                    self.env._(
                        "%(rma)s: only product lines of its posted invoice %(invoice)s "
                        "can be returned.",
                        rma=line.rma_id.name,
                        invoice=line.rma_id.invoice_id.name,
                    )
                )

    @api.constrains("quantity", "invoice_line_id")
    def _check_quantity(self):
        """R1, also under concurrency: lock the invoice lines, then compare the sum
        of every active return of them with the invoiced quantity."""
        lines = self.filtered(lambda line: line.rma_id.state not in INACTIVE_STATES)
        if not lines:
            return
        precision = self.env["decimal.precision"].precision_get("Product Unit")
        for line in lines:
            if float_compare(line.quantity, 0.0, precision_digits=precision) <= 0:
                raise ValidationError(
                    self.env._(
                        "The quantity to return of %(product)s must be greater than zero.",
                        product=line.product_id.display_name or line.name,
                    )
                )
        invoice_lines = lines.invoice_line_id
        self._b2b_lock_invoice_lines(invoice_lines)
        requested = self._b2b_requested_quantities(invoice_lines)
        for inv_line in invoice_lines:
            total = requested.get(inv_line.id, 0.0)
            if float_compare(total, inv_line.quantity, precision_digits=precision) > 0:
                own = sum(
                    lines.filtered(lambda l, il=inv_line: l.invoice_line_id == il).mapped(
                        "quantity"
                    )
                )
                raise ValidationError(
                    self.env._(
                        "You cannot return %(qty)s × %(product)s of invoice %(invoice)s: "
                        "only %(max)s can still be returned (invoiced %(invoiced)s).",
                        qty=own,
                        product=inv_line.product_id.display_name or inv_line.name,
                        invoice=inv_line.move_id.name,
                        max=max(inv_line.quantity - (total - own), 0.0),
                        invoiced=inv_line.quantity,
                    )
                )

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        # lock before inserting: a concurrent request for the same invoice line waits
        self._b2b_lock_invoice_lines(
            self.env["account.move.line"].browse(
                [vals["invoice_line_id"] for vals in vals_list if vals.get("invoice_line_id")]
            )
        )
        return super().create(vals_list)

    def write(self, vals):
        if "quantity" in vals or "invoice_line_id" in vals:
            invoice_lines = self.invoice_line_id
            if vals.get("invoice_line_id"):
                invoice_lines |= invoice_lines.browse(vals["invoice_line_id"])
            self._b2b_lock_invoice_lines(invoice_lines)
        return super().write(vals)

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    @api.model
    def _b2b_lock_invoice_lines(self, invoice_lines):
        """Serialize returns of the same invoice lines.

        The row lock makes a concurrent transaction wait. Odoo runs transactions in
        REPEATABLE READ, so a waiting transaction whose snapshot predates our
        commit would still not see our return lines once it gets the lock: the
        no-op UPDATE makes PostgreSQL refuse it with a serialization failure
        instead, and Odoo retries that request on a fresh snapshot, which sees our
        quantities. ``FOR NO KEY UPDATE`` (not ``FOR UPDATE``) because inserting a
        return line takes a key-share lock on the referenced invoice line: two
        concurrent inserts would otherwise deadlock.
        """
        ids = tuple(sorted(set(invoice_lines.ids)))
        if not ids:
            return
        self.env.cr.execute(
            SQL(
                "SELECT id FROM account_move_line WHERE id IN %s ORDER BY id FOR NO KEY UPDATE",
                ids,
            )
        )
        self.env.cr.execute(
            SQL("UPDATE account_move_line SET write_date = write_date WHERE id IN %s", ids)
        )

    @api.model
    def _b2b_requested_quantities(self, invoice_lines):
        """{invoice line id: quantity in returns that are not cancelled/rejected}."""
        if not invoice_lines.ids:
            return {}
        # every customer's returns count, whoever asks
        groups = self.sudo()._read_group(
            [
                ("invoice_line_id", "in", invoice_lines.ids),
                ("rma_id.state", "not in", INACTIVE_STATES),
            ],
            ["invoice_line_id"],
            ["quantity:sum"],
        )
        return {inv_line.id: qty for inv_line, qty in groups}
