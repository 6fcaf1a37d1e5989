# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Query budgets of the list pages not covered by their feature's own tests:
the same number of queries with few and with many records."""

import base64
import logging
from datetime import date

from odoo import Command
from odoo.tests import HttpCase, tagged

from .finance_common import B2bFinanceCommon

_logger = logging.getLogger(__name__)

MANY = 25


@tagged("post_install", "-at_install")
class TestQueryBudget(B2bFinanceCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.category = cls.env["b2b.library.category"].create({"name": "Budget"})

    def _queries(self, url):
        """Queries of one request (the least of three: a periodic bookkeeping
        query of Odoo is no cost of the page, a query per record shows in all)."""
        self.url_open(url, allow_redirects=False)
        counts = []
        for _i in range(3):
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            res = self.url_open(url, allow_redirects=False)
            self.assertEqual(res.status_code, 200, url)
            counts.append(self.cr.sql_log_count - before)
        return min(counts)

    def _add_payments(self, count):
        for _i in range(count):
            self._pay(self._invoice(self.company_a, 10.0, date.today()))

    def _add_library_documents(self, count):
        self.env["b2b.library.document"].create(
            [
                {
                    "name": f"Price list {i}",
                    "category_id": self.category.id,
                    "file": base64.b64encode(b"%PDF-1.4 list"),
                    "file_name": f"list{i}.pdf",
                }
                for i in range(count)
            ]
        )

    def _add_support_requests(self, count):
        self.env["b2b.support.request"].create(
            [{"subject": f"Question {i}", "partner_id": self.company_a.id} for i in range(count)]
        )

    def _add_reconciliations(self, count):
        Rec = self.env["b2b.reconciliation"]
        for i in range(count):
            Rec.create(
                {
                    "partner_id": self.company_a.id,
                    "date_from": date(2000 + i, 1, 1),
                    "date_to": date(2000 + i, 12, 31),
                }
            ).action_issue()

    def _add_deliveries(self, count):
        orders = self.env["sale.order"].create(
            [
                {
                    "partner_id": self.company_a.id,
                    "order_line": [
                        Command.create({"product_id": self.product.id, "product_uom_qty": 1})
                    ],
                }
                for _i in range(count)
            ]
        )
        orders.action_confirm()

    def test_list_pages_constant(self):
        pages = {
            "/my/payments": self._add_payments,
            "/my/library": self._add_library_documents,
            "/my/support": self._add_support_requests,
            "/my/reconciliations": self._add_reconciliations,
            "/my/deliveries": self._add_deliveries,
        }
        self.authenticate("alpha_b2b", "alpha_b2b")
        for url, add in pages.items():
            with self.subTest(page=url):
                add(1)
                few = self._queries(url)
                add(MANY)
                many = self._queries(url)
                _logger.info("%s: %s queries with 1 record, %s with %s more", url, few, many, MANY)
                self.assertEqual(few, many, f"{url}: {few} queries vs {many}")
