# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import werkzeug.exceptions
import werkzeug.routing

from odoo import api, fields, models, tools
from odoo.exceptions import AccessDenied, AccessError
from odoo.fields import Domain
from odoo.http import request
from odoo.tools import str2bool
from odoo.tools.sql import escape_psql

from .b2b_permissions import (
    INVOICE_PERMISSIONS,
    PERMISSIONS,
    PROFILE_EDIT_PATHS,
    PROFILE_EDIT_PREFIXES,
    STOCK_ROUTE_PERMISSIONS,
)
from .ir_http import CHOOSER_FREE_PREFIXES, b2b_current_partner_id

# What a B2B user may still change on themself when their profile keeps the contact
# data (read-only profile, or no Account profile permission): preferences only.
# Everything else of SELF_WRITEABLE_FIELDS (name, e-mail, phone, signature, image -
# the partner fields behind them) is refused by ``write``, whatever the entry point.
SELF_PREFERENCE_FIELDS = frozenset(
    {"lang", "tz", "notification_type", "action_id", "company_id", "api_key_ids"}
)

# the computes of the resolver's non-stored fields (invalidated together)
RESOLVER_COMPUTES = (
    "_compute_b2b_active_access_ids",
    "_compute_b2b_current",
    "_compute_b2b_permission_names",
    "_compute_b2b_partner_sets",
    "_compute_b2b_product_rights",
)


