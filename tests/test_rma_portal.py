# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

from odoo.http import Request
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .rma_common import RmaCommon

_logger = logging.getLogger(__name__)


@tagged("post_install", "-at_install")
class TestRmaPortal(RmaCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rma_a = cls._create_rma(cls.company_a, [(cls.rma_line_a1, 1)])
        cls.photo_a = cls._add_photo(cls.rma_a)
        cls.rma_b = cls._create_rma(cls.company_b, [(cls.rma_line_b1, 1)], user=cls.user_shared)
        cls.photo_b = cls._add_photo(cls.rma_b, "secret-b.png")
        for rma in cls.rma_a | cls.rma_b:
            rma.action_approve()
            receipt = rma.picking_ids
            receipt.move_ids.quantity = 1
            receipt.button_validate()
            rma.action_refund()

    # ------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------

    def _get(self, url):
        return self.url_open(url, allow_redirects=False)

    def _post(self, url, data, files=None):
        return self.url_open(
            url,
            data={**data, "csrf_token": Request.csrf_token(self)},
            files=files,
            allow_redirects=False,
        )

    def _choose(self, partner):
        res = self._post("/my/b2b/company", {"partner_id": partner.id, "redirect": "/my"})
        self.assertEqual(res.status_code, 303)

    def assertRefused(self, res, *secrets):
        self.assertIn(res.status_code, (303, 403, 404), f"{res.url} answered {res.status_code}")
        if res.status_code == 303:
            self.assertTrue(res.headers["Location"].endswith("/my"), res.headers["Location"])
        self.assertNotIn("application/pdf", res.headers.get("Content-Type", ""))
        self.assertNotIn("image/", res.headers.get("Content-Type", ""))
        for secret in secrets:
            self.assertFalse(secret in res.text, f"{secret} leaked on {res.url}")

    def _rma_urls(self, rma, photo):
        return [
            f"/my/rma/{rma.id}",
            f"/my/rma/{rma.id}?report_type=pdf",
            f"/my/rma/{rma.id}?report_type=html",
            f"/my/rma/{rma.id}?report_type=pdf&download=true",
            f"/my/rma/{rma.id}/photo/{photo.id}",
            f"/my/rma/{rma.id}/receipt/{rma.picking_ids.id}",
            f"/my/rma/{rma.id}/credit-note",
        ]

    def _form(self, invoice, qtys, **extra):
        data = {"invoice_id": invoice.id, "reason_id": self.reason.id, "description": "Bent"}
        data.update({f"qty_{line.id}": qty for line, qty in qtys})
        data.update(extra)
        return data

    def _count(self):
        return self.env["b2b.rma"].search_count([])

    # ------------------------------------------------------------
    # R3 own documents
    # ------------------------------------------------------------

    def test_own_rma_pages(self):
        self.authenticate("alpha_b2b", "alpha_b2b")
        res = self._get("/my/rma")
        self.assertEqual(res.status_code, 200)
        self.assertIn(self.rma_a.name, res.text)
        self.assertNotIn(self.rma_b.name, res.text)
        urls = self._rma_urls(self.rma_a, self.photo_a)
        res = self._get(urls[0])
        self.assertEqual(res.status_code, 200)
        self.assertIn(self.rma_a.name, res.text)
        self.assertIn("o_portal_chatter", res.text)
        for url in urls[1:2] + urls[5:]:
            res = self._get(url)
            self.assertEqual(res.status_code, 200, url)
            self.assertIn("application/pdf", res.headers["Content-Type"], url)
        res = self._get(urls[4])
        self.assertEqual(res.status_code, 200)
        self.assertEqual(res.headers["Content-Type"], "image/png")
        res = self._get("/my/rma/receipts")
        self.assertIn(self.rma_a.picking_ids.name, res.text)
        self.assertNotIn(self.rma_b.picking_ids.name, res.text)
        res = self._get("/my/rma/credit-notes")
        self.assertIn(self.rma_a.refund_id.name, res.text)
        self.assertNotIn(self.rma_b.refund_id.name, res.text)
        res = self._get("/my")
        self.assertIn('href="/my/rma"', res.text)

    def test_pdf_language(self):
        """Printed by staff: the customer's language; asked for from the portal:
        the language of the page (tests/test_report_lang.py for tr/da/fr)."""
        self.env["res.lang"]._activate_lang("fr_FR")
        self.reason.with_context(lang="fr_FR").name = "Endommagé pendant le transport"
        self.company_a.lang = "fr_FR"
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("b2b_portal.b2b_rma_report_action", self.rma_a.ids)[0]
            .decode()
        )
        self.assertIn("Endommagé pendant le transport", html)
        self.authenticate("alpha_b2b", "alpha_b2b")
        res = self._get(f"/my/rma/{self.rma_a.id}?report_type=html")
        self.assertEqual(res.status_code, 200)
        self.assertNotIn("Endommagé pendant le transport", res.content.decode())

    # ------------------------------------------------------------
    # IDOR and permissions
    # ------------------------------------------------------------

    def test_other_company_rma_refused(self):
        self.authenticate("alpha_b2b", "alpha_b2b")
        secrets = (self.rma_b.name, self.rma_b.refund_id.name, self.company_b.name)
        for url in self._rma_urls(self.rma_b, self.photo_b) + [
            # B's children through A's own return
            f"/my/rma/{self.rma_a.id}/photo/{self.photo_b.id}",
            f"/my/rma/{self.rma_a.id}/receipt/{self.rma_b.picking_ids.id}",
            "/my/rma/999999999",
        ]:
            self.assertRefused(self._get(url), *secrets)
        # the attachment itself through Odoo's generic routes
        res = self._get(f"/web/content/{self.photo_b.id}")
        self.assertNotEqual(res.status_code, 200)
        self.assertNotIn(self.PNG, res.content)
        self.assertNotIn(self.PNG, self._get(f"/web/image/{self.photo_b.id}").content)
        # a wrong token is no key either
        self.assertRefused(self._get(f"/my/rma/{self.rma_b.id}?access_token=forged"), *secrets)

    def test_token_opens_only_its_own_rma(self):
        # anonymous visitor with the token of the RMA (e-mail link)
        token = self.rma_b.access_token
        res = self._get(f"/my/rma/{self.rma_b.id}?access_token={token}")
        self.assertEqual(res.status_code, 200)
        res = self._get(f"/my/rma/{self.rma_a.id}?access_token={token}")
        self.assertRefused(res, self.rma_a.name)

    def test_shared_login_follows_current_company(self):
        self.authenticate("shared_b2b", "shared_b2b")
        self._choose(self.company_a)
        self.assertRefused(self._get(f"/my/rma/{self.rma_b.id}"), self.rma_b.name)
        self.assertNotIn(self.rma_b.name, self._get("/my/rma").text)
        self._choose(self.company_b)
        self.assertEqual(self._get(f"/my/rma/{self.rma_b.id}").status_code, 200)
        self.assertRefused(self._get(f"/my/rma/{self.rma_a.id}"), self.rma_a.name)

    def test_without_returns_permission_refused(self):
        self.access_a.perm_returns = False
        self.authenticate("alpha_b2b", "alpha_b2b")
        for url in self._rma_urls(self.rma_a, self.photo_a) + [
            "/my/rma",
            "/my/rma/new",
            f"/my/rma/new?invoice_id={self.rma_invoice_a.id}",
            "/my/rma/receipts",
            "/my/rma/credit-notes",
        ]:
            self.assertRefused(self._get(url), self.rma_a.name)
        count = self._count()
        res = self._post("/my/rma/new", self._form(self.rma_invoice_a, [(self.rma_line_a1, 1)]))
        self.assertEqual(res.status_code, 403)
        self.assertEqual(self._count(), count)
        self.assertNotIn('href="/my/rma"', self._get("/my").text)

    # ------------------------------------------------------------
    # R1 request form
    # ------------------------------------------------------------

    def test_request_form_shows_returnable_maximum(self):
        self.authenticate("alpha_b2b", "alpha_b2b")
        res = self._get("/my/rma/new")
        self.assertEqual(res.status_code, 200)
        self.assertIn(self.rma_invoice_a.name, res.text)
        self.assertNotIn(self.rma_invoice_b.name, res.text)
        res = self._get(f"/my/rma/new?invoice_id={self.rma_invoice_a.id}")
        self.assertEqual(res.status_code, 200)
        # 5 invoiced, 1 already returned
        self.assertIn(f'name="qty_{self.rma_line_a1.id}"', res.text)
        self.assertIn('max="4.0"', res.text)
        res = self._get(f"/my/rma/new?invoice_id={self.rma_invoice_b.id}")
        self.assertEqual(res.status_code, 400)
        self.assertNotIn(f"qty_{self.rma_line_b1.id}", res.text)

    def test_submit_request(self):
        self.authenticate("alpha_b2b", "alpha_b2b")
        data = self._form(self.rma_invoice_a, [(self.rma_line_a1, "2"), (self.rma_line_a2, "1,5")])
        files = [
            ("photos", ("box.png", self.PNG, "image/png")),
            ("photos", ("", b"", "application/octet-stream")),
        ]
        res = self._post("/my/rma/new", data, files=files)
        self.assertEqual(res.status_code, 303, res.text[:300] if res.status_code == 400 else "")
        rma = self.env["b2b.rma"].search([], order="id desc", limit=1)
        self.assertIn(f"/my/rma/{rma.id}", res.headers["Location"])
        self.assertEqual(rma.state, "submitted")
        self.assertEqual(rma.partner_id, self.company_a)
        self.assertEqual(rma.requester_user_id, self.user_a)
        self.assertEqual(rma.requester_partner_id, self.user_a.partner_id)
        self.assertEqual(rma.reason_id, self.reason)
        self.assertEqual(
            sorted((l.invoice_line_id.id, l.quantity) for l in rma.line_ids),
            sorted([(self.rma_line_a1.id, 2.0), (self.rma_line_a2.id, 1.5)]),
        )
        self.assertEqual(len(rma.photo_ids), 1)
        self.assertEqual(rma.photo_ids.mimetype, "image/png")
        self.assertEqual((rma.photo_ids.res_model, rma.photo_ids.res_id), ("b2b.rma", rma.id))
        res = self._get(res.headers["Location"])
        self.assertIn("o_b2b_rma_submitted", res.text)

    def test_mass_assignment_refused(self):
        self.authenticate("alpha_b2b", "alpha_b2b")
        count = self._count()
        for forged in (
            {"partner_id": self.company_b.id},
            {"state": "approved"},
            {"company_id": self.env.company.id},
            {"requester_user_id": self.user_shared.id},
            {"line_ids": "[]"},
        ):
            data = self._form(self.rma_invoice_a, [(self.rma_line_a1, 1)], **forged)
            res = self._post("/my/rma/new", data)
            self.assertEqual(res.status_code, 400, forged)
            self.assertIn("fields you cannot set", res.text)
            self.assertEqual(self._count(), count, forged)

    def test_bad_inputs_change_nothing(self):
        self.authenticate("alpha_b2b", "alpha_b2b")
        draft = self.rma_invoice_a.copy()
        cancelled = self.rma_invoice_a.copy()
        cancelled.button_cancel()
        line_1 = self.rma_line_a1
        cases = {
            "foreign invoice": (
                self._form(self.rma_invoice_b, [(self.rma_line_b1, 1)]),
                "posted invoices",
            ),
            "foreign line": (
                self._form(self.rma_invoice_a, [(self.rma_line_b1, 1)]),
                "not part of invoice",
            ),
            "line of another own invoice": (
                self._form(self.rma_invoice_a, [(self.invoice_a.invoice_line_ids[0], 1)]),
                "not part of invoice",
            ),
            "above maximum": (self._form(self.rma_invoice_a, [(line_1, 5)]), "at most"),
            "negative": (self._form(self.rma_invoice_a, [(line_1, -1)]), "cannot be negative"),
            "not a number": (self._form(self.rma_invoice_a, [(line_1, "two")]), "as a number"),
            "nan": (self._form(self.rma_invoice_a, [(line_1, "nan")]), "as a number"),
            "infinite": (self._form(self.rma_invoice_a, [(line_1, "inf")]), "as a number"),
            "nothing to return": (
                self._form(self.rma_invoice_a, [(line_1, "0")]),
                "at least one line",
            ),
            "draft invoice": (
                self._form(draft, [(draft.invoice_line_ids[0], 1)]),
                "posted invoices",
            ),
            "cancelled invoice": (
                self._form(cancelled, [(cancelled.invoice_line_ids[0], 1)]),
                "posted invoices",
            ),
            "bad invoice id": (
                {"invoice_id": "1 OR 1=1", "reason_id": self.reason.id, f"qty_{line_1.id}": 1},
                "posted invoices",
            ),
            "no reason": (
                self._form(self.rma_invoice_a, [(line_1, 1)], reason_id=""),
                "problem",
            ),
            "bad reason": (
                self._form(self.rma_invoice_a, [(line_1, 1)], reason_id="x"),
                "problem",
            ),
        }
        count = self._count()
        for name, (data, message) in cases.items():
            with self.subTest(name):
                res = self._post("/my/rma/new", data)
                self.assertEqual(res.status_code, 400, name)
                self.assertIn("o_b2b_rma_errors", res.text, name)
                self.assertIn(message, res.text, name)
                self.assertEqual(self._count(), count, name)
        # photos: not an image, too big, too many
        ok = self._form(self.rma_invoice_a, [(line_1, 1)])
        photo_cases = {
            "html named png": (
                [("photos", ("x.png", b"<html><script>alert(1)</script>", "image/png"))],
                "not a photo",
            ),
            "too big": (
                [("photos", ("big.png", self.PNG + b"\0" * (5 * 1024 * 1024), "image/png"))],
                "larger than",
            ),
            "too many": (
                [("photos", (f"p{i}.png", self.PNG, "image/png")) for i in range(6)],
                "at most 5",
            ),
        }
        for name, (files, message) in photo_cases.items():
            with self.subTest(name):
                res = self._post("/my/rma/new", ok, files=files)
                self.assertEqual(res.status_code, 400, name)
                self.assertIn(message, res.text, name)
                self.assertEqual(self._count(), count, name)
        # no CSRF token
        with mute_logger("odoo.http"):
            res = self.url_open("/my/rma/new", data=ok, allow_redirects=False)
        self.assertEqual(res.status_code, 400)
        self.assertEqual(self._count(), count)
        self.assertFalse(
            self.env["ir.attachment"].search([("name", "in", ("x.png", "big.png", "p0.png"))])
        )

    # ------------------------------------------------------------
    # Query budget of the list
    # ------------------------------------------------------------

    def _list_queries(self):
        self._get("/my/rma")  # warm the caches (rules, templates, assets)
        before = self.cr.sql_log_count
        res = self._get("/my/rma")
        self.assertEqual(res.status_code, 200)
        return self.cr.sql_log_count - before

    def test_list_query_count_constant(self):
        self.authenticate("alpha_b2b", "alpha_b2b")
        while self.env["b2b.rma"].search_count([("partner_id", "=", self.company_a.id)]) < 5:
            self._create_rma(self.company_a, [(self.invoice_a.invoice_line_ids[0], 0.01)])
        queries_5 = self._list_queries()
        while self.env["b2b.rma"].search_count([("partner_id", "=", self.company_a.id)]) < 50:
            self._create_rma(self.company_a, [(self.invoice_a.invoice_line_ids[0], 0.01)])
        res = self._get("/my/rma")
        self.assertEqual(res.text.count("o_b2b_rma_row"), 50)
        queries_50 = self._list_queries()
        _logger.info("GET /my/rma: %s queries with 5 returns, %s with 50", queries_5, queries_50)
        self.assertEqual(queries_5, queries_50)

    # ------------------------------------------------------------
    # Tour
    # ------------------------------------------------------------

    def test_tour_request_return(self):
        _order, invoice = self._create_delivered_invoice(self.company_a)
        self.start_tour("/my/rma", "b2b_portal_rma_request", login="alpha_b2b")
        rma = self.env["b2b.rma"].search([("invoice_id", "=", invoice.id)])
        self.assertEqual(rma.state, "submitted")
        self.assertEqual(
            sorted(rma.line_ids.mapped("quantity")), [1.0, 2.0], "two lines of the invoice"
        )
