# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class ProductProduct(models.Model):
    _inherit = "product.product"

    def _is_add_to_cart_allowed(self):
        # U6: checked before the stock test reads the product as the user (the
        # record rule would raise an AccessError instead of answering False)
        user = self.env["website"]._b2b_request_user()
        if user and not user._b2b_allowed_products(self):
            return False
        return super()._is_add_to_cart_allowed()
