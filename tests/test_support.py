# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, ValidationError
from odoo.http import Request
from odoo.tests import HttpCase, new_test_user, tagged

from .common import B2bCommon


@tagged("post_install", "-at_install")
class TestB2bSupport(B2bCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesman = new_test_user(
            cls.env, login="support_salesman", groups="sales_team.group_sale_salesman"
        )
        cls.company_a.user_id = cls.salesman
        Support = cls.env["b2b.support.request"]
        cls.request_a = Support.create(
            {"subject": "Alpha question", "partner_id": cls.company_a.id}
        )
        cls.request_b = Support.create(
            {"subject": "Beta secret question", "partner_id": cls.company_b.id}
        )
        cls.access_no_support = cls.env["b2b.access"].create(
            {
                "partner_id": cls.company_a.id,
                "login": "nosupport_b2b",
                "name": "Nina No-Support",
                "new_password": "nosupport_b2b",
                "perm_support": False,
            }
        )

    def _get(self, url):
        return self.url_open(url, allow_redirects=False)

    def _post(self, url, data, files=None):
        return self.url_open(
            url,
            data={**data, "csrf_token": Request.csrf_token(self)},
            files=files,
            allow_redirects=False,
        )

    def _new(self, **data):
        return self._post(
            "/my/support/new", {"subject": "Broken bolt", "category": "product", **data}
        )

    def _created(self, subject="Broken bolt"):
        return self.env["b2b.support.request"].search([("subject", "=", subject)])

    def test_create_request_from_the_portal(self):
        self.authenticate("alpha_b2b", "alpha_b2b")
        self.assertEqual(self._get("/my/support/new").status_code, 200)
        res = self._post(
            "/my/support/new",
            {
                "subject": "Broken bolt",
                "category": "product",
                "description": "The head broke off.",
                "order_id": self.order_a.id,
                "invoice_id": self.invoice_a.id,
                # not in the whitelist: ignored
                "partner_id": self.company_b.id,
                "state": "closed",
                "user_id": self.salesman.id,
            },
            files=[("attachments", ("photo.png", b"\x89PNG fake", "image/png"))],
        )
        self.assertEqual(res.status_code, 303)
        support = self._created()
        self.assertEqual(len(support), 1)
        self.assertTrue(res.headers["Location"].endswith(f"/my/support/{support.id}"))
        self.assertEqual(support.partner_id, self.company_a)
        self.assertEqual(support.requester_id, self.user_a.partner_id)
        self.assertEqual(support.state, "new")
        self.assertFalse(support.user_id)
        self.assertEqual(support.order_id, self.order_a)
        self.assertEqual(support.invoice_id, self.invoice_a)
        self.assertTrue(support.name.startswith("SR"))
        self.assertEqual(support.attachment_ids.mapped("name"), ["photo.png"])
        # the customer's salesperson follows it and is told about it
        self.assertIn(self.salesman.partner_id, support.message_partner_ids)
        res = self._get(f"/my/support/{support.id}")
        self.assertEqual(res.status_code, 200)
        self.assertIn("Broken bolt", res.text)
        self.assertIn("o_portal_chatter", res.text)
        res = self._get(f"/my/support/{support.id}/attachment/{support.attachment_ids.id}")
        self.assertEqual(res.status_code, 200)
        self.assertEqual(res.content, b"\x89PNG fake")
        res = self._get("/my/support?filterby=all")
        self.assertIn("Broken bolt", res.text)
        self.assertIn("Alpha question", res.text)
        self.assertNotIn("Beta secret question", res.text)

    def test_related_documents_of_another_company_are_refused(self):
        self.authenticate("alpha_b2b", "alpha_b2b")
        res = self._new(order_id=self.order_b.id)
        self.assertEqual(res.status_code, 400)
        self.assertIn("not one of your company", res.text)
        res = self._new(invoice_id=self.invoice_b.id)
        self.assertEqual(res.status_code, 400)
        res = self._new(order_id="abc")
        self.assertEqual(res.status_code, 400)
        res = self._new(category="hacking")
        self.assertEqual(res.status_code, 400)
        self.assertFalse(self._created())
        # the model refuses it too
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.request_a.order_id = self.order_b

    def test_related_order_needs_the_orders_permission(self):
        self.authenticate("noorders_b2b", "noorders_b2b")
        res = self._new(order_id=self.order_a.id)
        self.assertEqual(res.status_code, 400)
        self.assertFalse(self._created())

    def test_other_company_request_is_refused(self):
        self.authenticate("alpha_b2b", "alpha_b2b")
        res = self._get(f"/my/support/{self.request_b.id}")
        self.assertEqual(res.status_code, 303)
        self.assertTrue(res.headers["Location"].endswith("/my"))
        self.assertNotIn("Beta secret question", res.text)
        self.assertEqual(self._get("/my/support/999999999").status_code, 303)
        attachment_b = self.env["ir.attachment"].create(
            {
                "name": "beta.txt",
                "raw": b"beta secret",
                "res_model": self.request_b._name,
                "res_id": self.request_b.id,
            }
        )
        self.request_b.attachment_ids = attachment_b
        for url in (
            f"/web/content/{attachment_b.id}?download=true",
            f"/my/support/{self.request_b.id}/attachment/{attachment_b.id}",
            # a file of another request through one's own request
            f"/my/support/{self.request_a.id}/attachment/{attachment_b.id}",
        ):
            res = self._get(url)
            self.assertNotEqual(res.content, b"beta secret", url)
        with self.assertRaises(AccessError):
            self.request_b.with_user(self.user_a).read(["subject"])
        with self.assertRaises(AccessError):
            self.request_b.with_user(self.user_a).message_post(body="hi", message_type="comment")
        with self.assertRaises(AccessError):
            self.request_a.with_user(self.user_a).write({"state": "closed"})

    def test_shared_login_follows_the_current_company(self):
        Support = self.env["b2b.support.request"].with_user(self.user_shared)
        ids = (self.request_a | self.request_b).ids
        self.assertEqual(
            Support.with_context(b2b_partner_id=self.company_a.id).search([("id", "in", ids)]),
            self.request_a,
        )
        self.assertEqual(
            Support.with_context(b2b_partner_id=self.company_b.id).search([("id", "in", ids)]),
            self.request_b,
        )

    def test_support_permission(self):
        self.authenticate("nosupport_b2b", "nosupport_b2b")
        for url in ("/my/support", "/my/support/new", f"/my/support/{self.request_a.id}"):
            self.assertEqual(self._get(url).status_code, 403, url)
        self.assertEqual(self._new().status_code, 403)
        self.assertFalse(self._created())
        self.assertNotIn('href="/my/support"', self._get("/my").text)
        with self.assertRaises(AccessError):
            self.request_a.with_user(self.access_no_support.user_id).read(["subject"])

    def test_customer_discusses_and_staff_is_notified(self):
        self.request_a.user_id = self.salesman
        message = self.request_a.with_user(self.user_a).message_post(
            body="Any news?", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        self.assertIn(self.salesman.partner_id, message.notified_partner_ids)
        # a reply of the customer takes a waiting request back to the staff
        self.request_a.state = "waiting"
        self.request_a.with_user(self.user_a).message_post(
            body="Here is the photo.", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        self.assertEqual(self.request_a.state, "in_progress")
        self.authenticate("alpha_b2b", "alpha_b2b")
        self.assertIn('href="/my/support"', self._get("/my").text)
