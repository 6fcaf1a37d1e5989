# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .b2b_quick_order import MAX_QTY
from .b2b_shopping_list import MAX_LIST_LINES

MAX_NOTE = 256


class B2bShoppingListLine(models.Model):
    _name = "b2b.shopping.list.line"
    _description = "B2B shopping list line"
    _order = "list_id, sequence, id"

    _product_uniq = models.Constraint(
        "UNIQUE(list_id, product_id)", "A product is on a shopping list once."
    )
    _quantity_positive = models.Constraint(
        "CHECK(quantity > 0)", "The quantity on a shopping list must be positive."
    )

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    list_id = fields.Many2one(
        "b2b.shopping.list", string="Shopping list", required=True, index=True, ondelete="cascade"
    )
    sequence = fields.Integer(default=10)
    # a list survives archiving its products: the line stays, shown unavailable
    product_id = fields.Many2one("product.product", required=True, index=True, ondelete="cascade")
    quantity = fields.Float(required=True, default=1.0, digits="Product Unit")
    note = fields.Char()
    partner_id = fields.Many2one(related="list_id.partner_id", store=True, index=True)
    product_active = fields.Boolean(
        related="product_id.active",
        string="Product active",
        help="An archived product stays on the list, shown as no longer available.",
    )

    # ------------------------------------------------------------
    # CONSTRAINT
    # ------------------------------------------------------------

    @api.constrains("list_id", "quantity")
    def _check_list_limits(self):
        for line in self:
            if line.quantity > MAX_QTY:
                raise ValidationError(
                    self.env._("The quantity is too large (at most %(max)s).", max=MAX_QTY)
                )
        counts = self._read_group([("list_id", "in", self.list_id.ids)], ["list_id"], ["__count"])
        for shopping_list, count in counts:
            if count > MAX_LIST_LINES:
                raise ValidationError(
                    self.env._(
                        "%(list)s: a shopping list holds at most %(limit)s lines.",
                        list=shopping_list.display_name,
                        limit=MAX_LIST_LINES,
                    )
                )
