# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError


class B2bReconciliationWizard(models.TransientModel):
    _name = "b2b.reconciliation.wizard"
    _description = "Issue reconciliation statements"

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    partner_ids = fields.Many2many(
        "res.partner", string="Customers", required=True, domain=[("is_company", "=", True)]
    )
    date_from = fields.Date("From", required=True, default=lambda self: self._default_dates()[0])
    date_to = fields.Date("To", required=True, default=lambda self: self._default_dates()[1])
    send = fields.Boolean("Send by e-mail", default=True)

    @api.model
    def _default_dates(self):
        date_to = fields.Date.context_today(self).replace(day=1) - timedelta(days=1)
        return date_to.replace(day=1), date_to

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        if "partner_ids" in fields_list and not res.get("partner_ids"):
            if self.env.context.get("active_model") == "res.partner":
                partners = self.env["res.partner"].browse(self.env.context.get("active_ids", []))
                res["partner_ids"] = [fields.Command.set(partners.commercial_partner_id.ids)]
        return res

    # ------------------------------------------------------------
    # ACTION
    # ------------------------------------------------------------

    def action_issue(self):
        self.ensure_one()
        if self.date_from > self.date_to:
            raise UserError(self.env._("The period must start before it ends."))
        recs = self.env["b2b.reconciliation"]._b2b_issue_for(
            self.partner_ids.commercial_partner_id, self.date_from, self.date_to, send=self.send
        )
        if not recs:
            raise UserError(
                self.env._(
                    "Every selected customer already has a statement for this period. "
                    "Cancel it first to issue a new one."
                )
            )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "b2b_portal.b2b_reconciliation_action"
        )
        action["domain"] = [("id", "in", recs.ids)]
        return action
