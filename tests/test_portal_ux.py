# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What a person meets in the browser (issue 15): no tile or link of the portal
home leads to a refusal, and a refusal says what the access lacks."""

import re

from odoo.tests import HttpCase, tagged

from .common import B2bCommon, PortalSessionMixin


@tagged("post_install", "-at_install")
class TestPortalUx(PortalSessionMixin, B2bCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Access = cls.env["b2b.access"]
        profile_locked = cls.env["b2b.profile"].create(
            {"name": "Showroom UX", "readonly_profile": True, "allow_password_change": False}
        )
        Access.create(
            {
                "partner_id": cls.company_b.id,
                "login": "showroom_b2b",
                "name": "Stine Showroom",
                "new_password": "showroom_b2b",
                "profile_id": profile_locked.id,
            }
        )
        Access.create(
            {
                "partner_id": cls.company_b.id,
                "login": "ordersonly_b2b",
                "name": "Olaf Orders",
                "new_password": "ordersonly_b2b",
                **Access._b2b_permission_vals(["dashboard", "orders"]),
            }
        )
        Access.create(
            {
                "partner_id": cls.company_a.id,
                "login": "money_b2b",
                "name": "Mona Money",
                "new_password": "money_b2b",
                **Access._b2b_permission_vals(["dashboard", "payments", "statements"]),
            }
        )

    def _home_links(self):
        """The links of ``/my`` and of its dashboard's figures (loaded by the page)."""
        home = self.url_open("/my")
        self.assertEqual(home.status_code, 200)
        text = home.text
        if 'data-url="/my/b2b/dashboard"' in text:
            figures = self.url_open("/my/b2b/dashboard")
            self.assertEqual(figures.status_code, 200)
            text += figures.text
        return sorted(
            {link.replace("&amp;", "&") for link in re.findall(r'href="(/my[^"#]*)"', text)}
        )

    def test_no_home_link_leads_to_a_refusal(self):
        people = (
            ("alpha_b2b", None),
            ("noorders_b2b", None),
            ("shared_b2b", self.company_b),
            ("showroom_b2b", None),
            ("ordersonly_b2b", None),
            ("money_b2b", None),
            ("plain_portal", None),
        )
        for login, company in people:
            self._as(login)
            if company:
                self._choose(company)
            links = self._home_links()
            self.assertTrue(links, login)
            for link in links:
                with self.subTest(login=login, link=link):
                    res = self.url_open(link, allow_redirects=False)
                    self.assertNotIn(res.status_code, (403, 404, 500), f"{login}: {link}")

    def test_refusal_says_what_is_missing(self):
        self._as("ordersonly_b2b")
        res = self.url_open("/my/statement", allow_redirects=False)
        self.assertEqual(res.status_code, 403)
        self.assertIn("Not part of your access", res.text)
        self.assertIn("does not include Statements", res.text)
        self.assertEqual(res.text.count("does not include Statements"), 1, "said once")
        self.assertIn(self.company_b.name, res.text)
        self.assertIn('href="/my"', res.text)
        self._as("showroom_b2b")
        res = self.url_open("/my/account", allow_redirects=False)
        self.assertEqual(res.status_code, 403)
        self.assertIn("read-only", res.text)
        self.assertIn("Your invoicing and delivery addresses", self.url_open("/my").text)
        self._as("plain_portal")
        res = self.url_open("/my/statement", allow_redirects=False)
        self.assertEqual(res.status_code, 403)
        self.assertIn("part of the B2B portal", res.text)

    def test_quick_order_keeps_typed_rows(self):
        self._as("alpha_b2b")
        res = self.url_open(
            "/my/quick_order",
            data=[
                ("csrf_token", self.csrf()),
                ("sku", "B2B-BOLT"),
                ("qty", "2"),
                ("sku", "NO-SUCH-SKU"),
                ("qty", "1"),
                ("text", ""),
            ],
        )
        self.assertEqual(res.status_code, 200)
        self.assertRegex(res.text, r'name="sku"[^>]*value="B2B-BOLT"')
        self.assertRegex(res.text, r'name="sku"[^>]*value="NO-SUCH-SKU"')
        self.assertRegex(res.text, r'name="qty"[^>]*value="2"')

    def test_orders_list_and_waiting_orders(self):
        self.access_shared_a.max_order_amount = 10.0
        waiting = self._create_order(self.company_a, confirm=False)
        waiting.with_user(self.user_shared).with_context(
            b2b_partner_id=self.company_a.id
        ).sudo().action_confirm()
        self.assertEqual(waiting.b2b_approval_state, "waiting")
        self._as("shared_b2b")
        self._choose(self.company_a)
        orders = self.url_open("/my/orders").text
        self.assertIn(waiting.name, orders)
        self.assertIn("Waiting for approval", orders)
        self.assertEqual(orders.count("Shipping Status"), 1)
        self.assertNotIn("<th>Delivery</th>", orders)
        self.assertNotIn(waiting.name, self.url_open("/my/quotes").text)

    def test_side_card_shows_the_company_acted_for(self):
        self.company_a.street = "1 Alpha Street"
        self.company_b.street = "2 Beta Road"
        self.user_shared.partner_id.street = "1 Alpha Street"
        self._as("shared_b2b")
        self._choose(self.company_b)
        page = self.url_open("/my").text
        self.assertIn("2 Beta Road", page)
        self.assertNotIn("1 Alpha Street", page)

    def test_users_page_polish(self):
        self.access_a.write({"perm_administer": True})
        self.profile.perm_administer = True
        self._as("alpha_b2b")
        page = self.url_open("/my/b2b/users").text
        self.assertIn("Invited", page, "accesses that never logged in")
        self.assertIn("data-b2b-confirm", page)
        self.assertNotIn(f"{self.company_a.name}</strong>.", page)

    def test_reversed_statement_period_is_not_exported(self):
        self._as("alpha_b2b")
        for export in ("pdf", "xlsx"):
            res = self.url_open(
                f"/my/statement/{export}?date_from=2026-12-01&date_to=2026-01-01",
                allow_redirects=False,
            )
            self.assertEqual(res.status_code, 303, export)
            self.assertIn("/my/statement?", res.headers["Location"])
        res = self.url_open("/my/statement?date_from=2026-12-01&date_to=2026-01-01")
        self.assertIn("The period must start before it ends.", res.text)
