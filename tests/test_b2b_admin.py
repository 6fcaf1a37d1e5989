# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

from odoo import Command
from odoo.http import Request
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from ..models.b2b_permissions import PERMISSION_NAMES
from .common import B2bCommon

_logger = logging.getLogger(__name__)


@tagged("post_install", "-at_install")
class TestB2bAdmin(B2bCommon, HttpCase):
    """U12: customer administrators manage their company's users, within their
    own rights, never another company's, never staff, never themselves."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Access = cls.env["b2b.access"]
        # the administrator of A has every permission except Payments
        cls.access_admin = Access.create(
            {
                "partner_id": cls.company_a.id,
                "login": "admin_a_b2b",
                "name": "Aylin Admin",
                "new_password": "admin_a_b2b",
                "perm_payments": False,
                "perm_administer": True,
                "perm_approve": True,
            }
        )
        cls.user_admin = cls.access_admin.user_id
        cls.access_bob = Access.create(
            {
                "partner_id": cls.company_a.id,
                "login": "bob_b2b@example.com",
                "name": "Bob Buyer",
                "new_password": "bob_b2b@example.com",
                "perm_payments": False,
            }
        )
        cls.access_beta = Access.create(
            {
                "partner_id": cls.company_b.id,
                "login": "beta_b2b@example.com",
                "name": "Berta Beta",
                "new_password": "beta_b2b@example.com",
            }
        )
        cls.user_beta = cls.access_beta.user_id
        cls.profile_low = cls.env["b2b.profile"].create(
            {
                "name": "Orders only",
                **Access._b2b_permission_vals(["dashboard", "orders"]),
            }
        )
        # self.profile (from common) has Payments: above the administrator
        cls.staff = new_test_user(
            cls.env, login="staff_b2b", groups="sales_team.group_sale_salesman"
        )

    def _post(self, url, data=None, perms=None):
        payload = [("csrf_token", Request.csrf_token(self))]
        payload += list((data or {}).items())
        payload += [("perms", perm) for perm in perms or ()]
        return self.url_open(url, data=payload, allow_redirects=False)

    def _get(self, url):
        return self.url_open(url, allow_redirects=False)

    def _password_hash(self, user):
        self.env.flush_all()
        self.env.cr.execute("SELECT password FROM res_users WHERE id = %s", [user.id])
        return self.env.cr.fetchone()[0]

    def _snapshot(self, access):
        access.invalidate_recordset()
        return (
            access.state,
            access.profile_id.id,
            access.max_order_amount,
            access.max_month_amount,
            *(access[f"perm_{name}"] for name in PERMISSION_NAMES),
        )

    # ------------------------------------------------------------
    # Who may administer
    # ------------------------------------------------------------

    def test_list_shows_current_company_only(self):
        self.authenticate("admin_a_b2b", "admin_a_b2b")
        res = self._get("/my/b2b/users")
        self.assertEqual(res.status_code, 200)
        for login in ("bob_b2b@example.com", "alpha_b2b", "shared_b2b"):
            self.assertTrue(login in res.text, f"{login} missing from the list")
        self.assertFalse("beta_b2b@example.com" in res.text, "company B's user is listed")
        # the home page offers the tiles
        res = self._get("/my")
        self.assertTrue("/my/b2b/users" in res.text)
        self.assertTrue("/my/b2b/approvals" in res.text)

    def test_administer_permission_required(self):
        for login in ("alpha_b2b", "plain_portal"):
            self.authenticate(login, login)
            self.assertEqual(self._get("/my/b2b/users").status_code, 403, login)
            self.assertEqual(self._get("/my/b2b/users/invite").status_code, 403, login)
            before = self._snapshot(self.access_bob)
            res = self._post(
                f"/my/b2b/users/{self.access_bob.id}", {"profile_id": ""}, ["dashboard"]
            )
            self.assertEqual(res.status_code, 403, login)
            self.assertEqual(self._snapshot(self.access_bob), before)
            res = self._get("/my")
            self.assertFalse("/my/b2b/users" in res.text, f"tile shown to {login}")
        # a non-B2B portal user has neither administer nor approve
        self.assertFalse(self.user_plain._b2b_has("administer"))
        self.assertFalse(self.user_plain._b2b_partners("approve"))
        # the global switch turns it off for everybody
        self.env["ir.config_parameter"].sudo().set_param("b2b_portal.perm_administer", "False")
        self.env["res.users"]._b2b_invalidate()
        self.authenticate("admin_a_b2b", "admin_a_b2b")
        self.assertEqual(self._get("/my/b2b/users").status_code, 403)

    def test_csrf_required(self):
        self.authenticate("admin_a_b2b", "admin_a_b2b")
        before = self._snapshot(self.access_bob)
        with mute_logger("odoo.http"):
            res = self.url_open(
                f"/my/b2b/users/{self.access_bob.id}/state",
                data={"state": "passive"},
                allow_redirects=False,
            )
        self.assertEqual(res.status_code, 400)
        self.assertEqual(self._snapshot(self.access_bob), before)

    # ------------------------------------------------------------
    # Within the administrator's own rights
    # ------------------------------------------------------------

    def test_edit_within_own_rights_is_logged(self):
        self.authenticate("admin_a_b2b", "admin_a_b2b")
        res = self._post(
            f"/my/b2b/users/{self.access_bob.id}",
            {
                "profile_id": self.profile_low.id,
                "max_order_amount": "250",
                "max_month_amount": "1000",
                # not whitelisted: ignored
                "partner_id": self.company_b.id,
                "state": "passive",
            },
            ["dashboard", "orders"],
        )
        self.assertEqual(res.status_code, 303)
        bob = self.access_bob
        bob.invalidate_recordset()
        self.assertEqual(bob.profile_id, self.profile_low)
        self.assertEqual(bob.partner_id, self.company_a)
        self.assertEqual(bob.state, "active")
        self.assertEqual((bob.max_order_amount, bob.max_month_amount), (250, 1000))
        self.assertEqual(bob._b2b_effective_permissions(), {"dashboard", "orders"})
        message = bob.message_ids.filtered(lambda m: "Changed in the portal" in str(m.body))
        self.assertTrue(message, "the change is not logged on the access")
        self.assertEqual(message.author_id, self.user_admin.partner_id)

    def test_cannot_grant_a_permission_they_lack(self):
        self.authenticate("admin_a_b2b", "admin_a_b2b")
        before = self._snapshot(self.access_bob)
        res = self._post(
            f"/my/b2b/users/{self.access_bob.id}", {"profile_id": ""}, ["orders", "payments"]
        )
        self.assertEqual(res.status_code, 200)
        self.assertTrue("you do not have it yourself" in res.text)
        self.assertEqual(self._snapshot(self.access_bob), before)
        # nor by inviting someone with it
        res = self._post(
            "/my/b2b/users/invite",
            {"name": "Greedy", "login": "greedy@example.com", "profile_id": ""},
            ["payments"],
        )
        self.assertEqual(res.status_code, 200)
        self.assertFalse(
            self.env["res.users"]
            .with_context(active_test=False)
            .search([("login", "=", "greedy@example.com")])
        )

    def test_cannot_give_a_profile_above_their_own(self):
        self.authenticate("admin_a_b2b", "admin_a_b2b")
        before = self._snapshot(self.access_bob)
        res = self._post(
            f"/my/b2b/users/{self.access_bob.id}", {"profile_id": self.profile.id}, ["orders"]
        )
        self.assertEqual(res.status_code, 200)
        self.assertTrue("allows more than your own access" in res.text)
        self.assertEqual(self._snapshot(self.access_bob), before)
        # the form only offers the profiles within the administrator's rights
        self.assertIn(self.profile_low, self.access_admin._b2b_admin_profiles())
        self.assertNotIn(self.profile, self.access_admin._b2b_admin_profiles())

    def test_cannot_edit_themselves_or_users_above_them(self):
        self.authenticate("admin_a_b2b", "admin_a_b2b")
        # themselves: no rights upward, no state change
        before = self._snapshot(self.access_admin)
        res = self._post(
            f"/my/b2b/users/{self.access_admin.id}", {"profile_id": ""}, PERMISSION_NAMES
        )
        self.assertEqual(res.status_code, 200)
        res = self._post(f"/my/b2b/users/{self.access_admin.id}/state", {"state": "passive"})
        self.assertEqual(res.status_code, 403)
        self.assertEqual(self._snapshot(self.access_admin), before)
        self.assertFalse(self.access_admin.perm_payments)
        # Sam (shared login) has Payments, which the administrator lacks
        before = self._snapshot(self.access_shared_a)
        res = self._post(f"/my/b2b/users/{self.access_shared_a.id}", {"profile_id": ""}, ["orders"])
        self.assertEqual(res.status_code, 200)
        res = self._post(f"/my/b2b/users/{self.access_shared_a.id}/state", {"state": "passive"})
        self.assertEqual(res.status_code, 403)
        self.assertEqual(self._snapshot(self.access_shared_a), before)

    def test_limits_not_above_their_own(self):
        self.access_admin.max_order_amount = 500
        self.authenticate("admin_a_b2b", "admin_a_b2b")
        # Bob has no limit: above the administrator, so out of reach
        self.assertFalse(self.access_admin._b2b_admin_can_manage(self.access_bob))
        self.access_bob.max_order_amount = 300
        for value in ("0", "800", "-5", "abc"):
            res = self._post(
                f"/my/b2b/users/{self.access_bob.id}",
                {"profile_id": "", "max_order_amount": value},
                ["orders"],
            )
            self.assertEqual(res.status_code, 200, value)
            self.assertEqual(self.access_bob.max_order_amount, 300, value)
        res = self._post(
            f"/my/b2b/users/{self.access_bob.id}",
            {"profile_id": "", "max_order_amount": "450"},
            ["orders"],
        )
        self.assertEqual(res.status_code, 303)
        self.access_bob.invalidate_recordset()
        self.assertEqual(self.access_bob.max_order_amount, 450)

    # ------------------------------------------------------------
    # Never another company, never staff
    # ------------------------------------------------------------

    def test_forged_ids_of_another_company(self):
        self.authenticate("admin_a_b2b", "admin_a_b2b")
        for access in (self.access_beta, self.access_shared_b):
            before = self._snapshot(access)
            self.assertEqual(self._get(f"/my/b2b/users/{access.id}").status_code, 404)
            res = self._post(f"/my/b2b/users/{access.id}", {"profile_id": ""}, ["orders"])
            self.assertEqual(res.status_code, 404)
            res = self._post(f"/my/b2b/users/{access.id}/state", {"state": "passive"})
            self.assertEqual(res.status_code, 404)
            res = self._post(f"/my/b2b/users/{access.id}/credentials")
            self.assertEqual(res.status_code, 404)
            self.assertEqual(self._snapshot(access), before)
        self.assertEqual(self._get("/my/b2b/users/999999999").status_code, 404)

    def test_staff_and_foreign_logins_cannot_be_invited(self):
        self.authenticate("admin_a_b2b", "admin_a_b2b")
        staff_groups = self.staff.group_ids
        for login in ("staff_b2b", "plain_portal"):
            res = self._post(
                "/my/b2b/users/invite",
                {"name": "X", "login": login, "profile_id": ""},
                ["orders"],
            )
            # not an e-mail address: the form's own message, nothing looked up
            self.assertEqual(res.status_code, 200, login)
            self.assertIn("valid e-mail address", res.text, login)
        self.assertFalse(self.env["b2b.access"].search([("user_id", "=", self.staff.id)]))
        self.assertEqual(self.staff.group_ids, staff_groups)
        self.assertFalse(self.user_plain.b2b_managed)

    def test_invite_answers_alike_and_never_attaches_a_login(self):
        """Finding 1 (issue 14): an exact, case-folded match only; one answer
        whatever exists; a login that exists is never attached, re-activated or
        taken over by a customer administrator - staff are asked instead."""
        self.staff.email = "staff.b2b@example.com"
        self.staff.login = "staff.b2b@example.com"
        self.user_plain.login = "plain.portal@example.com"
        passive_b = self.env["b2b.access"].create(
            {
                "partner_id": self.company_b.id,
                "login": "passive.beta@example.com",
                "name": "Paula Passive",
                "new_password": "passive.beta@example.com",
                "state": "passive",
            }
        )
        self.company_a.user_id = self.staff
        existing = {
            "another company's active login": ("BETA_b2b@example.com", self.user_beta),
            "another company's passive login": ("passive.beta@example.com", passive_b.user_id),
            "a staff login": ("staff.b2b@example.com", self.staff),
            "a plain portal login": ("plain.portal@example.com", self.user_plain),
        }
        snapshots = {
            what: (self._password_hash(user), user.b2b_blocked, user.active, user.group_ids)
            for what, (_login, user) in existing.items()
        }
        self.authenticate("admin_a_b2b", "admin_a_b2b")
        answers = {}
        for what, (login, _user) in existing.items():
            res = self._post(
                "/my/b2b/users/invite", {"name": "Z", "login": login, "profile_id": ""}, ["orders"]
            )
            answers[what] = (res.status_code, res.headers.get("Location"))
        # wildcards match themselves only: a new address each
        for login in ("%eta_b2b@example.com", "b_ta_b2b@example.com", "new.person@example.com"):
            res = self._post(
                "/my/b2b/users/invite", {"name": "Z", "login": login, "profile_id": ""}, ["orders"]
            )
            answers[login] = (res.status_code, res.headers.get("Location"))
        self.assertEqual(len(set(answers.values())), 1, answers)
        self.assertEqual(next(iter(answers.values()))[0], 303)
        for what, (_login, user) in existing.items():
            self.assertFalse(
                self.env["b2b.access"].search(
                    [("user_id", "=", user.id), ("partner_id", "=", self.company_a.id)]
                ),
                f"{what} was attached",
            )
            user.invalidate_recordset()
            self.assertEqual(
                (self._password_hash(user), user.b2b_blocked, user.active, user.group_ids),
                snapshots[what],
                what,
            )
        self.assertTrue(passive_b.user_id.b2b_blocked, "the passive login stays blocked")
        # the wildcard addresses became new people of A, nobody else was touched
        for login in ("%eta_b2b@example.com", "b_ta_b2b@example.com", "new.person@example.com"):
            access = self.env["b2b.access"].search([("login", "=", login)])
            self.assertEqual(access.partner_id, self.company_a, login)
        # every refusal logged on the administrator's access, staff get a to-do
        notes = " ".join(str(b) for b in self.access_admin.message_ids.mapped("body"))
        for login in ("beta_b2b@example.com", "passive.beta@example.com", "staff.b2b@example.com"):
            self.assertIn(f"to invite {login}", notes)
        todos = self.company_a.activity_ids.filtered(lambda a: a.user_id == self.staff)
        self.assertEqual(len(todos), 4)
        # the page after the redirect says the same for everybody
        res = self.url_open(next(iter(answers.values()))[1])
        self.assertIn("passed to your supplier", res.text)

    # ------------------------------------------------------------
    # Invite, deactivate, reactivate
    # ------------------------------------------------------------

    def test_invite_new_user_sends_credentials(self):
        self.authenticate("admin_a_b2b", "admin_a_b2b")
        res = self._post(
            "/my/b2b/users/invite",
            {
                "name": "Nina New",
                "login": "nina.new@example.com",
                "profile_id": self.profile_low.id,
                "partner_id": self.company_b.id,  # ignored
            },
            ["orders"],
        )
        self.assertEqual(res.status_code, 303)
        self.assertTrue(res.headers["Location"].endswith("message=invited"))
        access = self.env["b2b.access"].search([("login", "=", "nina.new@example.com")])
        self.assertEqual(access.partner_id, self.company_a)
        self.assertTrue(access.user_id._is_portal())
        self.assertEqual(access._b2b_effective_permissions(), {"orders"})
        bodies = " ".join(str(b) for b in access.message_ids.mapped("body"))
        self.assertIn("Credentials e-mail sent", bodies)
        self.assertIn("Invited in the portal by Aylin Admin", bodies)
        mail = (
            self.env["mail.mail"]
            .sudo()
            .search([("model", "=", "b2b.access"), ("res_id", "=", access.id)])
        )
        self.assertTrue(mail or "Credentials e-mail sent" in bodies)

    def test_invite_own_company_user_again(self):
        # an address already in the administrator's own list: said so (the list
        # shows it anyway), nothing changes
        self.authenticate("admin_a_b2b", "admin_a_b2b")
        before = self._snapshot(self.access_bob)
        res = self._post(
            "/my/b2b/users/invite",
            {"name": "Again", "login": "BOB_b2b@example.com", "profile_id": ""},
            ["orders"],
        )
        self.assertEqual(res.status_code, 200)
        self.assertIn("already a B2B user of your company", res.text)
        self.assertEqual(self._snapshot(self.access_bob), before)

    def test_deactivate_and_reactivate(self):
        self.authenticate("admin_a_b2b", "admin_a_b2b")
        res = self._post(f"/my/b2b/users/{self.access_bob.id}/state", {"state": "passive"})
        self.assertEqual(res.status_code, 303)
        self.access_bob.invalidate_recordset()
        self.assertEqual(self.access_bob.state, "passive")
        self.assertTrue(self.access_bob.user_id.b2b_blocked)
        res = self._post(f"/my/b2b/users/{self.access_bob.id}/state", {"state": "active"})
        self.assertEqual(res.status_code, 303)
        self.access_bob.invalidate_recordset()
        self.assertEqual(self.access_bob.state, "active")
        bodies = " ".join(str(b) for b in self.access_bob.message_ids.mapped("body"))
        self.assertIn("Set passive in the portal by Aylin Admin", bodies)
        self.assertIn("Activated in the portal by Aylin Admin", bodies)

    # ------------------------------------------------------------
    # Performance: the list does not grow with its rows
    # ------------------------------------------------------------

    def test_users_list_query_count(self):
        self.authenticate("admin_a_b2b", "admin_a_b2b")
        self._get("/my/b2b/users")  # warm caches

        def count():
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            res = self._get("/my/b2b/users")
            self.assertEqual(res.status_code, 200)
            return self.cr.sql_log_count - before

        few = count()
        n_few = self.env["b2b.access"].search_count([("partner_id", "=", self.company_a.id)])
        self.env["b2b.access"].create(
            [
                {
                    "partner_id": self.company_a.id,
                    "login": f"many{i}@example.com",
                    "name": f"Many {i}",
                    "perm_payments": False,
                    "profile_id": self.profile_low.id if i % 2 else False,
                }
                for i in range(12)
            ]
        )
        self._get("/my/b2b/users")  # warm caches again (creating users clears them)
        many = count()
        msg = f"B2B users list: {few} queries for {n_few} users, {many} for {n_few + 12}"
        self.assertLessEqual(many, few + 2, msg)
        _logger.info(msg)


@tagged("post_install", "-at_install")
class TestB2bAdminProfiles(B2bCommon):
    def test_profile_restrictions_are_inherited(self):
        Profile = self.env["b2b.profile"]
        categ = self.env["product.category"].create({"name": "Chairs"})
        restricted = Profile.create(
            {
                "name": "Restricted admin",
                "readonly_profile": True,
                "product_restricted": True,
                "product_categ_ids": [Command.set(categ.ids)],
                "perm_administer": True,
            }
        )
        admin = self.env["b2b.access"].create(
            {
                "partner_id": self.company_a.id,
                "login": "restricted_admin@example.com",
                "name": "Restricted",
                "profile_id": restricted.id,
            }
        )
        self.assertIn("administer", admin._b2b_effective_permissions())
        free = Profile.create({"name": "Free", "perm_payments": False})
        sub = self.env["product.category"].create({"name": "Office chairs", "parent_id": categ.id})
        narrower = Profile.create(
            {
                "name": "Narrower",
                "readonly_profile": True,
                "product_restricted": True,
                "product_categ_ids": [Command.set(sub.ids)],
            }
        )
        self.assertFalse(admin._b2b_admin_profile_ok(free))
        self.assertFalse(admin._b2b_admin_profile_ok(Profile))  # no profile = no restriction
        self.assertTrue(admin._b2b_admin_profile_ok(narrower))
