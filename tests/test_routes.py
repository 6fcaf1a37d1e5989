# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Static checks on every http route of this addon, read from Odoo's routing map,
so routes added later are checked without anyone remembering to."""

from odoo.tests import TransactionCase, tagged

from .common import addon_routes

# GET routes that are allowed to write, and why. (Odoo routes the addon only
# overrides with ``@http.route()`` keep Odoo's own declaration and are not listed.)
WRITING_GET_ROUTES = {
    "/my/rma/<int:rma_id>/credit-note": "the first print of an invoice PDF stores it "
    "on the invoice (Odoo's invoice report attachment)",
    "/my/library/<int:document_id>/download": "counts the download",
}


@tagged("post_install", "-at_install")
class TestRoutes(TransactionCase):
    def test_routes_found(self):
        paths = {path for path, _routing, _func in addon_routes(self.env)}
        self.assertIn("/my/b2b/company", paths)

    def test_no_csrf_exemption(self):
        """S5: no http route of the addon disables CSRF."""
        for path, routing, func in addon_routes(self.env):
            with self.subTest(path=path):
                self.assertIsNot(
                    routing.get("csrf"),
                    False,
                    f"{func.__qualname__} ({path}) disables CSRF",
                )

    def test_mutating_routes_are_post_only(self):
        """A route that may write must not answer GET (no state change from a link)."""
        for path, routing, func in addon_routes(self.env, declared_only=True):
            methods = routing.get("methods")
            if routing.get("readonly") or routing.get("type") != "http":
                continue
            with self.subTest(path=path):
                if path in WRITING_GET_ROUTES:
                    continue
                self.assertTrue(
                    methods and "GET" not in methods,
                    f"{func.__qualname__} ({path}) may write but answers GET: declare "
                    "methods=['POST'] or readonly=True",
                )

    def test_get_routes_are_readonly(self):
        """Read-only routes are declared readonly=True so a deployment with
        PostgreSQL replicas serves them from a replica."""
        for path, routing, func in addon_routes(self.env, declared_only=True):
            methods = routing.get("methods") or []
            if methods and set(methods) <= {"GET", "HEAD"}:
                with self.subTest(path=path):
                    self.assertTrue(
                        routing.get("readonly") or path in WRITING_GET_ROUTES,
                        f"{func.__qualname__} ({path}) is GET-only but not readonly=True",
                    )
