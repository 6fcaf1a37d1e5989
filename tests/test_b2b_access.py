# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import itertools

from psycopg2 import IntegrityError

from odoo.exceptions import AccessDenied, AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from ..models.b2b_permissions import ICP_PREFIX, MANAGED_ONLY_PERMISSIONS, PERMISSION_NAMES
from ..models.ir_rule import CORE_RULES
from .common import B2bCommon


@tagged("post_install", "-at_install")
class TestB2bAccess(B2bCommon):
    def _password_hash(self, user):
        self.env.flush_all()
        self.env.cr.execute("SELECT password FROM res_users WHERE id = %s", [user.id])
        return self.env.cr.fetchone()[0]

    # ------------------------------------------------------------
    # U4/U5/U6: effective permission = global ∧ profile ∧ user
    # ------------------------------------------------------------

    def test_effective_permission_truth_table(self):
        ICP = self.env["ir.config_parameter"].sudo()
        access = self.access_a
        for perm in PERMISSION_NAMES:
            for global_on, profile_on, user_on in itertools.product((True, False), repeat=3):
                ICP.set_param(ICP_PREFIX + perm, str(global_on))
                self.profile[f"perm_{perm}"] = profile_on
                access[f"perm_{perm}"] = user_on
                expected = global_on and profile_on and user_on
                self.assertEqual(
                    perm in access._b2b_effective_permissions(),
                    expected,
                    f"{perm}: global={global_on} profile={profile_on} user={user_on}",
                )
                self.assertEqual(
                    self.user_a.with_context(b2b_partner_id=self.company_a.id)._b2b_has(perm),
                    expected,
                )
            ICP.set_param(ICP_PREFIX + perm, "True")
            self.profile[f"perm_{perm}"] = True
            access[f"perm_{perm}"] = True

    def test_no_profile_means_global_and_user(self):
        self.assertFalse(self.access_shared_a.profile_id)
        self.assertEqual(
            self.access_shared_a._b2b_effective_permissions(),
            set(PERMISSION_NAMES) - set(MANAGED_ONLY_PERMISSIONS),
        )
        self.access_shared_a.perm_support = False
        self.assertNotIn("support", self.access_shared_a._b2b_effective_permissions())

    def test_profile_gives_default_permissions(self):
        profile = self.env["b2b.profile"].create(
            {"name": "Accounting only", "perm_orders": False, "perm_returns": False}
        )
        access = self.env["b2b.access"].create(
            {
                "partner_id": self.company_c.id,
                "login": "acc_c@example.com",
                "name": "Cem Accountant",
                "profile_id": profile.id,
            }
        )
        self.assertFalse(access.perm_orders)
        self.assertFalse(access.perm_returns)
        self.assertTrue(access.perm_payments)

    def test_passive_access_has_no_permission(self):
        self.assertEqual(self.access_passive._b2b_effective_permissions(), set())
        self.assertFalse(self.user_passive._b2b_allowed_partners())

    # ------------------------------------------------------------
    # U1: codes, uniqueness, creation of logins
    # ------------------------------------------------------------

    def test_customer_code_from_sequence(self):
        self.assertTrue(self.company_a.b2b_code)
        self.assertTrue(self.company_b.b2b_code)
        self.assertNotEqual(self.company_a.b2b_code, self.company_b.b2b_code)
        self.assertFalse(self.company_c.b2b_code)
        access = self.env["b2b.access"].create(
            {"partner_id": self.company_c.id, "login": "c1@example.com", "name": "C One"}
        )
        self.assertTrue(self.company_c.b2b_code)
        self.assertEqual(access.customer_code, self.company_c.b2b_code)
        # a second access keeps the code
        code = self.company_c.b2b_code
        self.env["b2b.access"].create(
            {"partner_id": self.company_c.id, "login": "c2@example.com", "name": "C Two"}
        )
        self.assertEqual(self.company_c.b2b_code, code)

    @mute_logger("odoo.sql_db")
    def test_customer_code_unique(self):
        with self.assertRaises(IntegrityError), self.env.cr.savepoint():
            self.company_b.b2b_code = self.company_a.b2b_code
            self.env.flush_all()

    @mute_logger("odoo.sql_db")
    def test_one_access_per_person_and_customer(self):
        with self.assertRaises(IntegrityError), self.env.cr.savepoint():
            self.env["b2b.access"].create(
                {"partner_id": self.company_a.id, "user_id": self.user_a.id}
            )
            self.env.flush_all()

    def test_new_login_creates_portal_user_under_customer(self):
        access = self.env["b2b.access"].create(
            {
                "partner_id": self.company_c.id,
                "login": "new.buyer@example.com",
                "name": "New Buyer",
                "phone": "+90 555",
                "function": "Buyer",
                "new_password": "s3cret-Passw0rd",
            }
        )
        user = access.user_id
        self.assertTrue(user._is_portal())
        self.assertEqual(user.partner_id.parent_id, self.company_c)
        self.assertEqual(user.partner_id.email, "new.buyer@example.com")
        self.assertTrue(user.b2b_managed)
        # stored hashed only, never in clear, and never shown again
        stored = self._password_hash(user)
        self.assertTrue(stored.startswith("$pbkdf2-sha512$"))
        self.assertNotIn("s3cret-Passw0rd", stored)
        self.assertFalse(access.new_password)
        user.with_user(user)._check_credentials(
            {"login": user.login, "password": "s3cret-Passw0rd", "type": "password"},
            {"interactive": False},
        )

    def test_internal_login_refused(self):
        with self.assertRaises(UserError):
            self.env["b2b.access"].create(
                {"partner_id": self.company_c.id, "login": "admin", "name": "Admin"}
            )
        self.assertFalse(self.env["b2b.access"].search([("partner_id", "=", self.company_c.id)]))

    def test_customer_must_be_company(self):
        contact = self.user_a.partner_id
        with self.assertRaises(ValidationError):
            self.env["b2b.access"].create({"partner_id": contact.id, "user_id": self.user_plain.id})

    # ------------------------------------------------------------
    # U7: one login for several customers, password never touched
    # ------------------------------------------------------------

    def test_attach_existing_login_keeps_password(self):
        before = self._password_hash(self.user_a)
        access = self.env["b2b.access"].create(
            {"partner_id": self.company_c.id, "login": "alpha_b2b", "name": "ignored"}
        )
        self.assertEqual(access.user_id, self.user_a)
        self.assertEqual(self._password_hash(self.user_a), before)
        self.assertEqual(self.user_a._b2b_allowed_partners(), self.company_a | self.company_c)
        # the first company keeps its access untouched
        self.assertEqual(self.access_a.state, "active")

    def test_attach_existing_login_with_password_refused(self):
        before = self._password_hash(self.user_a)
        with self.assertRaises(UserError):
            self.env["b2b.access"].create(
                {
                    "partner_id": self.company_c.id,
                    "login": "alpha_b2b",
                    "new_password": "overwrite-attempt",
                }
            )
        self.assertEqual(self._password_hash(self.user_a), before)
        self.assertFalse(self.env["b2b.access"].search([("partner_id", "=", self.company_c.id)]))

    def test_password_change_applies_to_all_companies(self):
        self.assertEqual(len(self.user_shared.b2b_access_ids), 2)
        self.user_shared.password = "new-shared-pw"
        self.user_shared.with_user(self.user_shared)._check_credentials(
            {"login": "shared_b2b", "password": "new-shared-pw", "type": "password"},
            {"interactive": False},
        )

    # ------------------------------------------------------------
    # U2: passive
    # ------------------------------------------------------------

    def test_passive_blocks_login_with_message(self):
        self.assertTrue(self.user_passive.b2b_blocked)
        with self.assertRaises(AccessDenied) as ctx:
            self.user_passive.with_user(self.user_passive)._check_credentials(
                {"login": "passive_b2b", "password": "passive_b2b", "type": "password"},
                {"interactive": True},
            )
        self.assertIn("passive", str(ctx.exception.args[0]))
        # a wrong password still says nothing about the access state
        with self.assertRaises(AccessDenied) as ctx:
            self.user_passive.with_user(self.user_passive)._check_credentials(
                {"login": "passive_b2b", "password": "wrong", "type": "password"},
                {"interactive": True},
            )
        self.assertNotIn("passive", str(ctx.exception.args[0]))

    def test_reactivation_restores_access_and_keeps_history(self):
        order = self._create_order(self.company_a)
        self.access_passive.action_activate()
        self.assertFalse(self.user_passive.b2b_blocked)
        self.user_passive.with_user(self.user_passive)._check_credentials(
            {"login": "passive_b2b", "password": "passive_b2b", "type": "password"},
            {"interactive": True},
        )
        self.assertIn(order, self.env["sale.order"].with_user(self.user_passive).search([]))
        self.access_passive.action_deactivate()
        self.assertTrue(self.user_passive.b2b_blocked)
        self.assertTrue(order.exists())

    def test_removing_last_access_blocks_login(self):
        self.access_a.unlink()
        self.assertTrue(self.user_a.b2b_managed)
        self.assertTrue(self.user_a.b2b_blocked)
        with self.assertRaises(AccessDenied):
            self.user_a.with_user(self.user_a)._check_credentials(
                {"login": "alpha_b2b", "password": "alpha_b2b", "type": "password"},
                {"interactive": True},
            )

    def test_passive_changes_session_token(self):
        sid = "a" * 40
        before = self.user_a._compute_session_token(sid)
        self.access_a.action_deactivate()
        self.assertNotEqual(self.user_a._compute_session_token(sid), before)

    def test_one_passive_company_keeps_the_other(self):
        self.access_shared_b.action_deactivate()
        self.assertFalse(self.user_shared.b2b_blocked)
        self.assertEqual(self.user_shared._b2b_allowed_partners(), self.company_a)

    # ------------------------------------------------------------
    # ORM isolation through the patched core rules
    # ------------------------------------------------------------

    def test_orm_orders_isolated_by_company_and_permission(self):
        SaleOrder = self.env["sale.order"]
        self.assertEqual(SaleOrder.with_user(self.user_a).search([]), self.order_a)
        self.assertEqual(
            SaleOrder.with_user(self.user_shared).search([]), self.order_a | self.order_b
        )
        self.assertEqual(
            SaleOrder.with_user(self.user_shared)
            .with_context(b2b_partner_id=self.company_b.id)
            .search([]),
            self.order_b,
        )
        self.assertFalse(SaleOrder.with_user(self.user_no_orders).search([]))
        with self.assertRaises(AccessError):
            self.order_b.with_user(self.user_a).read(["name"])
        with self.assertRaises(AccessError):
            self.order_a.with_user(self.user_no_orders).read(["name"])
        with self.assertRaises(AccessError):
            self.order_a.with_user(self.user_shared).with_context(
                b2b_partner_id=self.company_b.id
            ).read(["name"])
        # order lines follow their order
        self.assertEqual(
            self.env["sale.order.line"].with_user(self.user_a).search([]),
            self.order_a.order_line,
        )

    def test_forged_current_company_gives_nothing(self):
        orders = (
            self.env["sale.order"]
            .with_user(self.user_a)
            .with_context(b2b_partner_id=self.company_b.id)
            .search([])
        )
        self.assertFalse(orders)

    def test_orm_invoices_isolated(self):
        Move = self.env["account.move"]
        self.assertEqual(Move.with_user(self.user_a).search([]), self.invoice_a)
        # invoices come with Payments, Statements or Documents, not with Orders
        self.assertEqual(Move.with_user(self.user_no_orders).search([]), self.invoice_a)
        self.access_no_orders.write(
            {"perm_payments": False, "perm_statements": False, "perm_documents": False}
        )
        self.assertFalse(Move.with_user(self.user_no_orders).search([]))
        with self.assertRaises(AccessError):
            self.invoice_b.with_user(self.user_a).read(["name"])

    def test_revocation_is_immediate(self):
        SaleOrder = self.env["sale.order"].with_user(self.user_a)
        self.assertTrue(SaleOrder.search([]))
        self.access_a.perm_orders = False
        self.assertFalse(SaleOrder.search([]))
        self.access_a.perm_orders = True
        self.profile.perm_orders = False
        self.assertFalse(SaleOrder.search([]))
        self.profile.perm_orders = True
        self.env["res.config.settings"].create({"b2b_perm_orders": False}).execute()
        self.assertFalse(SaleOrder.search([]))
        self.env["res.config.settings"].create({"b2b_perm_orders": True}).execute()
        self.assertTrue(SaleOrder.search([]))
        self.access_a.unlink()
        self.assertFalse(SaleOrder.search([]))

    def test_active_accesses_kept_between_requests(self):
        """Issue 16: the person's active accesses are read once and kept like the
        record rules; a later request (a new ORM cache) reads none of their fields
        from the database, and every change of an access is seen at once."""
        Access = self.env["b2b.access"]
        user = self.user_shared
        self.assertEqual(user._b2b_allowed_partners(), self.company_a | self.company_b)
        self.access_shared_a._b2b_effective_permissions()  # the switches, read once
        self.env.invalidate_all()
        with self.assertQueryCount(0):
            accesses = user.b2b_active_access_ids
            self.assertEqual(accesses, self.access_shared_a | self.access_shared_b)
            self.assertEqual(accesses.partner_id, self.company_a | self.company_b)
            self.assertEqual(accesses.mapped("state"), ["active", "active"])
            self.assertTrue(all(accesses.mapped("perm_orders")))
            accesses[0]._b2b_effective_permissions()
        # a permission unticked, an access made passive, a new company, a removal
        self.access_shared_a.perm_orders = False
        self.assertNotIn(
            "orders",
            user.with_context(b2b_partner_id=self.company_a.id)._b2b_permissions(),
        )
        self.access_shared_b.action_deactivate()
        self.assertEqual(user._b2b_allowed_partners(), self.company_a)
        new = Access.create({"partner_id": self.company_c.id, "user_id": user.id})
        self.assertEqual(user._b2b_allowed_partners(), self.company_a | self.company_c)
        new.unlink()
        self.assertEqual(user._b2b_allowed_partners(), self.company_a)
        # a change not flushed yet is kept, not overwritten by the kept rows
        self.access_shared_a.perm_support = False
        self.assertFalse(user.b2b_active_access_ids.perm_support)

    def test_deleted_customer_leaves_the_kept_accesses(self):
        """The database deletes a deleted customer's accesses (cascade): the kept
        accesses forget them, the person keeps the other companies, and a person
        left without any active access is blocked as by a removal."""
        company_d = self.env["res.partner"].create({"name": "Delta Gone", "is_company": True})
        self.env["b2b.access"].create({"partner_id": company_d.id, "user_id": self.user_a.id})
        self.assertEqual(self.user_a._b2b_allowed_partners(), self.company_a | company_d)
        company_d.unlink()
        self.assertEqual(self.user_a._b2b_allowed_partners(), self.company_a)
        self.assertFalse(self.user_a.b2b_blocked)
        company_e = self.env["res.partner"].create({"name": "Echo Gone", "is_company": True})
        access_e = self.env["b2b.access"].create(
            {"partner_id": company_e.id, "login": "echo_only", "name": "Eve Echo"}
        )
        user_e = access_e.user_id
        self.assertEqual(user_e._b2b_allowed_partners(), company_e)
        company_e.unlink()
        self.assertFalse(user_e._b2b_allowed_partners())
        self.assertTrue(user_e.b2b_blocked)

    def test_plain_portal_user_keeps_stock_behaviour(self):
        self.assertFalse(self.user_plain.b2b_managed)
        self.assertEqual(self.env["sale.order"].with_user(self.user_plain).search([]), self.order_b)
        # Odoo's stock portal only: no B2B permission, no B2B records
        self.assertFalse(self.user_plain._b2b_permissions())
        self.assertFalse(self.env["b2b.rma"].with_user(self.user_plain).search([]))
        self.assertFalse(self.user_plain._b2b_partners("statements"))

    def test_login_lookup_is_exact(self):
        Users = self.env["res.users"]
        self.assertEqual(Users._b2b_find_login("ALPHA_B2B"), self.user_a)
        self.assertEqual(Users._b2b_find_login(" alpha_b2b "), self.user_a)
        for pattern in ("alpha%", "alph__b2b", "%", "_lpha_b2b", ""):
            self.assertFalse(Users._b2b_find_login(pattern), pattern)

    def test_partner_rule_follows_accesses(self):
        Partner = self.env["res.partner"].with_user(self.user_shared)
        self.assertTrue(Partner.browse(self.company_b.id).read(["name"]))
        with self.assertRaises(AccessError):
            Partner.browse(self.company_c.id).read(["name"])

    def test_core_rules_patched_and_restorable(self):
        Rule = self.env["ir.rule"]
        for xmlid, (_stock, b2b) in CORE_RULES.items():
            self.assertEqual(self.env.ref(xmlid).domain_force, b2b)
        Rule._b2b_restore_core_rules()
        for xmlid, (stock, _b2b) in CORE_RULES.items():
            self.assertEqual(self.env.ref(xmlid).domain_force, stock)
        Rule._b2b_patch_core_rules()
        for xmlid, (_stock, b2b) in CORE_RULES.items():
            self.assertEqual(self.env.ref(xmlid).domain_force, b2b)

    def test_partner_and_profile_actions(self):
        self.assertEqual(self.company_a.b2b_access_count, 4)
        contact = self.user_a.partner_id
        self.assertEqual(contact.b2b_access_count, 4)  # counted on its company
        action = contact.action_view_b2b_accesses()
        self.assertEqual(action["domain"], [("partner_id", "=", self.company_a.id)])
        self.assertEqual(
            self.env["b2b.access"].with_context(active_test=False).search(action["domain"]),
            self.company_a.b2b_access_ids,
        )
        action = self.company_c.action_b2b_grant()
        self.assertEqual(action["res_model"], "b2b.grant.wizard")
        self.assertEqual(action["context"]["default_partner_id"], self.company_c.id)
        self.assertEqual(self.profile.access_count, 1)
        action = self.profile.action_view_accesses()
        self.assertEqual(self.env["b2b.access"].search(action["domain"]), self.access_a)
        self.assertTrue(self.access_a.portal_url.endswith("/my"))
        self.assertTrue(self.user_a.b2b_portal_url.endswith("/my"))
        self.assertIn("Orders", self.access_a.effective_permissions)
        self.assertEqual(self.access_passive.effective_permissions, "none")

    def test_safe_redirects(self):
        from ..controllers.main import _local_path

        self.assertEqual(_local_path("/my/orders"), "/my/orders")
        for bad in ("https://evil.example.com/", "//evil.example.com", "/\\evil", "", None):
            self.assertEqual(_local_path(bad), "/my")

    # ------------------------------------------------------------
    # U3: credentials e-mail, U9: grant wizard
    # ------------------------------------------------------------

    def test_send_credentials_mail(self):
        access = self.env["b2b.access"].create(
            {
                "partner_id": self.company_a.id,
                "login": "mail.me@alpha.example.com",
                "name": "Mia Mail",
                "new_password": "Unique-Secret-42",
            }
        )
        self.env["mail.mail"].search([]).unlink()
        access.action_send_credentials()
        mail = self.env["mail.mail"].search([], order="id desc", limit=1)
        self.assertTrue(mail)
        self.assertIn("mail.me@alpha.example.com", mail.email_to)
        body = str(mail.body_html)
        self.assertIn("mail.me@alpha.example.com", body)
        self.assertIn("/my", body)
        self.assertIn("/web/reset_password?", body)
        self.assertIn("token=", body)
        self.assertIn(self.company_a.b2b_code, body)
        self.assertNotIn("Unique-Secret-42", body)

    def test_credentials_mail_goes_to_the_person_only(self):
        """The set-password link never reaches the customer company's mailbox
        (Odoo's templates add the record's default recipients)."""
        self.company_a.email = "office@alpha.example.com"
        access = self.env["b2b.access"].create(
            {"partner_id": self.company_a.id, "login": "only.me@alpha.example.com", "name": "Oda"}
        )
        self.env["mail.mail"].search([]).unlink()
        access.action_send_credentials()
        mails = self.env["mail.mail"].search([])
        self.assertTrue(mails)
        for mail in mails:
            self.assertNotIn("office@alpha.example.com", mail.email_to or "")
            self.assertNotIn(self.company_a, mail.recipient_ids)
            self.assertNotIn(self.company_a, mail.partner_ids)
        self.assertIn(access.user_id.partner_id, mails.recipient_ids | mails.partner_ids)

    def test_send_credentials_refused_for_passive(self):
        with self.assertRaises(UserError):
            self.access_passive.action_send_credentials()

    def test_grant_wizard_from_contact(self):
        contact = self.env["res.partner"].create(
            {
                "name": "Gina Gamma",
                "parent_id": self.company_c.id,
                "email": "gina@gamma.example.com",
            }
        )
        wizard = self.env["b2b.grant.wizard"].create(
            {"partner_id": contact.id, "profile_id": self.profile.id, "send_credentials": False}
        )
        self.assertEqual(wizard.login, "gina@gamma.example.com")
        self.assertEqual(wizard.customer_id, self.company_c)
        wizard.action_grant()
        access = self.env["b2b.access"].search([("partner_id", "=", self.company_c.id)])
        self.assertEqual(access.user_id.partner_id, contact)
        self.assertEqual(access.profile_id, self.profile)
        self.assertTrue(self.company_c.b2b_code)

    def test_grant_wizard_refuses_non_company(self):
        person = self.env["res.partner"].create({"name": "Lonely Person"})
        wizard = self.env["b2b.grant.wizard"].create(
            {"partner_id": person.id, "login": "lonely@example.com", "name": "Lonely"}
        )
        with self.assertRaises(UserError):
            wizard.action_grant()

    def test_grant_wizard_reactivates_existing_access(self):
        wizard = self.env["b2b.grant.wizard"].create(
            {"partner_id": self.company_a.id, "login": "passive_b2b", "send_credentials": False}
        )
        wizard.action_grant()
        self.assertEqual(self.access_passive.state, "active")
        self.assertFalse(self.user_passive.b2b_blocked)

    def test_grant_wizard_sends_credentials(self):
        self.env["mail.mail"].search([]).unlink()
        wizard = self.env["b2b.grant.wizard"].create(
            {
                "partner_id": self.company_c.id,
                "login": "send.me@gamma.example.com",
                "name": "Send Me",
            }
        )
        action = wizard.action_grant()
        access = self.env["b2b.access"].browse(action["res_id"])
        self.assertEqual(access.partner_id, self.company_c)
        self.assertTrue(self.env["mail.mail"].search([("email_to", "ilike", "send.me@gamma")]))

    def test_grant_wizard_attaches_existing_login(self):
        before = self._password_hash(self.user_a)
        wizard = self.env["b2b.grant.wizard"].create(
            {
                "partner_id": self.company_c.id,
                "login": "alpha_b2b",
                "name": "x",
                "send_credentials": False,
            }
        )
        self.assertEqual(wizard.existing_user_id, self.user_a)
        wizard.action_grant()
        self.assertIn(self.company_c, self.user_a._b2b_allowed_partners())
        self.assertEqual(self._password_hash(self.user_a), before)
