# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
from datetime import timedelta

from psycopg2.errors import LockNotAvailable, SerializationFailure

from odoo import SUPERUSER_ID, Command, api, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import Request
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import TransactionCase
from odoo.tools import mute_logger

from .common import B2bCommon, test_payment_provider

_logger = logging.getLogger(__name__)

SIGNATURE = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="  # noqa: E501


class ApprovalCommon(B2bCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product_nt = cls.env["product.product"].create(
            {"name": "Approval widget", "type": "service", "list_price": 100.0, "taxes_id": False}
        )
        cls.salesperson = new_test_user(
            cls.env, login="sales_b2b", groups="sales_team.group_sale_salesman"
        )
        Access = cls.env["b2b.access"]
        cls.access_approver = Access.create(
            {
                "partner_id": cls.company_a.id,
                "login": "approver_b2b",
                "name": "Arda Approver",
                "new_password": "approver_b2b",
                "perm_approve": True,
            }
        )
        cls.user_approver = cls.access_approver.user_id
        cls.access_approver_b = Access.create(
            {
                "partner_id": cls.company_b.id,
                "login": "approver_b_b2b",
                "name": "Bruno Approver",
                "new_password": "approver_b_b2b",
                "perm_approve": True,
            }
        )
        cls.user_approver_b = cls.access_approver_b.user_id

    @classmethod
    def _quote(cls, partner, qty, **vals):
        return cls.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "user_id": cls.salesperson.id,
                "require_payment": False,
                "order_line": [
                    Command.create(
                        {
                            "product_id": cls.product_nt.id,
                            "product_uom_qty": qty,
                            "price_unit": 100.0,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
                **vals,
            }
        )

    def _confirm_as(self, user, order, partner=None):
        """Confirm the way portal controllers do: as the user, elevated."""
        partner = partner or order.partner_id
        order.with_user(user).with_context(b2b_partner_id=partner.id).sudo().action_confirm()
        order.invalidate_recordset()
        return order


@tagged("post_install", "-at_install")
class TestSpendingLimits(ApprovalCommon):
    def test_under_the_limit_is_confirmed(self):
        self.access_a.write({"max_order_amount": 500, "max_month_amount": 1000})
        order = self._confirm_as(self.user_a, self._quote(self.company_a, 3))
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.b2b_approval_state, "none")
        self.assertEqual(order.b2b_buyer_id, self.user_a)

    def test_no_limit_no_check(self):
        order = self._confirm_as(self.user_a, self._quote(self.company_a, 300))
        self.assertEqual(order.state, "sale")

    def test_above_order_limit_waits_and_notifies(self):
        self.access_a.max_order_amount = 500
        order = self._confirm_as(self.user_a, self._quote(self.company_a, 6))
        self.assertEqual(order.state, "sent", "a portal order above the limit is not confirmed")
        self.assertEqual(order.b2b_approval_state, "waiting")
        self.assertEqual(order.b2b_approval_requested_by, self.user_a)
        self.assertIn("limit per order", order.b2b_approval_reason)
        # the approvers of A (not of B) get a message, the salesperson an activity
        message = order.message_ids.filtered(lambda m: "Waiting for approval by" in str(m.body))
        self.assertEqual(len(message), 1)
        self.assertIn(self.user_approver.partner_id, message.partner_ids)
        self.assertNotIn(self.user_approver_b.partner_id, message.partner_ids)
        self.assertEqual(message.author_id, self.user_a.partner_id)
        activity = order.activity_ids.filtered(
            lambda a: (
                a.activity_type_id == self.env.ref("b2b_portal.mail_activity_type_b2b_approval")
            )
        )
        self.assertEqual(activity.user_id, self.salesperson)
        # confirming it again does not confirm it nor notify twice
        self._confirm_as(self.user_a, order)
        self.assertEqual(order.state, "sent")
        self.assertEqual(
            len(order.message_ids.filtered(lambda m: "Waiting for approval by" in str(m.body))), 1
        )

    def test_month_limit_counts_confirmed_and_waiting_orders(self):
        self.access_a.max_month_amount = 1000
        first = self._confirm_as(self.user_a, self._quote(self.company_a, 4))
        second = self._confirm_as(self.user_a, self._quote(self.company_a, 4))
        self.assertEqual((first.state, second.state), ("sale", "sale"))
        # someone else's orders for A do not count
        other = self._confirm_as(self.user_shared, self._quote(self.company_a, 9))
        self.assertEqual(other.state, "sale")
        third = self._confirm_as(self.user_a, self._quote(self.company_a, 3))
        self.assertEqual(third.b2b_approval_state, "waiting", "800 + 300 > 1000")
        self.assertIn("monthly limit", third.b2b_approval_reason)
        # the waiting order counts too: 800 + 300 + 100 > 1000
        fourth = self._confirm_as(self.user_a, self._quote(self.company_a, 1))
        self.assertEqual(fourth.b2b_approval_state, "waiting")
        # last month's orders do not count
        (first | second).date_order = fields.Datetime.now() - timedelta(days=40)
        third.b2b_approval_requested_on = fields.Datetime.now() - timedelta(days=40)
        fifth = self._confirm_as(self.user_a, self._quote(self.company_a, 8))
        self.assertEqual(fifth.state, "sale", "100 (waiting) + 800 <= 1000")

    def test_website_cart_above_limit_becomes_a_waiting_quotation(self):
        self.access_a.max_order_amount = 100
        website = self.env["website"].search([], limit=1)
        cart = self._quote(self.company_a, 3, website_id=website.id)
        self.assertEqual(cart.state, "draft")
        self._confirm_as(self.user_a, cart)
        self.assertEqual((cart.state, cart.b2b_approval_state), ("sent", "waiting"))
        self.assertFalse(cart._has_to_be_signed() or cart._has_to_be_paid())

    def test_no_online_payment_before_approval(self):
        """Issue 15, point 1: a cart above the buyer's limit cannot start an online
        payment (the transaction route checks the cart first); under the limit it
        can; once approved it is confirmed and nothing waits any more."""
        self.access_a.max_order_amount = 100
        website = self.env["website"].search([], limit=1)

        def as_buyer(order):
            return (
                order.with_user(self.user_a).with_context(b2b_partner_id=self.company_a.id).sudo()
            )

        cart = self._quote(self.company_a, 3, website_id=website.id)
        self.assertIn("limit per order", as_buyer(cart)._b2b_approval_needed())
        with self.assertRaisesRegex(ValidationError, "needs an approval before it can be paid"):
            as_buyer(cart)._check_cart_is_ready_to_be_paid()
        self.assertEqual((cart.state, cart.b2b_approval_state), ("draft", "none"))
        small = self._quote(self.company_a, 1, website_id=website.id)
        self.assertFalse(as_buyer(small)._b2b_approval_needed())
        as_buyer(small)._check_cart_is_ready_to_be_paid()
        # placed on account it waits; approved, it is an order
        self._confirm_as(self.user_a, cart)
        self.assertEqual(cart.b2b_approval_state, "waiting")
        self.assertTrue(as_buyer(cart)._b2b_approval_needed())
        cart.with_user(self.salesperson).action_b2b_approve()
        self.assertEqual(cart.state, "sale")
        self.assertFalse(as_buyer(cart)._b2b_approval_needed())

    def test_payment_confirmation_by_public_user_finds_the_buyer(self):
        """A payment webhook confirms as the public user: the portal user who
        created the order is the buyer."""
        self.access_a.max_order_amount = 100
        order = (
            self.env["sale.order"]
            .with_user(self.user_a)
            .sudo()
            .create(
                {
                    "partner_id": self.company_a.id,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": self.product_nt.id,
                                "product_uom_qty": 3,
                                "tax_ids": [Command.clear()],
                            }
                        )
                    ],
                }
            )
        )
        self.assertEqual(order.create_uid, self.user_a)
        public = self.env.ref("base.public_user")
        order.with_user(public).sudo().with_context(send_email=True).action_confirm()
        self.assertEqual(order.b2b_approval_state, "waiting")
        self.assertEqual(order.b2b_approval_requested_by, self.user_a)

    def test_limit_in_another_currency(self):
        eur = self.env.ref("base.EUR")
        eur.active = True
        company_currency = self.env.company.currency_id
        self.env["res.currency.rate"].search(
            [("currency_id", "in", (eur | company_currency).ids)]
        ).unlink()
        self.env["res.currency.rate"].create(
            {"currency_id": eur.id, "rate": 0.5, "name": fields.Date.today()}
        )
        if company_currency == eur:
            self.skipTest("company currency is EUR")
        pricelist = self.env["product.pricelist"].create({"name": "EUR", "currency_id": eur.id})
        self.access_a.max_order_amount = 500
        # 400 EUR = 800 in the company currency: above 500
        order = self._quote(self.company_a, 4, pricelist_id=pricelist.id)
        self.assertEqual(order.currency_id, eur)
        self._confirm_as(self.user_a, order)
        self.assertEqual(order.b2b_approval_state, "waiting")

    def test_staff_confirm_is_not_limited_and_approves(self):
        self.access_a.max_order_amount = 100
        order = self._quote(self.company_a, 6)
        order.with_user(self.salesperson).action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.b2b_approval_state, "none")
        waiting = self._confirm_as(self.user_a, self._quote(self.company_a, 6))
        self.assertEqual(waiting.b2b_approval_state, "waiting")
        waiting.with_user(self.salesperson).action_confirm()
        self.assertEqual(waiting.state, "sale")
        self.assertEqual(waiting.b2b_approval_state, "approved")
        self.assertEqual(waiting.b2b_approver_id, self.salesperson)


