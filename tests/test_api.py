# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""I1 API access: the README's curl calls, made over HTTP with a portal API key,
and their refusals."""

import base64
import json
from datetime import datetime, timedelta

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import B2bCommon


@tagged("post_install", "-at_install")
class TestApi(B2bCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param("portal.allow_api_keys", "True")
        cls.product.product_tmpl_id.is_published = True
        # Ada (company A) has API access; Sam (A and B) has it for B only
        cls.profile.perm_api = True
        (cls.access_a | cls.access_shared_b).perm_api = True
        cls.key_a = cls._key(cls.user_a)
        cls.key_shared = cls._key(cls.user_shared)
        # Mia works for A (API access, Orders, Payments) and for B (API access,
        # Orders only: no invoice permission there)
        Access = cls.env["b2b.access"]
        cls.access_multi_a = Access.create(
            {
                "partner_id": cls.company_a.id,
                "login": "multi_api",
                "name": "Mia Multi",
                "new_password": "multi_api",
                "perm_api": True,
                "perm_statements": False,
                "perm_documents": False,
            }
        )
        cls.user_multi = cls.access_multi_a.user_id
        cls.access_multi_b = Access.create(
            {
                "partner_id": cls.company_b.id,
                "user_id": cls.user_multi.id,
                "perm_api": True,
                "perm_payments": False,
                "perm_statements": False,
                "perm_documents": False,
            }
        )
        cls.key_multi = cls._key(cls.user_multi)
        # a received payment of each company
        cls.payment_a, cls.payment_b = (
            cls.env["account.payment"].create(
                {
                    "payment_type": "inbound",
                    "partner_type": "customer",
                    "partner_id": partner.id,
                    "amount": amount,
                }
            )
            for partner, amount in ((cls.company_a, 15.0), (cls.company_b, 25.0))
        )
        (cls.payment_a | cls.payment_b).action_post()

    @classmethod
    def _key(cls, user):
        return (
            cls.env["res.users.apikeys"]
            .with_user(user)
            .sudo()
            ._generate(scope="rpc", name="ERP", expiration_date=datetime.now() + timedelta(days=1))
        )

    def _call(self, key, model, method, **body):
        """POST /json/2/<model>/<method> exactly as the README's curl examples."""
        with mute_logger("odoo.http"):
            return self.url_open(
                f"/json/2/{model}/{method}",
                data=json.dumps(body),
                headers={"Content-Type": "application/json", "Authorization": f"bearer {key}"},
            )

    # ------------------------------------------------------------
    # the README's calls
    # ------------------------------------------------------------

    def test_list_orders_with_delivered_quantities(self):
        res = self._call(
            self.key_a,
            "sale.order",
            "search_read",
            domain=[],
            fields=["name", "state", "amount_total", "order_line"],
        )
        self.assertEqual(res.status_code, 200, res.text)
        orders = res.json()
        self.assertEqual({o["id"] for o in orders}, set(self.order_a.ids))
        self.assertEqual(orders[0]["state"], "sale")
        res = self._call(
            self.key_a,
            "sale.order.line",
            "search_read",
            domain=[["order_id", "=", self.order_a.id]],
            fields=["product_id", "product_uom_qty", "qty_delivered"],
        )
        self.assertEqual(res.status_code, 200, res.text)
        self.assertEqual(
            [(line["product_uom_qty"], line["qty_delivered"]) for line in res.json()], [(3.0, 0.0)]
        )

    def test_create_quotation_from_lines(self):
        res = self._call(
            self.key_a,
            "b2b.quick.order",
            "api_create_quotation",
            lines=[{"sku": "b2b-bolt", "qty": 4}, {"sku": "B2B-BOLT", "qty": "2"}],
        )
        self.assertEqual(res.status_code, 200, res.text)
        order = self.env["sale.order"].browse(res.json()["order_id"])
        self.assertEqual(order.partner_id, self.company_a)
        self.assertEqual(order.state, "draft")
        self.assertEqual(order.order_line.mapped("product_uom_qty"), [6.0])
        self.assertEqual(order.b2b_user_id, self.user_a)

    def test_create_quotation_reports_every_bad_line(self):
        count = self.env["sale.order"].search_count([])
        res = self._call(
            self.key_a,
            "b2b.quick.order",
            "api_create_quotation",
            lines=[
                {"sku": "B2B-BOLT", "qty": 1},
                {"sku": "NOPE", "qty": 1},
                {"sku": "B2B-BOLT", "qty": -1},
            ],
        )
        self.assertEqual(res.status_code, 200, res.text)
        errors = res.json()["errors"]
        self.assertEqual([e["line"] for e in errors], [2, 3])
        self.assertEqual(errors[0]["error"], "Unknown SKU.")
        self.assertEqual(self.env["sale.order"].search_count([]), count)

    def test_open_invoices_and_payments(self):
        res = self._call(
            self.key_a,
            "account.move",
            "search_read",
            domain=[
                ["move_type", "=", "out_invoice"],
                ["payment_state", "in", ["not_paid", "partial"]],
            ],
            fields=["name", "invoice_date_due", "amount_residual"],
        )
        self.assertEqual(res.status_code, 200, res.text)
        self.assertEqual({m["id"] for m in res.json()}, set(self.invoice_a.ids))
        res = self._call(
            self.key_a,
            "account.payment",
            "search_read",
            domain=[],
            fields=["name", "amount", "date"],
        )
        self.assertEqual(res.status_code, 200, res.text)
        self.assertEqual([p["id"] for p in res.json()], self.payment_a.ids)

    def test_invoice_pdf_link(self):
        res = self._call(
            self.key_a,
            "account.move",
            "get_portal_url",
            ids=self.invoice_a.ids,
            report_type="pdf",
            download=True,
        )
        self.assertEqual(res.status_code, 200, res.text)
        url = res.json()
        self.assertIn(f"/my/invoices/{self.invoice_a.id}?access_token=", url)
        self.assertIn("report_type=pdf&download=true", url)
        # downloaded without a session, as curl does
        self.assertFalse(self.session)
        pdf = self.url_open(url)
        self.assertEqual(pdf.status_code, 200)
        self.assertIn(".pdf", pdf.headers.get("Content-Disposition", ""))
        res = self._call(self.key_a, "account.move", "get_portal_url", ids=self.invoice_b.ids)
        self.assertEqual(res.status_code, 403, "another company's invoice link")

    def test_invoice_documents_pdf_and_ubl_xml(self):
        invoice = self._send_as_ubl(self._create_invoice(self.company_a))
        res = self._call(self.key_a, "account.move", "b2b_invoice_documents", ids=invoice.ids)
        self.assertEqual(res.status_code, 200, res.text)
        data = res.json()
        self.assertEqual((data["id"], data["name"]), (invoice.id, invoice.name))
        self.assertEqual(data["pdf"]["filename"], invoice.invoice_pdf_report_id.name)
        self.assertEqual(data["pdf"]["mimetype"], "application/pdf")
        self.assertEqual(
            base64.b64decode(data["pdf"]["content"]), invoice.invoice_pdf_report_id.raw
        )
        self.assertTrue(data["xml"]["filename"].endswith("_ubl_bis3.xml"), data["xml"])
        self.assertEqual(data["xml"]["mimetype"], "application/xml")
        xml = base64.b64decode(data["xml"]["content"])
        self.assertTrue(xml.startswith(b"<?xml"))
        self.assertIn(invoice.name.encode(), xml)
        self.assertIsNone(data["xml_message"])

    def test_invoice_documents_without_xml(self):
        res = self._call(
            self.key_a, "account.move", "b2b_invoice_documents", ids=self.invoice_a.ids
        )
        self.assertEqual(res.status_code, 200, res.text)
        data = res.json()
        # never sent: a pro-forma PDF, as on the invoice page, and no XML
        self.assertTrue(data["pdf"]["filename"].endswith("_proforma.pdf"), data["pdf"])
        self.assertTrue(base64.b64decode(data["pdf"]["content"]))
        self.assertIsNone(data["xml"])
        self.assertIn("This invoice has no UBL/CII XML", data["xml_message"])

    def test_invoice_documents_refusals(self):
        method = "b2b_invoice_documents"
        res = self._call(self.key_a, "account.move", method, ids=self.invoice_b.ids)
        self.assertEqual(res.status_code, 403, "another company's invoice")
        self.assertNotIn(self.invoice_b.name, res.text)
        res = self._call(self.key_multi, "account.move", method, ids=self.invoice_b.ids)
        self.assertEqual(res.status_code, 403, "B: API access but no invoice permission")
        two = self.invoice_a | self._create_invoice(self.company_a)
        res = self._call(self.key_a, "account.move", method, ids=two.ids)
        self.assertNotEqual(res.status_code, 200)
        self.assertIn("Ask for the documents of one invoice at a time.", res.text)
        # in the browser, a person without API access cannot call it either
        self.authenticate("beta_b2b", "beta_b2b")
        with mute_logger("odoo.http"), self.assertRaises(JsonRpcException) as refused:
            self.make_jsonrpc_request(
                f"/web/dataset/call_kw/account.move/{method}",
                {
                    "model": "account.move",
                    "method": method,
                    "args": [self.invoice_b.ids],
                    "kwargs": {},
                },
            )
        self.assertIn("odoo.exceptions.AccessError", str(refused.exception))

    def test_multi_company_key_each_company_its_permissions(self):
        """A key of a person working for A (orders, payments) and B (orders only)
        sees A's and B's orders, A's invoices and payments only; the context
        ``b2b_partner_id`` narrows to one company and a forged one gives nothing."""
        orders = (self.order_a | self.order_b | self.order_c).ids
        invoices = (self.invoice_a | self.invoice_b).ids
        payments = (self.payment_a | self.payment_b).ids

        def found(model, ids, context=None):
            body = {"domain": [["id", "in", ids]]}
            if context is not None:
                body["context"] = context
            res = self._call(self.key_multi, model, "search", **body)
            self.assertEqual(res.status_code, 200, res.text)
            return set(res.json())

        a, b = self.company_a.id, self.company_b.id
        expected = {
            None: (self.order_a | self.order_b, self.invoice_a, self.payment_a),
            a: (self.order_a, self.invoice_a, self.payment_a),
            b: (self.order_b, self.env["account.move"], self.env["account.payment"]),
        }
        for company, (own_orders, own_invoices, own_payments) in expected.items():
            context = {"b2b_partner_id": company} if company else None
            with self.subTest(company=company):
                self.assertEqual(found("sale.order", orders, context), set(own_orders.ids))
                self.assertEqual(found("account.move", invoices, context), set(own_invoices.ids))
                self.assertEqual(found("account.payment", payments, context), set(own_payments.ids))
        # a company without access for Mia, a missing one, a list: nothing, never more
        for forged in (self.company_c.id, 987654321, [a, b], "a"):
            with self.subTest(forged=forged):
                context = {"b2b_partner_id": forged}
                self.assertEqual(found("sale.order", orders, context), set())
                self.assertEqual(found("account.move", invoices, context), set())
                self.assertEqual(found("account.payment", payments, context), set())
        # B's invoice is refused by id as well
        res = self._call(
            self.key_multi, "account.move", "read", ids=self.invoice_b.ids, fields=["name"]
        )
        self.assertEqual(res.status_code, 403)

    # ------------------------------------------------------------
    # refusals
    # ------------------------------------------------------------

    def test_other_company_invisible(self):
        res = self._call(
            self.key_a,
            "sale.order",
            "search_read",
            domain=[["id", "=", self.order_b.id]],
            fields=["name"],
        )
        self.assertEqual(res.json(), [])
        res = self._call(self.key_a, "sale.order", "read", ids=self.order_b.ids, fields=["name"])
        self.assertEqual(res.status_code, 403)

    def test_key_acts_only_for_companies_with_api_access(self):
        orders = (self.order_a | self.order_b).ids
        res = self._call(self.key_shared, "sale.order", "search", domain=[["id", "in", orders]])
        self.assertEqual(res.status_code, 200, res.text)
        self.assertEqual(res.json(), self.order_b.ids, "A has no API access for Sam")

    def test_forged_partner_refused(self):
        orders = (self.order_a | self.order_b).ids
        for forged in (self.company_b.id, self.company_c.id):
            res = self._call(
                self.key_a,
                "sale.order",
                "search",
                domain=[["id", "in", orders]],
                context={"b2b_partner_id": forged},
            )
            self.assertEqual(res.json(), [], forged)
        res = self._call(
            self.key_shared,
            "b2b.quick.order",
            "api_create_quotation",
            lines=[{"sku": "B2B-BOLT", "qty": 1}],
            context={"b2b_partner_id": self.company_a.id},
        )
        self.assertEqual(res.status_code, 403, res.text)

    def test_no_api_access_key_refused_at_next_call(self):
        self.assertEqual(self._call(self.key_a, "sale.order", "search", domain=[]).status_code, 200)
        self.access_a.perm_api = False
        res = self._call(self.key_a, "sale.order", "search", domain=[])
        self.assertIn(res.status_code, (401, 403), res.text)
        self.assertNotIn(str(self.order_a.id), res.text.replace(str(res.status_code), ""))

    def test_passive_or_removed_key_refused(self):
        self.access_a.action_deactivate()
        self.assertIn(
            self._call(self.key_a, "sale.order", "search", domain=[]).status_code, (401, 403)
        )
        key = self._key(self.user_shared)
        self.access_shared_b.unlink()
        self.assertIn(self._call(key, "sale.order", "search", domain=[]).status_code, (401, 403))

    def test_key_creation_needs_api_access(self):
        Wizard = self.env["res.users.apikeys.description"]
        for user in (self.user_b, self.user_plain, self.user_no_orders):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                Wizard.with_user(user).create({"name": "ERP"}).check_access_make_key()
        Wizard.with_user(self.user_a).create({"name": "ERP"}).check_access_make_key()

    def test_huge_input_limit(self):
        count = self.env["sale.order"].search_count([])
        res = self._call(
            self.key_a,
            "b2b.quick.order",
            "api_create_quotation",
            lines=[{"sku": "B2B-BOLT", "qty": 1}] * 1001,
        )
        self.assertIn("1001 lines is too many", res.text)
        self.assertNotEqual(res.status_code, 200)
        self.assertEqual(self.env["sale.order"].search_count([]), count)

    def test_staff_list_and_revoke(self):
        salesman = self.env["res.users"].create(
            {
                "name": "Sally Sales",
                "login": "sally_api",
                "group_ids": [(6, 0, [self.env.ref("sales_team.group_sale_salesman").id])],
            }
        )
        keys = self.access_a.with_user(salesman).api_key_ids
        self.assertEqual(len(keys), 1)
        keys.action_b2b_revoke()
        self.assertFalse(self.access_a.api_key_ids)
        self.assertEqual(self._call(self.key_a, "sale.order", "search", domain=[]).status_code, 401)

    def test_security_page_lists_keys(self):
        self.authenticate("alpha_b2b", "alpha_b2b")
        res = self.url_open("/my/security")
        self.assertEqual(res.status_code, 200)
        self.assertIn("o_portal_new_api_key", res.text)
        self.authenticate("beta_b2b", "beta_b2b")
        self.assertNotIn("o_portal_new_api_key", self.url_open("/my/security").text)
