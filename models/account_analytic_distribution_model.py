# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""No analytic distribution model searched per cart line of a batch when there is
none (``b2b_batch_lines``)."""

from odoo import models

from .b2b_batch_lines import batch_of


class AccountAnalyticDistributionModel(models.Model):
    _inherit = "account.analytic.distribution.model"

    def _get_applicable_models(self, vals):
        batch = batch_of(self.env)
        if batch is not None:
            if "any_model" not in batch:
                batch["any_model"] = bool(self.sudo().search_count([], limit=1))
            if not batch["any_model"]:
                return self.browse()
        return super()._get_applicable_models(vals)
