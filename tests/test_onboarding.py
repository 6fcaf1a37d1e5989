# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from urllib.parse import urlsplit

from odoo.exceptions import UserError
from odoo.http import Request
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import SQL

from .common import B2bCommon

APPLY = {
    "company_name": "Delta Tiles BV",
    "vat": "",
    "street": "Keizersgracht 1",
    "city": "Amsterdam",
    "zip": "1015 CJ",
    "contact_name": "Dirk Delta",
    "email": "dirk@delta-tiles.example.com",
    "phone": "+31 20 555 0000",
    "message": "We would like to buy bolts.",
}


@tagged("post_install", "-at_install")
class TestB2bApply(B2bCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.country_nl = cls.env.ref("base.nl")
        cls.country_be = cls.env.ref("base.be")
        cls.pricelist = cls.env["product.pricelist"].create({"name": "B2B apply test prices"})
        cls.Lead = cls.env["crm.lead"].with_context(active_test=False)

    def _post(self, data, **extra):
        if not getattr(self, "session", None):
            self.authenticate(None, None)  # a visitor's session (CSRF token)
        payload = {**APPLY, "country_id": self.country_nl.id, **data}
        payload.setdefault("csrf_token", Request.csrf_token(self))
        payload.update(extra)
        return self.url_open("/b2b/apply", data=payload, allow_redirects=False)

    def _applications(self, company=APPLY["company_name"]):
        return self.Lead.search([("b2b_application", "=", True), ("partner_name", "=", company)])

    def _mails(self, lead, template_xmlid):
        template = self.env.ref(template_xmlid)
        subject = template._render_field("subject", lead.ids)[lead.id]
        return self.env["mail.mail"].search([("subject", "=", subject)])

    def _make_lead(self, **vals):
        return self.Lead.create(
            {
                "name": "B2B application: Epsilon Steel",
                "type": "opportunity",
                "b2b_application": True,
                "b2b_state": "pending",
                "partner_name": "Epsilon Steel AG",
                "contact_name": "Eva Epsilon",
                "email_from": "eva@epsilon-steel.example.com",
                "phone": "+41 44 555 00 00",
                "street": "Bahnhofstrasse 1",
                "city": "Zürich",
                "zip": "8001",
                "country_id": self.env.ref("base.ch").id,
                "b2b_vat": "CHE-116.281.710 MWST",
                "team_id": self.env.ref("b2b_portal.crm_team_b2b_applications").id,
                **vals,
            }
        )

    # ------------------------------------------------------------
    # A1 apply
    # ------------------------------------------------------------

    def test_apply_page_and_login_link(self):
        res = self.url_open("/b2b/apply")
        self.assertEqual(res.status_code, 200)
        self.assertIn('name="csrf_token"', res.text)
        self.assertIn('name="website_url"', res.text, "honeypot input missing")
        self.assertIn('href="/b2b/apply"', res.text, "website menu for visitors")
        res = self.url_open("/web/login")
        self.assertIn('href="/b2b/apply"', res.text)

    def test_apply_creates_a_pending_application(self):
        res = self._post({"vat": "BE0477472701", "country_id": self.country_be.id})
        self.assertEqual(res.status_code, 303)
        self.assertTrue(res.headers["Location"].endswith("/b2b/apply/thanks"))
        lead = self._applications()
        self.assertEqual(len(lead), 1)
        self.assertEqual(lead.b2b_state, "pending")
        self.assertEqual(lead.type, "opportunity")
        self.assertEqual(lead.email_from, APPLY["email"])
        self.assertEqual(lead.b2b_vat, "BE0477472701")
        self.assertEqual(lead.country_id, self.country_be)
        self.assertEqual(lead.b2b_apply_ip, "127.0.0.1")
        self.assertEqual(lead.team_id, self.env.ref("b2b_portal.crm_team_b2b_applications"))
        self.assertIn(self.env.ref("b2b_portal.crm_tag_b2b_application"), lead.tag_ids)
        self.assertFalse(lead.b2b_duplicate)
        self.assertFalse(lead.user_id, "the public user must not become the salesperson")
        mails = self._mails(lead, "b2b_portal.mail_template_b2b_apply_ack")
        self.assertEqual(len(mails), 1, "acknowledgement e-mail")
        self.assertIn(APPLY["email"], mails.email_to)

    def test_apply_answers_alike_whoever_exists(self):
        """The form looks customers up by what a stranger types (company, VAT,
        e-mail domain): the answer is the same whether they exist or not, and
        LIKE's wildcards match themselves (only staff see the duplicate note)."""
        self.company_a.write({"vat": "BE0477472701", "email": "info@alpha-build.example.com"})
        answers = {}
        for what, data in {
            "an existing customer": {
                "company_name": self.company_a.name,
                "vat": "BE0477472701",
                "country_id": self.country_be.id,
                "email": "someone@alpha-build.example.com",
            },
            "nobody": {"company_name": "Zeta Nobody NV", "email": "z@zeta-nobody.example.com"},
            "a wildcard": {"company_name": "%", "email": "w@wild-card.example.com"},
        }.items():
            res = self._post(data)
            answers[what] = (res.status_code, res.headers.get("Location"))
        self.assertEqual(len(set(answers.values())), 1, answers)
        flagged = self.Lead.search([("partner_name", "=", self.company_a.name)])
        self.assertTrue(flagged.b2b_duplicate)
        self.assertFalse(self.Lead.search([("partner_name", "=", "%")]).b2b_duplicate)

    def test_apply_refuses_missing_fields(self):
        res = self._post({"company_name": "", "city": "", "country_id": ""})
        self.assertEqual(res.status_code, 200)
        self.assertIn("This field is required.", res.text)
        self.assertIn("Dirk Delta", res.text, "the form keeps what was typed")
        self.assertFalse(self.Lead.search([("email_from", "=", APPLY["email"])]))

    def test_apply_refuses_bad_email_and_vat(self):
        res = self._post({"email": "dirk(at)delta"})
        self.assertEqual(res.status_code, 200)
        self.assertIn("Please enter a valid e-mail address", res.text)
        res = self._post({"vat": "BE0123", "country_id": self.country_be.id})
        self.assertEqual(res.status_code, 200)
        self.assertIn("This VAT number does not look valid", res.text)
        res = self._post({"country_id": "999999999"})
        self.assertIn("Please choose a country from the list.", res.text)
        self.assertFalse(self._applications())

    def test_apply_honeypot_files_nothing(self):
        res = self._post({}, website_url="http://spam.example.com")
        self.assertEqual(res.status_code, 303, "a bot is answered like a person")
        self.assertFalse(self._applications())

    def test_apply_without_csrf_is_refused(self):
        with self.assertLogs("odoo.http", level="WARNING"):
            res = self._post({}, csrf_token="nope")
        self.assertEqual(res.status_code, 400)
        self.assertFalse(self._applications())

    def test_apply_rate_limit_per_ip(self):
        self.env["ir.config_parameter"].sudo().set_param("b2b_portal.apply_rate_limit", 3)
        for number in range(3):
            res = self._post({"company_name": f"Rate {number}"})
            self.assertEqual(res.status_code, 303)
        res = self._post({"company_name": "Rate 3"})
        self.assertEqual(res.status_code, 429)
        self.assertIn("Too many applications", res.text)
        self.assertFalse(self._applications("Rate 3"))
        # an hour later the same network may apply again
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "UPDATE crm_lead SET create_date = create_date - interval '2 hours' "
                "WHERE b2b_apply_ip = %s",
                "127.0.0.1",
            )
        )
        res = self._post({"company_name": "Rate 3"})
        self.assertEqual(res.status_code, 303)
        self.assertTrue(self._applications("Rate 3"))
        # a hand-edited, broken parameter keeps the default limit (3), no error
        self.env["ir.config_parameter"].sudo().set_param("b2b_portal.apply_rate_limit", "lots")
        res = self._post({"company_name": "Rate 4"})
        self.assertEqual(res.status_code, 303)
        self.assertTrue(self._applications("Rate 4"))
        for number in (5, 6):
            self._post({"company_name": f"Rate {number}"})
        res = self._post({"company_name": "Rate 7"})
        self.assertEqual(res.status_code, 429)

    def test_apply_flags_duplicates(self):
        self.company_a.write({"vat": "NL004495445B01", "email": "info@alpha-build.example.com"})
        res = self._post({"company_name": "Alpha again", "vat": "NL004495445B01"})
        self.assertEqual(res.status_code, 303)
        lead = self._applications("Alpha again")
        self.assertTrue(lead.b2b_duplicate)
        self.assertIn(self.company_a.name, lead.b2b_duplicate_note)
        # same company e-mail domain as a pending application
        self._post({"company_name": "Delta Two", "email": "other@alpha-build.example.com"})
        lead_2 = self._applications("Delta Two")
        self.assertTrue(lead_2.b2b_duplicate)
        # a web-mail domain is no hint
        self._post({"company_name": "Gmail One", "email": "one@gmail.com"})
        self._post({"company_name": "Gmail Two", "email": "two@gmail.com"})
        self.assertFalse(self._applications("Gmail Two").b2b_duplicate)

    # ------------------------------------------------------------
    # A2 approve
    # ------------------------------------------------------------

    def test_approve_creates_company_contact_access_once(self):
        lead = self._make_lead()
        Partner = self.env["res.partner"].with_context(active_test=False)
        wizard = self.env["b2b.apply.approve.wizard"].create(
            {
                "lead_id": lead.id,
                "profile_id": self.profile.id,
                "credit_limit": 5000.0,
                "pricelist_id": self.pricelist.id,
            }
        )
        wizard.action_approve()
        self.assertEqual(lead.b2b_state, "approved")
        self.assertTrue(lead.stage_id.is_won, "approving wins the opportunity")
        company = lead.b2b_partner_id
        self.assertEqual(Partner.search_count([("name", "=", "Epsilon Steel AG")]), 1)
        self.assertTrue(company.is_company)
        self.assertEqual(company.vat, "CHE-116.281.710 MWST")
        self.assertEqual(company.city, "Zürich")
        self.assertEqual(company.property_product_pricelist, self.pricelist)
        self.assertEqual(company.credit_limit, 5000.0)
        self.assertTrue(company.b2b_code)
        access = lead.b2b_access_id
        self.assertEqual(access.partner_id, company)
        self.assertEqual(access.login, "eva@epsilon-steel.example.com")
        self.assertEqual(access.profile_id, self.profile)
        self.assertEqual(access.user_id.partner_id.parent_id, company, "contact of the company")
        self.assertEqual(access.user_id.name, "Eva Epsilon")
        self.assertTrue(access.user_id._is_portal())
        self.assertTrue(
            any("Credentials e-mail sent" in (m.body or "") for m in access.message_ids),
            "the credentials e-mail is sent",
        )
        # twice: nothing more
        lead._b2b_approve(profile=self.profile)
        lead.action_set_won()
        self.assertEqual(Partner.search_count([("name", "=", "Epsilon Steel AG")]), 1)
        self.assertEqual(self.env["b2b.access"].search_count([("partner_id", "=", company.id)]), 1)
        self.assertEqual(
            self.env["res.users"].search_count([("login", "=", "eva@epsilon-steel.example.com")]), 1
        )
        with self.assertRaises(UserError):
            lead.action_b2b_approve()

    def test_won_approves_with_default_profile(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "b2b_portal.apply_profile_id", self.profile.id
        )
        lead = self._make_lead()
        lead.action_set_won()
        self.assertEqual(lead.b2b_state, "approved")
        self.assertEqual(lead.b2b_access_id.profile_id, self.profile)
        # the "Won" button of a pending application opens the approval wizard
        lead_2 = self._make_lead(
            partner_name="Zeta Wood GmbH", email_from="zeta@zeta-wood.example.com"
        )
        action = lead_2.action_set_won_rainbowman()
        self.assertEqual(action["res_model"], "b2b.apply.approve.wizard")
        self.assertEqual(lead_2.b2b_state, "pending")
        # dragged to the won stage in the pipeline
        won_stage = self.env["crm.stage"].search([("is_won", "=", True)], limit=1)
        lead_2.write({"stage_id": won_stage.id})
        self.assertEqual(lead_2.b2b_state, "approved")
        self.assertEqual(lead_2.b2b_partner_id.name, "Zeta Wood GmbH")

    def test_approve_refuses_internal_login(self):
        new_test_user(self.env, login="staff@epsilon-steel.example.com", groups="base.group_user")
        lead = self._make_lead(email_from="staff@epsilon-steel.example.com")
        with self.assertRaises(UserError):
            lead._b2b_approve()
        self.assertEqual(lead.b2b_state, "pending")

    # ------------------------------------------------------------
    # A3 reject
    # ------------------------------------------------------------

    def test_reject_sends_the_mail_with_the_reason(self):
        lead = self._make_lead()
        wizard = self.env["b2b.apply.reject.wizard"].create(
            {"lead_id": lead.id, "reason": "We only deliver within the EU."}
        )
        wizard.action_reject()
        self.assertEqual(lead.b2b_state, "rejected")
        self.assertFalse(lead.active, "the opportunity is lost")
        mails = self._mails(lead, "b2b_portal.mail_template_b2b_apply_rejected")
        self.assertEqual(len(mails), 1)
        self.assertIn("We only deliver within the EU.", mails.body_html)
        self.assertIn("eva@epsilon-steel.example.com", mails.email_to)
        # marked lost again: no second e-mail, no customer
        lead.action_set_lost()
        self.assertEqual(len(self._mails(lead, "b2b_portal.mail_template_b2b_apply_rejected")), 1)
        self.assertFalse(lead.b2b_partner_id)

    def test_lost_sends_the_rejection_mail(self):
        lead = self._make_lead()
        reason = self.env["crm.lost.reason"].create({"name": "Outside our delivery area"})
        self.env["crm.lead.lost"].create(
            {"lead_ids": [lead.id], "lost_reason_id": reason.id}
        ).action_lost_reason_apply()
        self.assertEqual(lead.b2b_state, "rejected")
        mails = self._mails(lead, "b2b_portal.mail_template_b2b_apply_rejected")
        self.assertEqual(len(mails), 1)
        self.assertIn("Outside our delivery area", mails.body_html)

    # ------------------------------------------------------------
    # Tour: apply -> approve -> set password -> log in
    # ------------------------------------------------------------

    def test_tour_apply_approve_set_password(self):
        self.start_tour("/web/login", "b2b_portal_apply", login=None)
        lead = self._applications("Tour Tiles Ltd")
        self.assertEqual(len(lead), 1)
        self.assertEqual(lead.b2b_vat, "BE0477472701")
        lead._b2b_approve(profile=self.profile)
        url = urlsplit(lead.b2b_access_id._b2b_signup_url())
        self.assertEqual(url.path, "/web/reset_password")
        self.start_tour(f"{url.path}?{url.query}", "b2b_portal_apply_set_password", login=None)
        self.assertTrue(lead.b2b_access_id.user_id.login_date, "the applicant logged in")
