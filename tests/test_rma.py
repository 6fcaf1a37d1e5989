# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from psycopg2 import errors as pg_errors

from odoo import SUPERUSER_ID, Command, api
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from .rma_common import RmaCommon


@tagged("post_install", "-at_install")
class TestRma(RmaCommon):
    # ------------------------------------------------------------
    # R1 quantities
    # ------------------------------------------------------------

    def test_partial_and_repeated_returns(self):
        rma_1 = self._create_rma(self.company_a, [(self.rma_line_a1, 2)])
        self.assertEqual(rma_1.state, "submitted")
        self.assertTrue(rma_1.name.startswith("RMA/"))
        rma_2 = self._create_rma(self.company_a, [(self.rma_line_a1, 3)])
        # 5 invoiced, 2 + 3 requested: nothing left
        with self.assertRaises(ValidationError):
            self._create_rma(self.company_a, [(self.rma_line_a1, 0.5)])
        # a rejected request gives its quantity back
        rma_2.reject_reason = "Not ours"
        rma_2.action_reject()
        rma_3 = self._create_rma(self.company_a, [(self.rma_line_a1, 1), (self.rma_line_a2, 4)])
        self.assertEqual(rma_3.line_ids.mapped("returnable_qty"), [3.0, 4.0])
        # reopening the rejected one would exceed the invoice (2 + 1 + 3 > 5)
        with self.assertRaises(ValidationError):
            rma_2.action_draft()
        # raising a quantity above what is left is refused too
        with self.assertRaises(ValidationError):
            rma_3.line_ids.filtered(lambda l: l.invoice_line_id == self.rma_line_a1).quantity = 4
        rma_3.line_ids.filtered(lambda l: l.invoice_line_id == self.rma_line_a1).quantity = 3
        rma_1.action_cancel()
        rma_4 = self._create_rma(self.company_a, [(self.rma_line_a1, 2)])
        self.assertEqual(rma_4.amount_total, 23.0)

    def test_quantity_must_be_positive(self):
        for qty in (0, -1):
            with (
                self.subTest(qty=qty),
                mute_logger("odoo.sql_db"),
                self.assertRaises(pg_errors.CheckViolation),
            ):
                self._create_rma(self.company_a, [(self.rma_line_a1, qty)])
        rma = self._create_rma(self.company_a, [(self.rma_line_a1, 1)], submit=False)
        with self.assertRaises(ValidationError):
            rma.line_ids.quantity = -2

    def test_only_posted_invoice_lines_of_the_customer(self):
        # B's invoice for A
        with self.assertRaises(ValidationError):
            self._create_rma(self.company_a, [(self.rma_line_b1, 1)])
        # a line of another invoice than the RMA's
        with self.assertRaises(ValidationError):
            self.env["b2b.rma"].create(
                {
                    "partner_id": self.company_a.id,
                    "invoice_id": self.rma_invoice_a.id,
                    "reason_id": self.reason.id,
                    "line_ids": [
                        Command.create({"invoice_line_id": self.invoice_a.invoice_line_ids[0].id})
                    ],
                }
            )
        # a draft and a cancelled invoice
        draft = self.invoice_a.copy()
        with self.assertRaises(ValidationError):
            self._create_rma(self.company_a, [(draft.invoice_line_ids[0], 1)])
        draft.button_cancel()
        with self.assertRaises(ValidationError):
            self._create_rma(self.company_a, [(draft.invoice_line_ids[0], 1)])
        # the receivable line of a posted invoice is no product line
        receivable = self.rma_invoice_a.line_ids.filtered(
            lambda l: l.display_type == "payment_term"
        )
        with self.assertRaises(ValidationError):
            self._create_rma(self.company_a, [(receivable, 1)])

    # ------------------------------------------------------------
    # R2 workflow
    # ------------------------------------------------------------

    def _receive(self, rma):
        receipt = rma.picking_ids
        for move in receipt.move_ids:
            move.quantity = move.product_uom_qty
        receipt.button_validate()
        return receipt

    def test_approve_receive_refund_done(self):
        rma = self._create_rma(self.company_a, [(self.rma_line_a1, 2), (self.rma_line_a2, 1)])
        with self.assertRaises(UserError):
            rma.action_refund()
        rma.action_approve()
        self.assertEqual(rma.state, "approved")
        self.assertTrue(rma.expected_date)
        # the return receipt comes from the original delivery, for the RMA quantities
        receipt = rma.picking_ids
        self.assertEqual(len(receipt), 1)
        delivery = self.rma_order_a.picking_ids.filtered(
            lambda p: p.picking_type_code == "outgoing"
        )
        self.assertEqual(receipt.return_id, delivery)
        self.assertEqual(receipt.picking_type_code, "incoming")
        self.assertEqual(
            sorted((m.product_id.id, m.product_uom_qty) for m in receipt.move_ids),
            sorted([(self.product.id, 2.0), (self.product_2.id, 1.0)]),
        )
        self.assertEqual(receipt.move_ids.origin_returned_move_id, delivery.move_ids)
        self._receive(rma)
        self.assertEqual(rma.state, "received")
        sale_line = self.rma_line_a1.sale_line_ids
        self.assertEqual(sale_line.qty_delivered, 3.0)

        rma.action_refund()
        self.assertEqual(rma.state, "refunded")
        refund = rma.refund_id
        self.assertEqual(refund.move_type, "out_refund")
        self.assertEqual(refund.state, "posted")
        self.assertEqual(refund.reversed_entry_id, self.rma_invoice_a)
        self.assertEqual(refund.b2b_rma_id, rma)
        # invoiced unit price × returned quantity, discount and taxes of the invoice
        # 2 × 10.00 × 1.15 + 1 × 20.00 × 0.9 × 1.15
        self.assertAlmostEqual(refund.amount_total, 23.0 + 20.7)
        self.assertAlmostEqual(refund.amount_total, rma.amount_total)
        for line in rma.line_ids:
            refund_line = refund.invoice_line_ids.filtered(
                lambda l, p=line.product_id: l.product_id == p
            )
            self.assertEqual(refund_line.quantity, line.quantity)
            self.assertEqual(refund_line.price_unit, line.invoice_line_id.price_unit)
            self.assertEqual(refund_line.discount, line.invoice_line_id.discount)
            self.assertEqual(refund_line.tax_ids, self.tax)
            self.assertAlmostEqual(
                refund_line.price_total,
                line.invoice_line_id.price_total / line.invoice_line_id.quantity * line.quantity,
            )
        # the sale order knows 2 were credited
        self.assertEqual(sale_line.qty_invoiced, 3.0)
        rma.action_done()
        self.assertEqual(rma.state, "done")
        self.assertEqual(self.company_a.b2b_rma_count, 1)
        self.assertEqual(self.rma_invoice_a.b2b_rma_count, 1)
        with self.assertRaises(UserError):
            rma.action_cancel()
        with self.assertRaises(UserError):
            rma.unlink()

    def test_replace(self):
        rma = self._create_rma(self.company_a, [(self.rma_line_a2, 2)])
        rma.action_approve()
        self._receive(rma)
        rma.action_replace()
        self.assertEqual(rma.state, "replaced")
        order = rma.replacement_order_id
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.partner_id, self.company_a)
        self.assertEqual(order.order_line.product_id, self.product_2)
        self.assertEqual(order.order_line.product_uom_qty, 2.0)
        self.assertEqual(order.amount_total, 0.0)
        self.assertTrue(order.picking_ids, "the replacement is delivered")

    def test_partial_receipt_waits_for_backorder(self):
        rma = self._create_rma(self.company_a, [(self.rma_line_a1, 2)])
        rma.action_approve()
        receipt = rma.picking_ids
        receipt.move_ids.write({"quantity": 1, "picked": True})
        receipt._action_done()
        self.assertEqual(rma.state, "approved")
        backorder = rma.picking_ids - receipt
        self.assertEqual(len(backorder), 1, "the backorder belongs to the RMA")
        backorder.move_ids.write({"quantity": 1, "picked": True})
        backorder._action_done()
        self.assertEqual(rma.state, "received")

    def test_without_delivery_received_by_hand(self):
        # invoice_a has no sale order, so no delivery to return from
        rma = self._create_rma(self.company_a, [(self.invoice_a.invoice_line_ids[0], 1)])
        rma.action_approve()
        self.assertFalse(rma.picking_ids)
        rma.action_receive()
        self.assertEqual(rma.state, "received")

    def test_reject_needs_reason_and_mails_it(self):
        rma = self._create_rma(self.company_a, [(self.rma_line_a1, 1)])
        self.assertIn(self.user_a.partner_id, rma.message_partner_ids)
        with self.assertRaises(UserError):
            rma.action_reject()
        rma.reject_reason = "The seal of the box was opened."
        rma.action_reject()
        self.assertEqual(rma.state, "rejected")
        message = rma.message_ids.filtered(lambda m: "seal of the box" in (m.body or ""))
        self.assertEqual(len(message), 1)
        self.assertEqual(message.message_type, "comment")
        self.assertIn(self.user_a.partner_id, message.notification_ids.res_partner_id)
        mails = self.env["mail.mail"].search([("mail_message_id", "=", message.id)])
        self.assertIn(self.user_a.partner_id, mails.recipient_ids)
        # states that cannot move back
        with self.assertRaises(UserError):
            rma.action_approve()

    def test_cancel_cancels_open_receipt(self):
        rma = self._create_rma(self.company_a, [(self.rma_line_a1, 1)])
        rma.action_approve()
        rma.action_cancel()
        self.assertEqual(rma.state, "cancel")
        self.assertEqual(rma.picking_ids.state, "cancel")

    # ------------------------------------------------------------
    # ORM isolation for portal users (record rules on the resolver)
    # ------------------------------------------------------------

    def test_portal_orm_isolation(self):
        rma_a = self._create_rma(self.company_a, [(self.rma_line_a1, 1)])
        rma_b = self._create_rma(self.company_b, [(self.rma_line_b1, 1)], user=self.user_shared)
        Rma = self.env["b2b.rma"].with_user(self.user_a)
        self.assertEqual(Rma.search([]), rma_a)
        with self.assertRaises(AccessError):
            rma_b.with_user(self.user_a).read(["name"])
        with self.assertRaises(AccessError):
            rma_b.line_ids.with_user(self.user_a).read(["quantity"])
        # read-only for the portal: creation goes through the checked controller
        with self.assertRaises(AccessError):
            Rma.create({"partner_id": self.company_a.id, "invoice_id": self.rma_invoice_a.id})
        with self.assertRaises(AccessError):
            rma_a.with_user(self.user_a).write({"state": "approved"})
        # the shared login sees the company it acts for only
        shared = self.env["b2b.rma"].with_user(self.user_shared)
        self.assertEqual(shared.with_context(b2b_partner_id=self.company_b.id).search([]), rma_b)
        self.assertEqual(shared.with_context(b2b_partner_id=self.company_a.id).search([]), rma_a)
        # Returns off: nothing
        self.access_a.perm_returns = False
        self.assertFalse(self.env["b2b.rma"].with_user(self.user_a).search([]))


