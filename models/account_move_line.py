# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    # The account statement (b2b.statement.builder) reads the posted items of one
    # partner by date: opening/closing sums become index-only scans and page 1 of
    # a period an ordered range scan (tools/bench_statement.py: EXPLAIN showed a
    # bitmap scan of all the partner's items filtered by date without it).
    _b2b_partner_date_idx = models.Index(
        "(partner_id, date) INCLUDE (company_id, account_id, balance) "
        "WHERE parent_state = 'posted'"
    )
