# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import shutil
import subprocess

from odoo.tests import HttpCase, tagged

from odoo.addons.base.models.ir_actions_report import _wkhtml

from .common import B2bCommon

STATEMENT = "b2b_portal.action_report_b2b_statement"


def pdf_text(pdf):
    """The text of a PDF, by poppler's pdftotext (installed by tools/bootstrap.sh)."""
    pdftotext = shutil.which("pdftotext")
    if not pdftotext:
        raise AssertionError("pdftotext not found: install poppler-utils (tools/bootstrap.sh)")
    out = subprocess.run(
        [pdftotext, "-layout", "-", "-"], input=pdf, capture_output=True, check=True, timeout=60
    ).stdout
    return " ".join(out.decode("utf-8", "replace").split())


@tagged("post_install", "-at_install")
class TestPdfLetterhead(B2bCommon, HttpCase):
    """The supplier's letterhead (the header of ``web.external_layout``) is printed
    on the PDFs. wkhtmltopdf prints a separate header only when it is built with
    patched Qt; without it Odoo leaves the header out (a blank top band), so the
    test is skipped there, with the reason in the log."""

    LETTERHEAD = "Nordvik Letterhead Supplies ApS"

    def _skip_unless_patched_wkhtmltopdf(self):
        # Odoo's own detection: "(with patched qt)" in `wkhtmltopdf --version`
        wkhtml = _wkhtml()
        if wkhtml.state != "ok" or not wkhtml.is_patched_qt:
            self.skipTest(
                f"wkhtmltopdf {wkhtml.version or 'not found'} ({wkhtml.bin}) is not built with "
                "patched Qt: Odoo prints no PDF header/footer, so no letterhead. Install "
                "wkhtmltopdf 0.12.6 'with patched qt' (README, PDFs and wkhtmltopdf)"
            )

    def test_statement_pdf_prints_the_supplier_letterhead(self):
        self._skip_unless_patched_wkhtmltopdf()
        company = self.env.company
        # the company address block of the header shows the company's partner
        company.write({"name": self.LETTERHEAD, "company_details": False})
        Report = self.env["ir.actions.report"]
        report = Report._get_report(STATEMENT)

        # Only the header carries the name: finding it in the PDF proves the
        # letterhead was printed, not a line of the page body.
        data = {"report_type": "pdf"}
        html, _kind = Report._render_qweb_html(STATEMENT, self.company_a.ids, data=data)
        bodies, _ids, header, _footer, _args = report._prepare_html(html, report_model=report.model)
        self.assertIn(self.LETTERHEAD, header)
        self.assertTrue(bodies)
        self.assertFalse([body for body in bodies if self.LETTERHEAD in body])

        pdf, kind = Report.with_context(force_report_rendering=True)._render_qweb_pdf(
            STATEMENT, self.company_a.ids
        )
        self.assertEqual(kind, "pdf")
        text = pdf_text(pdf)
        # the page body first: pdftotext can read this PDF's text at all
        # (Debian's unpatched build draws web fonts as outlines: no text)
        self.assertIn(self.company_a.name, text, "the statement's page body is in the PDF text")
        self.assertIn(self.LETTERHEAD, text, "the supplier's letterhead is printed on the PDF")
