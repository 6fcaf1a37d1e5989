# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""S2: the ORM alone isolates companies for every model a portal user can read,
so a controller bug cannot leak another company's records."""

import base64

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .finance_common import B2bFinanceCommon
from .rma_common import RmaCommon
from .test_reconciliation import ReconciliationMixin


@tagged("post_install", "-at_install")
class TestOrmIsolation(ReconciliationMixin, RmaCommon, B2bFinanceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pairs = {}  # model -> (record of A, record of B)
        cls.pairs["sale.order"] = (cls.order_a, cls.order_b)
        cls.pairs["sale.order.line"] = (cls.order_a.order_line, cls.order_b.order_line)
        cls.pairs["account.move"] = (cls.invoice_a, cls.invoice_b)
        cls.pairs["account.move.line"] = (
            cls.invoice_a.invoice_line_ids,
            cls.invoice_b.invoice_line_ids,
        )
        cls.pairs["account.payment"] = (cls._pay(cls.invoice_a), cls._pay(cls.invoice_b))
        cls.pairs["stock.picking"] = (cls.rma_order_a.picking_ids, cls.rma_order_b.picking_ids)
        rma_a = cls._create_rma(cls.company_a, [(cls.rma_line_a1, 1)])
        rma_b = cls._create_rma(cls.company_b, [(cls.rma_line_b1, 1)], user=cls.user_b)
        cls.pairs["b2b.rma"] = (rma_a, rma_b)
        cls.pairs["b2b.rma.line"] = (rma_a.line_ids, rma_b.line_ids)
        cls.pairs["b2b.reconciliation"] = (cls._issue(cls.company_a), cls._issue(cls.company_b))
        Support = cls.env["b2b.support.request"]
        support_a = Support.create({"subject": "A's question", "partner_id": cls.company_a.id})
        support_b = Support.create({"subject": "B's question", "partner_id": cls.company_b.id})
        cls.pairs["b2b.support.request"] = (support_a, support_b)
        category = cls.env["b2b.library.category"].create({"name": "Isolation"})
        Library = cls.env["b2b.library.document"]
        cls.pairs["b2b.library.document"] = tuple(
            Library.create(
                {
                    "name": f"Prices of {company.name}",
                    "category_id": category.id,
                    "file": base64.b64encode(b"%PDF-1.4 prices"),
                    "file_name": "prices.pdf",
                    "visibility": "partners",
                    "partner_ids": [Command.set(company.ids)],
                }
            )
            for company in (cls.company_a, cls.company_b)
        )
        cls.pairs["ir.attachment"] = tuple(
            cls.env["ir.attachment"].create(
                {
                    "name": f"{support.subject}.png",
                    "raw": cls.PNG,
                    "res_model": "b2b.support.request",
                    "res_id": support.id,
                }
            )
            for support in (support_a, support_b)
        )

    def test_each_model_isolates_companies(self):
        for model, (rec_a, rec_b) in self.pairs.items():
            with self.subTest(model=model):
                self.assertTrue(rec_a and rec_b, f"fixture of {model}")
                ids = (rec_a | rec_b).ids
                Model = self.env[model].with_user(self.user_a)
                found = Model.search([("id", "in", ids)])
                self.assertFalse(found & rec_b, f"{model}: search finds B's records")
                if model != "ir.attachment":
                    # (Odoo lets portal users search only the attachments they
                    # created; the company's files are served by checked routes)
                    self.assertEqual(found, rec_a.with_user(self.user_a), f"{model}: search")
                with self.assertRaises(AccessError, msg=f"{model}: read of B's record"):
                    rec_b[:1].with_user(self.user_a).read(["display_name"])
                # the shared login sees B's records only while acting for B
                shared_b = (
                    self.env[model]
                    .with_user(self.user_shared)
                    .with_context(b2b_partner_id=self.company_b.id)
                )
                self.assertFalse(
                    shared_b.search([("id", "in", rec_a.ids)]), f"{model}: shared login on B"
                )

    def test_passive_user_reads_nothing(self):
        for model, (rec_a, _rec_b) in self.pairs.items():
            with self.subTest(model=model):
                Model = self.env[model].with_user(self.user_passive)
                self.assertFalse(Model.search([("id", "in", rec_a.ids)]), model)
