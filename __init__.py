# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import controllers
from . import models
from . import report
from . import wizard


# Demo customers, people, products and prices have documents (orders, invoices,
# payments) that cannot be deleted: at uninstall they stay as ordinary data.
KEPT_DEMO_MODELS = [
    "res.partner",
    "res.users",
    "product.product",
    "product.template",
    "product.category",
    "product.pricelist",
]


def uninstall_hook(env):
    """Give the core portal rules back their stock domains and keep business data."""
    env["ir.rule"]._b2b_restore_core_rules()
    env["ir.model.data"].search(
        [("module", "=", "b2b_portal"), ("model", "in", KEPT_DEMO_MODELS)]
    ).unlink()
