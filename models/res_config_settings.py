# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.tools import str2bool

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
    b2b_perm_payments = fields.Boolean("B2B payments", default=True)
    b2b_perm_statements = fields.Boolean("B2B statements", default=True)
    b2b_perm_returns = fields.Boolean("B2B returns", default=True)
    b2b_perm_documents = fields.Boolean("B2B documents", default=True)
    b2b_perm_support = fields.Boolean("B2B support", default=True)
    b2b_perm_administer = fields.Boolean("B2B user administration", default=True)
    b2b_perm_approve = fields.Boolean("B2B order approvals", default=True)

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
        ICP = self.env["ir.config_parameter"].sudo()
        return {
            name: str2bool(ICP.get_param(ICP_PREFIX + name, "True"), True)
            for name in PERMISSION_NAMES
        }
