# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""G4 and S6 (``sweep_common.py``) over the account routes: the company
chooser, the language, the password, the account deletion (refused), the
reconciliation answers (F5) and the public application form (A1).
"""

from urllib.parse import urlsplit

from odoo.tests import tagged

from .routes_common import MISSING_ID
from .sweep_common import (
    BIG_TEXT,
    CHOICE,
    FIRST_WINS,
    HONEYPOT,
    ID,
    NUL_REFUSED,
    OPTIONAL,
    REDIRECT,
    REDIRECTS,
    TEXT,
    TRIMMED,
    F,
    InputSweepCommon,
    S,
)


@tagged("post_install", "-at_install")
class TestInputSweepAccount(InputSweepCommon):
    SWEEP = {
        "/my/b2b/company": S(
            "_p_company",
            {"partner_id": F(ID, foreign="_v_company_c"), "redirect": F(REDIRECT)},
            user="shared_b2b",
            accept={
                "redirect:*": (
                    "the company is valid: it is chosen; the redirect is followed only "
                    "when it is a same-site path",
                    "_check_local_redirect",
                ),
                "redirect:nul": None,  # refused like every NUL character
            },
            changes=False,  # the session only
        ),
        "/my/b2b/lang": S(
            "_p_lang",
            {"lang": F(CHOICE), "redirect": F(REDIRECT)},
            inspect="_i_users",
            accept={
                "redirect:*": (
                    "the language is valid: it is set; the redirect falls back to "
                    "/my/security unless it is a same-site path",
                    "_check_local_redirect",
                ),
                "redirect:nul": None,  # refused like every NUL character
            },
        ),
        "/my/security": S(
            "_p_security",
            {"old": F(TEXT), "new1": F(TEXT), "new2": F(TEXT)},
            message=r"alert-danger|is-invalid",
            extra={
                "wrong old password": {"old": "not-the-password"},
                "both new passwords oversized": {"new1": BIG_TEXT, "new2": BIG_TEXT},
            },
            expect={
                "old:oversized": "A password has at most 4096 characters.",
                "extra:both new passwords oversized": "A password has at most 4096 characters.",
                "old:absent": "You cannot leave any password empty.",
                "old:nul": NUL_REFUSED,
            },
            inspect="_i_users",
        ),
        "/my/deactivate_account": S(
            "_p_deactivate",
            {"validation": F(TEXT), "password": F(TEXT)},
            changes=False,
            valid_status=403,  # B2B users are managed by the supplier, never deleted
        ),
        "/my/reconciliations/<int:rec_id>/confirm": S(
            "_p_comment",
            {"comment": F(TEXT)},
            message=r"o_b2b_answer_error",
            record="_r_reconciliation",
            foreign="_f_reconciliation",
            accept={
                "comment:empty": "a confirmation needs no comment",
                "comment:absent": "a confirmation needs no comment",
                "comment:repeated": "a confirmation needs no comment (" + FIRST_WINS + ")",
            },
            inspect="_i_reconciliation",
            forge={"state": "disputed", "answer_user_id": "_v_admin_id"},
        ),
        "/my/reconciliations/<int:rec_id>/dispute": S(
            "_p_comment",
            {"comment": F(TEXT)},
            message=r"o_b2b_answer_error",
            record="_r_reconciliation",
            foreign="_f_reconciliation",
            inspect="_i_reconciliation",
            forge={"state": "confirmed", "answer_user_id": "_v_admin_id"},
        ),
        "/b2b/apply": S(
            "_p_apply",
            {
                "company_name": F(TEXT),
                "vat": F(TEXT),
                "street": F(TEXT),
                "city": F(TEXT),
                "zip": F(TEXT),
                "country_id": F(ID),
                "contact_name": F(TEXT),
                "email": F(TEXT),
                "phone": F(TEXT),
                "message": F(TEXT),
                "website_url": F(HONEYPOT),
            },
            message=r"o_b2b_apply_error|is-invalid",
            user=None,
            accept={
                **{
                    f"{name}:oversized": (TRIMMED, "_check_apply_trimmed")
                    for name in ("company_name", "street", "city", "zip", "contact_name", "phone")
                },
                "message:oversized": (TRIMMED, "_check_apply_trimmed"),
                **{
                    f"{name}:{variant}": OPTIONAL
                    for name in ("vat", "phone", "message")
                    for variant in ("empty", "absent", "repeated")
                },
            },
            extra={
                "not an e-mail address": {"email": "not-an-address"},
                "invalid VAT number": {"vat": "BE0000000001"},
            },
            expect={"company_name:nul": NUL_REFUSED},
            redirects=("/b2b/apply/thanks",),  # the honeypot: answered like a success
            forge={
                "b2b_state": "approved",
                "b2b_application": "0",
                "b2b_apply_ip": "10.9.8.7",
                "b2b_duplicate": "1",
                "type": "lead",
                "probability": "100",
                "expected_revenue": "999999",
                "email_from": "forged@example.com",
                "team_id": "_v_other_team_id",
            },
        ),
    }

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.reconciliation_a = cls._issue(cls.company_a)
        cls.reconciliation_b = cls._issue(cls.company_b)

    # ------------------------------------------------------------
    # Records, values, valid payloads and checks
    # ------------------------------------------------------------

    def _r_reconciliation(self):
        return {"rec_id": self.reconciliation_a}

    def _f_reconciliation(self):
        return {"rec_id": self.reconciliation_b}

    def _v_company_c(self):
        return str(self.company_c.id)

    def _v_other_team_id(self):
        team = self.env["crm.lead"]._b2b_apply_team()
        other = self.env["crm.team"].search([("id", "!=", team.id)], limit=1)
        return str(other.id or MISSING_ID)

    def _p_company(self):
        return {"partner_id": str(self.company_a.id), "redirect": "/my"}

    def _p_lang(self):
        return {"lang": "en_US", "redirect": "/my/security"}

    def _p_security(self):
        return {"op": "password", "old": "alpha_b2b", "new1": "Sweep-2026!", "new2": "Sweep-2026!"}

    def _p_deactivate(self):
        return {"validation": "alpha_b2b", "password": "alpha_b2b"}

    def _p_comment(self):
        return {"comment": "Checked by accounting"}

    def _p_apply(self):
        return {
            "company_name": "Sweep Industries",
            "vat": "",
            "street": "Sweep road 1",
            "city": "Ghent",
            "zip": "9000",
            "country_id": str(self.env.ref("base.be").id),
            "contact_name": "Sam Sweep",
            "email": "sam@sweep.example.com",
            "phone": "+32 9 000 00 00",
            "message": "We would like to order online.",
            "website_url": "",
        }

    def _i_users(self):
        return [self.user_a | self.env.ref("base.user_admin"), self.user_a.partner_id]

    def _i_reconciliation(self):
        return [self.reconciliation_a]

    def _check_local_redirect(self, res, before, after):
        self.assertIn(res.status_code, REDIRECTS)
        location = urlsplit(res.headers["Location"])
        self.assertFalse(location.netloc and location.netloc not in self.base_url(), location)
        self.assertTrue(location.path.startswith("/my"), location)

    def _check_apply_trimmed(self, res, before, after):
        lead = self._new("crm.lead", before)
        self.assertEqual(len(lead), 1)
        for fname in ("partner_name", "contact_name", "street", "city", "zip", "phone"):
            self.assertLessEqual(len(lead[fname] or ""), 256, fname)
        self.assertLessEqual(len(lead.description or ""), 5000 + 100)

    # ------------------------------------------------------------
    # Tests (sweep_common.InputSweepCommon)
    # ------------------------------------------------------------

    def test_bad_input_sweep(self):
        self.run_bad_input_sweep()

    def test_mass_assignment(self):
        self.run_mass_assignment()
