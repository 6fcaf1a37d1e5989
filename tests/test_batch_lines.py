# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Lines created in one batch (quick order, order again) get the prices of the
company's pricelist they get one by one, in a number of queries that does not
grow with the lines."""

from odoo.tests import TransactionCase, tagged

from .common import B2bCommon


@tagged("post_install", "-at_install")
class TestBatchLines(B2bCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.categ = cls.env["product.category"].create({"name": "Batch category"})
        cls.other_categ = cls.env["product.category"].create({"name": "Batch other"})
        Product = cls.env["product.product"]
        cls.fixed = Product.create({"name": "Batch fixed", "list_price": 50.0})
        cls.in_categ = Product.create(
            {"name": "Batch in category", "list_price": 40.0, "categ_id": cls.categ.id}
        )
        cls.plain = Product.create(
            {"name": "Batch plain", "list_price": 30.0, "categ_id": cls.other_categ.id}
        )
        cls.pricelist = cls.env["product.pricelist"].create(
            {
                "name": "Batch company prices",
                "currency_id": cls.env.company.currency_id.id,
                "item_ids": [
                    (
                        0,
                        0,
                        {
                            "applied_on": "1_product",
                            "product_tmpl_id": cls.fixed.product_tmpl_id.id,
                            "compute_price": "fixed",
                            "fixed_price": 7.0,
                        },
                    ),
                    (
                        0,
                        0,
                        {
                            "applied_on": "2_product_category",
                            "categ_id": cls.categ.id,
                            "compute_price": "percentage",
                            "percent_price": 25.0,
                        },
                    ),
                    (
                        0,
                        0,
                        {
                            "applied_on": "3_global",
                            "compute_price": "percentage",
                            "percent_price": 10.0,
                            "min_quantity": 5,
                        },
                    ),
                ],
            }
        )
        cls.company_a.property_product_pricelist = cls.pricelist

    def _cart(self):
        return self.env["sale.order"].create(
            {"partner_id": self.company_a.id, "pricelist_id": self.pricelist.id}
        )

    def test_batch_prices_are_the_pricelist_prices(self):
        bulk = self.env["product.product"].create(
            {"name": "Batch bulk", "list_price": 20.0, "categ_id": self.other_categ.id}
        )
        lines = [(self.fixed, 2), (self.in_categ, 3), (self.plain, 1), (bulk, 6)]
        batched = self._cart()
        batched._b2b_cart_add_lines(lines)
        alone = self._cart()
        for product, qty in lines:
            alone._b2b_cart_add_lines([(product, qty)])
        prices = {sol.product_id: sol.price_unit for sol in batched.order_line}
        self.assertEqual(len(prices), 4)
        for sol in alone.order_line:
            with self.subTest(product=sol.product_id.name):
                self.assertAlmostEqual(prices[sol.product_id], sol.price_unit)
                self.assertEqual(
                    batched.order_line.filtered(
                        lambda b, p=sol.product_id: b.product_id == p
                    ).pricelist_item_id,
                    sol.pricelist_item_id,
                )
        self.assertAlmostEqual(prices[self.fixed], 7.0)
        self.assertAlmostEqual(prices[self.in_categ], 30.0)
        self.assertAlmostEqual(prices[self.plain], 30.0)
        self.assertAlmostEqual(prices[bulk], 18.0)
        self.assertAlmostEqual(batched.amount_untaxed, alone.amount_untaxed)
        # the batch is over: a later line is priced the normal way
        self.assertFalse(self.env.cr.cache.get("b2b_line_batch"))

    def test_batch_queries_do_not_grow_with_the_lines(self):
        products = self.env["product.product"].create(
            [{"name": f"Batch many {i}", "list_price": 5.0} for i in range(30)]
        )

        def queries(count):
            cart = self._cart()
            self.env.flush_all()
            before = self.env.cr.sql_log_count
            cart._b2b_cart_add_lines([(p, 1) for p in products[:count]])
            self.env.flush_all()
            return self.env.cr.sql_log_count - before

        queries(2)  # warm-up
        few, many = queries(3), queries(30)
        # one INSERT a line is not batched by the ORM in every case: allow a
        # query per ten lines, not several per line as before
        self.assertLessEqual(many - few, 6, f"{few} queries for 3 lines, {many} for 30")
