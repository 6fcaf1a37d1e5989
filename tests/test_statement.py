# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .finance_common import B2bFinanceCommon


@tagged("post_install", "-at_install")
class TestStatement(B2bFinanceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.year = date.today().year - 1
        cls.customer = cls.env["res.partner"].create(
            {"name": "Statement Customer Ltd", "is_company": True}
        )

    def d(self, month, day):
        return date(self.year, month, day)

    def _statement(self, date_from, date_to, **kw):
        return self.Builder._b2b_statement(self.customer, date_from, date_to, **kw)

    def assertStatementAddsUp(self, st):
        self.assertAlmostEqual(
            st["opening"] + st["total_debit"] - st["total_credit"], st["closing"], 2
        )

    # ------------------------------------------------------------
    # Arithmetic
    # ------------------------------------------------------------

    def test_statement_across_periods(self):
        inv1 = self._invoice(self.customer, 1000, self.d(1, 10), due=self.d(2, 9))
        self._invoice(self.customer, 500, self.d(2, 15))
        self._pay(inv1, amount=300, pay_date=self.d(2, 20))  # partial payment
        self._invoice(self.customer, 200, self.d(3, 5), move_type="out_refund")
        self._advance(self.customer, 100, self.d(3, 20))

        jan = self._statement(self.d(1, 1), self.d(1, 31))
        feb_mar = self._statement(self.d(2, 1), self.d(3, 31))
        rest = self._statement(self.d(4, 1), date.today())
        for st in (jan, feb_mar, rest):
            self.assertStatementAddsUp(st)
        self.assertEqual(jan["opening"], 0.0)
        self.assertAlmostEqual(jan["closing"], 1000.0)
        self.assertEqual(jan["count"], 1)
        self.assertAlmostEqual(feb_mar["opening"], jan["closing"])
        self.assertAlmostEqual(feb_mar["total_debit"], 500.0)
        self.assertAlmostEqual(feb_mar["total_credit"], 600.0)
        self.assertAlmostEqual(rest["opening"], feb_mar["closing"])
        self.assertAlmostEqual(rest["closing"], 900.0)
        # equal to the partner's receivable balance in the ledger
        self.assertAlmostEqual(rest["closing"], self.customer.credit)
        # the last running balance of the period is the closing balance
        self.assertAlmostEqual(feb_mar["lines"][-1]["balance"], feb_mar["closing"])

    def test_running_balance_across_pages(self):
        for month in range(1, 8):
            self._invoice(self.customer, 100 * month, self.d(month, 3))
        inv = self._invoice(self.customer, 50, self.d(2, 1))
        self._pay(inv, pay_date=self.d(2, 2))
        full = self._statement(self.d(1, 1), self.d(12, 31))
        self.assertEqual(full["count"], 9)
        previous = full["opening"]
        for offset in range(0, 9, 2):
            page = self._statement(self.d(1, 1), self.d(12, 31), offset=offset, limit=2)
            self.assertAlmostEqual(page["page_start"], previous)
            for line, ref in zip(page["lines"], full["lines"][offset : offset + 2], strict=True):
                self.assertEqual(line["id"], ref["id"])
                self.assertAlmostEqual(line["balance"], ref["balance"])
            previous = page["lines"][-1]["balance"]
        self.assertAlmostEqual(previous, full["closing"])

    def test_keyset_pages_match_one_page(self):
        """Pages reached by their links' start rows (next, previous, last, and a
        typed page number) show the rows and running balances of the one-page
        statement; a start row of another statement falls back to the position."""
        dates = [self.d(1 + i % 6, 1 + i % 5) for i in range(23)]
        self._receivable_items(self.customer, dates, per_move=3)
        period = (self.d(1, 1), self.d(12, 31))
        full = self._statement(*period)
        self.assertEqual(full["count"], 23)
        step = 4

        def assertPage(page, number):
            first = (number - 1) * step
            self.assertEqual(page["position"], first)
            expected = full["lines"][first : first + step]
            self.assertEqual([line["id"] for line in page["lines"]], [r["id"] for r in expected])
            for line, ref in zip(page["lines"], expected, strict=True):
                self.assertAlmostEqual(line["balance"], ref["balance"])
            before = full["lines"][first - 1]["balance"] if first else full["opening"]
            self.assertAlmostEqual(page["page_start"], before)
            self.assertEqual(page["count"], full["count"])
            self.assertAlmostEqual(page["closing"], full["closing"])

        page = self._statement(*period, limit=step)
        assertPage(page, 1)
        # forward by the next-page links, to the last page (6)
        for number in range(2, 7):
            page = self._statement(*period, limit=step, start=page["page_starts"][number])
            assertPage(page, number)
        self.assertEqual(len(page["lines"]), 3)
        self.assertAlmostEqual(page["lines"][-1]["balance"], full["closing"])
        # back by the previous-page links
        for number in range(5, 1, -1):
            page = self._statement(*period, limit=step, start=page["page_starts"][number])
            assertPage(page, number)
        # page 1 links the last page directly, page 6 pages 3 to 5
        first = self._statement(*period, limit=step)
        self.assertEqual(set(first["page_starts"]), {2, 3, 4, 6})
        assertPage(self._statement(*period, limit=step, start=first["page_starts"][6]), 6)
        # a typed page number (no start) and an offset past the end
        assertPage(self._statement(*period, offset=2 * step, limit=step), 3)
        assertPage(self._statement(*period, offset=99 * step, limit=step), 6)
        # a row of another customer or outside the period is no start
        other = self._invoice(self.company_b, 10.0, self.d(3, 3))
        foreign = other.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        )
        assertPage(self._statement(*period, offset=step, limit=step, start=foreign.id), 2)
        assertPage(self._statement(*period, limit=step, start=foreign.id), 1)

    def test_page_query_count_constant(self):
        """Page 1 and page 25 of a statement cost the same queries (keyset): the
        figures, the rows, their entries, the aging, for staff and for the portal."""
        dates = [self.d(1 + i % 12, 1 + i % 28) for i in range(200)]
        self._receivable_items(self.company_a, dates)
        period = (self.d(1, 1), self.d(12, 31))
        step = 8
        for Builder in (self.Builder, self.Builder.with_user(self.user_a)):
            Builder._b2b_statement(self.company_a, *period, limit=step)  # warm the caches
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            first = Builder._b2b_statement(self.company_a, *period, limit=step)
            queries = self.cr.sql_log_count - before
            if Builder.env.su:  # and the company, invalidated above
                self.assertEqual(queries, 5)
            start = first["page_starts"][25]
            self.env.invalidate_all()
            with self.assertQueryCount(queries):
                last = Builder._b2b_statement(self.company_a, *period, limit=step, start=start)
            self.assertEqual(last["position"], 24 * step)
            self.assertEqual(len(last["lines"]), step)
            self.assertAlmostEqual(last["lines"][-1]["balance"], last["closing"])

    def test_xlsx_rows_in_batches(self):
        """The file's rows come in keyset batches: the same rows and running
        balances as the one-page statement, whatever the batch size."""
        dates = [self.d(2, 1 + i % 3) for i in range(11)]
        self._receivable_items(self.customer, dates, per_move=4)
        period = (self.d(1, 1), self.d(12, 31))
        full = self._statement(*period)
        for batch in (1, 3, 5000):
            opening, rows = self.Builder._b2b_statement_rows(self.customer, *period, batch=batch)
            rows = list(rows)
            self.assertEqual(opening, full["opening"])
            self.assertEqual(
                [(r[0], r[1], r[2], r[4], r[5]) for r in rows],
                [
                    (r["date"], r["document"], r["description"], r["debit"], r["credit"])
                    for r in full["lines"]
                ],
            )
            for row, ref in zip(rows, full["lines"], strict=True):
                self.assertAlmostEqual(row[6], ref["balance"])

    def test_multi_currency(self):
        foreign = self.env.ref("base.EUR")
        if foreign == self.currency:
            foreign = self.env.ref("base.CHF")
        foreign.active = True
        self.env["res.currency.rate"].create(
            {
                "name": self.d(1, 1),
                "rate": 2.0,
                "currency_id": foreign.id,
                "company_id": self.company.id,
            }
        )
        inv = self._invoice(self.customer, 300, self.d(3, 1), currency=foreign)
        self._invoice(self.customer, 40, self.d(3, 2))
        st = self._statement(self.d(1, 1), self.d(12, 31))
        self.assertAlmostEqual(st["closing"], 150.0 + 40.0)
        line = next(line for line in st["lines"] if line["document"] == inv.name)
        self.assertEqual(line["currency"], foreign)
        self.assertAlmostEqual(line["amount_currency"], 300.0)
        self.assertAlmostEqual(line["debit"], 150.0)
        self._pay(inv, pay_date=self.d(3, 10))
        st = self._statement(self.d(1, 1), self.d(12, 31))
        self.assertStatementAddsUp(st)
        self.assertAlmostEqual(st["closing"], 40.0)
        self.assertAlmostEqual(st["closing"], self.customer.credit)

    # ------------------------------------------------------------
    # Aging
    # ------------------------------------------------------------

    def test_aging_buckets(self):
        date_to = self.d(6, 30)
        self._invoice(self.customer, 100, self.d(6, 1), due=self.d(7, 10))
        self._invoice(self.customer, 200, self.d(5, 1), due=self.d(6, 15))
        self._invoice(self.customer, 300, self.d(4, 1), due=self.d(5, 10))
        self._invoice(self.customer, 400, self.d(3, 1), due=self.d(4, 15))
        old = self._invoice(self.customer, 500, self.d(1, 1), due=self.d(1, 31))
        self._pay(old, amount=50, pay_date=self.d(6, 1))
        # paid after the end of the period: still open at date_to
        late = self._invoice(self.customer, 70, self.d(5, 20), due=self.d(6, 20))
        self._pay(late, pay_date=self.d(8, 1))
        aging = self.Builder._b2b_aging(self.customer, date_to)
        self.assertAlmostEqual(aging["current"], 100.0)
        self.assertAlmostEqual(aging["days_1_30"], 270.0)
        self.assertAlmostEqual(aging["days_31_60"], 300.0)
        self.assertAlmostEqual(aging["days_61_90"], 400.0)
        self.assertAlmostEqual(aging["days_90_plus"], 450.0)
        closing = self.Builder._b2b_balance(self.customer, date_to=date_to)
        self.assertAlmostEqual(sum(aging.values()), closing)

    def test_balance_and_overdue_in_one_query(self):
        """The dashboard's single query gives what the two readers give."""
        today = date.today()
        past = self.d(3, 1)
        self._invoice(self.customer, 100, past, due=self.d(3, 31))  # overdue
        partly = self._invoice(self.customer, 300, past, due=self.d(4, 30))
        self._pay(partly, amount=120, pay_date=self.d(5, 1))  # 180 still overdue
        self._invoice(self.customer, 40, today, due=date(today.year + 1, 1, 31))  # not due
        self.assertEqual(
            self.Builder._b2b_balance_overdue(self.customer),
            (self.Builder._b2b_balance(self.customer), self.Builder._b2b_overdue(self.customer)),
        )
        balance, overdue = self.Builder._b2b_balance_overdue(self.customer)
        self.assertAlmostEqual(balance, 320.0)
        self.assertAlmostEqual(overdue, 280.0)
        # nothing at all: zeros, not None
        empty = self.env["res.partner"].create({"name": "No items SA", "is_company": True})
        self.assertEqual(self.Builder._b2b_balance_overdue(empty), (0.0, 0.0))
        with self.assertRaises(AccessError):
            self.Builder.with_user(self.user_a)._b2b_balance_overdue(self.company_b)

    # ------------------------------------------------------------
    # Balance by order
    # ------------------------------------------------------------

    def test_balance_by_order(self):
        order = self._create_order(self.customer)
        other = self._create_order(self.customer)
        invoice = order._create_invoices()
        invoice.action_post()
        self._pay(invoice, amount=10.0)
        by_order = self.Builder._b2b_balance_by_order(self.customer)
        self.assertNotIn(other.id, by_order)  # not invoiced yet
        figures = by_order[order.id]
        self.assertAlmostEqual(figures["invoiced"], invoice.amount_total_signed)
        self.assertAlmostEqual(figures["paid"], 10.0)
        self.assertAlmostEqual(figures["due"], invoice.amount_total_signed - 10.0)
        # a credit note of the order lowers what was invoiced
        refund = invoice._reverse_moves([{"invoice_date": date.today(), "date": date.today()}])
        refund.invoice_line_ids.quantity = 1
        refund.action_post()
        figures = self.Builder._b2b_balance_by_order(self.customer)[order.id]
        self.assertAlmostEqual(
            figures["invoiced"], invoice.amount_total_signed + refund.amount_total_signed
        )

    # ------------------------------------------------------------
    # Who may read it
    # ------------------------------------------------------------

    def test_reader_refuses_without_permission_or_company(self):
        Builder = self.env["b2b.statement.builder"]
        today = date.today()
        Builder.with_user(self.user_a)._b2b_statement(self.company_a, today, today)
        with self.assertRaises(AccessError):
            Builder.with_user(self.user_a)._b2b_statement(self.company_b, today, today)
        with self.assertRaises(AccessError):
            Builder.with_user(self.user_no_finance)._b2b_statement(self.company_a, today, today)
        with self.assertRaises(AccessError):
            Builder.with_user(self.user_no_finance)._b2b_balance(self.company_a)
        with self.assertRaises(AccessError):
            Builder.with_user(self.user_passive)._b2b_balance(self.company_a)
        # the shared login acting for A cannot read B's statement
        shared_a = Builder.with_user(self.user_shared).with_context(
            b2b_partner_id=self.company_a.id
        )
        shared_a._b2b_balance(self.company_a)
        with self.assertRaises(AccessError):
            shared_a._b2b_balance(self.company_b)
