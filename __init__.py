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
    # the open to-dos of the addon's activity types (approvals, quote requests)
    # stay with the salesperson as Odoo's own "To-Do"
    ours = [
        env.ref(xmlid, raise_if_not_found=False)
        for xmlid in (
            "b2b_portal.mail_activity_type_b2b_approval",
            "b2b_portal.mail_activity_type_b2b_quote",
        )
    ]
    todo = env.ref("mail.mail_activity_data_todo", raise_if_not_found=False)
    activities = (
        env["mail.activity"]
        .with_context(active_test=False)
        .search([("activity_type_id", "in", [t.id for t in ours if t])])
    )
    if activities and todo:
        activities.write({"activity_type_id": todo.id})
    env["ir.model.data"].search(
        [("module", "=", "b2b_portal"), ("model", "in", KEPT_DEMO_MODELS)]
    ).unlink()
