# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models, tools

from .b2b_permissions import PERMISSION_NAMES


class B2bProfile(models.Model):
    _name = "b2b.profile"
    _description = "B2B profile"
    _inherit = ["mail.thread", "b2b.permission.mixin"]
    _order = "sequence, name"

    _name_uniq = models.Constraint("UNIQUE(name)", "A B2B profile with this name already exists.")

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)
    readonly_profile = fields.Boolean(
        "Read-only profile",
        help="People with this profile see their contact data and addresses "
        "but cannot change them.",
    )
    allow_password_change = fields.Boolean(
        "Self-service password change",
        default=True,
        help="People with this profile may change their own password in the portal.",
    )
    product_restricted = fields.Boolean(
        "Restrict products",
        help="People with this profile see and order only the products and "
        "product categories below.",
    )
    product_tmpl_ids = fields.Many2many(
        "product.template",
        "b2b_profile_product_template_rel",
        "profile_id",
        "product_tmpl_id",
        string="Allowed products",
    )
    product_categ_ids = fields.Many2many(
        "product.category",
        "b2b_profile_product_category_rel",
        "profile_id",
        "categ_id",
        string="Allowed product categories",
        help="Products of these categories and of their sub-categories are allowed.",
    )
    access_ids = fields.One2many("b2b.access", "profile_id", string="B2B users")
    access_count = fields.Integer(compute="_compute_access_count", string="B2B user count")

    # ------------------------------------------------------------
    # COMPUTE
    # ------------------------------------------------------------

    def _compute_access_count(self):
        counts = dict(
            self.env["b2b.access"]._read_group(
                [("profile_id", "in", self.ids)], ["profile_id"], ["__count"]
            )
        )
        for profile in self:
            profile.access_count = counts.get(profile, 0)

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        profiles = super().create(vals_list)
        self.env["res.users"]._b2b_invalidate()
        return profiles

    def write(self, vals):
        res = super().write(vals)
        # Effective permissions and product restrictions change with the profile:
        # record rules must be evaluated again on the next request.
        self.env["res.users"]._b2b_invalidate()
        return res

    def unlink(self):
        res = super().unlink()
        self.env["res.users"]._b2b_invalidate()
        return res

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    # the switches of a profile the portal asks for on every request
    _B2B_FLAGS = ("readonly_profile", "allow_password_change")

    @api.model
    @tools.ormcache("profile_id")
    def _b2b_flags(self, profile_id):
        """Names of what the profile ``profile_id`` has on: its permissions
        (``perm_<name>``) and ``_B2B_FLAGS``. Kept between requests, like the
        record rules: create, write and unlink of a profile clear the cache
        (``res.users._b2b_invalidate``)."""
        profile = self.sudo().browse(profile_id)
        names = [f"perm_{name}" for name in PERMISSION_NAMES] + list(self._B2B_FLAGS)
        return frozenset(name for name in names if profile[name])

    # ------------------------------------------------------------
    # ACTION
    # ------------------------------------------------------------

    def action_view_accesses(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("b2b_portal.b2b_access_action")
        action["domain"] = [("profile_id", "=", self.id)]
        action["context"] = {"default_profile_id": self.id}
        return action

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    def _b2b_within(self, other):
        """Whether ``other`` (a profile, or empty for "no profile") frees nothing
        that this profile restricts: read-only data, no password change, products.
        Used so a customer administrator cannot give more than they have."""
        self.ensure_one()
        if self.readonly_profile and not other.readonly_profile:
            return False
        if not self.allow_password_change and (not other or other.allow_password_change):
            return False
        if self.product_restricted:
            if not other.product_restricted:
                return False
            categs = (
                self.env["product.category"]
                .sudo()
                .search([("id", "child_of", self.product_categ_ids.ids)])
            )
            if other.product_categ_ids - categs:
                return False
            extra = other.product_tmpl_ids - self.product_tmpl_ids
            if extra.filtered(lambda t: t.categ_id not in categs):
                return False
        return True