class ResUsers(models.Model):
    """The B2B access resolver: who may do what for which customer company.

    Record rules, controllers, templates and menus all ask these methods/fields;
    nothing else derives B2B rights from ``commercial_partner_id``.

    * A portal user that never had a B2B access (``b2b_managed`` is False) keeps
      Odoo's standard behaviour: their own commercial partner, every permission.
    * A B2B user acts for the companies of their *active* accesses, each with its
      own effective permissions; when the request carries a validated current
      company (context key ``b2b_partner_id``) everything narrows to it.
    """

    _inherit = "res.users"

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    b2b_access_ids = fields.One2many("b2b.access", "user_id", string="B2B accesses")
    b2b_managed = fields.Boolean(
        "B2B user",
        readonly=True,
        copy=False,
        help="Set once the person gets a B2B access: from then on only their B2B "
        "accesses decide what they see in the portal.",
    )
    b2b_blocked = fields.Boolean(
        "B2B login blocked",
        readonly=True,
        copy=False,
        help="No active B2B access left: the person cannot log in and open sessions "
        "stop at their next request.",
    )
    # computed once per request (and company) instead of at every question asked
    # to the resolver; invalidated with the rule domains (``_b2b_invalidate``)
    b2b_active_access_ids = fields.Many2many(
        "b2b.access", compute="_compute_b2b_active_access_ids", string="Active B2B accesses"
    )
    b2b_current_partner_id = fields.Many2one(
        "res.partner",
        compute="_compute_b2b_current",
        string="Current B2B company",
    )
    b2b_current_access_id = fields.Many2one(
        "b2b.access", compute="_compute_b2b_current", string="Current B2B access"
    )
    b2b_permission_names = fields.Char(
        compute="_compute_b2b_permission_names",
        string="Current B2B permissions",
        help="Effective permissions for the current company, comma-separated.",
    )
    b2b_partner_ids = fields.Many2many(
        "res.partner", compute="_compute_b2b_partner_sets", string="B2B companies"
    )
    b2b_order_partner_ids = fields.Many2many(
        "res.partner", compute="_compute_b2b_partner_sets", string="B2B companies (orders)"
    )
    b2b_invoice_partner_ids = fields.Many2many(
        "res.partner",
        compute="_compute_b2b_partner_sets",
        string="B2B companies (invoices)",
    )
    b2b_return_partner_ids = fields.Many2many(
        "res.partner",
        compute="_compute_b2b_partner_sets",
        string="B2B companies (returns)",
    )
    b2b_payment_partner_ids = fields.Many2many(
        "res.partner",
        compute="_compute_b2b_partner_sets",
        string="B2B companies (payments)",
    )
    b2b_statement_partner_ids = fields.Many2many(
        "res.partner",
        compute="_compute_b2b_partner_sets",
        string="B2B companies (statements)",
    )
    b2b_document_partner_ids = fields.Many2many(
        "res.partner",
        compute="_compute_b2b_partner_sets",
        string="B2B companies (documents)",
    )
    b2b_document_profile_ids = fields.Many2many(
        "b2b.profile",
        compute="_compute_b2b_partner_sets",
        string="B2B profiles (documents)",
    )
    b2b_support_partner_ids = fields.Many2many(
        "res.partner", compute="_compute_b2b_partner_sets", string="B2B companies (support)"
    )
    b2b_picking_partner_ids = fields.Many2many(
        "res.partner",
        compute="_compute_b2b_partner_sets",
        string="B2B companies (deliveries and returns)",
    )
    b2b_portal_url = fields.Char(compute="_compute_b2b_portal_url", string="B2B portal URL")
    # U6: the products of the current access (read by the product record rule)
    b2b_product_restricted = fields.Boolean(
        compute="_compute_b2b_product_rights", string="B2B products restricted"
    )
    b2b_product_tmpl_ids = fields.Many2many(
        "product.template", compute="_compute_b2b_product_rights", string="B2B allowed products"
    )
    b2b_product_categ_ids = fields.Many2many(
        "product.category",
        compute="_compute_b2b_product_rights",
        string="B2B allowed product categories",
    )

    # ------------------------------------------------------------
    # COMPUTE
    # ------------------------------------------------------------

    @api.depends("b2b_access_ids.state")
    def _compute_b2b_active_access_ids(self):
        Access = self.env["b2b.access"].sudo()
        for user in self:
            uid = user._origin.id
            mine = Access._b2b_cached_active(uid) if uid else Access
            # I1: a call made with an API key keeps the accesses with API access
            user.b2b_active_access_ids = self._b2b_api_filter_accesses(user, mine)

    @api.depends("b2b_managed", "b2b_access_ids.state", "b2b_access_ids.partner_id")
    @api.depends_context("b2b_partner_id")
    def _compute_b2b_current(self):
        for user in self:
            allowed = user._b2b_allowed_partners()
            partner_id = b2b_current_partner_id(user.env)
            if partner_id and partner_id in allowed.ids:
                partner = allowed.browse(partner_id)
            elif len(allowed) == 1:
                partner = allowed
            else:
                partner = allowed.browse()
            user.b2b_current_partner_id = partner
            user.b2b_current_access_id = (
                user._b2b_active_accesses().filtered(lambda a, p=partner: a.partner_id == p)[:1]
                if user.b2b_managed and partner
                else False
            )

    @api.depends("b2b_current_access_id", "b2b_managed", "group_ids")
    @api.depends_context("b2b_partner_id")
    def _compute_b2b_permission_names(self):
        for user in self:
            if not user._is_portal() or not user.b2b_managed:
                # a portal user without B2B access keeps Odoo's stock portal only
                perms = set()
            else:
                access = user.b2b_current_access_id.sudo()
                perms = access._b2b_effective_permissions() if access else set()
            user.b2b_permission_names = ",".join(sorted(perms))

    @api.depends_context("b2b_partner_id")
    def _compute_b2b_partner_sets(self):
        for user in self:
            if not user.b2b_managed:
                user._b2b_set_stock_partner_sets()
                continue
            user.b2b_partner_ids = user._b2b_partners()
            user.b2b_order_partner_ids = user._b2b_partners("orders")
            user.b2b_invoice_partner_ids = user._b2b_partners(*INVOICE_PERMISSIONS)
            user.b2b_return_partner_ids = user._b2b_partners("returns")
            user.b2b_payment_partner_ids = user._b2b_partners("payments")
            user.b2b_statement_partner_ids = user._b2b_partners("statements")
            document_partners = user._b2b_partners("documents")
            user.b2b_document_partner_ids = document_partners
            user.b2b_document_profile_ids = (
                user._b2b_active_accesses()
                .filtered(lambda a, partners=document_partners: a.partner_id in partners)
                .profile_id
                if user.b2b_managed
                else False
            )
            user.b2b_support_partner_ids = user._b2b_partners("support")
            user.b2b_picking_partner_ids = user._b2b_partners("orders", "returns")

    def _b2b_set_stock_partner_sets(self):
        """Odoo's stock portal for a user without B2B access: the quotations,
        orders, invoices and deliveries of their own company, nothing of the B2B
        features (returns, payments, statements, documents, support)."""
        own = self._b2b_partners()
        none = self.env["res.partner"]
        self.b2b_partner_ids = self.b2b_order_partner_ids = own
        self.b2b_invoice_partner_ids = self.b2b_picking_partner_ids = own
        self.b2b_return_partner_ids = self.b2b_payment_partner_ids = none
        self.b2b_statement_partner_ids = self.b2b_document_partner_ids = none
        self.b2b_support_partner_ids = none
        self.b2b_document_profile_ids = False

    @api.depends_context("b2b_partner_id")
    def _compute_b2b_product_rights(self):
        for user in self:
            profiles = user._b2b_product_profiles()
            restricted = bool(profiles) and all(p.product_restricted for p in profiles)
            user.b2b_product_restricted = restricted
            user.b2b_product_tmpl_ids = profiles.product_tmpl_ids if restricted else False
            user.b2b_product_categ_ids = profiles.product_categ_ids if restricted else False

    def _compute_b2b_portal_url(self):
        for user in self:
            user.b2b_portal_url = f"{user.partner_id.get_base_url()}/my"

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    def write(self, vals):
        # a person writing on themself (Odoo lets them write SELF_WRITEABLE_FIELDS
        # as superuser): the B2B profile decides, not only the portal pages
        if not self.env.su and len(self) == 1 and self.id == self.env.uid:
            if set(vals) - SELF_PREFERENCE_FIELDS - {"password"}:
                if refusal := self._b2b_self_service_refusal("contact"):
                    raise AccessError(refusal)
            if "password" in vals and (refusal := self._b2b_self_service_refusal("password")):
                raise AccessError(refusal)
        return super().write(vals)

    def _get_session_token_fields(self):
        # a passive person's sessions die at their next request
        return super()._get_session_token_fields() | {"b2b_blocked"}

    # ------------------------------------------------------------
    # BUSINESS: authentication
    # ------------------------------------------------------------

    def _check_credentials(self, credential, env):
        auth_info = super()._check_credentials(credential, env)
        # checked only after a valid password, so it tells nothing to a guesser
        if self.sudo().b2b_blocked:
            raise AccessDenied(
                self.env._(
                    "Your B2B access is passive. Please contact your supplier to "
                    "have it activated again."
                )
            )
        return auth_info

    @api.model
    def _get_signup_invitation_scope(self):
        # sign-up is by invitation only (the B2B application form replaces it)
        # unless the shop opened it knowingly in Settings -> B2B Portal
        if not str2bool(
            self.env["ir.config_parameter"].sudo().get_param("b2b_portal.open_signup", "False")
        ):
            return "b2b"
        return super()._get_signup_invitation_scope()

    @api.model
    def change_password(self, old_passwd, new_passwd):
        # refused before the old password is checked: the answer tells nothing of it
        if refusal := self.env.user._b2b_self_service_refusal("password"):
            raise AccessError(refusal)
        return super().change_password(old_passwd, new_passwd)

    def _change_password(self, new_passwd):
        # the person changing their own password (portal page, RPC, the preferences
        # wizard); a set-password link mailed by staff is followed as another user
        for user in self:
            if user.id == self.env.uid and (refusal := user._b2b_self_service_refusal("password")):
                raise AccessError(refusal)
        return super()._change_password(new_passwd)

    def _b2b_self_service_refusal(self, what):
        """Why this person may not change their own ``what`` now (``"contact"``:
        name, e-mail, phone, image, addresses; ``"password"``), or "" when they may.

        Decided by the current access (or, without a current company - an RPC call
        with an API key, say - by every active access: all must allow it): contact
        data needs the Account profile permission and a profile that is not
        read-only, a password change a profile that allows it."""
        self.ensure_one()
        if not self.b2b_managed or not self._is_portal():
            return ""
        accesses = self._b2b_access_for() or self._b2b_active_accesses()
        if what == "password":
            if not accesses or any(
                a.profile_id and not a._b2b_profile_has("allow_password_change") for a in accesses
            ):
                return self.env._(
                    "Your profile does not allow changing the password. Please ask your "
                    "supplier or your company's administrator."
                )
            return ""
        if not accesses or any(
            "profile" not in a._b2b_effective_permissions()
            or a._b2b_profile_has("readonly_profile")
            for a in accesses
        ):
            return self.env._(
                "Your access does not allow changing your contact data. Please ask your "
                "supplier or your company's administrator."
            )
        return ""

    def _session_token_get_values(self):
        # the token is read with SQL: make a pending passive switch count now
        self.flush_model(["b2b_blocked"])
        return super()._session_token_get_values()

    @api.model
    def _b2b_invalidate(self):
        """Accesses, profiles or global switches changed: record rules (cached per
        user and company) and the resolver fields must be computed again."""
        self.env.registry.clear_cache()
        self.invalidate_model(
            [name for name, field in self._fields.items() if field.compute in RESOLVER_COMPUTES]
        )

    def _b2b_sync_state(self):
        """Keep ``b2b_managed``/``b2b_blocked`` in line with the accesses and make
        every cached rule domain and session token be computed again."""
        for user in self.sudo():
            accesses = user.with_context(active_test=False).b2b_access_ids
            vals = {}
            if accesses and not user.b2b_managed:
                vals["b2b_managed"] = True
            # no active access left (passive or removed): no login at all
            managed = user.b2b_managed or bool(accesses)
            blocked = managed and not any(a.state == "active" for a in accesses)
            if blocked != user.b2b_blocked:
                vals["b2b_blocked"] = blocked
            if vals:
                user.write(vals)
        self._b2b_invalidate()

    @api.model
    def _b2b_find_login(self, login):
        """The user (sudo, archived included) whose login is exactly ``login``,
        case-folded - never a pattern: LIKE's ``%`` and ``_`` match themselves."""
        login = (login or "").strip()
        if not login:
            return self.sudo().browse()
        Users = self.sudo().with_context(active_test=False)
        return Users.search([("login", "=ilike", escape_psql(login))]).filtered(
            lambda u: u.login.lower() == login.lower()
        )[:1]

    # ------------------------------------------------------------
    # BUSINESS: the resolver
    # ------------------------------------------------------------

    def _b2b_active_accesses(self):
        """Active accesses of this person (sudo: the resolver must see them all)."""
        self.ensure_one()
        return self.b2b_active_access_ids.sudo()

    def _b2b_allowed_partners(self):
        """Every customer company this person may act for (ignoring the current one)."""
        self.ensure_one()
        if not self.b2b_managed:
            return (
                self.partner_id.commercial_partner_id
                if self._is_portal()
                else self.env["res.partner"]
            )
        return self._b2b_active_accesses().partner_id

    def _b2b_current_partner(self):
        """The company chosen for this request, if valid (else an empty record)."""
        self.ensure_one()
        partner = self.b2b_current_partner_id
        # as before the memo: the accesses' (sudo) records for a B2B user
        return partner.sudo() if self.b2b_managed else partner

    def _b2b_partners(self, *perms):
        """Companies where at least one of ``perms`` is effective (any when no perm
        is given), narrowed to the current company when the request has one."""
        self.ensure_one()
        partners = self.env["res.partner"].sudo()
        if not self.b2b_managed:
            # no B2B permission without a B2B access: their own company only
            if self._is_portal() and not perms:
                partners = self.partner_id.commercial_partner_id
        else:
            for access in self._b2b_active_accesses():
                effective = access._b2b_effective_permissions()
                if effective and (not perms or effective.intersection(perms)):
                    partners |= access.partner_id
        current_id = b2b_current_partner_id(self.env)
        if current_id:
            partners = partners.filtered(lambda p: p.id == current_id)
        return partners

    def _b2b_access_for(self, partner=None):
        """The active access of this person for ``partner`` (default: current)."""
        self.ensure_one()
        if not partner:
            return self.b2b_current_access_id.sudo()
        return self._b2b_active_accesses().filtered(lambda a: a.partner_id == partner)[:1]

    def _b2b_has(self, perm):
        """Whether ``perm`` is effective for the current company of the request."""
        return perm in self._b2b_permissions()

    def _b2b_require(self, *perms):
        """The company this request acts for, when one of ``perms`` is effective
        for it (any company when no perm is given); else AccessError (HTTP 403).

        The one question every portal controller asks: the current company of a
        B2B user, or the own company of a plain portal user — who has none of the
        B2B permissions, only Odoo's stock portal (``perms`` empty)."""
        self.ensure_one()
        partner = self._b2b_current_partner() if self.b2b_managed else self._b2b_allowed_partners()
        if not partner or (perms and not any(perm in self._b2b_permissions() for perm in perms)):
            raise AccessError(self.env._("Your access does not include this page."))
        return partner

    def _b2b_permissions(self):
        """All effective permissions for the current company (computed once per
        request and company, see ``_compute_b2b_permission_names``)."""
        self.ensure_one()
        names = self.b2b_permission_names
        return set(names.split(",")) if names else set()

    def _b2b_profile_readonly(self):
        """Whether the profile of the current access keeps contact data read-only."""
        self.ensure_one()
        access = self._b2b_access_for() if self.b2b_managed else None
        return bool(access) and access._b2b_profile_has("readonly_profile")

    @api.model
    def _b2b_route_permissions(self, path, rule=None):
        """``(perms, stock)`` the route guard asks for ``path``: the permissions its
        route declares (``b2b_permissions`` in ``@http.route``; ``rule`` is the
        matched rule when the caller has it), else those of Odoo's own portal pages
        (``STOCK_ROUTE_PERMISSIONS``, stock = True), else ``None``."""
        if rule is None and request:
            # a page asks this for every tile and link it shows: the answer per
            # path is kept with the routing map it was matched against
            return self._b2b_path_route_permissions(path, getattr(request, "website_routing", None))
        return self._b2b_rule_permissions(path, rule)

    @api.model
    @tools.ormcache("path", "routing_key", cache="routing")
    def _b2b_path_route_permissions(self, path, routing_key):
        try:
            rule, _args = (
                self.env["ir.http"]
                .routing_map(routing_key)
                .bind("", "/")
                .match(path_info=path, method="GET", return_rule=True)
            )
        except (werkzeug.exceptions.HTTPException, werkzeug.routing.RoutingException):
            rule = None
        return self._b2b_rule_permissions(path, rule)

    @api.model
    def _b2b_rule_permissions(self, path, rule):
        if rule is not None:
            perms = rule.endpoint.routing.get("b2b_permissions")
            if perms:
                return tuple(perms), False
        for prefixes, perms in STOCK_ROUTE_PERMISSIONS:
            if path.startswith(prefixes):
                return perms, True
        return None

    def _b2b_path_refusal(self, path, rule=None):
        """Why the route guard refuses ``path`` (a portal URL, query string
        allowed) to this person for the current company, or "" when it lets it
        through. The guard (``ir.http``) and every home tile and link ask this, so
        what is offered and what is served come from the routes' declarations
        and cannot drift apart."""
        self.ensure_one()
        path = (path or "").split("?")[0].split("#")[0]
        if not path.startswith("/my") or not self._is_portal():
            return ""
        _ = self.env._
        route = self._b2b_route_permissions(path, rule)
        if not self.b2b_managed:
            return (
                _("This page is part of the B2B portal. Please ask your supplier for a B2B access.")
                if route and not route[1]
                else ""
            )
        if path.startswith(CHOOSER_FREE_PREFIXES):
            return ""
        labels = dict(PERMISSIONS)
        if route and not any(self._b2b_has(p) for p in route[0]):
            perms = route[0]
            return _(
                "Your access for %(company)s does not include %(what)s. Please ask your "
                "company's administrator or your supplier.",
                company=self._b2b_current_partner().display_name or "",
                what=_(" or ").join(_(labels[p]) for p in perms),
            )
        if (
            path in PROFILE_EDIT_PATHS or path.startswith(PROFILE_EDIT_PREFIXES)
        ) and self._b2b_profile_readonly():
            return _(
                "Your profile keeps your contact data and addresses read-only. Please ask "
                "your company's administrator or your supplier to change them."
            )
        return ""

    # ------------------------------------------------------------
    # BUSINESS: API access (I1, the keys themselves in res_users_apikeys.py)
    # ------------------------------------------------------------

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

    # ------------------------------------------------------------
    # BUSINESS: products (U6) and ordering (O2-O4)
    # ------------------------------------------------------------

    def _b2b_product_profiles(self):
        """Profiles that decide the products this person may see and order: the
        profile of the current access, or - before a shared login has chosen a
        company - every active access (restricted only if all of them are)."""
        self.ensure_one()
        Profile = self.env["b2b.profile"].sudo()
        if not self.b2b_managed or not self._is_portal():
            return Profile
        access = self._b2b_access_for()
        accesses = access or self._b2b_active_accesses()
        if not accesses or not all(a.profile_id for a in accesses):
            return Profile
        return accesses.profile_id

    def _b2b_product_domain(self):
        """Domain on ``product.template`` of the products this person may see and
        order for the current company (``Domain.TRUE`` when not restricted)."""
        self.ensure_one()
        if not self.b2b_product_restricted:
            return Domain.TRUE
        return Domain("id", "in", self.b2b_product_tmpl_ids.ids) | Domain(
            "categ_id", "child_of", self.b2b_product_categ_ids.ids
        )

    def _b2b_allowed_products(self, products):
        """The part of ``products`` (product.product) this person may order, in one
        query whatever their number."""
        self.ensure_one()
        if not products or not self.b2b_product_restricted:
            return products
        allowed = (
            products.sudo()
            .with_context(active_test=False)
            .search(
                Domain("id", "in", products.ids)
                & Domain("product_tmpl_id", "any", self._b2b_product_domain())
            )
        )
        return products.filtered(lambda p: p in allowed)

    def _b2b_order_refusal(self):
        """Why this person may not put anything in a cart now (empty when they may):
        a B2B user needs a current company with the Orders permission."""
        self.ensure_one()
        if not self.b2b_managed or not self._is_portal():
            return ""
        if not self._b2b_current_partner():
            return self.env._("Please choose the company you are ordering for first.")
        if not self._b2b_has("orders"):
            return self.env._("You are not allowed to place orders for this company.")
        return ""
