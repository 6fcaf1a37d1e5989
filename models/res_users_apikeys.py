# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""I1 API access: portal API keys only for people with the API access permission.

Odoo lets a portal user create API keys when the system parameter
``portal.allow_api_keys`` is set. For a portal user this addon adds:

* a key is created only by a person with API access for at least one company;
* a key authenticates only while its owner still has API access somewhere (a
  passive or removed access, or the permission taken away, refuses it at the
  next call);
* a call made with a key acts for the companies where the owner has API access
  only, each with its own permissions (``res.users._b2b_api_filter_accesses``);
  the context key ``b2b_partner_id`` narrows it to one of them.

Staff (internal users) keep Odoo's own rules.
"""

from odoo import models
from odoo.exceptions import AccessDenied, AccessError
from odoo.http import request


class ResUsersApikeys(models.Model):
    _inherit = "res.users.apikeys"

    def _check_credentials(self, *, scope, key):
        uid = super()._check_credentials(scope=scope, key=key)
        if not uid:
            return uid
        # authentication runs before the request has a user: read as the key's owner
        user = self.env(user=uid, su=True)["res.users"].browse(uid)
        if user._is_internal():
            return uid
        if not user._b2b_api_accesses():
            # checked only after a valid key: it tells nothing to a guesser
            raise AccessDenied(
                self.env._(
                    "This API key cannot be used: its owner has no API access (any "
                    "more). Please ask your supplier."
                )
            )
        if request:
            # this request acts through a key: the resolver keeps only the
            # companies where the owner has API access
            request._b2b_api_key_uid = uid
        return uid

    def action_b2b_revoke(self):
        """Staff revoke a portal user's key from the B2B user form."""
        if not self.env.user.has_group("sales_team.group_sale_salesman"):
            raise AccessError(self.env._("Only your staff can revoke the keys of a B2B user."))
        # the rule shows staff the keys of B2B users only: read them as staff first
        self.check_access("read")
        if any(not key.user_id.share for key in self.sudo()):
            raise AccessError(self.env._("Only the keys of B2B users are revoked here."))
        self.sudo()._remove()
        return True
