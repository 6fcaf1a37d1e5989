# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Query budgets: what the B2B layer adds to a request (at most
``OVERHEAD_BUDGET`` queries over the same page for a plain portal user of the
same company, whatever the number of companies the person works for), the
dashboard's figures (``DASHBOARD_BUDGET`` whatever the data) and the B2B list pages (at
most ``LIST_BUDGET`` over Odoo's own ``/my/invoices``, the same with few and
with many records)."""

import base64
import logging
from datetime import date

from odoo import Command
from odoo.tests import HttpCase, tagged

from .common import page_queries
from .finance_common import B2bFinanceCommon

_logger = logging.getLogger(__name__)

MANY = 25
# issue 16: the budgets (they fail if the overhead comes back). The issue asked
# for +3 over Odoo's own pages; with the person's accesses kept between requests
# (b2b.access._b2b_active_rows) a B2B person gets them in exactly the queries of
# a plain portal user of the same company, the home page included (it holds the
# dashboard's place): +0. 12 queries for the dashboard's figures whatever the
# data (the issue's budget was 30 for the page with its figures; they were 29 in
# one request), +8 over Odoo's invoice list for every B2B list page (the
# documents page is the dearest: its five kinds of documents each counted and
# paged in one query).
OVERHEAD_BUDGET = 0
DASHBOARD_BUDGET = 12
DASHBOARD_FIGURES = "/my/b2b/dashboard"
LIST_BUDGET = 8
STOCK_PAGES = ("/my", "/my/invoices", "/my/orders", "/my/account")
B2B_LIST_PAGES = (
    "/my/payments",
    "/my/statement",
    "/my/order_statement",
    "/my/rma",
    "/my/deliveries",
    "/my/documents",
    "/my/library",
    "/my/support",
    "/my/reconciliations",
    "/my/balance",
)


@tagged("post_install", "-at_install")
class TestQueryBudget(B2bFinanceCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.category = cls.env["b2b.library.category"].create({"name": "Budget"})

    def _queries(self, url):
        return page_queries(self, url)

    def _add_payments(self, count):
        for _i in range(count):
            self._pay(self._invoice(self.company_a, 10.0, date.today()))

    def _add_invoices(self, count):
        for _i in range(count):
            self._invoice(self.company_a, 10.0, date.today())

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
            # Odoo's list with the ZIP controls (I2): a box per invoice, no query
            "/my/invoices": self._add_invoices,
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

    def test_dashboard_budget(self):
        """/my with every tile (balance, credit limit, orders, payments, returns)
        stays within the budget with little and with much data: the page, which
        holds the dashboard's place (within OVERHEAD_BUDGET of Odoo's home, see
        TestB2bOverhead), and its figures (/my/b2b/dashboard, asked for once the
        page is shown)."""
        self.company_a.with_company(self.env.company).credit_limit = 100000.0
        self.env.company.account_use_credit_limit = True
        self.authenticate("alpha_b2b", "alpha_b2b")
        urls = ("/my", DASHBOARD_FIGURES)
        few = {url: self._queries(url) for url in urls}
        self._add_payments(3)
        self._add_deliveries(5)
        many = {url: self._queries(url) for url in urls}
        _logger.info("/my (dashboard): %s queries, %s with more data", few, many)
        self.assertEqual(few, many)
        self.assertLessEqual(many[DASHBOARD_FIGURES], DASHBOARD_BUDGET, many)

    def test_list_pages_budget(self):
        """Every B2B list page costs at most LIST_BUDGET queries more than Odoo's
        own invoice list of the same person."""
        self.authenticate("alpha_b2b", "alpha_b2b")
        self._add_payments(2)
        self._add_deliveries(2)
        stock = self._queries("/my/invoices")
        for url in B2B_LIST_PAGES:
            with self.subTest(page=url):
                count = self._queries(url)
                _logger.info("%s: %s queries (/my/invoices: %s)", url, count, stock)
                self.assertLessEqual(
                    count, stock + LIST_BUDGET, f"{url}: {count} queries, /my/invoices {stock}"
                )


@tagged("post_install", "-at_install")
class TestB2bOverhead(B2bFinanceCommon, HttpCase):
    """The B2B layer (resolver, current company, permissions, company bar, menus)
    adds at most OVERHEAD_BUDGET queries to Odoo's own pages, for a person with
    one company as for a person with ten: the same page, the same company and
    documents, for a plain portal user of that company and for B2B users."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Access = cls.env["b2b.access"]
        cls.access_one = Access.create(
            {
                "partner_id": cls.company_b.id,
                "login": "one_b2b",
                "name": "Olga One",
                "new_password": "one_b2b",
                "profile_id": cls.profile.id,
            }
        )
        cls.access_ten = Access.create(
            {
                "partner_id": cls.company_b.id,
                "login": "ten_b2b",
                "name": "Tom Ten",
                "new_password": "ten_b2b",
                "profile_id": cls.profile.id,
            }
        )
        others = cls.env["res.partner"].create(
            [{"name": f"Overhead company {i}", "is_company": True} for i in range(9)]
        )
        profiles = cls.env["b2b.profile"].create(
            [{"name": f"Overhead profile {i}"} for i in range(9)]
        )
        Access.create(
            [
                {
                    "partner_id": partner.id,
                    "user_id": cls.access_ten.user_id.id,
                    "profile_id": profile.id,
                }
                for partner, profile in zip(others, profiles, strict=True)
            ]
        )
        for _i in range(3):
            cls._create_order(cls.company_b)
            cls._create_invoice(cls.company_b)

    def _counts(self, login, company=None):
        self.authenticate(login, login)
        if company:
            self.url_open(
                "/my/b2b/company",
                data={
                    "partner_id": company.id,
                    "csrf_token": self._csrf(),
                    "redirect": "/my",
                },
                allow_redirects=False,
            )
        return {url: page_queries(self, url) for url in STOCK_PAGES}

    def _csrf(self):
        from odoo.http import Request  # noqa: PLC0415

        return Request.csrf_token(self)

    def test_overhead_over_stock_pages(self):
        self.assertEqual(len(self.access_ten.user_id._b2b_allowed_partners()), 10)
        plain = self._counts("plain_portal")
        one = self._counts("one_b2b")
        ten = self._counts("ten_b2b", self.company_b)
        for url in STOCK_PAGES:
            with self.subTest(page=url):
                _logger.info(
                    "%s: plain portal %s queries, B2B (1 company) %s, B2B (10 companies) %s",
                    url,
                    plain[url],
                    one[url],
                    ten[url],
                )
                self.assertLessEqual(one[url], plain[url] + OVERHEAD_BUDGET, url)
                self.assertLessEqual(ten[url], plain[url] + OVERHEAD_BUDGET, url)
                self.assertEqual(one[url], ten[url], f"{url}: 1 company vs 10")
