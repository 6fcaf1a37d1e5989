# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, timedelta

from odoo import SUPERUSER_ID, api
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, TransactionCase, tagged
from odoo.tools import mute_logger

from .finance_common import B2bFinanceCommon, ReconciliationMixin


@tagged("post_install", "-at_install")
class TestReconciliation(ReconciliationMixin, B2bFinanceCommon):
    def test_issue_freezes_figures(self):
        # the invoice is dated in the company's time zone: late in the UTC
        # evening that is already tomorrow
        until = max(date.today(), self.invoice_a.invoice_date)
        rec = self._issue(self.company_a, date(2000, 1, 1), until)
        self.assertEqual(rec.state, "issued")
        self.assertNotEqual(rec.name, "/")
        balance = self.Builder._b2b_balance(self.company_a, date_to=until)
        self.assertAlmostEqual(rec.closing_balance, balance)
        self.assertAlmostEqual(rec.closing_balance, self.invoice_a.amount_total_signed)
        self.assertAlmostEqual(
            rec.opening_balance + rec.total_debit - rec.total_credit, rec.closing_balance
        )
        self.assertAlmostEqual(
            rec.aging_current
            + rec.aging_1_30
            + rec.aging_31_60
            + rec.aging_61_90
            + rec.aging_90_plus,
            rec.closing_balance,
        )
        self.assertTrue(rec.pdf_attachment_id)
        self.assertEqual(rec.pdf_attachment_id.res_id, rec.id)
        sent = rec.message_ids.filtered(lambda m: m.message_type == "comment")
        self.assertTrue(sent, "the statement was not e-mailed")
        self.assertIn(self.company_a.id, sent.partner_ids.ids)
        # later movements do not change an issued statement
        self._invoice(self.company_a, 500.0, date.today())
        rec.invalidate_recordset()
        self.assertAlmostEqual(rec.closing_balance, balance)

    def test_issued_statement_cannot_be_edited(self):
        rec = self._issue(self.company_a)
        for vals in (
            {"closing_balance": 1.0},
            {"date_to": date.today() - timedelta(days=1)},
            {"partner_id": self.company_b.id},
            {"pdf_attachment_id": False},
        ):
            with self.assertRaises(UserError):
                rec.write(vals)
        with self.assertRaises(UserError):
            rec.write({"answer_comment": "forged"})
        with self.assertRaises(UserError):
            rec.unlink()
        with self.assertRaises(UserError):
            rec.action_issue()
        draft = self.env["b2b.reconciliation"].create({"partner_id": self.company_a.id})
        draft.date_from = date.today() - timedelta(days=40)  # a draft can still change
        draft.unlink()

    def test_answer_rules(self):
        rec = self._issue(self.company_a)
        rec_sudo = rec.sudo()
        with self.assertRaises(UserError):
            rec_sudo._b2b_answer("disputed", "  ", self.user_a)  # a dispute needs a comment
        rec_sudo._b2b_answer("disputed", "Invoice X was paid", self.user_a)
        self.assertEqual(rec.state, "disputed")
        self.assertEqual(rec.answer_user_id, self.user_a)
        activity = rec.activity_ids
        self.assertEqual(len(activity), 1, "staff get an activity on disputes")
        self.assertEqual(activity.user_id, rec.issued_by_id)
        with self.assertRaises(UserError):
            rec_sudo._b2b_answer("confirmed", "", self.user_a)  # answering twice
        cancelled = self._issue(self.company_a, date.today() - timedelta(days=60))
        cancelled.action_cancel()
        with self.assertRaises(UserError):
            cancelled.sudo()._b2b_answer("confirmed", "", self.user_a)
        # portal users only read, and only their company's issued statements
        rec_b = self._issue(self.company_b)
        Rec = self.env["b2b.reconciliation"].with_user(self.user_a)
        self.assertEqual(Rec.search([]), rec | cancelled)
        with self.assertRaises(AccessError):
            rec_b.with_user(self.user_a).read(["closing_balance"])
        with self.assertRaises(AccessError):
            rec.with_user(self.user_a).write({"state": "confirmed"})
        self.assertFalse(Rec.with_user(self.user_no_finance).search([]))

    def test_monthly_cron(self):
        Rec = self.env["b2b.reconciliation"]
        Rec._cron_issue_monthly()
        self.assertFalse(Rec.search([("partner_id", "in", (self.company_a | self.company_b).ids)]))
        ICP = self.env["ir.config_parameter"].sudo()
        ICP.set_param("b2b_portal.reconciliation_monthly", "True")
        Rec._cron_issue_monthly()
        recs = Rec.search([("partner_id", "in", (self.company_a | self.company_b).ids)])
        self.assertEqual(recs.partner_id, self.company_a | self.company_b)
        last_month_end = date.today().replace(day=1) - timedelta(days=1)
        self.assertEqual(set(recs.mapped("date_to")), {last_month_end})
        self.assertEqual(set(recs.mapped("state")), {"issued"})
        Rec._cron_issue_monthly()  # never twice for the same period
        self.assertEqual(
            Rec.search_count([("partner_id", "in", (self.company_a | self.company_b).ids)]), 2
        )

    def test_wizard_from_customer(self):
        action = self.company_a.action_b2b_issue_reconciliation()
        wizard = (
            self.env["b2b.reconciliation.wizard"]
            .with_context(**action["context"])
            .create({"date_from": date(2000, 1, 1), "date_to": date.today()})
        )
        self.assertEqual(wizard.partner_ids, self.company_a)
        result = wizard.action_issue()
        rec = self.env["b2b.reconciliation"].search(result["domain"])
        self.assertEqual(rec.partner_id, self.company_a)
        self.assertEqual(rec.state, "issued")
        self.assertEqual(self.company_a.b2b_reconciliation_count, 1)
        with self.assertRaises(UserError):  # already issued for this period
            wizard.action_issue()


