# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The dashboard's ``credit_to_invoice`` in one query equals Odoo's field: the
same orders, amounts per line, units, invoices counted and currencies."""

from unittest.mock import patch

from odoo import Command
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestCreditToInvoice(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls.company.account_use_credit_limit = True
        Partner = cls.env["res.partner"]
        cls.customer = Partner.create({"name": "Credit Customer", "is_company": True})
        cls.contact = Partner.create(
            {"name": "Credit Invoicing", "type": "invoice", "parent_id": cls.customer.id}
        )
        cls.other = Partner.create({"name": "Other Customer", "is_company": True})
        Product = cls.env["product.product"]
        cls.on_order = Product.create(
            {
                "name": "Credit chair",
                "type": "consu",
                "list_price": 100.0,
                "invoice_policy": "order",
            }
        )
        cls.on_delivery = Product.create(
            {
                "name": "Credit fitting",
                "type": "service",
                "list_price": 40.0,
                "invoice_policy": "delivery",
                "service_type": "manual",
            }
        )
        cls.tax_included = cls.env["account.tax"].create(
            {"name": "Credit VAT incl.", "amount": 20.0, "price_include_override": "tax_included"}
        )
        cls.dozen = cls.env.ref("uom.product_uom_dozen")

    def _order(self, lines, partner=None, **values):
        order = self.env["sale.order"].create(
            {
                "partner_id": (partner or self.customer).id,
                "order_line": [Command.create(line) for line in lines],
                **values,
            }
        )
        order.action_confirm()
        return order

    def _assert_same(self, partner=None, queries=1):
        """Odoo's field, after checking that the query gives the same."""
        partner = (partner or self.customer).sudo().with_company(self.company)
        self.env.invalidate_all()
        expected = partner.credit_to_invoice
        self.assertAlmostEqual(partner._b2b_credit_to_invoice(self.company), expected, places=6)
        # once the unit precision and the currencies are known: the one query
        with self.assertQueryCount(queries):
            mine = partner._b2b_credit_to_invoice(self.company)
        self.assertAlmostEqual(mine, expected, places=6)
        return expected

    def test_same_as_odoo(self):
        self.assertEqual(self._assert_same(), 0.0)
        # ordered quantities, a discount, an included tax
        self._order(
            [
                {"product_id": self.on_order.id, "product_uom_qty": 3, "discount": 10.0},
                {
                    "product_id": self.on_order.id,
                    "product_uom_qty": 2,
                    "tax_ids": [Command.set(self.tax_included.ids)],
                },
            ]
        )
        self.assertGreater(self._assert_same(), 0.0)
        # delivered quantities: nothing until delivered, then what is delivered
        delivered = self._order([{"product_id": self.on_delivery.id, "product_uom_qty": 5}])
        self._assert_same()
        delivered.order_line.qty_delivered = 2
        self._assert_same()
        # sent to another invoice address of the company
        partly = self._order(
            [{"product_id": self.on_order.id, "product_uom_qty": 24}],
            partner_invoice_id=self.contact.id,
        )
        self._assert_same()
        # a draft invoice is not counted, a posted one is, in its own unit
        invoice = partly._create_invoices()
        self._assert_same()
        invoice.invoice_line_ids.write({"quantity": 1, "product_uom_id": self.dozen.id})
        invoice.action_post()
        self._assert_same()
        # a posted credit note gives it back
        refund = invoice._reverse_moves()
        refund.action_post()
        self._assert_same()
        # fully invoiced, other customers' and unconfirmed orders: not counted
        done = self._order([{"product_id": self.on_order.id, "product_uom_qty": 1}])
        done._create_invoices().action_post()
        self._order([{"product_id": self.on_order.id, "product_uom_qty": 7}], partner=self.other)
        self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "order_line": [Command.create({"product_id": self.on_order.id})],
            }
        )
        self._assert_same()
        self._assert_same(self.other)

    def test_other_currency(self):
        currency = self.env.ref("base.EUR")
        if currency == self.company.currency_id:
            currency = self.env.ref("base.USD")
        currency.active = True
        self.env["res.currency.rate"].create(
            {"currency_id": currency.id, "rate": 2.5, "company_id": self.company.id}
        )
        pricelist = self.env["product.pricelist"].create(
            {"name": "Credit foreign", "currency_id": currency.id}
        )
        self._order(
            [{"product_id": self.on_order.id, "product_uom_qty": 4}], pricelist_id=pricelist.id
        )
        self._order([{"product_id": self.on_order.id, "product_uom_qty": 1}])
        self.assertGreater(self._assert_same(), 0.0)

    def test_without_credit_limits_or_for_a_contact(self):
        self._order([{"product_id": self.on_order.id, "product_uom_qty": 1}])
        self.assertEqual(self.contact._b2b_credit_to_invoice(self.company), 0.0)
        self.company.account_use_credit_limit = False
        self.assertEqual(self.customer._b2b_credit_to_invoice(self.company), 0.0)

    def test_overridden_computation_asks_odoo(self):
        """An addon that changes the computation (pos_sale does) gets Odoo's field."""
        self._order([{"product_id": self.on_order.id, "product_uom_qty": 2}])
        SaleOrder = type(self.env["sale.order"])
        original = SaleOrder._compute_amount_to_invoice

        def _compute_amount_to_invoice(orders):
            original(orders)
            for order in orders:
                order.amount_to_invoice -= 10.0

        self.assertTrue(self.customer._b2b_credit_to_invoice_is_sale())
        partner = self.customer.sudo().with_company(self.company)
        before = partner._b2b_credit_to_invoice(self.company)
        self.assertGreater(before, 10.0)
        with patch.object(SaleOrder, "_compute_amount_to_invoice", _compute_amount_to_invoice):
            self.assertFalse(self.customer._b2b_credit_to_invoice_is_sale())
            self.env.invalidate_all()
            self.assertAlmostEqual(partner._b2b_credit_to_invoice(self.company), before - 10.0)
