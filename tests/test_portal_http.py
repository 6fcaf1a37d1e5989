# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

from odoo import Command
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import B2bCommon

_logger = logging.getLogger(__name__)


@tagged("post_install", "-at_install")
class TestPortalHttp(B2bCommon, HttpCase):
    def _get(self, url):
        return self.url_open(url, allow_redirects=False)

    def _post(self, url, data):
        return self.url_open(
            url, data={**data, "csrf_token": self.csrf_token()}, allow_redirects=False
        )

    def csrf_token(self):
        from odoo.http import Request

        return Request.csrf_token(self)

    def _choose(self, partner):
        res = self._post("/my/b2b/company", {"partner_id": partner.id, "redirect": "/my"})
        self.assertEqual(res.status_code, 303)
        return res

    def assertRefused(self, res, *secrets):
        self.assertIn(res.status_code, (303, 403, 404), f"{res.url} answered {res.status_code}")
        self.assertNotIn("application/pdf", res.headers.get("Content-Type", ""))
        for secret in secrets:
            self.assertFalse(secret in res.text, f"{secret} leaked on {res.url}")

    # ------------------------------------------------------------
    # Company isolation (IDOR)
    # ------------------------------------------------------------

    def test_other_company_documents_refused(self):
        self.authenticate("alpha_b2b", "alpha_b2b")
        self.assertEqual(self._get(f"/my/orders/{self.order_a.id}").status_code, 200)
        for url in (
            f"/my/orders/{self.order_b.id}",
            f"/my/orders/{self.order_b.id}?report_type=pdf",
            f"/my/orders/{self.order_b.id}?report_type=pdf&download=true",
            f"/my/invoices/{self.invoice_b.id}",
            f"/my/invoices/{self.invoice_b.id}?report_type=pdf",
            f"/my/orders/{self.order_c.id}",
            "/my/orders/999999999",
        ):
            res = self._get(url)
            self.assertRefused(res, self.order_b.name, self.invoice_b.name)
        res = self._get("/my/orders")
        self.assertEqual(res.status_code, 200)
        self.assertTrue(
            self.order_a.name in res.text,
            f"{self.order_a.name} not on {res.url} ({res.status_code})",
        )
        self.assertFalse(self.order_b.name in res.text, f"{self.order_b.name} leaked on {res.url}")
        res = self._get("/my/invoices")
        self.assertTrue(self.invoice_a.name in res.text, f"{self.invoice_a.name} not on {res.url}")
        self.assertFalse(
            self.invoice_b.name in res.text, f"{self.invoice_b.name} leaked on {res.url}"
        )

    def test_own_pdf_is_served(self):
        self.authenticate("alpha_b2b", "alpha_b2b")
        res = self._get(f"/my/orders/{self.order_a.id}?report_type=html")
        self.assertEqual(res.status_code, 200)
        self.assertTrue(
            self.order_a.name in res.text,
            f"{self.order_a.name} not on {res.url} ({res.status_code})",
        )

    def test_without_orders_permission_refused(self):
        self.authenticate("noorders_b2b", "noorders_b2b")
        self.assertEqual(self._get("/my/orders").status_code, 403)
        self.assertEqual(self._get("/my/quotes").status_code, 403)
        res = self._get(f"/my/orders/{self.order_a.id}")
        self.assertRefused(res, self.order_a.name)
        # invoices are still there (Payments permission)
        self.assertEqual(self._get(f"/my/invoices/{self.invoice_a.id}").status_code, 200)
        # the home page does not offer orders
        res = self._get("/my")
        self.assertEqual(res.status_code, 200)

    # ------------------------------------------------------------
    # Shared login and the company chooser
    # ------------------------------------------------------------

    def test_shared_login_sees_only_current_company(self):
        self.authenticate("shared_b2b", "shared_b2b")
        # no company chosen yet: every /my page goes to the chooser
        res = self._get("/my/orders")
        self.assertEqual(res.status_code, 303)
        self.assertIn("/my/b2b/company", res.headers["Location"])
        res = self._get("/my/b2b/company")
        self.assertEqual(res.status_code, 200)
        self.assertIn(self.company_a.name, res.text)
        self.assertIn(self.company_b.name, res.text)

        self._choose(self.company_a)
        res = self._get("/my/orders")
        self.assertTrue(
            self.order_a.name in res.text,
            f"{self.order_a.name} not on {res.url} ({res.status_code})",
        )
        self.assertFalse(self.order_b.name in res.text, f"{self.order_b.name} leaked on {res.url}")
        self.assertEqual(self._get(f"/my/orders/{self.order_a.id}").status_code, 200)
        self.assertRefused(self._get(f"/my/orders/{self.order_b.id}"), self.order_b.name)

        self._choose(self.company_b)
        res = self._get("/my/orders")
        self.assertTrue(
            self.order_b.name in res.text,
            f"{self.order_b.name} not on {res.url} ({res.status_code})",
        )
        self.assertFalse(self.order_a.name in res.text, f"{self.order_a.name} leaked on {res.url}")
        self.assertEqual(self._get(f"/my/orders/{self.order_b.id}").status_code, 200)
        self.assertRefused(self._get(f"/my/orders/{self.order_a.id}"), self.order_a.name)

    def test_forged_company_choice_refused(self):
        self.authenticate("alpha_b2b", "alpha_b2b")
        res = self._post("/my/b2b/company", {"partner_id": self.company_b.id})
        self.assertEqual(res.status_code, 403)
        res = self._post("/my/b2b/company", {"partner_id": "not-a-number"})
        self.assertEqual(res.status_code, 403)
        # still acting for A only
        res = self._get("/my/orders")
        self.assertTrue(
            self.order_a.name in res.text,
            f"{self.order_a.name} not on {res.url} ({res.status_code})",
        )
        self.assertFalse(self.order_b.name in res.text, f"{self.order_b.name} leaked on {res.url}")

    def test_revoked_company_choice_dropped(self):
        self.authenticate("shared_b2b", "shared_b2b")
        self._choose(self.company_b)
        self.access_shared_b.action_deactivate()
        # the session still names B, but B is no longer allowed: A is the only one
        res = self._get("/my/orders")
        self.assertEqual(res.status_code, 200)
        self.assertTrue(
            self.order_a.name in res.text,
            f"{self.order_a.name} not on {res.url} ({res.status_code})",
        )
        self.assertFalse(self.order_b.name in res.text, f"{self.order_b.name} leaked on {res.url}")
        self.assertRefused(self._get(f"/my/orders/{self.order_b.id}"), self.order_b.name)

    @mute_logger("odoo.http")  # Odoo warns about the missing token
    def test_choice_without_csrf_refused(self):
        self.authenticate("shared_b2b", "shared_b2b")
        res = self.url_open(
            "/my/b2b/company", data={"partner_id": self.company_a.id}, allow_redirects=False
        )
        self.assertEqual(res.status_code, 400)

    def test_login_redirects_shared_user_to_chooser(self):
        self.env["ir.config_parameter"].sudo().set_param("base.login_cooldown_after", 0)
        res = self.url_open("/web/login")
        csrf = res.text.split('name="csrf_token" value="')[1].split('"')[0]
        res = self.url_open(
            "/web/login",
            data={"login": "shared_b2b", "password": "shared_b2b", "csrf_token": csrf},
            allow_redirects=False,
        )
        self.assertEqual(res.status_code, 303)
        self.assertIn("/my/b2b/company", res.headers["Location"])

    def test_passive_login_message(self):
        res = self.url_open("/web/login")
        csrf = res.text.split('name="csrf_token" value="')[1].split('"')[0]
        res = self.url_open(
            "/web/login",
            data={"login": "passive_b2b", "password": "passive_b2b", "csrf_token": csrf},
        )
        self.assertTrue(
            "Your B2B access is passive" in res.text, "no passive message on the login page"
        )

    # ------------------------------------------------------------
    # U2: an open session stops at its next request
    # ------------------------------------------------------------

    def test_passive_user_session_refused_at_next_request(self):
        self.authenticate("alpha_b2b", "alpha_b2b")
        self.assertEqual(self._get("/my/orders").status_code, 200)
        self.access_a.action_deactivate()
        res = self._get("/my/orders")
        self.assertEqual(res.status_code, 303)
        self.assertIn("/web/login", res.headers["Location"])
        self.access_a.action_activate()
        # the old session stays dead; a new login works again
        self.assertEqual(self._get("/my/orders").status_code, 303)
        self.authenticate("alpha_b2b", "alpha_b2b")
        self.assertEqual(self._get("/my/orders").status_code, 200)

    def test_permission_revoked_at_next_request(self):
        self.authenticate("alpha_b2b", "alpha_b2b")
        self.assertEqual(self._get(f"/my/orders/{self.order_a.id}").status_code, 200)
        self.access_a.perm_orders = False
        self.assertEqual(self._get("/my/orders").status_code, 403)
        self.assertRefused(self._get(f"/my/orders/{self.order_a.id}"), self.order_a.name)

    def test_every_revocation_applies_at_next_request(self):
        """S4: access removed, profile changed, global switch off, passive."""
        url = f"/my/orders/{self.order_a.id}"
        revocations = [
            (
                "profile changed",
                lambda: self.profile.write({"perm_orders": False}),
                lambda: self.profile.write({"perm_orders": True}),
            ),
            (
                "global switch off",
                lambda: (
                    self.env["res.config.settings"].create({"b2b_perm_orders": False}).execute()
                ),
                lambda: self.env["res.config.settings"].create({"b2b_perm_orders": True}).execute(),
            ),
            (
                "permission unticked",
                lambda: self.access_a.write({"perm_orders": False}),
                lambda: self.access_a.write({"perm_orders": True}),
            ),
        ]
        self.authenticate("alpha_b2b", "alpha_b2b")
        for what, revoke, restore in revocations:
            with self.subTest(revocation=what):
                self.assertEqual(self._get(url).status_code, 200, f"before: {what}")
                revoke()
                self.assertRefused(self._get(url), self.order_a.name)
                restore()
        self.assertEqual(self._get(url).status_code, 200)
        # the access removed altogether: nothing of A is readable any more
        self.access_a.unlink()
        self.assertRefused(self._get(url), self.order_a.name)
        self.assertRefused(self._get(f"/my/invoices/{self.invoice_a.id}"), self.invoice_a.name)

    # ------------------------------------------------------------
    # U8: read-only profile, password change, language
    # ------------------------------------------------------------

    def test_readonly_profile_refuses_address_change(self):
        self.profile.readonly_profile = True
        self.authenticate("alpha_b2b", "alpha_b2b")
        contact = self.user_a.partner_id
        res = self._post(
            "/my/address/submit",
            {"partner_id": contact.id, "name": "Hacked Name", "street": "Nowhere 1"},
        )
        self.assertEqual(res.status_code, 403)
        self.assertNotEqual(contact.name, "Hacked Name")
        self.assertEqual(self._get("/my/account").status_code, 403)
        res = self._get("/my")
        self.assertEqual(res.status_code, 200)
        self.assertFalse("Edit information" in res.text, "the Edit link is offered")
        self.assertEqual(self._get("/my/addresses").status_code, 200)

    def test_no_profile_permission_refuses_account(self):
        self.access_a.perm_profile = False
        self.authenticate("alpha_b2b", "alpha_b2b")
        self.assertEqual(self._get("/my/account").status_code, 403)

    def test_password_change_forbidden_by_profile(self):
        self.profile.allow_password_change = False
        self.authenticate("alpha_b2b", "alpha_b2b")
        res = self._get("/my/security")
        self.assertTrue("managed by your supplier" in res.text, "no password note")
        res = self._post(
            "/my/security",
            {"op": "password", "old": "alpha_b2b", "new1": "zz-new-pw-1", "new2": "zz-new-pw-1"},
        )
        self.assertEqual(res.status_code, 403)
        self.user_a.with_user(self.user_a)._check_credentials(
            {"login": "alpha_b2b", "password": "alpha_b2b", "type": "password"},
            {"interactive": False},
        )

    def test_password_change_allowed(self):
        self.authenticate("alpha_b2b", "alpha_b2b")
        res = self._post(
            "/my/security",
            {"op": "password", "old": "alpha_b2b", "new1": "Zz-new-pw-17", "new2": "Zz-new-pw-17"},
        )
        self.assertEqual(res.status_code, 200)
        self.user_a.with_user(self.user_a)._check_credentials(
            {"login": "alpha_b2b", "password": "Zz-new-pw-17", "type": "password"},
            {"interactive": False},
        )

    def test_b2b_user_cannot_delete_own_account(self):
        self.authenticate("alpha_b2b", "alpha_b2b")
        res = self._get("/my/security")
        self.assertFalse("Delete Account" in res.text, "account deletion is offered")
        res = self._post(
            "/my/deactivate_account", {"validation": "alpha_b2b", "password": "alpha_b2b"}
        )
        self.assertEqual(res.status_code, 403)
        self.assertTrue(self.user_a.active)

    def test_language_choice(self):
        french = self.env["res.lang"]._activate_lang("fr_FR")
        self.env["res.lang"]._activate_lang("da_DK")  # installed, not on the website
        self.env["website"].get_current_website().language_ids |= french
        self.authenticate("alpha_b2b", "alpha_b2b")
        res = self._post("/my/b2b/lang", {"lang": "fr_FR"})
        self.assertEqual(res.status_code, 303)
        self.assertEqual(self.user_a.lang, "fr_FR")
        for refused in ("xx_XX", "da_DK"):
            res = self._post("/my/b2b/lang", {"lang": refused})
            self.assertEqual(res.status_code, 403, refused)
            self.assertEqual(self.user_a.lang, "fr_FR")

    # ------------------------------------------------------------
    # Query budget: /my costs the same for 1 and for 30 documents
    # ------------------------------------------------------------

    def _home_queries(self):
        """Queries of the portal home and of its counters (the badges)."""
        counters = {"counters": ["order_count", "quotation_count", "invoice_count"]}
        self._get("/my")  # warm up caches (rules, views, session)
        self.make_jsonrpc_request("/my/counters", counters)
        start = self.cr.sql_log_count
        res = self._get("/my")
        self.assertEqual(res.status_code, 200)
        result = self.make_jsonrpc_request("/my/counters", counters)
        return self.cr.sql_log_count - start, result

    def test_home_query_count_constant(self):
        self.authenticate("alpha_b2b", "alpha_b2b")
        few, result = self._home_queries()
        self.assertEqual(result["order_count"], 1)
        self.env["sale.order"].create(
            [
                {
                    "partner_id": self.company_a.id,
                    "order_line": [Command.create({"product_id": self.product.id})],
                }
                for _i in range(30)
            ]
        )
        for _i in range(30):
            self._create_invoice(self.company_a)
        many, result = self._home_queries()
        self.assertTrue(result["invoice_count"])
        _logger.info("/my + /my/counters: %s queries with 1 order, %s with 31 documents", few, many)
        self.assertEqual(few, many, f"/my issued {few} queries with 1 and {many} with 30 documents")
