# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""I2: the invoices of the current company as one ZIP, from /my/invoices."""

import io
import re
import zipfile
from datetime import date
from unittest.mock import patch
from urllib.parse import unquote

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from ..models import account_move
from .common import PortalSessionMixin
from .finance_common import B2bFinanceCommon

PDF = b"%PDF-1.4 b2b zip test"
ZIP_URL = "/my/invoices/zip"


@tagged("post_install", "-at_install")
class TestInvoiceZip(PortalSessionMixin, B2bFinanceCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # three invoices of A (two sent: their PDF stored), one of B
        cls.inv_a1 = cls._invoice(cls.company_a, 100.0, date(2025, 1, 10))
        cls.inv_a2 = cls._invoice(cls.company_a, 200.0, date(2025, 2, 10))
        cls.inv_a3 = cls._invoice(cls.company_a, 300.0, date(2025, 3, 10))
        cls.inv_b1 = cls._invoice(cls.company_b, 400.0, date(2025, 2, 10))
        for invoice in (cls.inv_a1, cls.inv_a2, cls.inv_b1):
            cls._store_pdf(invoice)
        # Ada may see invoices through Payments only
        cls.access_a.write({"perm_statements": False, "perm_documents": False})
        cls.access_no_finance.perm_documents = False

    @classmethod
    def _store_pdf(cls, invoice):
        """The PDF Odoo stores on an invoice when it sends it."""
        cls.env["ir.attachment"].create(
            {
                "name": invoice._get_invoice_report_filename(),
                "raw": PDF + invoice.name.encode(),
                "mimetype": "application/pdf",
                "res_model": "account.move",
                "res_id": invoice.id,
                "res_field": "invoice_pdf_report_file",
            }
        )
        invoice.invalidate_recordset(["invoice_pdf_report_id", "invoice_pdf_report_file"])

    # ------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------

    def _post(self, data, login="alpha_b2b"):
        self._as(login)
        return self.url_open(
            ZIP_URL, data={"csrf_token": self.csrf(), **data}, allow_redirects=False, timeout=60
        )

    def _pick(self, *invoices, login="alpha_b2b"):
        return self._post(
            {"mode": "selected", "invoice_ids": [str(inv.id) for inv in invoices]}, login=login
        )

    def _zip(self, res):
        self.assertEqual(res.status_code, 200, res.text[:500])
        self.assertEqual(res.headers["Content-Type"], "application/zip")
        with zipfile.ZipFile(io.BytesIO(res.content)) as archive:
            return {name: archive.read(name) for name in archive.namelist()}

    def _message(self, res):
        """The message /my/invoices shows after a refused request."""
        self.assertEqual(res.status_code, 303, res.text[:500])
        self.assertTrue(res.headers["Location"].endswith("/my/invoices"), res.headers["Location"])
        page = self.url_open("/my/invoices")
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_b2b_zip_error", page.text)
        return page.text

    def _pdf_name(self, invoice):
        return invoice._get_invoice_report_filename()

    # ------------------------------------------------------------
    # the ZIP
    # ------------------------------------------------------------

    def test_zip_holds_exactly_the_chosen_invoices(self):
        res = self._pick(self.inv_a1, self.inv_a2)
        files = self._zip(res)
        self.assertEqual(set(files), {self._pdf_name(self.inv_a1), self._pdf_name(self.inv_a2)})
        for content in files.values():
            self.assertTrue(content.startswith(b"%PDF-"))
        self.assertEqual(files[self._pdf_name(self.inv_a2)], PDF + self.inv_a2.name.encode())
        disposition = unquote(res.headers["Content-Disposition"])
        company = self.company_a.b2b_code or self.company_a.name
        self.assertRegex(disposition, rf"invoices-{re.escape(company)}-\d{{4}}-\d\d-\d\d\.zip")

    def test_never_sent_invoice_gets_a_proforma(self):
        files = self._zip(self._pick(self.inv_a3))
        self.assertEqual(list(files), [self.inv_a3._get_invoice_proforma_pdf_report_filename()])
        # tests lay reports out as HTML (no wkhtmltopdf): the invoice is in it
        self.assertIn(self.inv_a3.name.encode(), files[next(iter(files))])

    def test_ubl_xml_in_zip(self):
        invoice = self._send_as_ubl(self._create_invoice(self.company_a))
        files = self._zip(self._pick(invoice))
        xml_name = invoice.ubl_cii_xml_id.name
        self.assertEqual(set(files), {invoice.invoice_pdf_report_id.name, xml_name})
        self.assertTrue(xml_name.endswith("_ubl_bis3.xml"), xml_name)
        self.assertTrue(files[xml_name].startswith(b"<?xml"))
        self.assertIn(invoice.name.encode(), files[xml_name])

    def test_period(self):
        res = self._post({"mode": "period", "date_from": "2025-02-01", "date_to": "2025-03-31"})
        files = self._zip(res)
        self.assertEqual(
            set(files),
            {
                self._pdf_name(self.inv_a2),
                self.inv_a3._get_invoice_proforma_pdf_report_filename(),
            },
            "A's invoices of February and March, not B's",
        )
        files = self._zip(self._post({"mode": "period", "date_from": "", "date_to": "2025-01-31"}))
        self.assertEqual(set(files), {self._pdf_name(self.inv_a1)}, "an open start")

    # ------------------------------------------------------------
    # refusals
    # ------------------------------------------------------------

    def test_other_company_ids_ignored(self):
        files = self._zip(self._pick(self.inv_a1, self.inv_b1))
        self.assertEqual(set(files), {self._pdf_name(self.inv_a1)})
        text = self._message(self._pick(self.inv_b1))
        self.assertIn("No invoice found for this choice.", text)
        self.assertNotIn(self.inv_b1.name, text)
        # the shared login acting for B cannot take A's invoices either
        self._as("shared_b2b")
        self._choose(self.company_b)
        res = self.url_open(
            ZIP_URL,
            data={"csrf_token": self.csrf(), "invoice_ids": str(self.inv_a1.id)},
            allow_redirects=False,
        )
        self.assertIn("No invoice found for this choice.", self._message(res))
        # ... and gets B's
        res = self.url_open(
            ZIP_URL,
            data={
                "csrf_token": self.csrf(),
                "invoice_ids": [str(self.inv_a1.id), str(self.inv_b1.id)],
            },
            allow_redirects=False,
        )
        self.assertEqual(set(self._zip(res)), {self._pdf_name(self.inv_b1)})

    def test_without_invoice_permission_refused(self):
        with mute_logger("odoo.http"):
            res = self._pick(self.inv_a1, login="nofinance_b2b")
        self.assertEqual(res.status_code, 403)
        self.assertNotIn(b"PK\x03\x04", res.content)
        # Payments alone opens it
        self.access_a.perm_payments = False
        with mute_logger("odoo.http"):
            self.assertEqual(self._pick(self.inv_a1).status_code, 403)
        self.access_a.perm_documents = True
        self.assertEqual(self._pick(self.inv_a1).status_code, 200)

    def test_plain_portal_user_refused(self):
        with mute_logger("odoo.http"):
            res = self._pick(self.invoice_b, login="plain_portal")
        self.assertEqual(res.status_code, 403)
        page = self.url_open("/my/invoices")
        self.assertEqual(page.status_code, 200)
        self.assertNotIn("o_b2b_zip", page.text, "no ZIP controls on Odoo's own portal")

    def test_passive_refused(self):
        self._as("alpha_b2b")
        self.access_a.action_deactivate()
        with mute_logger("odoo.http"):
            res = self.url_open(
                ZIP_URL,
                data={"csrf_token": self.csrf(), "invoice_ids": str(self.inv_a1.id)},
                allow_redirects=False,
            )
        self.assertIn(res.status_code, (303, 403), res.text[:300])
        self.assertNotIn(b"PK\x03\x04", res.content)
        if res.status_code == 303:
            self.assertIn("/web/login", res.headers["Location"])

    def test_public_refused(self):
        self._as(None)
        res = self.url_open(
            ZIP_URL,
            data={"csrf_token": self.csrf(), "invoice_ids": str(self.inv_a1.id)},
            allow_redirects=False,
        )
        self.assertEqual(res.status_code, 303)
        self.assertIn("/web/login", res.headers["Location"])

    def test_ten_thousand_ids_limit_without_reading_anything(self):
        ids = [str(i) for i in range(1, 10001)]
        Move = type(self.env["account.move"])
        with patch.object(Move, "_get_invoice_legal_documents_all") as documents:
            self._as("alpha_b2b")
            before = self.cr.sql_log_count
            res = self.url_open(
                ZIP_URL,
                data={"csrf_token": self.csrf(), "mode": "selected", "invoice_ids": ids},
                allow_redirects=False,
            )
            queries = self.cr.sql_log_count - before
        self.assertFalse(documents.called, "no PDF read or laid out")
        self.assertLess(queries, 40, "nothing searched for the 10,000 ids")
        text = self._message(res)
        self.assertIn("You asked for 10000 invoices: one ZIP holds at most 200.", text)
        self.assertIn("Please choose a shorter period or fewer invoices.", text)

    def test_period_limit(self):
        with (
            patch.object(account_move, "ZIP_MAX_INVOICES", 2),
            patch.object(
                type(self.env["account.move"]), "_get_invoice_legal_documents_all"
            ) as documents,
        ):
            res = self._post({"mode": "period", "date_from": "2025-01-01", "date_to": "2025-12-31"})
            self.assertFalse(documents.called)
        text = self._message(res)
        self.assertIn("You asked for 3 invoices: one ZIP holds at most 2.", text)
        # the form keeps the period asked for
        self.assertIn('value="2025-01-01"', text)

    def test_rendered_and_size_limits(self):
        with patch.object(account_move, "ZIP_MAX_RENDERED", 0):
            text = self._message(self._pick(self.inv_a1, self.inv_a3))
        self.assertIn("1 of these invoices have no stored PDF yet", text)
        with patch.object(account_move, "ZIP_MAX_BYTES", 10):
            text = self._message(self._pick(self.inv_a1))
        self.assertIn("the most one ZIP holds. Please choose a shorter period", text)
        # a pro-forma past the size is stopped while the ZIP is made
        with patch.object(account_move, "ZIP_MAX_BYTES", 10):
            text = self._message(self._pick(self.inv_a3))
        self.assertIn("the most one ZIP holds.", text)

    def test_empty_and_bad_input(self):
        for data, message in (
            ({"mode": "selected"}, "Choose at least one invoice, or a period."),
            ({"invoice_ids": ["abc", "-1", "\u00b2", "9" * 5000]}, "Choose at least one invoice"),
            ({"mode": "period", "date_from": "abc"}, "From is not a valid date (YYYY-MM-DD)."),
            (
                {"mode": "period", "date_from": "2025-03-01", "date_to": "2025-02-01"},
                "The period must start before it ends.",
            ),
            ({"mode": "period", "date_from": "2030-01-01"}, "No invoice found for this choice."),
        ):
            with self.subTest(data=data):
                self.assertIn(message, self._message(self._post(data)))

    # ------------------------------------------------------------
    # the list
    # ------------------------------------------------------------

    def test_list_offers_the_controls(self):
        self._as("alpha_b2b")
        page = self.url_open("/my/invoices").text
        self.assertIn('id="o_b2b_zip_selected"', page)
        self.assertIn("o_b2b_zip_period", page)
        ticked = set(re.findall(r'name="invoice_ids"[^>]*value="(\d+)"', page))
        self.assertIn(str(self.inv_a1.id), ticked)
        self.assertNotIn(str(self.inv_b1.id), ticked)
        self.assertNotIn("o_b2b_zip_error", page)