@tagged("post_install", "-at_install")
class TestReconciliationConcurrency(TransactionCase):
    """Two answers at the same time: the row lock lets only one through."""

    def test_concurrent_answers(self):
        # other transactions only see committed rows: build them in a cursor of ours
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            partner = env["res.partner"].create({"name": "Concurrency Ltd", "is_company": True})
            rec = env["b2b.reconciliation"].create({"partner_id": partner.id})
            rec.with_context(b2b_issuing=True).write({"state": "issued", "name": "REC/TEST/LOCK"})
            rec_id, partner_id = rec.id, partner.id
        try:
            with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
                env1 = api.Environment(cr1, SUPERUSER_ID, {"tracking_disable": True})
                env2 = api.Environment(cr2, SUPERUSER_ID, {"tracking_disable": True})
                env1["b2b.reconciliation"].browse(rec_id)._b2b_answer("confirmed", "", env1.user)
                # the first answer holds the row until it commits
                with self.assertRaises(UserError):
                    env2["b2b.reconciliation"].browse(rec_id)._b2b_answer(
                        "disputed", "No", env2.user
                    )
                cr2.rollback()
                cr1.commit()
            with self.registry.cursor() as cr3:
                env3 = api.Environment(cr3, SUPERUSER_ID, {"tracking_disable": True})
                rec3 = env3["b2b.reconciliation"].browse(rec_id)
                self.assertEqual(rec3.state, "confirmed")
                with self.assertRaises(UserError):  # and afterwards the state refuses
                    rec3._b2b_answer("disputed", "No", env3.user)
        finally:
            with self.registry.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                env["mail.activity"].search(
                    [("res_model", "=", "b2b.reconciliation"), ("res_id", "=", rec_id)]
                ).unlink()
                env["mail.message"].search(
                    [("model", "=", "b2b.reconciliation"), ("res_id", "=", rec_id)]
                ).unlink()
                cr.execute("DELETE FROM b2b_reconciliation WHERE id = %s", [rec_id])
                env["res.partner"].browse(partner_id).unlink()


