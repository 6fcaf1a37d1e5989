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

from odoo import api, models
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


class ResUsers(models.Model):
    _inherit = "res.users"

    def _b2b_api_accesses(self):
        """(sudo) Active accesses of this person with API access effective."""
        self.ensure_one()
        return (
            self.sudo()
            .b2b_access_ids.filtered(lambda a: a.state == "active")
            .filtered(lambda a: "api" in a._b2b_effective_permissions())
        )

    def _b2b_api_key_allowed(self):
        """Whether this person may hold API keys (shown in /my/security)."""
        self.ensure_one()
        return bool(self._b2b_api_accesses())

    @api.model
    def _b2b_api_filter_accesses(self, user, accesses):
        """The accesses the resolver may use for ``user`` in this request: in a call
        authenticated by an API key, only those with API access."""
        if request and getattr(request, "_b2b_api_key_uid", None) == user.id:
            return accesses.filtered(lambda a: "api" in a._b2b_effective_permissions())
        return accesses
