# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class B2bApplyRejectWizard(models.TransientModel):
    """A3: reject with a reason; the applicant gets the rejection e-mail."""

    _name = "b2b.apply.reject.wizard"
    _description = "Reject a B2B application"

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    lead_id = fields.Many2one("crm.lead", string="Application", required=True, readonly=True)
    reason = fields.Text(required=True, help="Sent to the applicant in the rejection e-mail.")
    lost_reason_id = fields.Many2one("crm.lost.reason", string="Lost reason")

    # ------------------------------------------------------------
    # ACTION
    # ------------------------------------------------------------

    def action_reject(self):
        self.ensure_one()
        lead = self.lead_id
        lead.write({"b2b_reject_reason": self.reason})
        lead._b2b_reject(reason=self.reason)
        if lead.active:
            lead.action_set_lost(lost_reason_id=self.lost_reason_id.id)
        return {"type": "ir.actions.act_window_close"}
