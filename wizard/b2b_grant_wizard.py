# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import email_normalize


class B2bGrantWizard(models.TransientModel):
    """U9: grant B2B access in one step from a company or one of its contacts."""

    _name = "b2b.grant.wizard"
    _description = "Grant B2B access"

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    partner_id = fields.Many2one("res.partner", string="Company or contact", required=True)
    customer_id = fields.Many2one("res.partner", compute="_compute_customer_id")
    name = fields.Char(compute="_compute_from_partner", store=True, readonly=False, precompute=True)
    login = fields.Char(
        "User code / e-mail",
        compute="_compute_from_partner",
        store=True,
        readonly=False,
        precompute=True,
    )
    profile_id = fields.Many2one("b2b.profile")
    existing_user_id = fields.Many2one(
        "res.users", compute="_compute_existing_user_id", string="Existing login"
    )
    send_credentials = fields.Boolean(
        default=True, help="E-mail the login, the portal URL and a set-password link."
    )

    # ------------------------------------------------------------
    # COMPUTE
    # ------------------------------------------------------------

    @api.depends("partner_id")
    def _compute_customer_id(self):
        for wizard in self:
            wizard.customer_id = wizard.partner_id.commercial_partner_id

    @api.depends("partner_id")
    def _compute_from_partner(self):
        for wizard in self:
            contact = wizard.partner_id if not wizard.partner_id.is_company else False
            wizard.name = contact.name if contact else False
            wizard.login = (contact.email if contact else False) or False

    @api.depends("login")
    def _compute_existing_user_id(self):
        Users = self.env["res.users"].sudo().with_context(active_test=False)
        for wizard in self:
            login = (wizard.login or "").strip()
            wizard.existing_user_id = login and Users._b2b_find_login(login)

    # ------------------------------------------------------------
    # ACTION
    # ------------------------------------------------------------

    def action_grant(self):
        self.ensure_one()
        customer = self.customer_id
        if not customer.is_company:
            raise UserError(
                self.env._(
                    "%(partner)s is not a company: B2B access is granted for a customer "
                    "company (or one of its contacts).",
                    partner=customer.display_name,
                )
            )
        user = self.existing_user_id
        if not user and not self.partner_id.is_company and not self.partner_id.user_ids:
            # the contact itself becomes the person of the new login
            user = self._create_user_for_contact(self.partner_id)
        vals = {"partner_id": customer.id, "profile_id": self.profile_id.id}
        if user:
            existing = (
                self.env["b2b.access"]
                .with_context(active_test=False)
                .search([("user_id", "=", user.id), ("partner_id", "=", customer.id)], limit=1)
            )
            if existing:
                existing.action_activate()
                access = existing
            else:
                access = self.env["b2b.access"].create({**vals, "user_id": user.id})
        else:
            access = self.env["b2b.access"].create({**vals, "login": self.login, "name": self.name})
        if self.send_credentials:
            access.action_send_credentials()
        return {
            "type": "ir.actions.act_window",
            "res_model": "b2b.access",
            "res_id": access.id,
            "view_mode": "form",
            "target": "current",
        }

    def _create_user_for_contact(self, contact):
        login = (self.login or "").strip()
        if not login:
            raise UserError(self.env._("A B2B user needs a login (user code or e-mail)."))
        if not contact.email and email_normalize(login):
            contact.email = login
        return (
            self.env["res.users"]
            .sudo()
            .with_context(no_reset_password=True)
            .create(
                {
                    "login": login,
                    "partner_id": contact.id,
                    "group_ids": [(6, 0, [self.env.ref("base.group_portal").id])],
                    "company_id": self.env.company.id,
                    "company_ids": [(6, 0, [self.env.company.id])],
                }
            )
        )
