# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""G4 and S6 (``sweep_common.py``) over documents: invoices as one ZIP (I2),
support requests (D3) and return requests (R1).
"""

import io
import zipfile

from odoo.tests import tagged

from .sweep_common import (
    CHOICE,
    FILES,
    FIRST_WINS,
    ID,
    MULTI,
    NUL,
    NUL_REFUSED,
    NUMBER,
    OPTIONAL,
    TEXT,
    TRIMMED,
    F,
    InputSweepCommon,
    S,
)


@tagged("post_install", "-at_install")
class TestInputSweepDocuments(InputSweepCommon):
    SWEEP = {
        "/my/support/new": S(
            "_p_support",
            {
                "subject": F(TEXT),
                "category": F(CHOICE),
                "description": F(TEXT),
                "order_id": F(ID, foreign="_v_order_b"),
                "invoice_id": F(ID, foreign="_v_invoice_b"),
                "attachments": F(FILES, limit=10 * 1024 * 1024, count=5, types=False),
            },
            message=r"o_b2b_support_error",
            expect={"subject:nul": NUL_REFUSED},
            accept={
                "subject:oversized": (TRIMMED, "_check_support_trimmed"),
                "description:oversized": (TRIMMED, "_check_support_trimmed"),
                **{
                    f"{name}:{variant}": OPTIONAL
                    for name in ("description", "order_id", "invoice_id")
                    for variant in ("empty", "absent")
                },
                "description:repeated": OPTIONAL + " (" + FIRST_WINS + ")",
                "attachments:empty file": "any file is accepted for support, an empty one too",
            },
            forge={"state": "closed", "requester_id": "_v_partner_b_contact_id"},
        ),
        "/my/invoices/zip": S(
            "_p_invoice_zip",
            {"mode": F(CHOICE), "invoice_ids": F(MULTI, foreign="_v_invoice_b")},
            redirects=("/my/invoices",),  # the list shows the message once
            accept={
                "mode:*": "anything but the period form is the ticked invoices' form",
                "mode:nul": None,  # refused like every NUL character
                "invoice_ids:repeated": (
                    "another company's id among the ticked ones is ignored: the ZIP holds "
                    "the person's invoice only",
                    "_check_zip_only_own",
                ),
            },
            extra={
                "10,000 ids": {"invoice_ids": [str(i) for i in range(1, 10001)]},
                "period with a bad date": {"mode": "period", "date_from": "abc"},
                "period with a NUL character": {"mode": "period", "date_to": NUL},
                "period ending before it starts": {
                    "mode": "period",
                    "date_from": "2025-03-01",
                    "date_to": "2025-02-01",
                },
                "period without an invoice": {"mode": "period", "date_from": "2099-01-01"},
            },
            changes=False,  # a download
        ),
        "/my/rma/new": S(
            "_p_rma",
            "_fields_rma",
            message=r"o_b2b_rma_errors",
            accept={
                "description:empty": OPTIONAL,
                "description:absent": OPTIONAL,
                "description:repeated": OPTIONAL + " (" + FIRST_WINS + ")",
            },
            extra={"a line of company B's invoice": {"__line_b__": "1"}},
            expect={
                "reason_id:superscript": "Choose the problem with the goods.",
                "reason_id:oversized": "Choose the problem with the goods.",
                "description:nul": NUL_REFUSED,
            },
        ),
    }

    # ------------------------------------------------------------
    # Records, values, valid payloads and checks
    # ------------------------------------------------------------

    def _v_order_b(self):
        return str(self.order_b.id)

    def _v_invoice_b(self):
        return str(self.invoice_b.id)

    def _v_partner_b_contact_id(self):
        return str(self.user_b.partner_id.id)

    def _p_invoice_zip(self):
        return {"mode": "selected", "invoice_ids": [str(self.invoice_a.id)]}

    def _check_zip_only_own(self, res, before, after):
        self.assertEqual(res.status_code, 200)
        with zipfile.ZipFile(io.BytesIO(res.content)) as archive:
            names = archive.namelist()
        self.assertEqual(names, [self.invoice_a._get_invoice_proforma_pdf_report_filename()])

    def _p_support(self):
        return {
            "subject": "Broken hinge",
            "category": "product",
            "description": "The hinge broke after one day.",
            "order_id": str(self.order_a.id),
            "invoice_id": str(self.invoice_a.id),
            "attachments": [("hinge.png", self.PNG, "image/png")],
        }

    def _check_support_trimmed(self, res, before, after):
        support = self._new("b2b.support.request", before)
        self.assertEqual(len(support), 1)
        self.assertEqual(support.partner_id, self.company_a)
        self.assertLessEqual(len(support.subject), 200)
        self.assertLessEqual(len(support.description or ""), 10000 + 100)

    def _p_rma(self):
        return {
            "invoice_id": str(self.rma_invoice_a.id),
            f"qty_{self.rma_line_a1.id}": "1",
            "reason_id": str(self.reason.id),
            "description": "Scratched",
            "photos": [("photo.png", self.PNG, "image/png")],
        }

    def _fields_rma(self):
        return {
            "invoice_id": F(ID, foreign="_v_rma_invoice_b"),
            f"qty_{self.rma_line_a1.id}": F(NUMBER),
            "reason_id": F(ID),
            "description": F(TEXT),
            "photos": F(FILES, limit=5 * 1024 * 1024, count=5),
        }

    def _v_rma_invoice_b(self):
        return str(self.rma_invoice_b.id)

    # ------------------------------------------------------------
    # Tests (sweep_common.InputSweepCommon)
    # ------------------------------------------------------------

    def test_bad_input_sweep(self):
        self.run_bad_input_sweep()

    def test_mass_assignment(self):
        self.run_mass_assignment()
