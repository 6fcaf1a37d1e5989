# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""S2: the ORM alone isolates companies for every model a portal user can read,
so a controller bug cannot leak another company's records."""

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .isolation_common import IsolationCommon


@tagged("post_install", "-at_install")
class TestOrmIsolation(IsolationCommon):
    def test_each_model_isolates_companies(self):
        for model, (rec_a, rec_b) in self.pairs.items():
            with self.subTest(model=model):
                self.assertTrue(rec_a and rec_b, f"fixture of {model}")
                ids = (rec_a | rec_b).ids
                Model = self.env[model].with_user(self.user_a)
                found = Model.search([("id", "in", ids)])
                self.assertFalse(found & rec_b, f"{model}: search finds B's records")
                if model != "ir.attachment":
                    # (Odoo lets portal users search only the attachments they
                    # created; the company's files are served by checked routes)
                    self.assertEqual(found, rec_a.with_user(self.user_a), f"{model}: search")
                with self.assertRaises(AccessError, msg=f"{model}: read of B's record"):
                    rec_b[:1].with_user(self.user_a).read(["display_name"])
                # the shared login sees B's records only while acting for B
                shared_b = (
                    self.env[model]
                    .with_user(self.user_shared)
                    .with_context(b2b_partner_id=self.company_b.id)
                )
                self.assertFalse(
                    shared_b.search([("id", "in", rec_a.ids)]), f"{model}: shared login on B"
                )

    def test_passive_user_reads_nothing(self):
        for model, (rec_a, _rec_b) in self.pairs.items():
            with self.subTest(model=model):
                Model = self.env[model].with_user(self.user_passive)
                self.assertFalse(Model.search([("id", "in", rec_a.ids)]), model)
