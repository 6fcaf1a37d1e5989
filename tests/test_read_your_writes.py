# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Read-your-writes with a PostgreSQL replica (issue 17).

A read-only route is served from the replica, which may lag behind the primary:
right after a write, the next page could show the old state. After a request
that wrote (a POST served read/write), the session remembers it and the
session's read-only requests take the primary for a few seconds. The test suite
runs read-only routes on Odoo's read-only cursors, so the cursor a route gets
tells which database it would have been served from. tools/faults.py ``ryw``
shows the same against a real replica delayed by ``recovery_min_apply_delay``.
"""

from unittest.mock import patch

from odoo.http import request
from odoo.tests import HttpCase, tagged

from ..models import ir_http as b2b_ir_http
from .common import B2bCommon, addon_routes


@tagged("post_install", "-at_install")
class TestReadYourWrites(B2bCommon, HttpCase):
    def _served(self, url, data=None):
        """(status, read-only cursor?) of one request."""
        modes = []
        original = b2b_ir_http.IrHttp._b2b_recontext_frontend.__func__

        def spy(cls, args):
            modes.append(request.env.cr.readonly)
            return original(cls, args)

        with patch.object(b2b_ir_http.IrHttp, "_b2b_recontext_frontend", classmethod(spy)):
            if data is None:
                res = self.url_open(url, allow_redirects=False)
            else:
                res = self.url_open(
                    url, data={**data, "csrf_token": self._csrf()}, allow_redirects=False
                )
        self.assertTrue(modes, f"{url} was not dispatched")
        return res.status_code, modes[-1]

    def _csrf(self):
        from odoo.http import Request

        return Request.csrf_token(self)

    def test_read_after_write_takes_the_primary(self):
        self.authenticate("shared_b2b", "shared_b2b")
        status, readonly = self._served(
            "/my/b2b/company", {"partner_id": self.company_a.id, "redirect": "/my/rma"}
        )
        self.assertEqual(status, 303)
        self.assertFalse(readonly, "a POST is served read/write")
        # the redirect target and the pages right after: primary (read/write cursor)
        for url in ("/my/rma", "/my/rma/new", "/my/quick_order"):
            status, readonly = self._served(url)
            self.assertEqual(status, 200, url)
            self.assertFalse(readonly, f"{url} right after a write must not use the replica")

    def test_replica_again_after_the_window(self):
        self.authenticate("shared_b2b", "shared_b2b")
        self._served("/my/b2b/company", {"partner_id": self.company_a.id, "redirect": "/my/rma"})
        window = b2b_ir_http.rw_window(self.env)
        self.assertGreater(window, 0)
        later = b2b_ir_http.time.time() + window + 1
        with patch.object(b2b_ir_http.time, "time", return_value=later):
            status, readonly = self._served("/my/rma")
        self.assertEqual(status, 200)
        self.assertTrue(readonly, "once the window is over, read-only routes use the replica")

    def test_without_a_write_read_only_routes_use_the_replica(self):
        self.authenticate("alpha_b2b", "alpha_b2b")
        for url in ("/my/rma", "/my/rma/new", "/my/quick_order"):
            status, readonly = self._served(url)
            self.assertEqual(status, 200, url)
            self.assertTrue(readonly, f"{url} without a recent write uses the replica")

    def test_routing_map_keeps_its_declarations(self):
        """The wrapper keeps every route's read-only declaration (truthy) and its
        own callable (call_kw's per-method decision)."""
        for path, routing, _func in addon_routes(self.env, declared_only=True):
            methods = routing.get("methods") or []
            if methods and set(methods) <= {"GET", "HEAD"} and routing.get("readonly"):
                with self.subTest(path=path):
                    self.assertTrue(callable(routing["readonly"]))
                    self.assertTrue(getattr(routing["readonly"], "b2b_read_your_writes", False))
