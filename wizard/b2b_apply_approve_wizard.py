# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class B2bApplyApproveWizard(models.TransientModel):
    """A2: profile, credit limit and pricelist of the new customer, then approve."""

    _name = "b2b.apply.approve.wizard"
    _description = "Approve a B2B application"

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    lead_id = fields.Many2one("crm.lead", string="Application", required=True, readonly=True)
    partner_name = fields.Char(related="lead_id.partner_name", string="Company")
    email_from = fields.Char(related="lead_id.email_from", string="E-mail / login")
    b2b_duplicate_note = fields.Text(related="lead_id.b2b_duplicate_note")
    profile_id = fields.Many2one("b2b.profile", default=lambda self: self._default_profile_id())
    credit_limit = fields.Float()
    pricelist_id = fields.Many2one("product.pricelist")

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model
    def _default_profile_id(self):
        return self.env["crm.lead"]._b2b_default_approval_values()["profile"].id

    # ------------------------------------------------------------
    # ACTION
    # ------------------------------------------------------------

    def action_approve(self):
        self.ensure_one()
        lead = self.lead_id
        lead._b2b_approve(
            profile=self.profile_id,
            credit_limit=self.credit_limit,
            pricelist=self.pricelist_id,
        )
        if not lead.stage_id.is_won:
            lead.action_set_won()
        return {"type": "ir.actions.act_window_close"}