@tagged("post_install", "-at_install")
class TestApprovalFlow(ApprovalCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.access_a.max_order_amount = 500

    def _waiting(self, qty=6, user=None):
        order = self._confirm_as(user or self.user_a, self._quote(self.company_a, qty))
        self.assertEqual(order.b2b_approval_state, "waiting")
        return order

    def test_approve_confirms_and_notifies_the_buyer(self):
        order = self._waiting()
        order._b2b_approve(self.user_approver, "Fine for the new site")
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.b2b_approval_state, "approved")
        self.assertEqual(order.b2b_approver_id, self.user_approver)
        message = order.message_ids.filtered(
            lambda m: (
                "Approved by Arda Approver" in str(m.body)
                and m.author_id == self.user_approver.partner_id
            )
        )
        self.assertEqual(len(message), 1)
        self.assertIn(self.user_a.partner_id, message.partner_ids)
        self.assertIn("Fine for the new site", str(message.body))
        self.assertFalse(
            order.activity_ids.filtered(
                lambda a: (
                    a.activity_type_id == self.env.ref("b2b_portal.mail_activity_type_b2b_approval")
                )
            ),
            "the salesperson's to-do is done",
        )
        # back to quotation: checked again at the next confirmation
        order._action_cancel()
        order.action_draft()
        self.assertEqual(order.b2b_approval_state, "none")

    def test_reject_returns_the_quotation_to_the_buyer(self):
        order = self._waiting()
        order.signature = SIGNATURE
        order._b2b_reject(self.user_approver, "Split it in two orders please")
        self.assertEqual(order.state, "sent")
        self.assertEqual(order.b2b_approval_state, "rejected")
        self.assertEqual(order.b2b_approval_comment, "Split it in two orders please")
        self.assertFalse(order.signature, "the buyer may sign again")
        message = order.message_ids.filtered(
            lambda m: (
                "Rejected by Arda Approver" in str(m.body)
                and m.author_id == self.user_approver.partner_id
            )
        )
        self.assertIn(self.user_a.partner_id, message.partner_ids)
        # the buyer submits it again: it waits again
        self._confirm_as(self.user_a, order)
        self.assertEqual(order.b2b_approval_state, "waiting")

    def test_reject_a_paid_order_asks_for_a_refund(self):
        order = self._waiting()
        self.assertFalse(order.transaction_ids)
        order._b2b_reject(self.user_approver, "Not this quarter")
        todo = self.env.ref("mail.mail_activity_data_todo")
        self.assertFalse(order.activity_ids.filtered(lambda a: a.activity_type_id == todo))
        # paid online before the approver rejected it: the salesperson must act
        order = self._waiting()
        provider = test_payment_provider(self.env)
        pm_unknown = self.env.ref("payment.payment_method_unknown")
        tx = self.env["payment.transaction"].create(
            {
                "provider_id": provider.id,
                "payment_method_id": pm_unknown.id,
                "amount": order.amount_total,
                "currency_id": order.currency_id.id,
                "partner_id": order.partner_id.id,
                "reference": f"B2B-REFUND-{order.id}",
                "sale_order_ids": [Command.set(order.ids)],
            }
        )
        tx._set_done()
        order._b2b_reject(self.user_approver, "Not this quarter")
        refund = order.activity_ids.filtered(lambda a: a.activity_type_id == todo)
        self.assertEqual(len(refund), 1)
        self.assertEqual(refund.summary, "Rejected B2B order already paid online")
        self.assertIn(tx.reference, str(refund.note))
        self.assertEqual(
            refund.user_id, order._b2b_salesperson() or self.env.ref("base.user_admin")
        )

    def test_approver_cannot_approve_own_order_above_own_limit(self):
        self.access_approver.max_order_amount = 100
        order = self._waiting(qty=3, user=self.user_approver)
        with self.assertRaises(UserError):
            order._b2b_approve(self.user_approver, "")
        self.assertEqual(order.b2b_approval_state, "waiting")
        # another approver of the company can
        other = self.env["b2b.access"].create(
            {
                "partner_id": self.company_a.id,
                "login": "approver2_b2b",
                "name": "Second Approver",
                "perm_approve": True,
            }
        )
        order._b2b_approve(other.user_id, "")
        self.assertEqual(order.state, "sale")

    def test_staff_approve_button(self):
        order = self._waiting()
        with self.assertRaises(AccessError):
            order.with_user(self.user_a).action_b2b_approve()
        self.assertEqual(order.b2b_approval_state, "waiting")
        order.with_user(self.salesperson).action_b2b_approve()
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.b2b_approver_id, self.salesperson)

    def test_approvers_are_per_company_and_permission(self):
        order = self._waiting()
        self.assertEqual(order._b2b_approvers(), self.user_approver)
        self.access_approver.state = "passive"
        self.assertFalse(order._b2b_approvers())
        self.access_approver.state = "active"
        self.env["ir.config_parameter"].sudo().set_param("b2b_portal.perm_approve", "False")
        self.assertFalse(order._b2b_approvers())