@tagged("post_install", "-at_install")
class TestRmaConcurrency(TransactionCase):
    """Two requests for the same invoice line at the same moment, on two real
    cursors (committed data, cleaned up at the end)."""

    def _env(self, cr):
        return api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})

    def _rma_vals(self, ids, qty):
        return {
            "partner_id": ids["partner"],
            "invoice_id": ids["invoice"],
            "line_ids": [Command.create({"invoice_line_id": ids["line"], "quantity": qty})],
        }

    def _cleanup(self, ids):
        with self.registry.cursor() as cr:
            env = self._env(cr)
            rmas = env["b2b.rma"].search([("invoice_id", "=", ids["invoice"])])
            rmas.write({"state": "cancel"})
            rmas.unlink()
            invoice = env["account.move"].browse(ids["invoice"])
            invoice.button_draft()
            invoice.with_context(force_delete=True).unlink()
            env["product.product"].browse(ids["product"]).product_tmpl_id.unlink()
            env["res.partner"].browse(ids["partner"]).unlink()

    def test_concurrent_requests_never_exceed_invoice(self):
        with self.registry.cursor() as cr:
            env = self._env(cr)
            partner = env["res.partner"].create({"name": "RMA race customer", "is_company": True})
            product = env["product.product"].create({"name": "RMA race bolt"})
            invoice = env["account.move"].create(
                {
                    "move_type": "out_invoice",
                    "partner_id": partner.id,
                    "invoice_line_ids": [
                        Command.create({"product_id": product.id, "quantity": 3, "price_unit": 5.0})
                    ],
                }
            )
            invoice.action_post()
            ids = {
                "partner": partner.id,
                "product": product.id,
                "invoice": invoice.id,
                "line": invoice.invoice_line_ids.id,
            }
        self.addCleanup(self._cleanup, ids)

        cr1, cr2 = self.registry.cursor(), self.registry.cursor()
        self.addCleanup(cr1.close)
        self.addCleanup(cr2.close)
        env1, env2 = self._env(cr1), self._env(cr2)
        # request 1 asks for 2 of 3 and is not committed yet
        env1["b2b.rma"].create(self._rma_vals(ids, 2)).action_submit()

        # request 2 (2 more) has to wait for the lock of the invoice line
        cr2.execute("SET lock_timeout = '300ms'")
        with self.assertRaises(pg_errors.LockNotAvailable), mute_logger("odoo.sql_db"):
            env2["b2b.rma"].create(self._rma_vals(ids, 2))
        cr2.rollback()
        env2.invalidate_all()

        # request 2 started before request 1 commits (REPEATABLE READ snapshot that
        # does not show request 1's line): it must fail, not over-return; Odoo
        # retries such a request, see below
        cr2.execute("SELECT 1")
        cr1.commit()
        with self.assertRaises(pg_errors.SerializationFailure), mute_logger("odoo.sql_db"):
            env2["b2b.rma"].create(self._rma_vals(ids, 2))
        cr2.rollback()
        env2.invalidate_all()

        # the retry sees request 1: 2 more are refused, 1 more is fine
        with self.assertRaises(ValidationError):
            env2["b2b.rma"].create(self._rma_vals(ids, 2)).action_submit()
        cr2.rollback()
        env2.invalidate_all()
        rma = env2["b2b.rma"].create(self._rma_vals(ids, 1))
        rma.action_submit()
        self.assertEqual(rma.line_ids.returnable_qty, 1.0)
        cr2.rollback()
