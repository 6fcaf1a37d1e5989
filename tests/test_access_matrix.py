# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""S1: an access matrix generated from Odoo's routing map.

Every http route of this addon (and the core portal routes it changes) must be
described in ``ROUTES`` (``routes_common.py``); an unknown route fails
``test_every_route_is_known`` so a new route cannot escape the matrix. Each GET
route is then requested by:

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

import base64

from odoo import Command
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from ..models.ir_http import CHOOSER_FREE_PREFIXES
from .common import PortalSessionMixin, addon_routes
from .finance_common import B2bFinanceCommon, ReconciliationMixin
from .rma_common import RmaCommon
from .routes_common import ALSO_OPENED_BY, ARG_RE, CORE_ROUTES, MISSING_ID, ROUTES


@tagged("post_install", "-at_install")
class TestAccessMatrix(
    PortalSessionMixin, ReconciliationMixin, RmaCommon, B2bFinanceCommon, HttpCase
):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # an RMA of A that went all the way: receipt received, credit note posted
        cls.m_rma = cls._create_rma(cls.company_a, [(cls.rma_line_a1, 1)])
        cls.m_photo = cls._add_photo(cls.m_rma)
        cls.m_rma.action_approve()
        receipt = cls.m_rma.picking_ids
        for move in receipt.move_ids:
            move.quantity = move.product_uom_qty
        receipt.button_validate()
        cls.m_rma.action_refund()
        cls.m_reconciliation = cls._issue(cls.company_a)
        # user_a administers users and approves orders of A
        cls.profile.write({"perm_administer": True, "perm_approve": True})
        cls.access_a.write({"perm_administer": True, "perm_approve": True})
        # an order of A waiting for approval: the shared login's limit is 10
        cls.access_shared_a.max_order_amount = 10.0
        cls.m_waiting_order = cls._create_order(cls.company_a, confirm=False)
        cls.m_waiting_order.with_user(cls.user_shared).with_context(
            b2b_partner_id=cls.company_a.id
        ).sudo().action_confirm()
        assert cls.m_waiting_order.b2b_approval_state == "waiting", "fixture: not waiting"
        cls.m_library_document = cls.env["b2b.library.document"].create(
            {
                "name": "Alpha price list",
                "category_id": cls.env["b2b.library.category"].create({"name": "Prices"}).id,
                "file": base64.b64encode(b"%PDF-1.4 alpha prices"),
                "file_name": "alpha.pdf",
                "visibility": "partners",
                "partner_ids": [Command.set(cls.company_a.ids)],
            }
        )
        cls.m_support = cls.env["b2b.support.request"].create(
            {"subject": "Alpha broken hinge", "partner_id": cls.company_a.id}
        )
        cls.m_support_attachment = cls.env["ir.attachment"].create(
            {
                "name": "alpha-hinge.png",
                "raw": cls.PNG,
                "res_model": "b2b.support.request",
                "res_id": cls.m_support.id,
            }
        )
        cls.m_support.attachment_ids = [Command.link(cls.m_support_attachment.id)]
        cls.m_list = cls.env["b2b.shopping.list"].create(
            {
                "name": "Alpha matrix list",
                "partner_id": cls.company_a.id,
                "user_id": cls.user_a.id,
                "visibility": "shared",
                "line_ids": [Command.create({"product_id": cls.product.id, "quantity": 2})],
            }
        )

    # ------------------------------------------------------------
    # Records of company A (one per route that takes an id)
    # ------------------------------------------------------------

    def _m_product(self):
        template = self.product.product_tmpl_id
        template.is_published = True
        return template

    def _m_category_product(self):
        category = self.env["product.public.category"].create({"name": "Matrix bolts"})
        template = self._m_product()
        template.public_categ_ids = [Command.link(category.id)]
        return {"category": category, "product": template}

    def _m_access(self):
        return self.access_no_orders

    def _m_waiting_order(self):
        return self.m_waiting_order

    def _m_library_document(self):
        return self.m_library_document

    def _m_support(self):
        return self.m_support

    def _m_support_attachment(self):
        return {"request_id": self.m_support, "attachment_id": self.m_support_attachment}

    def _m_reconciliation(self):
        return self.m_reconciliation

    def _m_rma(self):
        return self.m_rma

    def _m_rma_photo(self):
        return {"rma_id": self.m_rma, "attachment_id": self.m_photo}

    def _m_rma_receipt(self):
        return {"rma_id": self.m_rma, "picking_id": self.m_rma.picking_ids[:1]}

    def _m_list(self):
        return self.m_list

    def _m_order(self):
        return self.order_a

    def _m_sent_quote(self):
        quote = self._create_order(self.company_a, confirm=False)
        quote.state = "sent"
        return quote

    def _m_invoice(self):
        return self.invoice_a

    # ------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------

    def _url(self, path, spec, records=None, missing=False):
        """The URL of ``path`` with its arguments filled: the records' ids (or a
        missing id) and the spec's fixed arguments."""

        def fill(match):
            converter, name = match.groups()
            if name in spec["args"]:
                return str(spec["args"][name])
            if missing:
                return str(MISSING_ID)
            if converter == "model":
                return self.env["ir.http"]._slug(records[name])
            return str(records[name].id)

        return ARG_RE.sub(fill, path.split("?")[0]) + spec["query"]

    def _records(self, path, spec):
        """({argument: record}, the record that must not leak) of a route."""
        if not spec["record"]:
            return {}, None
        found = getattr(self, spec["record"])()
        if not isinstance(found, dict):
            names = [m.group(2) for m in ARG_RE.finditer(path)]
            names = [n for n in names if n not in spec["args"]]
            found = {names[0]: found}
        return found, next(iter(found.values()))

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
                "know: describe it in tests/routes_common.py ROUTES",
            )
        for path in CORE_ROUTES:
            self.assertIn(path, known)

    def test_routes_declare_their_permission(self):
        """Every B2B page declares its permissions on its route (``b2b_permissions``
        in ``@http.route``, read by the route guard from the matched rule); the
        matrix requests each route without the permission the route declares."""
        for path, routing, func in addon_routes(self.env, declared_only=True):
            declared = routing.get("b2b_permissions")
            spec = ROUTES.get(path)
            if not path.startswith("/my") or path.startswith(CHOOSER_FREE_PREFIXES):
                continue
            with self.subTest(route=path):
                self.assertTrue(
                    declared,
                    f"{func.__qualname__} serves {path} without b2b_permissions=(...) "
                    "in its @http.route",
                )
                if spec and spec["perm"]:
                    self.assertIn(
                        spec["perm"], declared, f"{path}: the matrix tests another permission"
                    )

    def test_get_matrix(self):
        for path, spec in ROUTES.items():
            if "GET" not in spec["methods"] or spec["skip"]:
                continue
            records, record = self._records(path, spec)
            url = self._url(path, spec, records)
            with self.subTest(route=path):
                # same company: the only one that gets the page
                self._as("alpha_b2b")
                res = self.url_open(url, allow_redirects=False)
                self.assertEqual(res.status_code, 200, f"{url} for its own company")
                if record is not None and spec["company_bound"]:
                    # a missing id
                    res = self.url_open(self._url(path, spec, missing=True), allow_redirects=False)
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
                # passive: the open session stops working (public pages stay public)
                if spec["public"]:
                    continue
                self._as("alpha_b2b")
                self.access_a.action_deactivate()
                self.assertRefused(
                    self.url_open(url, allow_redirects=False), record, f"{url} when passive"
                )
                self.access_a.action_activate()

    def test_post_matrix(self):
        for path, spec in ROUTES.items():
            if "POST" not in spec["methods"] or spec["skip"]:
                continue
            records, record = self._records(path, spec)
            url = self._url(path, spec, records)
            with self.subTest(route=path):
                if not spec["public"]:
                    self._as(None)
                    res = self.url_open(
                        url, data={"csrf_token": self.csrf()}, allow_redirects=False
                    )
                    self.assertRefused(res, record, f"POST {url} by public")
                if spec["perm"]:
                    self._as("alpha_b2b")
                    before = self._without_perm(spec["perm"])
                    res = self.url_open(
                        url, data={"csrf_token": self.csrf()}, allow_redirects=False
                    )
                    self.assertRefused(res, record, f"POST {url} without {spec['perm']}")
                    self.access_a.write(dict.fromkeys(before, True))
                # without a CSRF token every POST is refused (Odoo logs a warning)
                self._as("alpha_b2b")
                with mute_logger("odoo.http"):
                    res = self.url_open(url, data={"x": "1"}, allow_redirects=False)
                self.assertRefused(res, record, f"POST {url} without CSRF token")
