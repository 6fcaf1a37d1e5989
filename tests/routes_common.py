# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The routes of this addon (and the core portal routes it changes), as data.

``ROUTES`` describes every http route: the permission it needs, the record
whose id fills its arguments, the methods it answers. The access matrix
(``test_access_matrix.py``) requests each of them as every kind of person and
fails on a route of the routing map that ``ROUTES`` does not know; the input
sweep (``sweep_common.py``, ``test_input_sweep_*.py``) posts bad input to each
POST route.
"""

import re

MISSING_ID = 987654321


def R(
    perm=None,
    record=None,
    query="",
    methods=("GET",),
    public=False,
    args=None,
    company_bound=True,
    skip=None,
):
    """One route of the matrix.

    :param perm: permission the route needs (None: any active B2B access)
    :param record: name of a TestAccessMatrix method returning a company-A
        record whose id fills the route's ``<int:...>`` argument, or a dict
        {argument: record} (the first record is the one that must not leak)
    :param query: query string appended to the URL
    :param methods: the methods checked ("GET" pages, "POST" forms)
    :param public: the route is meant for anonymous visitors too
    :param args: fixed values of other arguments (e.g. ``{"page": 1}``)
    :param company_bound: the record belongs to one customer company (False for
        catalogue pages: other companies may see them too)
    :param skip: the route is known but requested elsewhere (give the reason)
    """
    return {
        "perm": perm,
        "record": record,
        "query": query,
        "methods": methods,
        "public": public,
        "args": args or {},
        "company_bound": company_bound,
        "skip": skip,
    }


# Routes of this addon and core portal routes whose access it changes.
ROUTES = {
    # --- foundation -----------------------------------------------------------
    "/my/b2b/company": R(methods=("GET", "POST")),
    "/my/b2b/lang": R(methods=("POST",)),
    "/my/security": R(methods=("GET", "POST")),
    "/my/deactivate_account": R(methods=("POST",)),
    # --- core routes guarded by the B2B permissions -----------------------------
    "/my/orders": R("orders"),
    "/my/quotes": R("orders"),
    "/my/orders/<int:order_id>": R("orders", record="_m_order"),
    "/my/orders/<int:order_id>?pdf": R("orders", record="_m_order", query="?report_type=pdf"),
    "/my/invoices": R("payments"),
    "/my/invoices/<int:invoice_id>": R("payments", record="_m_invoice"),
    "/my/invoices/<int:invoice_id>?pdf": R(
        "payments", record="_m_invoice", query="?report_type=pdf"
    ),
    "/my/invoices/zip": R("payments", methods=("POST",)),  # I2
    "/my/account": R("profile"),
    # --- dashboard, balances, payments, statements (F1-F5) -----------------------
    "/my": R(),
    "/my/home": R(),
    "/my/b2b/dashboard": R("dashboard"),
    "/my/balance": R("statements"),
    "/my/payments": R("payments"),
    "/my/payments/page/<int:page>": R("payments", args={"page": 1}),
    "/my/statement": R("statements"),
    "/my/statement/page/<int:page>": R("statements", args={"page": 1}),
    "/my/statement/pdf": R("statements"),
    "/my/statement/xlsx": R("statements"),
    "/my/reconciliations": R("statements"),
    "/my/reconciliations/page/<int:page>": R("statements", args={"page": 1}),
    "/my/reconciliations/<int:rec_id>": R("statements", record="_m_reconciliation"),
    "/my/reconciliations/<int:rec_id>/pdf": R("statements", record="_m_reconciliation"),
    "/my/reconciliations/<int:rec_id>/confirm": R(
        "statements", record="_m_reconciliation", methods=("POST",)
    ),
    "/my/reconciliations/<int:rec_id>/dispute": R(
        "statements", record="_m_reconciliation", methods=("POST",)
    ),
    # --- onboarding, documents, library, support (A1, D1-D3) ---------------------
    "/b2b/apply": R(methods=("GET", "POST"), public=True),
    "/web/signup": R(public=True, skip="Odoo's sign-up, by invitation: tests/test_self_service.py"),
    "/web/reset_password": R(
        public=True, skip="Odoo's reset password, one answer: tests/test_self_service.py"
    ),
    "/b2b/apply/thanks": R(public=True),
    "/my/documents": R("documents"),
    "/my/documents/page/<int:page>": R("documents", args={"page": 1}),
    "/my/library": R("documents"),
    "/my/library/page/<int:page>": R("documents", args={"page": 1}),
    "/my/library/<int:document_id>/download": R("documents", record="_m_library_document"),
    "/my/support": R("support"),
    "/my/support/page/<int:page>": R("support", args={"page": 1}),
    "/my/support/new": R("support", methods=("GET", "POST")),
    "/my/support/<int:request_id>": R("support", record="_m_support"),
    "/my/support/<int:request_id>/attachment/<int:attachment_id>": R(
        "support", record="_m_support_attachment"
    ),
    # --- ordering (O1-O8, U6, U10) -----------------------------------------------
    "/my/orders/<int:order_id>/reorder": R("orders", record="_m_order", methods=("GET", "POST")),
    "/my/quick_order": R("orders", methods=("GET", "POST")),
    "/my/quick_order/confirm": R("orders", methods=("POST",)),
    "/my/order_statement": R("orders"),
    "/my/order_statement/pdf": R("orders"),
    "/my/order_statement/xlsx": R("orders"),
    "/my/deliveries": R("orders"),
    "/my/deliveries/page/<int:page>": R("orders", args={"page": 1}),
    '/shop/<model("product.template"):product>': R(
        record="_m_product", public=True, company_bound=False
    ),
    '/shop/<model("product.public.category"):category>/<model("product.template"):product>': R(
        record="_m_category_product", public=True, company_bound=False
    ),
    # --- shopping lists (L1) --------------------------------------------------------
    "/my/lists": R("orders"),
    "/my/lists/page/<int:page>": R("orders", args={"page": 1}),
    "/my/lists/new": R("orders", methods=("POST",)),
    "/my/lists/add": R("orders", methods=("POST",)),
    "/my/lists/<int:list_id>": R("orders", record="_m_list", methods=("GET", "POST")),
    "/my/lists/<int:list_id>/delete": R("orders", record="_m_list", methods=("POST",)),
    "/my/lists/<int:list_id>/order": R("orders", record="_m_list", methods=("POST",)),
    "/my/lists/<int:list_id>/upload": R("orders", record="_m_list", methods=("POST",)),
    "/shop/address": R(skip="a checkout step that needs a cart: tests/test_orders.py"),
    "/shop/address/submit": R(skip="a checkout step that needs a cart: tests/test_orders.py"),
    "/shop/b2b/place_order": R("orders", methods=("POST",)),
    # --- quote requests (Q1) ----------------------------------------------------
    "/my/quote_request": R("quotes", methods=("GET", "POST")),
    "/my/quote_request/<int:order_id>/changes": R(
        "quotes", record="_m_sent_quote", methods=("POST",)
    ),
    # --- customer administrators and approvals (U11, U12) -------------------------
    "/my/b2b/users": R("administer"),
    "/my/b2b/users/page/<int:page>": R("administer", args={"page": 1}),
    "/my/b2b/users/invite": R("administer", methods=("GET", "POST")),
    "/my/b2b/users/<int:access_id>": R("administer", record="_m_access", methods=("GET", "POST")),
    "/my/b2b/users/<int:access_id>/state": R("administer", record="_m_access", methods=("POST",)),
    "/my/b2b/users/<int:access_id>/credentials": R(
        "administer", record="_m_access", methods=("POST",)
    ),
    "/my/b2b/approvals": R("approve"),
    "/my/b2b/approvals/page/<int:page>": R("approve", args={"page": 1}),
    "/my/b2b/approvals/<int:order_id>": R("approve", record="_m_waiting_order"),
    "/my/b2b/approvals/<int:order_id>/<any(approve,reject):decision>": R(
        "approve", record="_m_waiting_order", methods=("POST",), args={"decision": "approve"}
    ),
    # --- returns (R1-R3) -------------------------------------------------------
    "/my/rma": R("returns"),
    "/my/rma/page/<int:page>": R("returns", args={"page": 1}),
    "/my/rma/receipts": R("returns"),
    "/my/rma/receipts/page/<int:page>": R("returns", args={"page": 1}),
    "/my/rma/credit-notes": R("returns"),
    "/my/rma/credit-notes/page/<int:page>": R("returns", args={"page": 1}),
    "/my/rma/new": R("returns", methods=("GET", "POST")),
    "/my/rma/<int:rma_id>": R("returns", record="_m_rma"),
    "/my/rma/<int:rma_id>?pdf": R("returns", record="_m_rma", query="?report_type=pdf"),
    "/my/rma/<int:rma_id>/photo/<int:attachment_id>": R("returns", record="_m_rma_photo"),
    "/my/rma/<int:rma_id>/receipt/<int:picking_id>": R("returns", record="_m_rma_receipt"),
    "/my/rma/<int:rma_id>/credit-note": R("returns", record="_m_rma"),
}

# Core routes included in the matrix (the addon's own are found in the routing map).
CORE_ROUTES = [
    "/my/orders",
    "/my/quotes",
    "/my/orders/<int:order_id>",
    "/my/invoices",
    "/my/invoices/<int:invoice_id>",
    "/my/account",
]

# Permissions that also open a route (any of them), besides its own.
ALSO_OPENED_BY = {
    "payments": ("statements", "documents"),
}

ARG_RE = re.compile(r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>")
