# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime

import pytz

from odoo import api, fields, models, tools
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, email_normalize, format_amount

from .b2b_permissions import PERMISSION_NAMES, PERMISSIONS


class B2bAccess(models.Model):
    """A B2B user: one person (a portal ``res.users``) acting for one customer company.

    The same person may hold accesses for several companies (shared login): they
    all point to the same ``res.users``, so there is one login and one password.
    """

    _name = "b2b.access"
    _description = "B2B user"
    _inherit = ["mail.thread", "b2b.permission.mixin"]
    _order = "partner_id, user_id"
    _rec_name = "display_name"

    _user_partner_uniq = models.Constraint(
        "UNIQUE(user_id, partner_id)",
        "This person already has a B2B access for this customer.",
    )
    _limits_positive = models.Constraint(
        "CHECK(max_order_amount >= 0 AND max_month_amount >= 0)",
        "Spending limits cannot be negative (0 means no limit).",
    )

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        ondelete="cascade",
        tracking=True,
        domain=[("is_company", "=", True)],
    )
    customer_code = fields.Char(related="partner_id.b2b_code", string="Customer code")
    user_id = fields.Many2one(
        "res.users",
        string="Portal user",
        required=True,
        index=True,
        ondelete="cascade",
        readonly=True,
        help="The login of this person; shared by all their B2B accesses.",
    )
    contact_id = fields.Many2one(related="user_id.partner_id", string="Contact")
    name = fields.Char(related="user_id.name", readonly=False, string="Name")
    login = fields.Char(
        related="user_id.login",
        string="User code / e-mail",
        help="The login of this person. Changing it changes it for every customer "
        "this person acts for.",
    )
    lang = fields.Selection(related="user_id.lang", readonly=False)
    state = fields.Selection(
        [("active", "Active"), ("passive", "Passive")],
        default="active",
        required=True,
        index=True,
        tracking=True,
        help="A passive B2B user cannot act for this customer; when no active access "
        "is left the person cannot log in at all. Nothing is deleted.",
    )
    profile_id = fields.Many2one("b2b.profile", tracking=True, index=True)
    phone = fields.Char()
    function = fields.Char(string="Position")
    notes = fields.Text()
    company_id = fields.Many2one(
        "res.company",
        default=lambda self: self.env.company,
        help="Your company, whose portal this access opens.",
    )
    portal_url = fields.Char(compute="_compute_portal_url", string="Portal URL")
    effective_permissions = fields.Char(
        compute="_compute_effective_permissions",
        help="What this person may really use for this customer: global switches "
        "(Settings) and profile and the boxes of this access.",
    )
    login_date = fields.Datetime(related="user_id.login_date", string="Last login")
    # permission changes are logged in the chatter with who made them
    perm_dashboard = fields.Boolean(tracking=True)
    perm_profile = fields.Boolean(tracking=True)
    perm_orders = fields.Boolean(tracking=True)
    perm_quotes = fields.Boolean(tracking=True)
    perm_payments = fields.Boolean(tracking=True)
    perm_statements = fields.Boolean(tracking=True)
    perm_returns = fields.Boolean(tracking=True)
    perm_documents = fields.Boolean(tracking=True)
    perm_support = fields.Boolean(tracking=True)
    perm_administer = fields.Boolean(tracking=True)
    perm_approve = fields.Boolean(tracking=True)
    perm_api = fields.Boolean(tracking=True)
    # I1: the person's API keys, listed for your staff (to revoke them)
    api_key_ids = fields.One2many(related="user_id.api_key_ids", string="API keys")
    # U11 spending limits (0 = no limit), in the currency of the supplier company
    limit_currency_id = fields.Many2one(
        "res.currency", compute="_compute_limit_currency_id", string="Limit currency"
    )
    max_order_amount = fields.Monetary(
        "Maximum per order",
        currency_field="limit_currency_id",
        tracking=True,
        help="Portal orders (total incl. taxes) above this amount wait for the approval "
        "of an approver of the customer or of your staff. 0 means no limit.",
    )
    max_month_amount = fields.Monetary(
        "Maximum per month",
        currency_field="limit_currency_id",
        tracking=True,
        help="Confirmed and waiting portal orders of this person for this customer in "
        "a calendar month, this one included; above it the order waits for approval. "
        "0 means no limit.",
    )
    new_password = fields.Char(
        string="Initial password",
        compute="_compute_new_password",
        readonly=False,
        help="Only for a new login. Stored hashed on the user, never shown again. "
        "An existing login keeps its password.",
    )

    # ------------------------------------------------------------
    # COMPUTE
    # ------------------------------------------------------------

    @api.depends("partner_id.display_name", "user_id.name")
    def _compute_display_name(self):
        for access in self:
            access.display_name = (
                f"{access.partner_id.display_name or ''} / {access.user_id.name or ''}"
            )

    @api.depends("company_id")
    def _compute_limit_currency_id(self):
        for access in self:
            access.limit_currency_id = (access.company_id or self.env.company).currency_id

    def _compute_new_password(self):
        self.new_password = False

    def _compute_portal_url(self):
        for access in self:
            base = access.user_id.partner_id.get_base_url() if access.user_id else ""
            access.portal_url = base and f"{base}/my"

    @api.depends(*(f"perm_{name}" for name in PERMISSION_NAMES), "profile_id", "state")
    def _compute_effective_permissions(self):
        labels = dict(PERMISSIONS)
        for access in self:
            names = access._b2b_effective_permissions()
            access.effective_permissions = ", ".join(
                self.env._(labels[name]) for name in PERMISSION_NAMES if name in names
            ) or self.env._("none")

    # ------------------------------------------------------------
    # CONSTRAINT
    # ------------------------------------------------------------

    @api.constrains("partner_id")
    def _check_partner_id(self):
        for access in self:
            if not access.partner_id.is_company or access.partner_id.parent_id:
                raise ValidationError(
                    self.env._("B2B users belong to a customer company, not to a contact.")
                )

    @api.constrains("user_id")
    def _check_user_id(self):
        for access in self:
            if not access.user_id._is_portal():
                raise ValidationError(
                    self.env._(
                        "%(login)s is not a portal user: internal users cannot be B2B users.",
                        login=access.user_id.login,
                    )
                )

    # ------------------------------------------------------------
    # ONCHANGE
    # ------------------------------------------------------------

    @api.onchange("profile_id")
    def _onchange_profile_id(self):
        if self.profile_id:
            self.update(
                self._b2b_permission_vals(
                    [n for n, on in self.profile_id._b2b_permission_values().items() if on]
                )
            )

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        profile_id = res.get("profile_id")
        if profile_id:
            profile = self.env["b2b.profile"].browse(profile_id)
            res.update(
                {k: v for k, v in self._b2b_default_perms(profile).items() if k in fields_list}
            )
        return res

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            password = vals.pop("new_password", False)
            login = vals.pop("login", False)
            name = vals.pop("name", False)
            if not vals.get("user_id"):
                vals["user_id"] = self._b2b_find_or_create_user(vals, login, name, password).id
            elif password:
                raise UserError(self._b2b_password_kept_message())
            if vals.get("profile_id") and not any(k.startswith("perm_") for k in vals):
                profile = self.env["b2b.profile"].browse(vals["profile_id"])
                vals.update(self._b2b_default_perms(profile))
        accesses = super().create(vals_list)
        accesses.partner_id._b2b_ensure_code()
        accesses.user_id._b2b_sync_state()
        return accesses

    def write(self, vals):
        if vals.pop("new_password", False):
            raise UserError(self._b2b_password_kept_message())
        users_before = self.user_id
        res = super().write(vals)
        if "partner_id" in vals:
            self.partner_id._b2b_ensure_code()
        (users_before | self.user_id)._b2b_sync_state()
        return res

    def unlink(self):
        users = self.user_id
        res = super().unlink()
        users.exists()._b2b_sync_state()
        return res

    def _mail_get_partners(self, introspect_fields=False):
        # the default recipient of a B2B user's mails is the person, never the
        # customer company (``partner_id``): the credentials mail carries a
        # set-password link, and Odoo's templates mail the default recipients
        return {access.id: access.user_id.partner_id for access in self}

    # ------------------------------------------------------------
    # ACTION
    # ------------------------------------------------------------

    def action_activate(self):
        self.write({"state": "active"})

    def action_deactivate(self):
        self.write({"state": "passive"})

    def action_send_credentials(self):
        """E-mail the login, the portal URL and a set-password link (never a password)."""
        template = self.env.ref("b2b_portal.mail_template_b2b_credentials")
        for access in self:
            if access.state != "active":
                raise UserError(
                    self.env._(
                        "%(name)s is passive for %(customer)s: activate the access first.",
                        name=access.user_id.name,
                        customer=access.partner_id.display_name,
                    )
                )
            if not email_normalize(access.user_id.email or access.user_id.login):
                raise UserError(
                    self.env._("%(name)s has no valid e-mail address.", name=access.user_id.name)
                )
            access.user_id.partner_id.sudo().signup_prepare(signup_type="reset")
            template.send_mail(
                access.id,
                force_send=True,
                email_values={"email_to": access.user_id.email or access.user_id.login},
            )
            access.message_post(
                body=self.env._(
                    "Credentials e-mail sent to %(email)s.",
                    email=access.user_id.email or access.user_id.login,
                )
            )
        return True

    def _b2b_signup_url(self):
        """Link where the person sets their password (a reset token, valid 24 h)."""
        self.ensure_one()
        partner = self.user_id.partner_id.sudo()
        return partner._get_signup_url_for_action(url="/my")[partner.id]

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    @api.model
    def _b2b_cached_active(self, user_id):
        """(sudo) The active accesses of ``user_id``, with their fields already in
        the ORM cache, as if they had just been fetched.

        Every B2B request asks the resolver for them; their rows are kept between
        requests (``_b2b_active_rows``) like the record rules that depend on them,
        so a request reads none of them from the database."""
        ids, columns = self._b2b_active_rows(user_id)
        accesses = self.sudo().browse(ids)
        if ids:
            for name, values in columns:
                # what the ORM's fetch does with the rows it read (keeps pending
                # changes of this transaction: only the missing values are set)
                self._fields[name]._insert_cache(accesses, values)
        return accesses

    @api.model
    @tools.ormcache("user_id")
    def _b2b_active_rows(self, user_id):
        """``(ids, ((field name, values), ...))``: the active accesses of
        ``user_id`` and the values of their stored columns, in the cache's format.

        Cleared with the record rules by ``res.users._b2b_invalidate``: every
        create, write and unlink of an access ends in ``_b2b_sync_state``, and
        Odoo's registry signalling clears it in the other workers at their next
        request (and again if the transaction that cleared it is rolled back)."""
        names = [
            name
            for name, field in self._fields.items()
            if name != "id"
            and field.store
            and field.column_type
            and field.prefetch is True
            # one value per record whatever the context (the cache is shared)
            and not field.translate
            and not field.company_dependent
        ]
        accesses = self.sudo().search_fetch(
            [("user_id", "=", user_id), ("state", "=", "active")], names
        )
        return tuple(accesses.ids), tuple(
            (
                name,
                tuple(
                    self._fields[name].convert_to_cache(access[name], access, validate=False)
                    for access in accesses
                ),
            )
            for name in names
        )

    def _b2b_effective_permissions(self):
        """Set of permission names effective for this access (global ∧ profile ∧ own)."""
        self.ensure_one()
        if self.state != "active":
            return set()
        global_on = self.env["res.config.settings"]._b2b_global_permissions()
        profile = self._b2b_profile_flags()
        return {
            name
            for name in PERMISSION_NAMES
            if global_on[name]
            and self[f"perm_{name}"]
            and (profile is None or f"perm_{name}" in profile)
        }

    def _b2b_profile_flags(self):
        """What the profile of this access has on (``b2b.profile._b2b_flags``),
        None without a profile."""
        self.ensure_one()
        profile_id = self.profile_id.id
        return self.env["b2b.profile"]._b2b_flags(profile_id) if profile_id else None

    def _b2b_profile_has(self, flag):
        """Whether the profile of this access has ``flag`` on (False without one)."""
        return flag in (self._b2b_profile_flags() or ())

    @api.model
    def _b2b_default_perms(self, profile):
        return self._b2b_permission_vals(
            [name for name, on in profile._b2b_permission_values().items() if on]
        )

    @api.model
    def _b2b_password_kept_message(self):
        return self.env._(
            "This login already exists: its password is kept for every customer the "
            "person acts for. Leave the password empty and use 'Send credentials' if "
            "they need to set a new one."
        )

    @api.model
    def _b2b_find_or_create_user(self, vals, login, name, password):
        """The portal user for ``login``: the existing one (never touching its
        password) or a new one, with its contact under the customer company."""
        login = (login or "").strip()
        if not login:
            raise UserError(self.env._("A B2B user needs a login (user code or e-mail)."))
        Users = self.env["res.users"].sudo().with_context(active_test=False)
        user = Users._b2b_find_login(login)
        if user:
            if password:
                raise UserError(self._b2b_password_kept_message())
            if not user._is_portal():
                raise UserError(
                    self.env._(
                        "The login %(login)s belongs to an internal user and cannot be "
                        "used for a B2B user.",
                        login=login,
                    )
                )
            if not user.active:
                user.active = True
            return user
        customer = self.env["res.partner"].browse(vals.get("partner_id"))
        if not customer:
            raise UserError(self.env._("Choose the customer of the B2B user."))
        email = email_normalize(login) or False
        contact = self.env["res.partner"].create(
            {
                "name": name or login,
                "parent_id": customer.id,
                "type": "contact",
                "email": email,
                "phone": vals.get("phone"),
                "function": vals.get("function"),
                "lang": customer.lang,
            }
        )
        user_vals = {
            "login": login,
            "partner_id": contact.id,
            "group_ids": [(6, 0, [self.env.ref("base.group_portal").id])],
            "company_id": self.env.company.id,
            "company_ids": [(6, 0, [self.env.company.id])],
        }
        if password:
            # stored hashed by res.users (_set_password); never kept in clear
            user_vals["password"] = password
        return Users.with_context(no_reset_password=True).create(user_vals)

    # ------------------------------------------------------------
    # BUSINESS: customer administrators (U12)
    # ------------------------------------------------------------

    def _b2b_potential_permissions(self, vals=None):
        """Permissions this access would have when active (global ∧ profile ∧ own),
        with ``vals`` (perm_* / profile_id) applied on top of its current values."""
        self.ensure_one()
        vals = vals or {}
        global_on = self.env["res.config.settings"]._b2b_global_permissions()
        profile = (
            self.env["b2b.profile"].browse(vals["profile_id"])
            if "profile_id" in vals
            else self.profile_id
        )
        return {
            name
            for name in PERMISSION_NAMES
            if global_on[name]
            and vals.get(f"perm_{name}", self[f"perm_{name}"])
            and (not profile or profile[f"perm_{name}"])
        }

    def _b2b_admin_profiles(self):
        """Active profiles this administrator may give: none of their permissions
        and none of their freedoms goes beyond the administrator's own."""
        self.ensure_one()
        return self.env["b2b.profile"].sudo().search([]).filtered(self._b2b_admin_profile_ok)

    def _b2b_admin_profile_ok(self, profile):
        """Whether this administrator may give ``profile`` (empty = no profile)."""
        self.ensure_one()
        own = self.profile_id
        if not profile:
            # no profile: no restriction at all, only the boxes count
            return not own or own._b2b_within(self.env["b2b.profile"])
        global_on = self.env["res.config.settings"]._b2b_global_permissions()
        granted = {n for n in PERMISSION_NAMES if global_on[n] and profile[f"perm_{n}"]}
        if not granted <= self._b2b_effective_permissions():
            return False
        return not own or own._b2b_within(profile)

    def _b2b_limit_within(self, field, value):
        """Whether ``value`` of the limit ``field`` is not above this access's own."""
        self.ensure_one()
        own = self[field]
        return not own or (value and value <= own)

    def _b2b_admin_manageable(self, targets):
        """The accesses among ``targets`` this administrator may change (a list
        page: each profile is checked once)."""
        self.ensure_one()
        profile_ok = {
            profile: self._b2b_admin_profile_ok(profile)
            for profile in [*targets.profile_id, targets.profile_id.browse()]
        }
        return targets.filtered(lambda target: self._b2b_admin_can_manage(target, profile_ok))

    def _b2b_admin_can_manage(self, target, profile_ok=None):
        """Whether this administrator may change ``target`` (another B2B user of the
        same company whose rights are all within the administrator's).
        ``profile_ok``: {profile: bool} already computed (lists)."""
        self.ensure_one()
        profile_ok = profile_ok or {}
        if target.profile_id in profile_ok:
            profile_allowed = profile_ok[target.profile_id]
        else:
            profile_allowed = self._b2b_admin_profile_ok(target.profile_id)
        return (
            target != self
            and target.partner_id == self.partner_id
            and target.user_id.share  # never staff (stored: no query per row)
            and target._b2b_potential_permissions() <= self._b2b_effective_permissions()
            and profile_allowed
            and self._b2b_limit_within("max_order_amount", target.max_order_amount)
            and self._b2b_limit_within("max_month_amount", target.max_month_amount)
        )

    def _b2b_admin_check(self, target, vals):
        """Raise UserError when ``vals`` (whitelisted: perm_*, profile_id, limits)
        would give ``target`` (a b2b.access, or an empty one for an invitation)
        anything beyond this administrator's own rights."""
        self.ensure_one()
        mine = self._b2b_effective_permissions()
        if "administer" not in mine:
            raise UserError(self.env._("You may not administer B2B users."))
        self._b2b_admin_check_values(vals)
        if target:
            if not self._b2b_admin_can_manage(target):
                raise UserError(self.env._("You cannot change this B2B user."))
            after = target._b2b_potential_permissions(vals)
        else:
            after = {n for n in mine if vals.get(f"perm_{n}")}
        if not after <= mine:
            raise UserError(self.env._("This change would give more rights than your own."))

    def _b2b_admin_check_values(self, vals):
        """Raise UserError for a permission, profile or limit in ``vals`` beyond
        this administrator's own."""
        mine = self._b2b_effective_permissions()
        labels = dict(PERMISSIONS)
        for name in PERMISSION_NAMES:
            if vals.get(f"perm_{name}") and name not in mine:
                raise UserError(
                    self.env._(
                        "You cannot give the permission %(perm)s: you do not have it yourself.",
                        perm=self.env._(labels[name]),
                    )
                )
        if "profile_id" in vals:
            profile = self.env["b2b.profile"].sudo().browse(vals["profile_id"]).exists()
            if vals["profile_id"] and (not profile or not profile.active):
                raise UserError(self.env._("Choose one of the profiles offered."))
            if not self._b2b_admin_profile_ok(profile):
                raise UserError(
                    self.env._(
                        "You cannot give the profile %(profile)s: it allows more than "
                        "your own access.",
                        profile=profile.name or self.env._("(none)"),
                    )
                )
        for field in ("max_order_amount", "max_month_amount"):
            if field in vals and not self._b2b_limit_within(field, vals[field]):
                raise UserError(
                    self.env._(
                        "%(limit)s cannot be above your own (%(own)s).",
                        limit=self._fields[field]._description_string(self.env),
                        own=self[field],
                    )
                )

    def _b2b_admin_invite(self, name, email, vals):
        """Invite ``email`` as a B2B user of this administrator's company (U12).

        Only an address without any login becomes a new person here. A customer
        administrator never attaches, re-activates or takes over an existing login
        (another company's, a passive or blocked one, a staff login): nothing is
        attached, the attempt is logged on this access and the company's
        salesperson gets a to-do to add the person with *Grant B2B access* if its
        holder and their company agree. The caller answers both cases alike, so
        the form tells nobody whether a login exists.

        :param email: a normalised e-mail address (matched exactly, case-folded)
        :return: the new access, or an empty recordset when the request went to staff
        :raise UserError: when the address already is a B2B user of this company
            (which the administrator's own list shows anyway)
        """
        self.ensure_one()
        existing = self.env["res.users"]._b2b_find_login(email)
        if existing and existing.with_context(active_test=False).b2b_access_ids.filtered(
            lambda a: a.partner_id == self.partner_id
        ):
            raise UserError(self.env._("This person is already a B2B user of your company."))
        if existing:
            self._b2b_admin_refer_to_staff(email)
            return self.browse()
        vals = dict(vals, login=email, name=name, partner_id=self.partner_id.id, state="active")
        for field_name in PERMISSION_NAMES:
            vals.setdefault(f"perm_{field_name}", False)
        with self.env.cr.savepoint():
            access = self.sudo().with_context(mail_create_nolog=True).create(vals)
        return access

    def _b2b_admin_refer_to_staff(self, email):
        """Log an invitation of an address that already has a login and ask the
        salesperson to decide (staff attach logins, customers never do)."""
        self.ensure_one()
        body = self.env._(
            "Asked in the portal by %(name)s to invite %(email)s, which already has a "
            "login: nothing was attached. Staff can add the person with Grant B2B "
            "access if its holder and their company agree.",
            name=self.user_id.name,
            email=email,
        )
        self.sudo().message_post(body=body, message_type="comment", subtype_xmlid="mail.mt_note")
        salesperson = self.partner_id.user_id
        if salesperson and not salesperson.share:
            self.partner_id.sudo().activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._("B2B invitation of an existing login"),
                note=body,
                user_id=salesperson.id,
            )

    # ------------------------------------------------------------
    # BUSINESS: spending limits (U11)
    # ------------------------------------------------------------

    def _b2b_lock(self):
        """Serialize the limit checks of this person for this company.

        The row is *updated* (not only locked): under Odoo's REPEATABLE READ a
        concurrent transaction that waited on the lock then fails with a
        serialization error and is retried with a fresh snapshot, in which it sees
        the order confirmed meanwhile. A bare ``FOR UPDATE`` would let it sum the
        month from its old snapshot and pass the limit too.
        """
        self.ensure_one()
        self.env.cr.execute(
            SQL("UPDATE b2b_access SET write_date = write_date WHERE id = %s", self.id),
            # a serialization failure is expected here and retried by Odoo
            log_exceptions=False,
        )

    def _b2b_month_start(self):
        """Start of the calendar month (in the person's time zone), as UTC."""
        tz = pytz.timezone(self.user_id.tz or "UTC")
        now = datetime.now(tz)
        start = tz.localize(datetime(now.year, now.month, 1))
        return start.astimezone(pytz.UTC).replace(tzinfo=None)

    def _b2b_month_amount(self, exclude=None):
        """Total (limit currency) of this person's confirmed and waiting portal
        orders for this company in the current month."""
        self.ensure_one()
        start = self._b2b_month_start()
        domain = [
            ("b2b_buyer_id", "=", self.user_id.id),
            ("partner_id", "child_of", self.partner_id.id),
            "|",
            "&",
            ("state", "=", "sale"),
            ("date_order", ">=", start),
            "&",
            "&",
            ("state", "in", ("draft", "sent")),
            ("b2b_approval_state", "=", "waiting"),
            ("b2b_approval_requested_on", ">=", start),
        ]
        if exclude:
            domain.append(("id", "not in", exclude.ids))
        groups = (
            self.env["sale.order"]
            .sudo()
            ._read_group(domain, ["currency_id", "company_id"], ["amount_total:sum"])
        )
        today = fields.Date.context_today(self)
        return sum(
            currency._convert(total, self.limit_currency_id, company, today)
            for currency, company, total in groups
        )

    def _b2b_limit_exceeded(self, order, lock=True):
        """Why ``order`` is above this access's limits (a message), or False.

        Locks the access first: concurrent confirmations of the same person for the
        same company are checked one after the other (``lock=False``: a read-only
        look, e.g. to tell at checkout that the order will need an approval).
        """
        self.ensure_one()
        if not self.max_order_amount and not self.max_month_amount:
            return False
        if lock:
            self._b2b_lock()
        currency = self.limit_currency_id
        amount = order.currency_id._convert(
            order.amount_total, currency, order.company_id, fields.Date.context_today(self)
        )
        if self.max_order_amount and currency.compare_amounts(amount, self.max_order_amount) > 0:
            return self.env._(
                "%(amount)s is above %(name)s's limit per order (%(limit)s).",
                amount=format_amount(self.env, amount, currency),
                name=self.user_id.name,
                limit=format_amount(self.env, self.max_order_amount, currency),
            )
        if self.max_month_amount:
            month = self._b2b_month_amount(exclude=order) + amount
            if currency.compare_amounts(month, self.max_month_amount) > 0:
                return self.env._(
                    "With this order %(name)s's orders this month come to %(amount)s, "
                    "above the monthly limit (%(limit)s).",
                    name=self.user_id.name,
                    amount=format_amount(self.env, month, currency),
                    limit=format_amount(self.env, self.max_month_amount, currency),
                )
        return False
