# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, tagged

from .common import B2bCommon
from .orders_common import B2bOrdersCommon


@tagged("post_install", "-at_install")
class TestB2bTours(B2bCommon, HttpCase):
    def test_tour_shared_login_switches_company(self):
        self.order_a.name = "TOUR-ALPHA"
        self.order_b.name = "TOUR-BETA"
        self.start_tour("/my/orders", "b2b_portal_company_switch", login="shared_b2b")


@tagged("post_install", "-at_install")
class TestB2bOrderTours(B2bOrdersCommon, HttpCase):
    def test_tour_quick_order(self):
        self.env["product.product"].create(
            {
                "name": "Zorblax stool",
                "default_code": "ZB-STOOL",
                "categ_id": self.categ_chairs.id,
                "list_price": 30.0,
                "is_published": True,
            }
        )
        self.start_tour("/my/quick_order", "b2b_portal_quick_order", login="restricted_b2b")
        order = self.env["sale.order"].search(
            [("b2b_user_id", "=", self.user_r.id), ("client_order_ref", "=", "PO-TOUR-7")]
        )
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.partner_id, self.company_a)
        self.assertEqual(len(order._b2b_product_lines()), 3)

    def test_tour_reorder(self):
        order = self._order_with(self.company_a, [(self.chair, 2), (self.shelf, 1)])
        self.start_tour(f"/my/orders/{order.id}", "b2b_portal_reorder", login="restricted_b2b")
        cart = self.env["sale.order"].search(
            [("b2b_user_id", "=", self.user_r.id), ("state", "=", "draft")]
        )
        self.assertEqual(
            [(l.product_id, l.product_uom_qty) for l in cart.order_line], [(self.chair, 5.0)]
        )
