# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.tools import ormcache, str2bool

from .b2b_permissions import ICP_PREFIX, PERMISSION_NAMES


class ResConfigSettings(models.TransientModel):
    """Company-wide switches: a permission is effective only when it is on here,
    in the profile and on the B2B user."""

    _inherit = "res.config.settings"

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    b2b_perm_dashboard = fields.Boolean("B2B dashboard", default=True)
    b2b_perm_profile = fields.Boolean("B2B profile", default=True)
    b2b_perm_orders = fields.Boolean("B2B orders", default=True)
    b2b_perm_quotes = fields.Boolean("B2B quote requests", default=True)
    b2b_perm_payments = fields.Boolean("B2B payments", default=True)
    b2b_perm_statements = fields.Boolean("B2B statements", default=True)
    b2b_perm_returns = fields.Boolean("B2B returns", default=True)
    b2b_perm_documents = fields.Boolean("B2B documents", default=True)
    b2b_perm_support = fields.Boolean("B2B support", default=True)
    b2b_reconciliation_monthly = fields.Boolean(
        "Monthly reconciliation statements",
        config_parameter="b2b_portal.reconciliation_monthly",
        help="On the first day of every month, issue and e-mail a reconciliation "
        "statement of the previous month to every B2B customer.",
    )
    b2b_apply_profile_id = fields.Many2one(
        "b2b.profile",
        string="Profile of approved applicants",
        config_parameter="b2b_portal.apply_profile_id",
        help="Given to the B2B user of an application approved without the wizard "
        "(e.g. marked won from the pipeline).",
    )
    b2b_apply_rate_limit = fields.Integer(
        "Applications per IP and hour",
        config_parameter="b2b_portal.apply_rate_limit",
        default=3,
    )
    b2b_credit_limit_mode = fields.Selection(
        [
            ("block", "Block the order"),
            ("approval", "Keep it as a quotation waiting for approval"),
        ],
        string="Portal orders beyond the credit limit",
        default="block",
        config_parameter="b2b_portal.credit_limit_mode",
        help="What happens when a portal order would take the customer beyond its credit limit.",
    )
    b2b_open_signup = fields.Boolean(
        "Open sign-up",
        config_parameter="b2b_portal.open_signup",
        help="Let anybody create a portal account with Odoo's sign-up page (the "
        "website's Customer Account setting then applies). Off: accounts are created "
        "by invitation only and the sign-up link of the login page leads to the B2B "
        "application form.",
    )
    b2b_perm_administer = fields.Boolean("B2B user administration", default=True)
    b2b_perm_approve = fields.Boolean("B2B order approvals", default=True)
    b2b_perm_api = fields.Boolean("B2B API access", default=True)

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model
    def get_values(self):
        res = super().get_values()
        for name, on in self._b2b_global_permissions().items():
            res[f"b2b_perm_{name}"] = on
        return res

    def set_values(self):
        super().set_values()
        ICP = self.env["ir.config_parameter"].sudo()
        changed = False
        current = self._b2b_global_permissions()
        for name in PERMISSION_NAMES:
            value = self[f"b2b_perm_{name}"]
            if value != current[name]:
                ICP.set_param(ICP_PREFIX + name, str(value))
                changed = True
        if changed:
            self.env["res.users"]._b2b_invalidate()

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    @api.model
    def _b2b_global_permissions(self):
        """{perm: bool}; a missing parameter means on."""
        return dict(self._b2b_global_permissions_cached())

    @api.model
    @ormcache(cache="stable")
    def _b2b_global_permissions_cached(self):
        """The switches read in one query, cached like the parameters themselves
        (every change of a system parameter clears this cache)."""
        params = (
            self.env["ir.config_parameter"]
            .sudo()
            .search_fetch([("key", "in", [ICP_PREFIX + n for n in PERMISSION_NAMES])], ["value"])
        )
        values = {param.key: param.value for param in params}
        return tuple(
            (name, str2bool(values.get(ICP_PREFIX + name, "True"), True))
            for name in PERMISSION_NAMES
        )
