# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""I1: the key wizard creates a portal key only for people with API access."""

from odoo import models
from odoo.exceptions import AccessError


class ResUsersApikeysDescription(models.TransientModel):
    _inherit = "res.users.apikeys.description"

    def check_access_make_key(self):
        res = super().check_access_make_key()
        user = self.env.user
        if not user._is_internal() and not user.sudo()._b2b_api_accesses():
            raise AccessError(
                self.env._(
                    "You cannot create an API key: API access is not part of your "
                    "permissions. Please ask your administrator."
                )
            )
        return res