@tagged("post_install", "-at_install")
class TestReconciliationPortal(ReconciliationMixin, B2bFinanceCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rec_a = cls._issue(cls.company_a)
        cls.rec_b = cls._issue(cls.company_b)

    def _get(self, url):
        return self.url_open(url, allow_redirects=False)

    def _answer(self, rec, answer, comment="", csrf=True):
        data = {"comment": comment}
        if csrf:
            from odoo.http import Request  # noqa: PLC0415

            data["csrf_token"] = Request.csrf_token(self)
        return self.url_open(
            f"/my/reconciliations/{rec.id}/{answer}", data=data, allow_redirects=False
        )

    def test_list_and_detail(self):
        self.authenticate("alpha_b2b", "alpha_b2b")
        res = self._get("/my/reconciliations")
        self.assertTrue(self.rec_a.name in res.text)
        self.assertFalse(self.rec_b.name in res.text, "B's statement leaked")
        res = self._get(f"/my/reconciliations/{self.rec_a.id}")
        self.assertEqual(res.status_code, 200)
        self.assertIn("o_b2b_answer_form", res.text)
        res = self._get(f"/my/reconciliations/{self.rec_a.id}/pdf")
        self.assertEqual(res.status_code, 200)
        self.assertEqual(res.headers["Content-Type"], "application/pdf")
        for url in (
            f"/my/reconciliations/{self.rec_b.id}",
            f"/my/reconciliations/{self.rec_b.id}/pdf",
            "/my/reconciliations/999999999",
        ):
            self.assertEqual(self._get(url).status_code, 303, url)

    def test_confirm_then_refuse_second_answer(self):
        self.authenticate("alpha_b2b", "alpha_b2b")
        res = self._answer(self.rec_a, "confirm", "All good")
        self.assertEqual(res.status_code, 303)
        self.assertEqual(self.rec_a.state, "confirmed")
        self.assertEqual(self.rec_a.answer_user_id, self.user_a)
        self.assertEqual(self.rec_a.answer_comment, "All good")
        res = self._answer(self.rec_a, "dispute", "Changed my mind")
        self.assertEqual(res.status_code, 409)
        res = self._answer(self.rec_a, "confirm")
        self.assertEqual(res.status_code, 409)
        self.rec_a.invalidate_recordset()
        self.assertEqual(self.rec_a.state, "confirmed")
        self.assertEqual(self.rec_a.answer_comment, "All good")

    def test_dispute_needs_comment_and_creates_activity(self):
        self.authenticate("alpha_b2b", "alpha_b2b")
        res = self._answer(self.rec_a, "dispute", "")
        self.assertEqual(res.status_code, 400)
        self.assertEqual(self.rec_a.state, "issued")
        res = self._answer(self.rec_a, "dispute", "We paid INV/1 on the 3rd")
        self.assertEqual(res.status_code, 303)
        self.assertEqual(self.rec_a.state, "disputed")
        self.assertTrue(self.rec_a.activity_ids)

    @mute_logger("odoo.http")
    def test_answer_refusals(self):
        self.authenticate("alpha_b2b", "alpha_b2b")
        # another company's statement
        self.assertEqual(self._answer(self.rec_b, "confirm").status_code, 403)
        self.assertEqual(self.rec_b.state, "issued")
        # without CSRF token
        self.assertEqual(self._answer(self.rec_a, "confirm", csrf=False).status_code, 400)
        self.assertEqual(self.rec_a.state, "issued")
        # after cancellation
        self.rec_a.action_cancel()
        self.assertEqual(self._answer(self.rec_a, "confirm").status_code, 409)
        self.assertEqual(self.rec_a.state, "cancelled")
        # a draft is invisible
        draft = self.env["b2b.reconciliation"].create({"partner_id": self.company_a.id})
        self.assertEqual(self._get(f"/my/reconciliations/{draft.id}").status_code, 303)
        self.assertEqual(self._answer(draft, "confirm").status_code, 403)
        # without the Statements permission
        self.authenticate("nofinance_b2b", "nofinance_b2b")
        rec = self._issue(self.company_a, date.today() - timedelta(days=90))
        self.assertEqual(self._answer(rec, "confirm").status_code, 403)
        self.assertEqual(self._get("/my/reconciliations").status_code, 403)
        self.assertEqual(rec.state, "issued")
        # a shared login acting for B cannot answer A's statement
        self.authenticate("shared_b2b", "shared_b2b")
        from odoo.http import Request  # noqa: PLC0415

        self.url_open(
            "/my/b2b/company",
            data={"partner_id": self.company_b.id, "csrf_token": Request.csrf_token(self)},
            allow_redirects=False,
        )
        self.assertEqual(self._answer(rec, "confirm").status_code, 403)
        self.assertEqual(rec.state, "issued")

    def test_token_link(self):
        token = self.rec_a._portal_ensure_token()
        self.authenticate(None, None)
        res = self._get(f"/my/reconciliations/{self.rec_a.id}?access_token={token}")
        self.assertEqual(res.status_code, 200)
        self.assertTrue(self.rec_a.name in res.text)
        self.assertNotIn("o_b2b_answer_form", res.text)
        res = self._get(f"/my/reconciliations/{self.rec_a.id}?access_token=wrong")
        self.assertEqual(res.status_code, 303)
        res = self._get(f"/my/reconciliations/{self.rec_a.id}/pdf?access_token={token}")
        self.assertEqual(res.status_code, 200)
        # anonymous answers go to the login page and change nothing
        res = self._answer(self.rec_a, "confirm")
        self.assertEqual(res.status_code, 303)
        self.assertIn("/web/login", res.headers["Location"])
        self.assertEqual(self.rec_a.state, "issued")
