# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The list of B2B permissions and the fields that carry them.

A permission is *effective* for a person acting for a customer company only when it
is switched on globally (Settings), in the profile of that access and on the access
itself. ``res.users._b2b_partners(perm)`` is the one place that combines the three.
"""

from odoo import fields, models

# Ordered (name, label). Labels are translated where they are displayed.
PERMISSIONS = [
    ("dashboard", "Dashboard"),
    ("profile", "Account profile"),
    ("orders", "Orders"),
    ("payments", "Payments"),
    ("statements", "Statements"),
    ("returns", "Returns"),
    ("documents", "Documents"),
    ("support", "Support"),
    ("administer", "Administer users"),
    ("approve", "Approve orders"),
]
PERMISSION_NAMES = [name for name, _label in PERMISSIONS]

# Which permissions open invoices (and their lines) in the portal.
INVOICE_PERMISSIONS = ("payments", "statements", "documents")

# Powerful permissions: off by default on profiles and users, and never given to a
# portal user without B2B access (Odoo's stock portal has no such thing).
MANAGED_ONLY_PERMISSIONS = ("administer", "approve")

# Odoo's own portal routes and the permissions (any of) that open them. The route
# guard in ir.http refuses them with 403 otherwise; record rules refuse the data.
PERMISSION_ROUTES = [
    (("/my/orders", "/my/quotes"), ("orders",)),
    (("/my/invoices",), INVOICE_PERMISSIONS),
    (("/my/account", "/my/addresses", "/my/address"), ("profile",)),
    (("/my/rma",), ("returns",)),
    (("/my/payments",), ("payments",)),
    (("/my/balance", "/my/statement", "/my/reconciliations"), ("statements",)),
    (("/my/documents", "/my/library"), ("documents",)),
    (("/my/support",), ("support",)),
    (("/my/quick_order", "/my/order_statement", "/my/deliveries", "/my/picking"), ("orders",)),
    (("/my/b2b/users",), ("administer",)),
    (("/my/b2b/approvals",), ("approve",)),
]
# Pages and posts that change the contact data: refused when the profile is
# read-only (the data stays visible on /my and /my/addresses).
PROFILE_EDIT_PATHS = ("/my/account", "/my/address")
PROFILE_EDIT_PREFIXES = ("/my/address/",)

ICP_PREFIX = "b2b_portal.perm_"


class B2bPermissionMixin(models.AbstractModel):
    _name = "b2b.permission.mixin"
    _description = "B2B permission checkboxes"

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    perm_dashboard = fields.Boolean("Dashboard", default=True)
    perm_profile = fields.Boolean("Account profile", default=True)
    perm_orders = fields.Boolean("Orders", default=True)
    perm_payments = fields.Boolean("Payments", default=True)
    perm_statements = fields.Boolean("Statements", default=True)
    perm_returns = fields.Boolean("Returns", default=True)
    perm_documents = fields.Boolean("Documents", default=True)
    perm_support = fields.Boolean("Support", default=True)
    perm_administer = fields.Boolean(
        "Administer users",
        help="Manage the B2B users of the customer company in the portal, within their own rights.",
    )
    perm_approve = fields.Boolean(
        "Approve orders",
        help="Approve or reject the orders of the customer company that are above "
        "a buyer's spending limit.",
    )

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    def _b2b_permission_values(self):
        """{perm_name: bool} of this record's own checkboxes."""
        self.ensure_one()
        return {name: self[f"perm_{name}"] for name in PERMISSION_NAMES}

    @staticmethod
    def _b2b_permission_vals(names):
        """Field values that tick exactly ``names``."""
        return {f"perm_{name}": name in names for name in PERMISSION_NAMES}
