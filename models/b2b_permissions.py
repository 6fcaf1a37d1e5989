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
    ("api", "API access"),
]
PERMISSION_NAMES = [name for name, _label in PERMISSIONS]

# Which permissions open invoices (and their lines) in the portal.
INVOICE_PERMISSIONS = ("payments", "statements", "documents")

# Powerful permissions: off by default on profiles and users, and never given to a
# portal user without B2B access (Odoo's stock portal has no such thing).
MANAGED_ONLY_PERMISSIONS = ("administer", "approve", "api")

# Portal routes and the permissions (any of) that open them. The route guard in
# ir.http refuses them with 403 otherwise; record rules refuse the data. The third
# value says whether the route is Odoo's own portal (``stock``): a portal user
# without any B2B access keeps those, and only those (see STOCK_PORTAL below).
PERMISSION_ROUTES = [
    (("/my/orders", "/my/quotes"), ("orders",), True),
    (("/my/invoices",), INVOICE_PERMISSIONS, True),
    (("/my/account", "/my/addresses", "/my/address"), ("profile",), True),
    (("/my/picking",), ("orders", "returns"), True),
    (("/my/rma",), ("returns",), False),
    (("/my/payments",), ("payments",), False),
    (("/my/balance", "/my/statement", "/my/reconciliations"), ("statements",), False),
    (("/my/documents", "/my/library"), ("documents",), False),
    (("/my/support",), ("support",), False),
    (("/my/quick_order", "/my/order_statement", "/my/deliveries"), ("orders",), False),
    (("/my/b2b/users",), ("administer",), False),
    (("/my/b2b/approvals",), ("approve",), False),
    # shopping lists are an ordering tool: whoever may order may keep lists
    (("/my/lists",), ("orders",), False),
]
# B2B pages below a stock prefix (they are not Odoo's own portal): reorder (O3),
# invoices as one ZIP (I2).
B2B_PATH_RE = r"^(?:/my/orders/\d+/reorder|/my/invoices/zip)"

# A portal user without any B2B access (signed up, or given portal access by staff
# with Odoo's own wizard) keeps Odoo's stock portal: the quotations, orders,
# invoices and deliveries of their own company and their contact data. None of the
# B2B features (dashboard, quick order, reorder, order statement, deliveries list,
# payments, balance, statements, reconciliations, returns, documents, library,
# support, users, approvals, shopping lists) is offered or served to them.

# The models a portal user can reach and the permissions (any of) that open their
# records for a customer company: what the record rules grant through the
# resolver's partner sets. The RPC leg of the access matrix derives what every
# identity must get over call_kw and /jsonrpc from this table, and a portal-readable
# model with a B2B record rule that is missing here fails it.
MODEL_PERMISSIONS = {
    "sale.order": ("orders",),
    "sale.order.line": ("orders",),
    "account.move": INVOICE_PERMISSIONS,
    "account.move.line": INVOICE_PERMISSIONS,
    "account.payment": ("payments",),
    "stock.picking": ("orders", "returns"),
    "b2b.rma": ("returns",),
    "b2b.rma.line": ("returns",),
    "b2b.reconciliation": ("statements",),
    "b2b.support.request": ("support",),
    "b2b.library.document": ("documents",),
    "ir.attachment": ("support",),
    "b2b.shopping.list": ("orders",),
    "b2b.shopping.list.line": ("orders",),
}
# What a portal user without B2B access keeps of them (Odoo's stock portal).
STOCK_PORTAL_MODELS = (
    "sale.order",
    "sale.order.line",
    "account.move",
    "account.move.line",
    "stock.picking",
)

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
    perm_api = fields.Boolean(
        "API access",
        help="Create API keys in the portal (My account -> Security) so that the "
        "customer's own systems call the portal's data with the same rights as this "
        "person in the browser.",
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