@tagged("post_install", "-at_install")
class TestApprovalHttp(ApprovalCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.access_a.max_order_amount = 500
        cls.access_shared_b.max_order_amount = 500

    def _post(self, url, data=None):
        payload = {"csrf_token": Request.csrf_token(self), **(data or {})}
        return self.url_open(url, data=payload, allow_redirects=False)

    def test_quotation_accepted_in_the_portal_waits(self):
        order = self._quote(self.company_a, 6, require_signature=True)
        order.action_quotation_sent()
        self.authenticate("alpha_b2b", "alpha_b2b")
        result = self.make_jsonrpc_request(
            f"/my/orders/{order.id}/accept", {"name": "Ada Alpha", "signature": SIGNATURE}
        )
        self.assertTrue(result.get("redirect_url"))
        order.invalidate_recordset()
        self.assertEqual(order.state, "sent")
        self.assertEqual(order.b2b_approval_state, "waiting")
        self.assertEqual(order.b2b_approval_requested_by, self.user_a)
        res = self.url_open(f"/my/orders/{order.id}?message=sign_ok")
        self.assertEqual(res.status_code, 200)
        self.assertTrue("Waiting for approval" in res.text)
        self.assertTrue("Arda Approver" in res.text, "the buyer sees who approves")

    def test_approval_routes_refuse_other_companies(self):
        order_a = self._confirm_as(self.user_a, self._quote(self.company_a, 6))
        order_b = self._confirm_as(self.user_shared, self._quote(self.company_b, 6))
        self.assertEqual(order_b.b2b_approval_state, "waiting")
        self.authenticate("approver_b2b", "approver_b2b")
        res = self.url_open("/my/b2b/approvals", allow_redirects=False)
        self.assertEqual(res.status_code, 200)
        self.assertTrue(order_a.name in res.text, "A's waiting order missing")
        self.assertFalse(order_b.name in res.text, "B's order leaked")
        for url in (f"/my/b2b/approvals/{order_b.id}", f"/my/b2b/approvals/{self.order_a.id}"):
            self.assertEqual(self.url_open(url, allow_redirects=False).status_code, 404)
        for decision in ("approve", "reject"):
            res = self._post(f"/my/b2b/approvals/{order_b.id}/{decision}", {"comment": "forged"})
            self.assertEqual(res.status_code, 404)
        order_b.invalidate_recordset()
        self.assertEqual((order_b.state, order_b.b2b_approval_state), ("sent", "waiting"))
        # without CSRF token nothing happens
        with mute_logger("odoo.http"):
            res = self.url_open(
                f"/my/b2b/approvals/{order_a.id}/approve",
                data={"comment": "x"},
                allow_redirects=False,
            )
        self.assertEqual(res.status_code, 400)
        # without the Approve permission: 403
        self.authenticate("alpha_b2b", "alpha_b2b")
        self.assertEqual(self.url_open("/my/b2b/approvals", allow_redirects=False).status_code, 403)
        res = self._post(f"/my/b2b/approvals/{order_a.id}/approve")
        self.assertEqual(res.status_code, 403)
        order_a.invalidate_recordset()
        self.assertEqual(order_a.b2b_approval_state, "waiting")

    def test_approve_and_reject_in_the_portal(self):
        order = self._confirm_as(self.user_a, self._quote(self.company_a, 6))
        other = self._confirm_as(self.user_a, self._quote(self.company_a, 7))
        self.authenticate("approver_b2b", "approver_b2b")
        res = self.url_open(f"/my/b2b/approvals/{order.id}", allow_redirects=False)
        self.assertEqual(res.status_code, 200)
        # the payment state is shown (an order waiting for approval is not paid)
        self.assertIn("o_b2b_payment_state", res.text)
        self.assertIn("not paid", res.text)
        self.assertNotIn("o_b2b_paid_online", self.url_open("/my/b2b/approvals").text)
        res = self._post(f"/my/b2b/approvals/{order.id}/approve", {"comment": "OK"})
        self.assertEqual(res.status_code, 303)
        order.invalidate_recordset()
        self.assertEqual((order.state, order.b2b_approval_state), ("sale", "approved"))
        # a rejection needs a reason
        res = self._post(f"/my/b2b/approvals/{other.id}/reject", {"comment": " "})
        self.assertEqual(res.status_code, 200)
        other.invalidate_recordset()
        self.assertEqual(other.b2b_approval_state, "waiting")
        res = self._post(f"/my/b2b/approvals/{other.id}/reject", {"comment": "Too many"})
        self.assertEqual(res.status_code, 303)
        other.invalidate_recordset()
        self.assertEqual((other.state, other.b2b_approval_state), ("sent", "rejected"))
        # the buyer sees the reason
        self.authenticate("alpha_b2b", "alpha_b2b")
        res = self.url_open(f"/my/orders/{other.id}")
        self.assertTrue("Too many" in res.text)
        # the queue is empty again and already decided orders are gone
        self.authenticate("approver_b2b", "approver_b2b")
        res = self._post(f"/my/b2b/approvals/{order.id}/approve", {"comment": "again"})
        self.assertEqual(res.status_code, 404)

    def test_approval_queue_query_count(self):
        self.authenticate("approver_b2b", "approver_b2b")

        def count():
            self.url_open("/my/b2b/approvals")  # warm caches
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            res = self.url_open("/my/b2b/approvals", allow_redirects=False)
            self.assertEqual(res.status_code, 200)
            return self.cr.sql_log_count - before

        self._confirm_as(self.user_a, self._quote(self.company_a, 6))
        few = count()
        for qty in range(6, 16):
            self._confirm_as(self.user_a, self._quote(self.company_a, qty))
        many = count()
        msg = f"approval queue: {few} queries for 1 order, {many} for 11"
        self.assertLessEqual(many, few + 2, msg)
        _logger.info(msg)

    def test_tour_buyer_orders_above_limit_then_approver_approves(self):
        order = self._quote(
            self.company_a, 6, require_signature=True, client_order_ref="TOUR-APPROVAL"
        )
        order.action_quotation_sent()
        self.start_tour(f"/my/orders/{order.id}", "b2b_portal_approval_buyer", login="alpha_b2b")
        order.invalidate_recordset()
        self.assertEqual(order.b2b_approval_state, "waiting")
        self.assertEqual(order.state, "sent")
        self.start_tour("/my", "b2b_portal_approval_approver", login="approver_b2b")
        order.invalidate_recordset()
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.b2b_approver_id, self.user_approver)


