# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    # The account statement (b2b.statement.builder) reads the posted items of one
    # partner by date: opening/closing sums become index-only scans and page 1 of
    # a period an ordered range scan (tools/bench_statement.py: EXPLAIN showed a
    # bitmap scan of all the partner's items filtered by date without it). The
    # statement's order (date, move_name, id) in the key makes every page, and
    # every batch of the XLSX file, an ordered range from its start row (keyset)
    # instead of a bitmap scan and a sort of all the rows after it.
    _b2b_partner_date_idx = models.Index(
        "(partner_id, date, move_name, id) INCLUDE (company_id, account_id, balance)"
        " WHERE parent_state = 'posted'"
    )

    # ------------------------------------------------------------
    # COMPUTE
    # ------------------------------------------------------------

    @api.depends("move_id", "ref", "product_id", "quantity")
    @api.depends_context("b2b_rma_line_label")
    def _compute_display_name(self):
        super()._compute_display_name()
        if not self.env.context.get("b2b_rma_line_label"):
            return
        # the lines of one invoice, told apart by product and quantity (RMA form)
        for line in self:
            line.display_name = self.env._(
                "%(product)s (%(qty)s invoiced)",
                product=line.product_id.display_name or line.name or "",
                qty=f"{line.quantity:g}",
            )
