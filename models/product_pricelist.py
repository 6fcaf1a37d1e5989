# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The pricelist rules of a batch of cart lines searched once (``b2b_batch_lines``)."""

from odoo import models

from .b2b_batch_lines import batch_of


class ProductPricelist(models.Model):
    _inherit = "product.pricelist"

    def _get_applicable_rules(self, products, date, **kwargs):
        batch = batch_of(self.env)
        if (
            not batch
            or not self
            or kwargs
            or products._name != "product.product"
            or not set(products.ids) <= batch["product_ids"]
        ):
            return super()._get_applicable_rules(products, date, **kwargs)
        key = (self.id, date, self.env.su, self.env.uid)
        if key not in batch["rules"]:
            everything = products.browse(sorted(batch["product_ids"]))
            batch["rules"][key] = super()._get_applicable_rules(everything, date)
        return batch["rules"][key].with_env(self.env)
