# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 14, findings 2 and 4: what a person may change on themself is decided by
the model whatever the entry point; sign-up is by invitation; a portal user
without B2B access keeps Odoo's stock portal and nothing of the B2B one; the
forms that look people up by what somebody types answer alike."""

import re

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from ..models.b2b_permissions import STOCK_ROUTE_PERMISSIONS
from .common import B2bCommon, PortalSessionMixin, addon_routes


@tagged("post_install", "-at_install")
class TestSelfService(PortalSessionMixin, B2bCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.profile_locked = cls.env["b2b.profile"].create(
            {"name": "Showroom", "readonly_profile": True, "allow_password_change": False}
        )
        cls.access_locked = cls.env["b2b.access"].create(
            {
                "partner_id": cls.company_a.id,
                "login": "locked_b2b",
                "name": "Lars Locked",
                "new_password": "locked_b2b",
                "profile_id": cls.profile_locked.id,
            }
        )
        cls.user_locked = cls.access_locked.user_id
        cls.access_no_profile = cls.env["b2b.access"].create(
            {
                "partner_id": cls.company_a.id,
                "login": "noprofile_b2b",
                "name": "Nils No-Profile",
                "new_password": "noprofile_b2b",
                "perm_profile": False,
            }
        )
        cls.user_no_profile = cls.access_no_profile.user_id

    def _rpc(self, model, method, args, kwargs=None):
        try:
            with mute_logger("odoo.http"):
                return True, self.make_jsonrpc_request(
                    f"/web/dataset/call_kw/{model}/{method}",
                    {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
                )
        except JsonRpcException as e:
            return False, e

    def _hash(self, user):
        self.env.flush_all()
        self.env.cr.execute("SELECT password FROM res_users WHERE id = %s", [user.id])
        return self.env.cr.fetchone()[0]

    # ------------------------------------------------------------
    # Finding 2: the profile holds over RPC
    # ------------------------------------------------------------

    def test_locked_profile_over_rpc(self):
        before = (self._hash(self.user_locked), self.user_locked.name)
        self._as("locked_b2b")
        ok, _ = self._rpc("res.users", "change_password", ["locked_b2b", "hijacked-123"])
        self.assertFalse(ok, "change_password over RPC with a locked profile")
        ok, _ = self._rpc("res.users", "write", [[self.user_locked.id], {"name": "Forged"}])
        self.assertFalse(ok, "name written over RPC with a read-only profile")
        ok, _ = self._rpc(
            "res.users", "write", [[self.user_locked.id], {"email": "attacker@example.com"}]
        )
        self.assertFalse(ok, "e-mail written over RPC with a read-only profile")
        self.user_locked.invalidate_recordset()
        self.assertEqual((self._hash(self.user_locked), self.user_locked.name), before)
        # preferences stay the person's own
        ok, result = self._rpc("res.users", "write", [[self.user_locked.id], {"tz": "Europe/Oslo"}])
        self.assertTrue(ok, result)
        self.user_locked.invalidate_recordset()
        self.assertEqual(self.user_locked.tz, "Europe/Oslo")

    def test_no_account_permission_over_rpc(self):
        self._as("noprofile_b2b")
        ok, _ = self._rpc(
            "res.users",
            "write",
            [[self.user_no_profile.id], {"email": "attacker@example.com", "phone": "+1 555"}],
        )
        self.assertFalse(ok, "contact data written without the Account profile permission")
        self.user_no_profile.invalidate_recordset()
        self.assertNotEqual(self.user_no_profile.email, "attacker@example.com")
        # the same person with the permission may
        self.access_no_profile.perm_profile = True
        ok, result = self._rpc(
            "res.users", "write", [[self.user_no_profile.id], {"phone": "+47 555 0101"}]
        )
        self.assertTrue(ok, result)
        self.user_no_profile.invalidate_recordset()
        self.assertEqual(self.user_no_profile.partner_id.phone, "+47 555 0101")

    def test_model_refuses_whatever_the_caller(self):
        # the ORM itself, as the person: write, change_password, _change_password
        user = self.user_locked.with_user(self.user_locked)
        with self.assertRaises(AccessError):
            user.write({"name": "Forged"})
        with self.assertRaises(AccessError):
            user.env["res.users"].change_password("locked_b2b", "hijacked-123")
        with self.assertRaises(AccessError):
            user.sudo()._change_password("hijacked-123")
        # staff may still set it (their uid is not the person's)
        staff = new_test_user(self.env, login="staff_pw", groups="base.group_system")
        self.user_locked.with_user(staff).sudo()._change_password("set-by-staff-123")
        # a person whose profile allows it changes their own password as in Odoo
        self.user_a.with_user(self.user_a).env["res.users"].change_password(
            "alpha_b2b", "alpha_b2b-new-1"
        )

    def test_security_page_still_refuses_locked_profile(self):
        self._as("locked_b2b")
        res = self.url_open(
            "/my/security",
            data={
                "csrf_token": self.csrf(),
                "op": "password",
                "old": "locked_b2b",
                "new1": "hijacked-123",
                "new2": "hijacked-123",
            },
            allow_redirects=False,
        )
        self.assertEqual(res.status_code, 403)

    # ------------------------------------------------------------
    # Finding 4: sign-up by invitation, plain portal users keep stock Odoo
    # ------------------------------------------------------------

    def test_signup_is_by_invitation(self):
        Users = self.env["res.users"]
        # website_sale opens the website's sign-up; b2b_portal closes it
        self.env["website"].search([]).auth_signup_uninvited = "b2c"
        self.assertEqual(Users._get_signup_invitation_scope(), "b2b")
        res = self.url_open("/web/signup", allow_redirects=False)
        self.assertEqual(res.status_code, 303)
        self.assertTrue(res.headers["Location"].endswith("/b2b/apply"))
        self.authenticate(None, None)
        res = self.url_open(
            "/web/signup",
            data={
                "csrf_token": self.csrf(),
                "login": "stranger@example.com",
                "name": "Stranger",
                "password": "stranger-123",
                "confirm_password": "stranger-123",
            },
            allow_redirects=False,
        )
        self.assertEqual(res.status_code, 303)
        self.assertFalse(Users.search([("login", "=", "stranger@example.com")]))
        login_page = self.url_open("/web/login").text
        self.assertNotIn('href="/web/signup', login_page)
        self.assertIn('href="/b2b/apply"', login_page)
        # a shop that wants open sign-up says so in Settings
        self.env["res.config.settings"].create({"b2b_open_signup": True}).execute()
        self.assertEqual(Users._get_signup_invitation_scope(), "b2c")
        self.assertEqual(self.url_open("/web/signup", allow_redirects=False).status_code, 200)
        self.env["res.config.settings"].create({"b2b_open_signup": False}).execute()
        self.assertEqual(Users._get_signup_invitation_scope(), "b2b")

    def test_plain_portal_user_gets_no_b2b_feature(self):
        self._as("plain_portal")
        home = self.url_open("/my").text
        links = set(re.findall(r'href="(/my/[^"?#]*)', home))
        # the B2B pages: every route that declares its permissions
        b2b_paths = {
            path
            for path, routing, _func in addon_routes(self.env)
            if routing.get("b2b_permissions") and path.startswith("/my")
        }
        static = {path for path in b2b_paths if "<" not in path}
        self.assertFalse(
            {link for link in links if link in static},
            f"B2B links on a plain portal user's home: {links}",
        )
        self.assertNotIn("o_b2b_dashboard", home)
        get_paths = {
            path
            for path, routing, _func in addon_routes(self.env)
            if path in b2b_paths and "GET" in (routing.get("methods") or ["GET"])
        }
        for path in sorted(get_paths):
            if "<" in path:
                continue  # the routes with an argument: tests/test_access_matrix.py
            res = self.url_open(path, allow_redirects=False)
            self.assertEqual(res.status_code, 403, f"{path} for a plain portal user")
        for prefixes, _perms in STOCK_ROUTE_PERMISSIONS:
            for prefix in prefixes:
                if prefix in ("/my/address", "/my/picking"):
                    continue  # need an argument
                res = self.url_open(prefix, allow_redirects=False)
                self.assertIn(res.status_code, (200, 303), prefix)
        res = self.url_open(f"/my/orders/{self.order_b.id}/reorder", allow_redirects=False)
        self.assertEqual(res.status_code, 403)
        # Odoo's own pages keep working
        self.assertEqual(self.url_open("/my/orders", allow_redirects=False).status_code, 200)
        self.assertEqual(self.url_open("/my/invoices", allow_redirects=False).status_code, 200)
        self.assertEqual(self.url_open("/my/account", allow_redirects=False).status_code, 200)

    # ------------------------------------------------------------
    # Forms that look people up by what somebody types: no enumeration
    # ------------------------------------------------------------

    def test_reset_password_answers_alike(self):
        self.env["ir.config_parameter"].sudo().set_param("auth_signup.reset_password", "True")
        answers = {}
        for login in ("alpha_b2b", "nobody-here", "admin", "al%", "passive_b2b"):
            self.authenticate(None, None)
            res = self.url_open(
                "/web/reset_password",
                data={"csrf_token": self.csrf(), "login": login},
            )
            self.assertEqual(res.status_code, 200, login)
            found = re.search(r'<p class="alert alert-(\w+)[^"]*"[^>]*>\s*([^<]*)', res.text)
            answers[login] = (found.group(1), found.group(2).strip()) if found else None
        self.assertEqual(len(set(answers.values())), 1, answers)
        self.assertIn("If an account exists", next(iter(answers.values()))[1])
