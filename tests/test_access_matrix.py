# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""S1: an access matrix generated from Odoo's routing map.

Every http route of this addon (and the core portal routes it changes) must be
described in ``ROUTES``; an unknown route fails ``test_every_route_is_known`` so
a new route cannot escape the matrix. Each GET route is then requested by:

* the public user,
* a user of the same company (the only one expected to get 200),
* a user of another company,
* the shared-login user acting for the other company,
* a user of the same company without the permission,
* a passive user (open session, access switched off),
* the same-company user with an id that does not exist,

and every refusal must be a redirect / 403 / 404 whose body holds no data of
the record. POST routes are checked for the public user, the user without the
permission and the passive user (refused, nothing changed is proven by the
routes' own tests).
"""

import re

from odoo.tests import HttpCase, tagged

from .common import B2bCommon
from .test_routes import addon_routes

MISSING_ID = 987654321


def R(perm=None, record=None, query="", methods=("GET",), public=False, doc=None):
    """One route of the matrix.

    :param perm: permission the route needs (None: any active B2B access)
    :param record: name of a B2bMatrixCase method returning a company-A record
        whose id fills the route's single ``<int:...>`` argument
    :param query: query string appended to the URL
    :param methods: the methods checked ("GET" pages, "POST" forms)
    :param public: the route is meant for anonymous visitors too
    """
    return {
        "perm": perm,
        "record": record,
        "query": query,
        "methods": methods,
        "public": public,
        "doc": doc,
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
    "/my/account": R("profile"),
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

ARG_RE = re.compile(r"<(?:int:)?(\w+)>|<model\([^)]*\):(\w+)>")


@tagged("post_install", "-at_install")
class TestAccessMatrix(B2bCommon, HttpCase):
    # ------------------------------------------------------------
    # Records of company A (one per route that takes an id)
    # ------------------------------------------------------------

    def _m_order(self):
        return self.order_a

    def _m_invoice(self):
        return self.invoice_a

    # ------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------

    def _url(self, path, spec, record_id=None):
        base = path.split("?")[0]
        url = ARG_RE.sub(lambda _m: str(record_id), base) if record_id else base
        return url + spec["query"]

    def _record(self, spec):
        return getattr(self, spec["record"])() if spec["record"] else None

    def _as(self, login):
        self.authenticate(login, login) if login else self.authenticate(None, None)

    def _choose(self, partner):
        self.url_open(
            "/my/b2b/company",
            data={"partner_id": partner.id, "csrf_token": self.csrf(), "redirect": "/my"},
            allow_redirects=False,
        )

    def csrf(self):
        from odoo.http import Request

        return Request.csrf_token(self)

    def _without_perm(self, perm):
        """Switch ``perm`` (and what else opens the route) off for user_a."""
        vals = {f"perm_{p}": False for p in (perm, *ALSO_OPENED_BY.get(perm, ()))}
        self.access_a.write(vals)
        return vals

    def assertRefused(self, res, record, what):
        self.assertIn(
            res.status_code,
            (302, 303, 400, 403, 404),
            f"{what}: answered {res.status_code}",
        )
        if res.status_code in (302, 303):
            location = res.headers.get("Location", "")
            self.assertTrue(
                "/web/login" in location or "/my" in location or "/b2b/company" in location,
                f"{what}: redirects to {location}",
            )
        self.assertNotIn("application/pdf", res.headers.get("Content-Type", ""), what)
        if record is not None:
            self.assertFalse(
                record.display_name in res.text, f"{what}: the body shows {record.display_name}"
            )

    # ------------------------------------------------------------
    # tests
    # ------------------------------------------------------------

    def test_every_route_is_known(self):
        known = {path.split("?")[0] for path in ROUTES}
        for path, _routing, func in addon_routes(self.env):
            self.assertIn(
                path,
                known,
                f"{func.__qualname__} serves {path}, which the access matrix does not "
                "know: describe it in tests/test_access_matrix.py ROUTES",
            )
        for path in CORE_ROUTES:
            self.assertIn(path, known)

    def test_get_matrix(self):
        for path, spec in ROUTES.items():
            if "GET" not in spec["methods"]:
                continue
            record = self._record(spec)
            url = self._url(path, spec, record.id if record else None)
            with self.subTest(route=path):
                # same company: the only one that gets the page
                self._as("alpha_b2b")
                res = self.url_open(url, allow_redirects=False)
                self.assertEqual(res.status_code, 200, f"{url} for its own company")
                if record is not None:
                    # a missing id
                    res = self.url_open(self._url(path, spec, MISSING_ID), allow_redirects=False)
                    self.assertRefused(res, None, f"{path} with a missing id")
                    # another company's user
                    self._as("beta_b2b")
                    self.assertRefused(
                        self.url_open(url, allow_redirects=False), record, f"{url} by company B"
                    )
                    # the shared login acting for the other company
                    self._as("shared_b2b")
                    self._choose(self.company_b)
                    self.assertRefused(
                        self.url_open(url, allow_redirects=False),
                        record,
                        f"{url} by the shared login acting for B",
                    )
                # the public user
                if not spec["public"]:
                    self._as(None)
                    self.assertRefused(
                        self.url_open(url, allow_redirects=False), record, f"{url} by public"
                    )
                # without the permission
                if spec["perm"]:
                    self._as("alpha_b2b")
                    before = self._without_perm(spec["perm"])
                    self.assertRefused(
                        self.url_open(url, allow_redirects=False),
                        record,
                        f"{url} without {spec['perm']}",
                    )
                    self.access_a.write(dict.fromkeys(before, True))
                # passive: the open session stops working
                self._as("alpha_b2b")
                self.access_a.action_deactivate()
                self.assertRefused(
                    self.url_open(url, allow_redirects=False), record, f"{url} when passive"
                )
                self.access_a.action_activate()

    def test_post_matrix(self):
        for path, spec in ROUTES.items():
            if "POST" not in spec["methods"]:
                continue
            record = self._record(spec)
            url = self._url(path, spec, record.id if record else None)
            with self.subTest(route=path):
                if not spec["public"]:
                    self._as(None)
                    res = self.url_open(url, data={"csrf_token": self.csrf()}, allow_redirects=False)
                    self.assertRefused(res, record, f"POST {url} by public")
                if spec["perm"]:
                    self._as("alpha_b2b")
                    before = self._without_perm(spec["perm"])
                    res = self.url_open(url, data={"csrf_token": self.csrf()}, allow_redirects=False)
                    self.assertRefused(res, record, f"POST {url} without {spec['perm']}")
                    self.access_a.write(dict.fromkeys(before, True))
                # without a CSRF token every POST is refused
                self._as("alpha_b2b")
                res = self.url_open(url, data={"x": "1"}, allow_redirects=False)
                self.assertRefused(res, record, f"POST {url} without CSRF token")
