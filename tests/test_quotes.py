# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Q1: quote requests from the cart and quick order, negotiated in the portal."""

import base64
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import PortalSessionMixin, page_queries
from .orders_common import B2bOrdersCommon

PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


@tagged("post_install", "-at_install")
class TestQuotes(B2bOrdersCommon, PortalSessionMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesperson = cls.env["res.users"].create(
            {
                "name": "Sally Sales",
                "login": "sally_sales_q1",
                "email": "sally@example.com",
                "group_ids": [(6, 0, [cls.env.ref("sales_team.group_sale_salesman").id])],
            }
        )
        cls.company_a.user_id = cls.salesperson
        cls.access_no_quotes = cls.env["b2b.access"].create(
            {
                "partner_id": cls.company_a.id,
                "login": "noquotes_b2b",
                "name": "Quentin No-Quotes",
                "new_password": "noquotes_b2b",
                "perm_quotes": False,
            }
        )

    # ------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------

    @mute_logger("odoo.http")
    def _rpc(self, route, params):
        res = self.url_open(
            route,
            json={"jsonrpc": "2.0", "method": "call", "id": 1, "params": params},
            headers={"Content-Type": "application/json"},
        )
        return res.json()

    def _post(self, url, data):
        return self.url_open(url, data={**data, "csrf_token": self.csrf()}, allow_redirects=False)

    def _fill_cart(self, product, qty):
        self._rpc(
            "/shop/cart/add",
            {
                "product_template_id": product.product_tmpl_id.id,
                "product_id": product.id,
                "quantity": qty,
            },
        )
        return self.env["sale.order"].search(
            [
                ("b2b_user_id", "=", self.user_a.id),
                ("state", "=", "draft"),
                ("b2b_quote_state", "=", False),
            ],
            order="id desc",
            limit=1,
        )

    def _request(self, cart, qtys=None, prices=None, note="Please quote"):
        lines = cart.order_line.sorted("id")
        return self.url_open(
            "/my/quote_request",
            data={
                "csrf_token": self.csrf(),
                "product_id": [str(line.product_id.id) for line in lines],
                "qty": qtys or [str(int(line.product_uom_qty)) for line in lines],
                "price": prices or ["" for _line in lines],
                "note": note,
            },
            allow_redirects=False,
        )

    def _send(self, order):
        """The salesperson prices and sends it (Odoo's "Send by email" marks it sent)."""
        order.with_user(self.salesperson).with_context(mark_so_as_sent=True).message_post(
            body="Here is your quotation."
        )

    # ------------------------------------------------------------
    # the whole negotiation
    # ------------------------------------------------------------

    def test_request_price_changes_accept(self):
        self._as("alpha_b2b")
        cart = self._fill_cart(self.chair, 2)
        self.assertTrue(cart)
        page = self.url_open("/shop/cart").text
        self.assertIn("o_b2b_quote_request_link", page)
        page = self.url_open("/my/quote_request").text
        self.assertIn(self.chair.name, page)
        res = self._request(cart, qtys=["5"], prices=["80,5"], note="For the new office")
        self.assertEqual(res.status_code, 303, res.text[:500])
        self.assertEqual(cart.b2b_quote_state, "requested")
        self.assertEqual(cart.state, "draft")
        self.assertFalse(cart.website_id, "a quote request is no cart of the shop any more")
        self.assertEqual(cart.b2b_quote_note, "For the new office")
        line = cart.order_line
        self.assertEqual((line.product_uom_qty, line.b2b_requested_qty), (5, 5))
        self.assertAlmostEqual(line.b2b_wished_price, 80.5)
        self.assertEqual(cart.user_id, self.salesperson)
        # the salesperson's activity and the round in the chatter (mailed to them)
        activity = cart.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref("b2b_portal.mail_activity_type_b2b_quote")
        )
        self.assertEqual(activity.user_id, self.salesperson)
        message = cart.message_ids.filtered(lambda m: "For the new office" in (m.body or ""))
        self.assertEqual(message.author_id, self.user_a.partner_id)
        self.assertIn(self.salesperson.partner_id, message.partner_ids)
        # the thank-you page; not signable before it is priced
        page = self.url_open(res.headers["Location"]).text
        self.assertIn("o_b2b_quote_requested", page)
        self.assertIn("o_b2b_quote_status", page)
        self.assertFalse(cart._has_to_be_signed())
        result = self._rpc(
            f"/my/orders/{cart.id}/accept",
            {"name": "Ada", "signature": base64.b64encode(PIXEL).decode()},
        )
        self.assertIn("error", result.get("result", result))
        self.assertEqual(cart.state, "draft")
        # listed under Orders with its own filter; the shop starts a new cart
        waiting = self._order_with(self.company_a, [(self.lamp, 1)], confirm=False)
        waiting.write({"state": "sent", "b2b_approval_state": "waiting"})
        page = self.url_open("/my/orders?filterby=quotes").text
        self.assertIn(cart.name, page)
        self.assertNotIn(waiting.name, page, "an order waiting for approval is no quote request")
        self.assertNotIn(waiting.name, self.url_open("/my/orders?filterby=delivered").text)
        self.assertIn(waiting.name, self.url_open("/my/orders").text)
        self.assertNotIn(cart.name, self.url_open("/my/orders").text)
        new_cart = self._fill_cart(self.lamp, 1)
        self.assertNotEqual(new_cart, cart)
        self.assertEqual(cart.order_line.product_id, self.chair)

        # priced and sent by the salesperson: answered, activity done
        cart.order_line.price_unit = 85.0
        self._send(cart)
        self.assertEqual(cart.state, "sent")
        self.assertEqual(cart.b2b_quote_state, "quoted")
        self.assertFalse(cart.activity_ids)
        # the customer asks for changes: back to the salesperson
        page = self.url_open(f"/my/orders/{cart.id}").text
        self.assertIn("o_b2b_quote_changes", page)
        res = self._post(f"/my/quote_request/{cart.id}/changes", {"message": "82 please?"})
        self.assertEqual(res.status_code, 303)
        self.assertEqual((cart.state, cart.b2b_quote_state), ("draft", "changes"))
        self.assertTrue(cart.message_ids.filtered(lambda m: "82 please?" in (m.body or "")))
        self.assertTrue(cart.activity_ids)
        self.assertIn("o_b2b_quote_changes_sent", self.url_open(res.headers["Location"]).text)
        # sent again, accepted and signed: confirmed
        cart.order_line.price_unit = 82.0
        self._send(cart)
        self.assertEqual(cart.b2b_quote_state, "quoted")
        # Odoo's demo data asks for online payment on quotations (sale_demo.xml)
        cart.write({"require_signature": True, "require_payment": False})
        result = self._rpc(
            f"/my/orders/{cart.id}/accept",
            {"name": "Ada", "signature": base64.b64encode(PIXEL).decode()},
        )
        self.assertNotIn("error", result.get("result", {}), result)
        self.assertEqual(cart.state, "sale")
        self.assertEqual(cart.amount_untaxed, 5 * 82.0)

    def test_quick_order_preview_to_quote_request(self):
        self._as("alpha_b2b")
        res = self._post("/my/quick_order", {"text": "ZB-CHAIR\t3\nZB-LAMP\t2"})
        self.assertIn("o_b2b_quick_order_quote", res.text)
        res = self._post(
            "/my/quick_order/confirm",
            {"confirm_text": "ZB-CHAIR\t3\nZB-LAMP\t2", "quote": "1"},
        )
        self.assertEqual(res.status_code, 303)
        self.assertTrue(res.headers["Location"].endswith("/my/quote_request"))
        page = self.url_open("/my/quote_request").text
        self.assertIn(self.chair.name, page)
        self.assertIn(self.lamp.name, page)

    # ------------------------------------------------------------
    # limits and expiry apply on acceptance
    # ------------------------------------------------------------

    def test_spending_limit_applies_on_acceptance(self):
        self.access_a.max_order_amount = 150.0
        order = self._order_with(self.company_a, [(self.chair, 2)], confirm=False)
        order.write(
            {
                "b2b_quote_state": "requested",
                "b2b_user_id": self.user_a.id,
                "require_signature": True,
                "require_payment": False,
            }
        )
        self._send(order)
        self._as("alpha_b2b")
        result = self._rpc(
            f"/my/orders/{order.id}/accept",
            {"name": "Ada", "signature": base64.b64encode(PIXEL).decode()},
        )
        self.assertNotIn("error", result.get("result", {}), result)
        self.assertEqual(order.b2b_approval_state, "waiting")
        self.assertNotEqual(order.state, "sale")
        # waiting for approval: no changes asked any more
        self.assertTrue(order._b2b_quote_changes_refusal())

    def test_expired_quotation_cannot_be_accepted(self):
        order = self._order_with(self.company_a, [(self.chair, 1)], confirm=False)
        order.write({"b2b_quote_state": "requested", "require_signature": True})
        self._send(order)
        order.validity_date = fields.Date.today() - timedelta(days=1)
        self._as("alpha_b2b")
        result = self._rpc(
            f"/my/orders/{order.id}/accept",
            {"name": "Ada", "signature": base64.b64encode(PIXEL).decode()},
        )
        self.assertIn("error", result.get("result", result))
        self.assertEqual(order.state, "sent")
        # a new quote can be asked for
        res = self._post(f"/my/quote_request/{order.id}/changes", {"message": "Renew please"})
        self.assertEqual(res.status_code, 303)
        self.assertEqual(order.b2b_quote_state, "changes")

    # ------------------------------------------------------------
    # refusals: bad input changes nothing
    # ------------------------------------------------------------

    def test_bad_input_changes_nothing(self):
        self._as("alpha_b2b")
        cart = self._fill_cart(self.chair, 2)
        cases = [
            (["0"], [""], "must be"),
            (["-3"], [""], "must be"),
            (["abc"], [""], "must be a number"),
            (["99999999999"], [""], "must be a number"),
            (["2"], ["-1"], "must be a number"),
            (["2"], ["nan"], "must be a number"),
        ]
        for qtys, prices, message in cases:
            with self.subTest(qtys=qtys, prices=prices):
                res = self._request(cart, qtys=qtys, prices=prices)
                self.assertEqual(res.status_code, 200)
                self.assertIn("o_b2b_quote_error", res.text)
                self.assertIn(message, res.text)
                self.assertFalse(cart.b2b_quote_state)
                self.assertEqual(cart.order_line.product_uom_qty, 2)
        # a note too long
        res = self._request(cart, note="x" * 2001)
        self.assertIn("too long", res.text)
        self.assertFalse(cart.b2b_quote_state)
        # a product that is not in the cart is refused
        res = self.url_open(
            "/my/quote_request",
            data={
                "csrf_token": self.csrf(),
                "product_id": [str(self.shelf.id)],
                "qty": ["1"],
                "price": [""],
            },
            allow_redirects=False,
        )
        self.assertIn("Your cart has changed", res.text)
        self.assertFalse(cart.b2b_quote_state)
        # an id that is no number
        res = self.url_open(
            "/my/quote_request",
            data={
                "csrf_token": self.csrf(),
                "product_id": ["1 OR 1=1"],
                "qty": ["1"],
                "price": [""],
            },
            allow_redirects=False,
        )
        self.assertIn("Your cart has changed", res.text)
        # asking for changes: empty message, an order that is no sent quotation
        res = self._post(f"/my/quote_request/{self.order_a.id}/changes", {"message": "hi"})
        self.assertEqual(res.status_code, 303)
        self.assertIn("o_b2b_quote_flash", self.url_open(res.headers["Location"]).text)
        self.assertEqual(self.order_a.state, "sale")
        quote = self._order_with(self.company_a, [(self.chair, 1)], confirm=False)
        quote.state = "sent"
        self._post(f"/my/quote_request/{quote.id}/changes", {"message": "   "})
        self.assertEqual((quote.state, quote.b2b_quote_state), ("sent", False))

    def test_empty_cart(self):
        self._as("alpha_b2b")
        page = self.url_open("/my/quote_request").text
        self.assertIn("o_b2b_quote_empty", page)
        res = self._post("/my/quote_request", {"note": "x"})
        self.assertIn("Your cart is empty", res.text)

    # ------------------------------------------------------------
    # refusals: permission, passive, other company
    # ------------------------------------------------------------

    @mute_logger("odoo.http")
    def test_refusals(self):
        quote_b = self._order_with(self.company_b, [(self.chair, 1)], confirm=False)
        quote_b.state = "sent"
        # without the permission: no link, pages and posts refused (403)
        self._as("noquotes_b2b")
        cart = self._fill_cart(self.chair, 1)
        self.assertNotIn("o_b2b_quote_request_link", self.url_open("/shop/cart").text)
        self.assertEqual(self.url_open("/my/quote_request").status_code, 403)
        res = self._post("/my/quote_request", {"note": "x"})
        self.assertEqual(res.status_code, 403)
        quote_a = self._order_with(self.company_a, [(self.chair, 1)], confirm=False)
        quote_a.state = "sent"
        self.assertNotIn("o_b2b_quote_changes", self.url_open(f"/my/orders/{quote_a.id}").text)
        res = self._post(f"/my/quote_request/{quote_a.id}/changes", {"message": "x"})
        self.assertEqual(res.status_code, 403)
        self.assertFalse(quote_a.b2b_quote_state)
        # without Orders (quotes alone is not enough)
        self._as("noorders_b2b")
        self.assertEqual(self.url_open("/my/quote_request").status_code, 403)
        # another company's quotation: not found
        self._as("alpha_b2b")
        res = self._post(f"/my/quote_request/{quote_b.id}/changes", {"message": "x"})
        self.assertEqual(res.status_code, 404)
        self.assertEqual((quote_b.state, quote_b.b2b_quote_state), ("sent", False))
        # the shared login acting for B cannot touch A's quotation either
        self._as("shared_b2b")
        self._choose(self.company_b)
        res = self._post(f"/my/quote_request/{quote_a.id}/changes", {"message": "x"})
        self.assertEqual(res.status_code, 404)
        # passive: the open session dies, nothing is requested
        self._as("alpha_b2b")
        own_cart = self._fill_cart(self.chair, 1)
        self.access_a.action_deactivate()
        res = self.url_open("/my/quote_request", allow_redirects=False)
        self.assertIn(res.status_code, (303, 403))
        res = self._request(own_cart)
        self.assertIn(res.status_code, (303, 403))
        self.assertFalse(own_cart.b2b_quote_state)
        self.access_a.action_activate()
        self.assertFalse(cart.b2b_quote_state)
        # the global switch off: refused to everybody
        self.env["ir.config_parameter"].sudo().set_param("b2b_portal.perm_quotes", "False")
        self.env["res.users"]._b2b_invalidate()
        self._as("alpha_b2b")
        self.assertEqual(self.url_open("/my/quote_request").status_code, 403)

    def test_request_page_query_budget(self):
        """The request form costs the same whatever the number of cart lines."""
        self.product.is_published = True
        self._as("alpha_b2b")
        self._fill_cart(self.chair, 1)
        one = page_queries(self, "/my/quote_request")
        self._fill_cart(self.lamp, 1)
        cart = self._fill_cart(self.product, 1)
        self.assertEqual(len(cart.order_line), 3)
        self.assertEqual(page_queries(self, "/my/quote_request"), one)
