# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.fields import Domain


class ProductProduct(models.Model):
    _inherit = "product.product"

    def _is_add_to_cart_allowed(self):
        # U6: checked before the stock test reads the product as the user (the
        # record rule would raise an AccessError instead of answering False)
        user = self.env["website"]._b2b_request_user()
        if user and not user._b2b_allowed_products(self):
            return False
        return super()._is_add_to_cart_allowed()

    def _b2b_unavailable_reasons(self, user, website):
        """{product: reason} for these products: why ``user`` cannot order each
        on ``website`` now, or "" (archived, not sold on the website, not allowed
        for the company). The checks of order again and of shopping lists; a fixed
        number of queries whatever the number of products."""
        _ = self.env._
        products = self.with_context(active_test=False)
        sellable = products.search(
            Domain("id", "in", products.ids) & Domain(website.sale_product_domain())
        )
        allowed = user._b2b_allowed_products(sellable)
        reasons = {}
        for product in products:
            if not product.active:
                reasons[product] = _("This product is no longer available.")
            elif product not in sellable:
                reasons[product] = _("This product is not sold online any more.")
            elif product not in allowed:
                reasons[product] = _("This product is not available for your company.")
            else:
                reasons[product] = ""
        return reasons
