# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    b2b_rma_id = fields.Many2one(
        "b2b.rma",
        "Return (RMA)",
        index="btree_not_null",
        readonly=True,
        copy=False,
        help="The return this credit note refunds.",
    )
    b2b_rma_count = fields.Integer(
        compute="_compute_b2b_rma_count",
        string="Returns",
        groups="sales_team.group_sale_salesman,account.group_account_invoice",
    )

    # ------------------------------------------------------------
    # COMPUTE
    # ------------------------------------------------------------

    def _compute_b2b_rma_count(self):
        counts = dict(
            self.env["b2b.rma"]._read_group(
                [("invoice_id", "in", self.ids)], ["invoice_id"], ["__count"]
            )
        )
        for move in self:
            move.b2b_rma_count = counts.get(move, 0)

    # ------------------------------------------------------------
    # ACTION
    # ------------------------------------------------------------

    def action_view_b2b_rmas(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("b2b_portal.b2b_rma_action")
        action["domain"] = [("invoice_id", "=", self.id)]
        action["context"] = {
            "default_invoice_id": self.id,
            "default_partner_id": self.commercial_partner_id.id,
        }
        return action
