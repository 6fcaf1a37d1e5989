# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import io
import logging
import re
from datetime import date, timedelta

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.http_routing.tests.common import MockRequest

from ..controllers.finance import B2bFinancePortal
from .common import test_payment_provider
from .finance_common import B2bFinanceCommon

_logger = logging.getLogger(__name__)

FINANCE_ROUTES = (
    "/my/balance",
    "/my/payments",
    "/my/statement",
    "/my/statement/pdf",
    "/my/statement/xlsx",
    "/my/reconciliations",
)


@tagged("post_install", "-at_install")
class TestFinancePortal(B2bFinanceCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.payment_a = cls._pay(cls.invoice_a, amount=5.0)
        cls.payment_b = cls._pay(cls.invoice_b)

    def _get(self, url):
        return self.url_open(url, allow_redirects=False)

    def csrf_token(self):
        from odoo.http import Request  # noqa: PLC0415

        return Request.csrf_token(self)

    def _choose(self, partner):
        res = self.url_open(
            "/my/b2b/company",
            data={"partner_id": partner.id, "redirect": "/my", "csrf_token": self.csrf_token()},
            allow_redirects=False,
        )
        self.assertEqual(res.status_code, 303)

    def assertRefused(self, res, *secrets):
        self.assertIn(res.status_code, (303, 403, 404), f"{res.url} answered {res.status_code}")
        self.assertNotIn("application/pdf", res.headers.get("Content-Type", ""))
        self.assertNotIn("spreadsheet", res.headers.get("Content-Type", ""))
        for secret in secrets:
            self.assertFalse(secret in res.text, f"{secret} leaked on {res.url}")

    def _receivable_entries(self, partner, count, per_move=10):
        """``count`` posted receivable items for ``partner`` (journal entries)."""
        receivable = partner.with_company(self.company).property_account_receivable_id
        income = self.env["account.account"].search(
            [("account_type", "=", "income"), ("company_ids", "in", self.company.ids)], limit=1
        )
        moves = self.env["account.move"]
        for start in range(0, count, per_move):
            n = min(per_move, count - start)
            moves |= self.env["account.move"].create(
                {
                    "move_type": "entry",
                    "date": date.today(),
                    "line_ids": [
                        Command.create(
                            {
                                "account_id": receivable.id,
                                "partner_id": partner.id,
                                "name": f"Item {start + i}",
                                "debit": 1.0,
                            }
                        )
                        for i in range(n)
                    ]
                    + [Command.create({"account_id": income.id, "name": "Income", "credit": n})],
                }
            )
        moves.action_post()
        return moves

    def _query_count(self, url):
        self._get(url)  # warm the caches (templates, assets, rules)
        count0 = self.cr.sql_log_count
        res = self._get(url)
        self.assertEqual(res.status_code, 200, url)
        return self.cr.sql_log_count - count0

    # ------------------------------------------------------------
    # F1 dashboard
    # ------------------------------------------------------------

    def test_dashboard(self):
        """``/my`` holds the dashboard's place (its figures' address on it, no
        figure); ``/my/b2b/dashboard`` gives the figures, a fragment of a page."""
        self.authenticate("alpha_b2b", "alpha_b2b")
        res = self._get("/my")
        self.assertEqual(res.status_code, 200)
        self.assertIn('data-url="/my/b2b/dashboard"', res.text)
        self.assertNotIn("o_b2b_dash_balance", res.text)
        # the tiles of the finance pages
        for url in ("/my/payments", "/my/statement", "/my/balance", "/my/reconciliations"):
            self.assertIn(f'href="{url}"', res.text)
        res = self._get("/my/b2b/dashboard")
        self.assertEqual(res.status_code, 200)
        self.assertNotIn("<html", res.text)
        for block in (
            "o_b2b_dash_balance",
            "o_b2b_dash_overdue",
            "o_b2b_dash_orders",
            "o_b2b_dash_chart",
            "o_b2b_dash_payments",
        ):
            self.assertIn(block, res.text)

    def _dashboard_values(self, user, partner):
        env = self.env(user=user, context=dict(self.env.context, b2b_partner_id=partner.id))
        with MockRequest(env, website=self.env["website"].get_current_website()):
            return B2bFinancePortal()._b2b_dashboard_values()

    def test_dashboard_figures(self):
        """The figures of the dashboard: balance, overdue, credit left after the
        open balance and the confirmed orders not invoiced yet (what the order
        check counts), open orders and the month of this year's orders."""
        today = date.today()
        partner = self.company_a
        # Odoo counts the orders not invoiced (credit_to_invoice) only with the
        # credit limits of the company on (the demo data turns them on)
        self.company.account_use_credit_limit = True
        base = self._dashboard_values(self.user_a, partner)
        self._invoice(partner, 100.0, today - timedelta(days=60), due=today - timedelta(days=30))
        self._invoice(partner, 50.0, today, due=today + timedelta(days=30))
        order = self._create_order(partner)  # confirmed, not invoiced
        partner.with_company(self.company).sudo().credit_limit = 5000.0
        values = self._dashboard_values(self.user_a, partner)
        self.assertAlmostEqual(values["b2b_dash_balance"], base["b2b_dash_balance"] + 150.0)
        self.assertAlmostEqual(values["b2b_dash_overdue"], base["b2b_dash_overdue"] + 100.0)
        self.assertEqual(values["b2b_dash_open_orders"], base["b2b_dash_open_orders"] + 1)
        self.assertAlmostEqual(
            values["b2b_dash_open_amount"], base["b2b_dash_open_amount"] + order.amount_total
        )
        to_invoice = partner.with_company(self.company).sudo().credit_to_invoice
        self.assertGreaterEqual(to_invoice, order.amount_total)
        self.assertEqual(values["b2b_dash_credit_limit"], 5000.0)
        self.assertAlmostEqual(
            values["b2b_dash_available"], 5000.0 - values["b2b_dash_balance"] - to_invoice
        )
        this_month = today.replace(day=1)
        bar = next(b for b in values["b2b_dash_chart"] if b["month"] == this_month)
        self.assertGreaterEqual(bar["amount"], order.amount_untaxed)
        self.assertEqual(len(values["b2b_dash_chart"]), 12)
        # B's figures are not A's, and A's user cannot ask for them
        other = self._dashboard_values(self.user_b, self.company_b)
        self.assertNotEqual(other["b2b_dash_balance"], values["b2b_dash_balance"])

    def test_dashboard_follows_permissions(self):
        self.authenticate("nofinance_b2b", "nofinance_b2b")
        self.assertIn("o_b2b_dashboard", self._get("/my").text)
        res = self._get("/my/b2b/dashboard")
        self.assertIn("o_b2b_dash_orders", res.text)
        for block in ("o_b2b_dash_balance", "o_b2b_dash_payments", 'href="/my/statement"'):
            self.assertNotIn(block, res.text)
        self.access_no_finance.perm_dashboard = False
        self.assertNotIn("o_b2b_dashboard", self._get("/my").text)
        self.assertEqual(self._get("/my/b2b/dashboard").status_code, 403)
        # a portal user without B2B access keeps Odoo's home page
        self.authenticate("plain_portal", "plain_portal")
        self.assertNotIn("o_b2b_dashboard", self._get("/my").text)
        self.assertEqual(self._get("/my/b2b/dashboard").status_code, 403)

    def test_dashboard_and_statement_query_budget(self):
        self._receivable_entries(self.company_a, 10)
        self.authenticate("alpha_b2b", "alpha_b2b")
        urls = ("/my", "/my/b2b/dashboard", "/my/statement", "/my/balance")
        few = {url: self._query_count(url) for url in urls}
        self._receivable_entries(self.company_a, 490, per_move=49)
        many = {url: self._query_count(url) for url in urls}
        _logger.info("Queries with 10 move lines: %s; with 500: %s", few, many)
        self.assertEqual(few, many)

    # ------------------------------------------------------------
    # Permissions and company isolation of every route
    # ------------------------------------------------------------

    def test_routes_need_permission(self):
        self.authenticate("alpha_b2b", "alpha_b2b")
        for url in FINANCE_ROUTES:
            self.assertEqual(self._get(url).status_code, 200, url)
        self.authenticate("nofinance_b2b", "nofinance_b2b")
        for url in FINANCE_ROUTES:
            self.assertEqual(self._get(url).status_code, 403, url)
        self.authenticate(None, None)
        for url in FINANCE_ROUTES:
            res = self._get(url)
            self.assertEqual(res.status_code, 303, url)
            self.assertIn("/web/login", res.headers["Location"])

    def test_payments_page(self):
        self.authenticate("alpha_b2b", "alpha_b2b")
        res = self._get("/my/payments")
        self.assertTrue(self.payment_a.name in res.text, "own payment missing")
        self.assertTrue(self.invoice_a.name in res.text, "settled invoice missing")
        self.assertFalse(self.payment_b.name in res.text, "B's payment leaked")
        tomorrow = (date.today() + timedelta(days=1)).isoformat()
        res = self._get(f"/my/payments?date_from={tomorrow}")
        self.assertFalse(self.payment_a.name in res.text, "date filter ignored")
        res = self._get("/my/payments?date_from=not-a-date")
        self.assertEqual(res.status_code, 200)
        self.assertTrue(self.payment_a.name in res.text)
        self.assertIn("is not a valid date", res.text)

    def test_payment_record_rules(self):
        Payment = self.env["account.payment"]
        self.assertEqual(Payment.with_user(self.user_a).search([]), self.payment_a)
        with self.assertRaises(AccessError):
            self.payment_b.with_user(self.user_a).read(["amount"])
        with self.assertRaises(AccessError):
            self.payment_a.with_user(self.user_a).write({"memo": "hacked"})
        self.assertFalse(Payment.with_user(self.user_no_finance).search([]))
        shared_b = Payment.with_user(self.user_shared).with_context(
            b2b_partner_id=self.company_b.id
        )
        self.assertEqual(shared_b.search([]), self.payment_b)

    def test_pay_overdue_online(self):
        test_payment_provider(self.env)
        overdue = self._invoice(
            self.company_a,
            80.0,
            date.today() - timedelta(days=40),
            due=date.today() - timedelta(days=10),
        )
        self.authenticate("alpha_b2b", "alpha_b2b")
        res = self._get("/my/payments")
        self.assertIn("o_b2b_pay_overdue", res.text)
        res = self._get("/my/invoices/overdue")
        self.assertEqual(res.status_code, 200)
        self.assertTrue(overdue.name in res.text, "overdue invoice not offered for payment")
        self.assertIn("o_payment_form", res.text)

    def test_statement_page_and_files(self):
        self.authenticate("alpha_b2b", "alpha_b2b")
        period = "date_from=2000-01-01&date_to=2100-12-31"
        res = self._get(f"/my/statement?{period}")
        self.assertTrue(self.invoice_a.name in res.text, "own invoice missing")
        self.assertFalse(self.invoice_b.name in res.text, "B's invoice leaked")
        res = self._get("/my/statement?date_from=2030-01-01&date_to=2020-01-01")
        self.assertIn("The period must start before it ends", res.text)
        res = self._get("/my/statement?date_from=garbage")
        self.assertEqual(res.status_code, 200)
        # PDF (rendered as HTML in test mode)
        res = self._get(f"/my/statement/pdf?{period}")
        self.assertEqual(res.status_code, 200)
        self.assertTrue(self.invoice_a.name in res.text, "own invoice missing in the PDF")
        self.assertFalse(self.invoice_b.name in res.text, "B's invoice leaked in the PDF")
        # XLSX
        res = self._get(f"/my/statement/xlsx?{period}")
        self.assertEqual(res.status_code, 200)
        self.assertIn("spreadsheetml", res.headers["Content-Type"])
        import openpyxl  # noqa: PLC0415

        sheet = openpyxl.load_workbook(io.BytesIO(res.content)).active
        cells = {str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None}
        self.assertIn(self.invoice_a.name, cells)
        self.assertNotIn(self.invoice_b.name, cells)
        self.assertIn(self.company_a.name, cells)

    def test_statement_pages_by_keyset(self):
        """The statement pager's links carry the first row of their page: page 2
        and the last page show the running balances of the one-page statement,
        a typed page number the same page, and page 1 and the last page cost the
        same queries."""
        self._receivable_entries(self.company_a, 200, per_move=50)
        period = "date_from=2000-01-01&date_to=2100-12-31"
        full = self.Builder._b2b_statement(
            self.company_a, date(2000, 1, 1), date(2100, 12, 31), company=self.company
        )
        step = B2bFinancePortal._items_per_page
        page_count = -(-full["count"] // step)
        self.assertGreaterEqual(page_count, 3)
        self.authenticate("alpha_b2b", "alpha_b2b")
        res = self._get(f"/my/statement?{period}")
        links = dict(
            re.findall(r'href="(/my/statement/page/(\d+)\?[^"]*start=\d+[^"]*)"', res.text)[::-1]
        )
        links = {int(num): url.replace("&amp;", "&") for url, num in links.items()}
        self.assertIn(2, links)
        self.assertIn(page_count, links)

        def running(text):
            cells = re.findall(r'o_b2b_running"[^>]*>(.*?)</td>', text, re.S)
            return [float(re.sub(r"[^\d.-]", "", re.sub("<[^>]+>", "", c))) for c in cells]

        for number in (2, page_count):
            res = self._get(links[number])
            self.assertEqual(res.status_code, 200)
            lines = full["lines"][(number - 1) * step : number * step]
            self.assertEqual(running(res.text), [round(line["balance"], 2) for line in lines])
        # a typed page number (no start) shows the same page
        self.assertEqual(
            running(self._get(f"/my/statement/page/2?{period}").text),
            running(self._get(links[2]).text),
        )
        self.assertEqual(
            self._query_count(f"/my/statement?{period}"), self._query_count(links[page_count])
        )

    def test_shared_login_statement_follows_company(self):
        self.authenticate("shared_b2b", "shared_b2b")
        period = "date_from=2000-01-01&date_to=2100-12-31"
        self.assertEqual(self._get(f"/my/statement?{period}").status_code, 303)  # chooser
        self._choose(self.company_a)
        res = self._get(f"/my/statement?{period}")
        self.assertTrue(self.invoice_a.name in res.text)
        self.assertFalse(self.invoice_b.name in res.text, "B's invoice leaked")
        self._choose(self.company_b)
        res = self._get(f"/my/statement/pdf?{period}")
        self.assertTrue(self.invoice_b.name in res.text)
        self.assertFalse(self.invoice_a.name in res.text, "A's invoice leaked")

    @mute_logger("odoo.http")
    def test_report_route_refused(self):
        """Odoo's generic /report route cannot print another company's statement."""
        self.authenticate("alpha_b2b", "alpha_b2b")
        for kind in ("pdf", "html"):
            res = self._get(f"/report/{kind}/b2b_portal.report_b2b_statement/{self.company_b.id}")
            self.assertNotEqual(res.status_code, 200)
            self.assertFalse(self.invoice_b.name in res.text, "B's invoice leaked")

    def test_balance_page(self):
        self._invoice(self.company_b, 999.0, date.today())
        self.authenticate("alpha_b2b", "alpha_b2b")
        order_invoice = self.order_a._create_invoices()
        order_invoice.action_post()
        res = self._get("/my/balance")
        self.assertEqual(res.status_code, 200)
        self.assertTrue(self.order_a.name in res.text, "order missing")
        self.assertFalse(self.order_b.name in res.text, "B's order leaked")
