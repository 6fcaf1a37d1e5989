# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import math

from werkzeug.exceptions import Forbidden, NotFound

from odoo import http
from odoo.exceptions import UserError
from odoo.http import request
from odoo.tools import email_normalize

from odoo.addons.portal.controllers.portal import CustomerPortal

from ..models.b2b_permissions import PERMISSION_NAMES, PERMISSIONS
from .main import _b2b_page, _b2b_searchbar

LIMIT_FIELDS = ("max_order_amount", "max_month_amount")
NAME_MAX_LENGTH = 256


class B2bAdminPortal(CustomerPortal):
    """U12: a customer administrator manages the B2B users of the current company,
    never beyond their own rights, never another company's, never themselves."""

    # ------------------------------------------------------------
    # Checks
    # ------------------------------------------------------------

    def _b2b_admin_access(self):
        """(sudo) The current access of the person when it may administer, else 403."""
        user = request.env.user
        user._b2b_require("administer")
        return user._b2b_access_for()

    def _b2b_admin_target(self, admin_sudo, access_id):
        """(sudo) A B2B user of the administrator's company; 404 for anything else."""
        target_sudo = (
            request.env["b2b.access"]
            .sudo()
            .search([("id", "=", access_id), ("partner_id", "=", admin_sudo.partner_id.id)])
        )
        if not target_sudo:
            raise NotFound()
        return target_sudo

    def _b2b_admin_vals(self, admin_sudo, post):
        """Whitelisted values of the user form: permissions, profile, limits."""
        vals = {}
        mine = admin_sudo._b2b_effective_permissions()
        posted = set(request.httprequest.form.getlist("perms"))
        for name in PERMISSION_NAMES:
            if name in posted:
                vals[f"perm_{name}"] = True
            elif name in mine:
                # an unticked box of a permission the admin has: taken away
                vals[f"perm_{name}"] = False
        try:
            vals["profile_id"] = int(post.get("profile_id") or 0) or False
            for field in LIMIT_FIELDS:
                vals[field] = float((post.get(field) or "0").replace(",", "."))
                if not math.isfinite(vals[field]):  # "nan", "inf", "1e309"
                    raise ValueError(field)
        except ValueError:
            raise UserError(request.env._("Please enter valid numbers.")) from None
        if any(vals[field] < 0 for field in LIMIT_FIELDS):
            raise UserError(request.env._("Spending limits cannot be negative."))
        return vals

    def _b2b_admin_log(self, target_sudo, body):
        """Chatter line on the access, authored by the administrator."""
        target_sudo.message_post(
            body=body,
            author_id=request.env.user.partner_id.id,
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )

    # ------------------------------------------------------------
    # Home tile
    # ------------------------------------------------------------

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "b2b_user_count" in counters:
            user = request.env.user
            access = user._b2b_access_for() if user.b2b_managed else None
            values["b2b_user_count"] = (
                request.env["b2b.access"]
                .sudo()
                .search_count([("partner_id", "=", access.partner_id.id)])
                if access and "administer" in access._b2b_effective_permissions()
                else 0
            )
        return values

    # ------------------------------------------------------------
    # Pages
    # ------------------------------------------------------------

    def _b2b_users_searchbar_sortings(self):
        _ = request.env._
        return {
            "name": {"label": _("Name"), "order": "user_id"},
            "state": {"label": _("State"), "order": "state, user_id"},
            "profile": {"label": _("Profile"), "order": "profile_id, user_id"},
        }

    def _b2b_users_searchbar_filters(self):
        _ = request.env._
        return {
            "all": {"label": _("All"), "domain": []},
            "active": {"label": _("Active"), "domain": [("state", "=", "active")]},
            "passive": {"label": _("Passive"), "domain": [("state", "=", "passive")]},
        }

    @http.route(
        ["/my/b2b/users", "/my/b2b/users/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
        readonly=True,
        b2b_permissions=("administer",),
    )
    def b2b_users(self, page=1, sortby="name", filterby="all", message=None, **kw):
        admin_sudo = self._b2b_admin_access()
        sortings = self._b2b_users_searchbar_sortings()
        filters = self._b2b_users_searchbar_filters()
        sortby = sortby if sortby in sortings else "name"
        filterby = filterby if filterby in filters else "all"
        domain = [("partner_id", "=", admin_sudo.partner_id.id)] + filters[filterby]["domain"]
        accesses_sudo, pager = _b2b_page(
            request.env["b2b.access"].sudo(),
            domain,
            "/my/b2b/users",
            page,
            sortings[sortby]["order"],
            self._items_per_page,
            {"sortby": sortby, "filterby": filterby},
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "b2b_users",
                "manageable_ids": set(admin_sudo._b2b_admin_manageable(accesses_sudo).ids),
                "default_url": "/my/b2b/users",
                "accesses": accesses_sudo,
                "admin_access": admin_sudo,
                "permission_labels": dict(PERMISSIONS),
                "pager": pager,
                **_b2b_searchbar(sortings, sortby, filters, filterby),
                "message": message,
            }
        )
        return request.render("b2b_portal.portal_my_b2b_users", values)

    def _b2b_user_form_values(self, admin_sudo, target_sudo=None, error=None, post=None):
        values = self._prepare_portal_layout_values()
        if post:
            form_perms = set(request.httprequest.form.getlist("perms"))
            try:
                form_profile_id = int(post.get("profile_id") or 0)
            except ValueError:
                form_profile_id = 0
            form_limits = {field: post.get(field) or "0" for field in LIMIT_FIELDS}
        elif target_sudo:
            form_perms = {n for n in PERMISSION_NAMES if target_sudo[f"perm_{n}"]}
            form_profile_id = target_sudo.profile_id.id
            form_limits = {field: f"{target_sudo[field]:.2f}" for field in LIMIT_FIELDS}
        else:
            form_perms, form_profile_id = set(), 0
            form_limits = dict.fromkeys(LIMIT_FIELDS, 0)
        values.update(
            {
                "form_perms": form_perms,
                "form_profile_id": form_profile_id,
                "form_limits": form_limits,
            }
        )
        values.update(
            {
                "page_name": "b2b_user",
                "admin_access": admin_sudo,
                "target": target_sudo,
                "can_manage": bool(target_sudo) and admin_sudo._b2b_admin_can_manage(target_sudo),
                "is_self": target_sudo == admin_sudo,
                "admin_permissions": admin_sudo._b2b_effective_permissions(),
                "permissions": PERMISSIONS,
                "profiles": admin_sudo._b2b_admin_profiles(),
                "error": error,
                "post": post or {},
            }
        )
        return values

    @http.route(
        "/my/b2b/users/invite",
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
        readonly=True,
        b2b_permissions=("administer",),
    )
    def b2b_user_invite_form(self, **kw):
        admin_sudo = self._b2b_admin_access()
        return request.render(
            "b2b_portal.portal_my_b2b_user", self._b2b_user_form_values(admin_sudo)
        )

    @http.route(
        "/my/b2b/users/invite",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
        b2b_permissions=("administer",),
    )
    def b2b_user_invite(self, **post):
        admin_sudo = self._b2b_admin_access()
        _ = request.env._
        name = (post.get("name") or "").strip()[:NAME_MAX_LENGTH]
        email = email_normalize((post.get("login") or "").strip())
        try:
            vals = self._b2b_admin_vals(admin_sudo, post)
            if not name or not (post.get("login") or "").strip():
                raise UserError(_("Please give the name and the e-mail of the person."))
            if not email:
                raise UserError(_("Please give a valid e-mail address as login."))
            admin_sudo._b2b_admin_check(request.env["b2b.access"], vals)
            target_sudo = admin_sudo._b2b_admin_invite(name, email, vals)
        except UserError as e:
            values = self._b2b_user_form_values(admin_sudo, error=e.args[0], post=post)
            return request.render("b2b_portal.portal_my_b2b_user", values)
        if target_sudo:
            self._b2b_admin_log(
                target_sudo,
                _(
                    "Invited in the portal by %(name)s (%(perms)s).",
                    name=request.env.user.name,
                    perms=target_sudo.effective_permissions,
                ),
            )
            try:
                target_sudo.action_send_credentials()
            except UserError as e:
                target_sudo.message_post(body=e.args[0])
        # one answer whether the address had a login or not (no enumeration)
        return request.redirect("/my/b2b/users?message=invited")

    @http.route(
        "/my/b2b/users/<int:access_id>",
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
        readonly=True,
        b2b_permissions=("administer",),
    )
    def b2b_user_form(self, access_id, **kw):
        admin_sudo = self._b2b_admin_access()
        target_sudo = self._b2b_admin_target(admin_sudo, access_id)
        return request.render(
            "b2b_portal.portal_my_b2b_user", self._b2b_user_form_values(admin_sudo, target_sudo)
        )

    @http.route(
        "/my/b2b/users/<int:access_id>",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
        b2b_permissions=("administer",),
    )
    def b2b_user_save(self, access_id, **post):
        admin_sudo = self._b2b_admin_access()
        target_sudo = self._b2b_admin_target(admin_sudo, access_id)
        try:
            vals = self._b2b_admin_vals(admin_sudo, post)
            admin_sudo._b2b_admin_check(target_sudo, vals)
        except UserError as e:
            values = self._b2b_user_form_values(admin_sudo, target_sudo, e.args[0], post)
            return request.render("b2b_portal.portal_my_b2b_user", values)
        vals = {
            key: value
            for key, value in vals.items()
            if (target_sudo[key].id if key == "profile_id" else target_sudo[key]) != value
        }
        if vals:
            target_sudo.write(vals)
            self._b2b_admin_log(
                target_sudo,
                request.env._(
                    "Changed in the portal by %(name)s: %(perms)s.",
                    name=request.env.user.name,
                    perms=target_sudo.effective_permissions,
                ),
            )
        return request.redirect("/my/b2b/users?message=saved")

    @http.route(
        "/my/b2b/users/<int:access_id>/state",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
        b2b_permissions=("administer",),
    )
    def b2b_user_state(self, access_id, state=None, **post):
        admin_sudo = self._b2b_admin_access()
        target_sudo = self._b2b_admin_target(admin_sudo, access_id)
        if state not in ("active", "passive") or not admin_sudo._b2b_admin_can_manage(target_sudo):
            raise Forbidden()
        if target_sudo.state != state:
            target_sudo.write({"state": state})
            _ = request.env._
            self._b2b_admin_log(
                target_sudo,
                _("Activated in the portal by %(name)s.", name=request.env.user.name)
                if state == "active"
                else _("Set passive in the portal by %(name)s.", name=request.env.user.name),
            )
        return request.redirect(f"/my/b2b/users?message={state}")

    @http.route(
        "/my/b2b/users/<int:access_id>/credentials",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
        b2b_permissions=("administer",),
    )
    def b2b_user_credentials(self, access_id, **post):
        admin_sudo = self._b2b_admin_access()
        target_sudo = self._b2b_admin_target(admin_sudo, access_id)
        if not admin_sudo._b2b_admin_can_manage(target_sudo):
            raise Forbidden()
        try:
            target_sudo.action_send_credentials()
        except UserError:
            return request.redirect("/my/b2b/users?message=nomail")
        self._b2b_admin_log(
            target_sudo,
            request.env._("Credentials e-mail requested by %(name)s.", name=request.env.user.name),
        )
        return request.redirect("/my/b2b/users?message=sent")
