# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    _b2b_code_uniq = models.Constraint(
        "UNIQUE(b2b_code)", "Another customer already has this B2B customer code."
    )

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    b2b_code = fields.Char(
        "Customer code",
        copy=False,
        index="btree_not_null",
        tracking=True,
        help="Unique code of the B2B customer, given from a sequence when the first "
        "B2B user is added.",
    )
    b2b_access_ids = fields.One2many("b2b.access", "partner_id", string="B2B users")
    b2b_access_count = fields.Integer(
        compute="_compute_b2b_access_count", string="B2B user count"
    )
    b2b_rma_count = fields.Integer(
        compute="_compute_b2b_rma_count",
        string="Returns",
        groups="sales_team.group_sale_salesman,account.group_account_invoice",
    )
    b2b_reconciliation_count = fields.Integer(
        compute="_compute_b2b_reconciliation_count",
        string="Reconciliation statements",
        groups="account.group_account_invoice,account.group_account_readonly",
    )

    # ------------------------------------------------------------
    # COMPUTE
    # ------------------------------------------------------------

    def _compute_b2b_access_count(self):
        counts = dict(
            self.env["b2b.access"]._read_group(
                [("partner_id", "in", self.commercial_partner_id.ids)],
                ["partner_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.b2b_access_count = counts.get(partner.commercial_partner_id, 0)

    def _compute_b2b_rma_count(self):
        counts = dict(
            self.env["b2b.rma"]._read_group(
                [("partner_id", "in", self.commercial_partner_id.ids)],
                ["partner_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.b2b_rma_count = counts.get(partner.commercial_partner_id, 0)

    def _compute_b2b_reconciliation_count(self):
        counts = dict(
            self.env["b2b.reconciliation"]._read_group(
                [("partner_id", "in", self.commercial_partner_id.ids)],
                ["partner_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.b2b_reconciliation_count = counts.get(partner.commercial_partner_id, 0)

    # ------------------------------------------------------------
    # ACTION
    # ------------------------------------------------------------

    def action_b2b_issue_reconciliation(self):
        """Open the wizard that issues a reconciliation statement for this company."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "b2b_portal.b2b_reconciliation_wizard_action"
        )
        action["context"] = {
            "default_partner_ids": [fields.Command.set(self.commercial_partner_id.ids)]
        }
        return action

    def action_view_b2b_reconciliations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "b2b_portal.b2b_reconciliation_action"
        )
        company = self.commercial_partner_id
        action["domain"] = [("partner_id", "=", company.id)]
        action["context"] = {"default_partner_id": company.id}
        return action

    def action_b2b_grant(self):
        """One-step 'Grant B2B access' from a company or one of its contacts."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "b2b_portal.b2b_grant_wizard_action"
        )
        action["context"] = {"default_partner_id": self.id}
        return action

    def action_view_b2b_accesses(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("b2b_portal.b2b_access_action")
        company = self.commercial_partner_id
        action["domain"] = [("partner_id", "=", company.id)]
        action["context"] = {"default_partner_id": company.id, "active_test": False}
        return action

    def action_view_b2b_rmas(self):
        self.ensure_one()
        company = self.commercial_partner_id
        action = self.env["ir.actions.act_window"]._for_xml_id("b2b_portal.b2b_rma_action")
        action["domain"] = [("partner_id", "=", company.id)]
        action["context"] = {"default_partner_id": company.id}
        return action

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    def _b2b_ensure_code(self):
        """Give every B2B customer company a unique code from the sequence."""
        for partner in self.sudo().filtered(lambda p: not p.b2b_code):
            partner.b2b_code = self.env["ir.sequence"].sudo().next_by_code("b2b.customer.code")