@tagged("post_install", "-at_install")
class TestApprovalConcurrency(TransactionCase):
    """Two confirmations at once must not both pass the monthly limit: the second
    waits for the first (row lock) and then sees its order."""

    def test_concurrent_confirmations_cannot_both_pass(self):
        registry = self.registry
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            partner = env["res.partner"].create({"name": "Concurrent Co", "is_company": True})
            product = env["product.product"].create(
                {"name": "Conc bolt", "type": "service", "list_price": 60, "taxes_id": False}
            )
            access = env["b2b.access"].create(
                {
                    "partner_id": partner.id,
                    "login": "conc_b2b@example.com",
                    "name": "Cem Concurrent",
                    "max_month_amount": 100,
                }
            )
            orders = env["sale.order"].create(
                [
                    {
                        "partner_id": partner.id,
                        "order_line": [
                            Command.create(
                                {
                                    "product_id": product.id,
                                    "price_unit": 60,
                                    "tax_ids": [Command.clear()],
                                }
                            )
                        ],
                    }
                    for _i in range(2)
                ]
            )
            ids = {
                "partner": partner.id,
                "product": product.id,
                "access": access.id,
                "user": access.user_id.id,
                "orders": orders.ids,
            }
        first_id, second_id = ids["orders"]

        def confirm(cr, order_id):
            env = api.Environment(cr, ids["user"], {"b2b_partner_id": ids["partner"]})
            order = env["sale.order"].browse(order_id).sudo()
            order.action_confirm()
            env.flush_all()
            return order.state

        cr1, cr2 = registry.cursor(), registry.cursor()
        try:
            # 1. while the first confirmation is not committed, the second one cannot
            #    check the month: it waits on the buyer's row (here: gives up after 1 s)
            self.assertEqual(confirm(cr1, first_id), "sale")
            cr2.execute("SET LOCAL lock_timeout = '1s'")
            with self.assertRaises(LockNotAvailable):
                confirm(cr2, second_id)
            cr2.rollback()
            cr1.rollback()

            # 2. both started before either committed (same snapshot age): once the
            #    first commits, the second cannot sum the month from its stale
            #    snapshot, it fails and is retried (as Odoo retries requests/crons)
            cr2.execute("SELECT 1")  # the second transaction's snapshot starts now
            self.assertEqual(confirm(cr1, first_id), "sale")
            cr1.commit()
            with self.assertRaises(SerializationFailure):
                confirm(cr2, second_id)
            cr2.rollback()
            # the retry sees the first order: 60 + 60 > 100, it waits for approval
            self.assertEqual(confirm(cr2, second_id), "sent")
            cr2.commit()
            env = api.Environment(cr2, SUPERUSER_ID, {})
            self.assertEqual(env["sale.order"].browse(second_id).b2b_approval_state, "waiting")
            self.assertEqual(env["sale.order"].browse(first_id).state, "sale")
            _logger.info("concurrent confirmations: the second one was serialized and held")
        finally:
            cr1.close()
            cr2.close()
            with registry.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                orders = env["sale.order"].browse(ids["orders"])
                orders._action_cancel()
                orders.unlink()
                env["b2b.access"].browse(ids["access"]).unlink()
                user = env["res.users"].browse(ids["user"])
                contact = user.partner_id
                user.unlink()
                contact.unlink()
                env["product.product"].browse(ids["product"]).product_tmpl_id.unlink()
                env["res.partner"].browse(ids["partner"]).unlink()
