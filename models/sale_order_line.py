# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    # Q1: what the customer asked for in the quote request (kept when the
    # salesperson changes the quantity or the price)
    b2b_requested_qty = fields.Float(
        "Requested quantity", digits="Product Unit", copy=False, readonly=True
    )
    b2b_wished_price = fields.Monetary(
        "Wished unit price",
        currency_field="currency_id",
        copy=False,
        readonly=True,
        help="The unit price the customer asked for in the quote request (empty: none).",
    )
