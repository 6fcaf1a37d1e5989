# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from ..models.b2b_statement_builder import AGING_BUCKETS


class ReportB2bStatement(models.AbstractModel):
    """Account statement PDF of customer companies (``data``: date_from, date_to,
    company_id; default: this year in the current company)."""

    _name = "report.b2b_portal.report_b2b_statement"
    _description = "B2B account statement report"

    @api.model
    def _get_report_values(self, docids, data=None):
        data = data or {}
        Builder = self.env["b2b.statement.builder"]
        default_from, default_to = Builder._b2b_default_period()
        date_from = fields.Date.to_date(data.get("date_from")) or default_from
        date_to = fields.Date.to_date(data.get("date_to")) or default_to
        company = self.env.company
        # only a company the caller works in (the portal route passes the website's)
        if data.get("company_id") in self.env.companies.ids:
            company = self.env["res.company"].browse(data["company_id"])
        partners = self.env["res.partner"].browse(docids)
        # the builder refuses anyone who may not read these statements
        statements = {
            partner.id: Builder._b2b_statement(partner, date_from, date_to, company=company)
            for partner in partners
        }
        return {
            "doc_ids": docids,
            "doc_model": "res.partner",
            "docs": partners,
            "statements": statements,
            "company": company,
            "aging_buckets": [key for key, _low, _high in AGING_BUCKETS],
        }


class ReportB2bReconciliation(models.AbstractModel):
    """Reconciliation statement PDF: the frozen figures and the movements."""

    _name = "report.b2b_portal.report_b2b_reconciliation"
    _description = "B2B reconciliation statement report"

    @api.model
    def _get_report_values(self, docids, data=None):
        recs = self.env["b2b.reconciliation"].browse(docids)
        recs.check_access("read")
        Builder = self.env["b2b.statement.builder"]
        statements = {
            rec.id: Builder._b2b_statement(
                rec.partner_id, rec.date_from, rec.date_to, company=rec.company_id
            )
            for rec in recs
        }
        return {
            "doc_ids": docids,
            "doc_model": "b2b.reconciliation",
            "docs": recs,
            "statements": statements,
            "aging_buckets": [key for key, _low, _high in AGING_BUCKETS],
        }
