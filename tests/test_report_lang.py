# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 15, point 2: the addon's PDFs and workbooks asked for from a portal page
are in the language the page is shown in (with its date and number formats);
printed by staff in the backend they are in the customer's language."""

import io
import os
import re
from datetime import date
from unittest.mock import patch

import polib

from odoo import Command
from odoo.tests import HttpCase, tagged

from .common import PortalSessionMixin
from .finance_common import B2bFinanceCommon, ReconciliationMixin
from .rma_common import RmaCommon

LANGS = {"tr_TR": "tr", "da_DK": "da", "fr_FR": "fr"}
I18N = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "i18n")
TITLES = ("Account statement", "Order statement", "Balance confirmation", "Return")


def _translations(po_code):
    entries = polib.pofile(os.path.join(I18N, f"{po_code}.po"))
    found = {entry.msgid: entry.msgstr for entry in entries if entry.msgid in TITLES}
    return found


@tagged("post_install", "-at_install")
class TestReportLanguage(
    PortalSessionMixin, ReconciliationMixin, RmaCommon, B2bFinanceCommon, HttpCase
):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Lang = cls.env["res.lang"]
        langs = Lang.browse([Lang._activate_lang(code).id for code in LANGS])
        cls.env["ir.module.module"]._load_module_terms(["b2b_portal"], list(LANGS), overwrite=True)
        cls.env["website"].search([]).write({"language_ids": [Command.link(i) for i in langs.ids]})
        cls.company_a.lang = "en_US"  # the customer's own language stays English
        cls.year = date.today().year - 1
        cls.day = date(cls.year, 3, 15)
        cls._invoice(cls.company_a, 1234.56, cls.day, due=date(cls.year, 4, 14))
        cls.rma = cls._create_rma(cls.company_a, [(cls.rma_line_a1, 1)])
        cls.rec = cls._issue(cls.company_a, date(cls.year, 1, 1), date(cls.year, 12, 31))
        cls.titles = {code: _translations(po) for code, po in LANGS.items()}

    def _html(self, report, ids, lang=None, data=None):
        Report = self.env["ir.actions.report"]
        if lang:
            Report = Report.with_context(b2b_report_lang=lang)
        return Report._render_qweb_html(report, ids, data=data)[0].decode()

    def _reports(self):
        period = {"date_from": f"{self.year}-01-01", "date_to": f"{self.year}-12-31"}
        return (
            (
                "Account statement",
                "b2b_portal.action_report_b2b_statement",
                self.company_a.ids,
                period,
            ),
            ("Order statement", "b2b_portal.action_report_order_statement", self.company_a.ids, {}),
            (
                "Balance confirmation",
                "b2b_portal.action_report_b2b_reconciliation",
                self.rec.ids,
                None,
            ),
            ("Return", "b2b_portal.b2b_rma_report_action", self.rma.ids, None),
        )

    def test_every_report_in_tr_da_fr(self):
        for lang, titles in self.titles.items():
            date_format = self.env["res.lang"]._lang_get(lang).date_format
            for title, report, ids, data in self._reports():
                with self.subTest(lang=lang, report=report):
                    html = self._html(report, ids, lang, data)
                    self.assertRegex(html, rf"<h2>\s*{re.escape(titles[title])}\b", title)
                    self.assertNotRegex(html, rf"<h2>\s*{title}\b")
                    if title == "Account statement":
                        self.assertIn(self.day.strftime(date_format), html)
        # staff printing in the backend: the customer's language
        for title, report, ids, data in self._reports():
            self.assertRegex(self._html(report, ids, data=data), rf"<h2>\s*{title}\b")

    def test_portal_pdfs_follow_the_page(self):
        """The routes render in the page's language (Debian's wkhtmltopdf draws the
        text as outlines, so the PDF's text cannot be read back: the language the
        report was rendered in is recorded instead)."""
        Report = type(self.env["ir.actions.report"])
        seen = []
        render = Report._render_qweb_pdf

        def recording(report_self, report_ref, *args, **kwargs):
            seen.append((report_ref, report_self.env.context.get("b2b_report_lang")))
            return render(report_self, report_ref, *args, **kwargs)

        self._as("alpha_b2b")
        period = f"date_from={self.year}-01-01&date_to={self.year}-12-31"
        with patch.object(Report, "_render_qweb_pdf", recording):
            for report, url in (
                ("b2b_portal.action_report_b2b_statement", f"/tr/my/statement/pdf?{period}"),
                ("b2b_portal.action_report_order_statement", "/tr/my/order_statement/pdf"),
                (
                    "b2b_portal.action_report_b2b_reconciliation",
                    f"/tr/my/reconciliations/{self.rec.id}/pdf",
                ),
                ("b2b_portal.b2b_rma_report_action", f"/tr/my/rma/{self.rma.id}?report_type=pdf"),
            ):
                with self.subTest(url=url):
                    seen.clear()
                    res = self.url_open(url, allow_redirects=False)
                    self.assertEqual(res.status_code, 200, url)
                    self.assertIn("application/pdf", res.headers["Content-Type"], url)
                    self.assertIn((report, "tr_TR"), seen, url)
            # the issued reconciliation PDF, in the customer's language, as it is
            self._as("alpha_b2b")
            seen.clear()
            res = self.url_open(f"/my/reconciliations/{self.rec.id}/pdf", allow_redirects=False)
            self.assertEqual(res.status_code, 200)
            self.assertEqual(res.content, self.rec.pdf_attachment_id.raw)
            self.assertFalse(seen)

    def test_workbook_follows_the_page(self):
        import openpyxl  # noqa: PLC0415 - in Odoo's requirements

        self._as("alpha_b2b")
        period = f"date_from={self.year}-01-01&date_to={self.year}-12-31"
        res = self.url_open(f"/tr/my/statement/xlsx?{period}")
        self.assertEqual(res.status_code, 200)
        sheet = openpyxl.load_workbook(io.BytesIO(res.content)).active
        self.assertEqual(sheet["A1"].value, self.titles["tr_TR"]["Account statement"])
        self.assertEqual(sheet["B5"].number_format, "dd.mm.yyyy")
