# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import io
import logging

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .orders_common import B2bOrdersCommon

_logger = logging.getLogger(__name__)

PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


@tagged("post_install", "-at_install")
class TestOrdersOrm(B2bOrdersCommon):
    def test_product_rule_restricts_the_profile(self):
        Template = self.env["product.template"].with_user(self.user_r)
        found = Template.search([("name", "ilike", "Zorblax")])
        self.assertEqual(
            set(found.ids),
            {self.chair.product_tmpl_id.id, self.lamp.product_tmpl_id.id},
            "child category and explicit product allowed, the rest hidden",
        )
        variants = (
            self.env["product.product"]
            .with_user(self.user_r)
            .search([("default_code", "like", "ZB-")])
        )
        self.assertNotIn(self.shelf, variants)
        with self.assertRaises(AccessError):
            self.shelf.with_user(self.user_r).product_tmpl_id.name  # noqa: B018
        # an unrestricted person of the same company sees everything
        found_a = (
            self.env["product.template"]
            .with_user(self.user_a)
            .search([("name", "ilike", "Zorblax")])
        )
        self.assertEqual(len(found_a), 3)

    def test_profile_change_applies_at_once(self):
        Template = self.env["product.template"].with_user(self.user_r)
        self.assertFalse(Template.search([("id", "=", self.shelf.product_tmpl_id.id)]))
        self.profile_restricted.product_restricted = False
        self.assertTrue(Template.search([("id", "=", self.shelf.product_tmpl_id.id)]))

    def test_allowed_products_is_set_based(self):
        products = self.chair | self.lamp | self.shelf
        # 6: the user's active accesses are one search (not the cached one2many)
        with self.assertQueryCount(__system__=6):
            allowed = self.user_r._b2b_allowed_products(products)
        self.assertEqual(allowed, self.chair | self.lamp)

    def test_currency_fixed_after_posted_invoices(self):
        eur = self.env.ref("base.EUR")
        eur.active = True
        other = self.env["product.pricelist"].create({"name": "Zorblax EUR", "currency_id": eur.id})
        usd_list = self.env["product.pricelist"].create(
            {"name": "Zorblax company currency", "currency_id": self.env.company.currency_id.id}
        )
        self.company_c.property_product_pricelist = usd_list  # no posted invoice: free
        self.company_c.property_product_pricelist = other
        self.company_a.property_product_pricelist = usd_list
        if eur != self.env.company.currency_id:
            with self.assertRaises(ValidationError):
                self.company_a.property_product_pricelist = other

    def test_quick_order_parsing(self):
        QuickOrder = self.env["b2b.quick.order"]
        rows = QuickOrder._b2b_parse_text("SKU;Qty\nZB-CHAIR;2\nZB-LAMP\t3\nZB-SHELF,1\n\n")
        self.assertEqual(
            [(r[1], r[2]) for r in rows], [("ZB-CHAIR", "2"), ("ZB-LAMP", "3"), ("ZB-SHELF", "1")]
        )
        rows, error = QuickOrder._b2b_parse_file(
            "x.csv", "ZB-CHAIR;2\nZB-LAMP;4\n".encode("cp1252")
        )
        self.assertFalse(error)
        self.assertEqual(len(rows), 2)
        rows, error = QuickOrder._b2b_parse_file("x.csv", "Stühl-ü;2\n".encode("cp1252"))
        self.assertFalse(error, "Windows-1252 files are read too")
        self.assertEqual(rows[0][1], "Stühl-ü")
        rows, error = QuickOrder._b2b_parse_file("x.csv", b"\x00\x01\x02binary")
        self.assertTrue(error)
        rows, error = QuickOrder._b2b_parse_file("x.csv", b"x" * (2 * 1024 * 1024 + 1))
        self.assertIn("too big", error)
        rows, error = QuickOrder._b2b_parse_file("x.xlsx", b"PK\x03\x04not a zip")
        self.assertIn("could not be read", error)

    def test_quick_order_xlsx(self):
        import openpyxl

        workbook = openpyxl.Workbook()
        sheet = workbook.active
        sheet.append(["SKU", "Quantity"])
        sheet.append(["ZB-CHAIR", 4])
        sheet.append(["ZB-LAMP", 1.0])
        buffer = io.BytesIO()
        workbook.save(buffer)
        rows, error = self.env["b2b.quick.order"]._b2b_parse_file("order.xlsx", buffer.getvalue())
        self.assertFalse(error)
        self.assertEqual([(r[1], r[2]) for r in rows], [("ZB-CHAIR", "4"), ("ZB-LAMP", "1")])

    def test_quick_order_validation_constant_queries(self):
        QuickOrder = self.env["b2b.quick.order"]
        website = self.env["website"].get_current_website()
        many = self.env["product.product"].create(
            [
                {
                    "name": f"Zorblax bulk {i}",
                    "default_code": f"ZB-BULK-{i:03d}",
                    "is_published": True,
                }
                for i in range(60)
            ]
        )
        small = [(1, "ZB-CHAIR", "1"), (2, "ZB-LAMP", "1")]
        big = [(i, p.default_code, "2") for i, p in enumerate(many)]
        QuickOrder._b2b_validate(small, self.user_a, website)  # warm the caches
        queries = []
        for rows in (small, big):
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            lines, error = QuickOrder._b2b_validate(rows, self.user_a, website)
            queries.append(self.cr.sql_log_count - before)
            self.assertFalse(error)
            self.assertFalse([line for line in lines if line["error"]])
        _logger.info("quick order validation queries: 2 SKUs -> %s, 60 SKUs -> %s", *queries)
        self.assertEqual(queries[0], queries[1], "validation costs the same for 2 and 60 SKUs")

    def test_quick_order_line_errors(self):
        QuickOrder = self.env["b2b.quick.order"]
        website = self.env["website"].get_current_website()
        rows = [
            (1, "ZB-CHAIR", "2"),
            (2, "ZB-SHELF", "1"),
            (3, "NOPE-404", "1"),
            (4, "ZB-LAMP", "0"),
            (5, "ZB-LAMP", "-3"),
            (6, "ZB-LAMP", "abc"),
            (7, "ZB-LAMP", "1.5"),
            (8, "ZB-LAMP", "99999999"),
            (9, "zb-chair", "3"),
            (10, "", "3"),
        ]
        lines, error = QuickOrder._b2b_validate(rows, self.user_r, website)
        self.assertFalse(error)
        by_line = {line["lineno"]: line for line in lines}
        self.assertEqual(by_line[1]["qty"], 5, "duplicate (any case) merged into the first")
        self.assertEqual(by_line[9].get("merged_into"), 1)
        self.assertIn("not available for your company", by_line[2]["error"])
        self.assertIn("Unknown SKU", by_line[3]["error"])
        self.assertIn("positive", by_line[4]["error"])
        self.assertIn("positive", by_line[5]["error"])
        self.assertIn("not a number", by_line[6]["error"])
        self.assertIn("whole number", by_line[7]["error"])
        self.assertIn("too large", by_line[8]["error"])
        self.assertIn("missing", by_line[10]["error"])
        self.assertEqual(QuickOrder._b2b_valid_lines(lines), [(self.chair, 5)])
        too_many = [(i, "ZB-CHAIR", "1") for i in range(1001)]
        lines, error = QuickOrder._b2b_validate(too_many, self.user_r, website)
        self.assertIn("1000", error)


@tagged("post_install", "-at_install")
class TestOrdersHttp(B2bOrdersCommon, HttpCase):
    def csrf_token(self):
        from odoo.http import Request

        return Request.csrf_token(self)

    @mute_logger("odoo.http")  # sale_stock's picking PDF returns (not raises) NotFound
    def _get(self, url):
        return self.url_open(url, allow_redirects=False)

    def _post(self, url, data, files=None):
        return self.url_open(
            url, data={**data, "csrf_token": self.csrf_token()}, files=files, allow_redirects=False
        )

    def _choose(self, partner):
        res = self._post("/my/b2b/company", {"partner_id": partner.id, "redirect": "/my"})
        self.assertEqual(res.status_code, 303)

    @mute_logger("odoo.http")  # refused calls are logged as warnings by Odoo
    def _rpc(self, route, params):
        res = self.url_open(
            route,
            json={"jsonrpc": "2.0", "method": "call", "id": 1, "params": params},
            headers={"Content-Type": "application/json"},
        )
        return res.json()

    def _carts(self, user, partner=None):
        domain = [("b2b_user_id", "=", user.id), ("state", "=", "draft")]
        if partner:
            domain.append(("partner_id", "=", partner.id))
        return self.env["sale.order"].search(domain)

    # ------------------------------------------------------------
    # U6 in the shop: every path
    # ------------------------------------------------------------

    def test_shop_listing_search_and_page_restricted(self):
        self.authenticate("restricted_b2b", "restricted_b2b")
        res = self._get("/shop?search=Zorblax")
        self.assertEqual(res.status_code, 200)
        self.assertIn(self.chair.name, res.text)
        self.assertIn(self.lamp.name, res.text)
        self.assertNotIn(self.shelf.name, res.text)
        res = self._get(f"/shop/{self.shelf.product_tmpl_id.id}")
        self.assertIn(res.status_code, (403, 404))
        self.assertNotIn("Zorblax steel shelf", res.text)
        res = self._get(self.chair.product_tmpl_id.website_url)
        self.assertEqual(res.status_code, 200)
        self.assertIn(self.chair.name, res.text)
        res = self._get(f"/shop/compare?products={self.chair.id},{self.shelf.id}")
        self.assertIn(self.chair.name, res.text)
        self.assertNotIn(self.shelf.name, res.text)
        # the same shop unrestricted for a colleague
        self.authenticate("alpha_b2b", "alpha_b2b")
        res = self._get("/shop?search=Zorblax")
        self.assertIn(self.shelf.name, res.text)

    def test_compare_is_offered_for_allowed_products(self):
        """O5: Compare is on the shop's cards and product pages (for products with
        attributes, as website_sale_comparison does it), for allowed products only."""
        finish = self.env["product.attribute"].create(
            {
                "name": "Zorblax finish",
                "create_variant": "no_variant",
                "value_ids": [(0, 0, {"name": "Matt"})],
            }
        )
        for product in (self.chair, self.shelf):
            product.product_tmpl_id.attribute_line_ids = [
                (0, 0, {"attribute_id": finish.id, "value_ids": [(6, 0, finish.value_ids.ids)]})
            ]
        self.assertIn(
            "o_wsale_products_opt_has_comparison",
            self.env["website"].get_current_website().shop_opt_products_design_classes,
        )
        self.authenticate("restricted_b2b", "restricted_b2b")
        shop = self._get("/shop?search=Zorblax").text
        self.assertIn(f'data-product-template-id="{self.chair.product_tmpl_id.id}"', shop)
        self.assertNotIn(f'data-product-template-id="{self.shelf.product_tmpl_id.id}"', shop)
        self.assertIn("o_add_compare", shop)
        self.assertIn("o_add_compare_dyn", self._get(self.chair.product_tmpl_id.website_url).text)
        res = self._get(f"/shop/compare?products={self.chair.id},{self.shelf.id}")
        self.assertEqual(res.status_code, 200)
        self.assertIn("Zorblax finish", res.text)
        self.assertNotIn(self.shelf.name, res.text)

    def test_forged_cart_add_and_update_refused(self):
        self.authenticate("restricted_b2b", "restricted_b2b")
        result = self._rpc(
            "/shop/cart/add",
            {
                "product_template_id": self.shelf.product_tmpl_id.id,
                "product_id": self.shelf.id,
                "quantity": 3,
            },
        )
        self.assertIn("error", result)
        self.assertFalse(
            self._carts(self.user_r).order_line.filtered(lambda sol: sol.product_id == self.shelf)
        )
        result = self._rpc(
            "/shop/cart/add",
            {
                "product_template_id": self.chair.product_tmpl_id.id,
                "product_id": self.chair.id,
                "quantity": 2,
            },
        )
        self.assertEqual(result["result"]["quantity"], 2)
        cart = self._carts(self.user_r)
        self.assertEqual(cart.partner_id, self.company_a, "the cart is the company's")
        # a line of a product the profile does not allow (e.g. restricted later)
        line = self.env["sale.order.line"].create(
            {"order_id": cart.id, "product_id": self.shelf.id, "product_uom_qty": 1}
        )
        result = self._rpc("/shop/cart/update", {"line_id": line.id, "quantity": 5})
        self.assertIn("error", result)
        self.assertEqual(line.product_uom_qty, 1)
        result = self._rpc(
            "/shop/cart/update", {"line_id": False, "product_id": self.shelf.id, "quantity": 7}
        )
        self.assertIn("error", result)
        self.assertEqual(line.product_uom_qty, 1)

    def test_prices_from_company_pricelist(self):
        pricelist = self.env["product.pricelist"].create(
            {
                "name": "Zorblax A prices",
                "item_ids": [
                    Command.create(
                        {
                            "applied_on": "0_product_variant",
                            "product_id": self.chair.id,
                            "compute_price": "fixed",
                            "fixed_price": 77.0,
                        }
                    )
                ],
            }
        )
        self.company_a.property_product_pricelist = pricelist
        self.authenticate("alpha_b2b", "alpha_b2b")
        self._rpc(
            "/shop/cart/add",
            {
                "product_template_id": self.chair.product_tmpl_id.id,
                "product_id": self.chair.id,
                "quantity": 1,
            },
        )
        cart = self._carts(self.user_a, self.company_a)
        self.assertEqual(cart.pricelist_id, pricelist)
        self.assertEqual(cart.order_line.price_unit, 77.0)
        # a forged pricelist change is ignored
        other = self.env["product.pricelist"].create({"name": "Zorblax other", "selectable": True})
        self._get(f"/shop/change_pricelist/{other.id}")
        self.assertEqual(cart.pricelist_id, pricelist)

    # ------------------------------------------------------------
    # O2: checkout for the current company only
    # ------------------------------------------------------------

    def test_checkout_creates_order_for_current_company(self):
        self.authenticate("shared_b2b", "shared_b2b")
        self._choose(self.company_b)
        self._rpc(
            "/shop/cart/add",
            {
                "product_template_id": self.chair.product_tmpl_id.id,
                "product_id": self.chair.id,
                "quantity": 2,
            },
        )
        cart_b = self._carts(self.user_shared, self.company_b)
        self.assertEqual(len(cart_b), 1)
        # switching company: the cart of B is not A's
        self._choose(self.company_a)
        self._rpc(
            "/shop/cart/add",
            {
                "product_template_id": self.lamp.product_tmpl_id.id,
                "product_id": self.lamp.id,
                "quantity": 1,
            },
        )
        cart_a = self._carts(self.user_shared, self.company_a)
        self.assertEqual(cart_a.order_line.product_id, self.lamp)
        self.assertEqual(cart_b.order_line.product_id, self.chair)
        self._choose(self.company_b)
        res = self._post(
            "/shop/b2b/place_order",
            {"client_order_ref": "PO-ZB-42", "partner_id": self.company_a.id},
        )
        self.assertEqual(res.status_code, 303)
        self.assertEqual(cart_b.state, "sale")
        self.assertEqual(cart_b.partner_id, self.company_b)
        self.assertEqual(cart_b.partner_invoice_id.commercial_partner_id, self.company_b)
        self.assertEqual(cart_b.partner_shipping_id.commercial_partner_id, self.company_b)
        self.assertEqual(cart_b.client_order_ref, "PO-ZB-42")
        self.assertEqual(cart_a.state, "draft", "the other company's cart is untouched")
        # the order page thanks the buyer with the order number and the PO
        page = self.url_open(res.headers["Location"]).text
        self.assertIn("o_b2b_placed", page)
        self.assertIn(f"Order {cart_b.name}", page)
        self.assertIn("PO-ZB-42", page)
        self.assertIn("is placed", page)

    def test_checkout_addresses_follow_the_profile(self):
        """O2: addresses can be added or changed at checkout only with the Profile
        permission and a profile that is not read-only; otherwise nothing offers
        it and the address routes refuse."""
        delivery = self.env["res.partner"].create(
            {
                "name": "Alpha warehouse",
                "type": "delivery",
                "parent_id": self.company_a.id,
                "street": "Dock 4",
                "city": "Port",
                "zip": "2000",
                "country_id": self.env.ref("base.be").id,
                "email": "dock@example.com",
                "phone": "+32 2 000 00 00",
            }
        )
        self.company_a.phone = "+32 2 111 11 11"
        self.authenticate("alpha_b2b", "alpha_b2b")
        self._rpc(
            "/shop/cart/add",
            {
                "product_template_id": self.lamp.product_tmpl_id.id,
                "product_id": self.lamp.id,
                "quantity": 1,
            },
        )
        res = self._get("/shop/checkout")
        self.assertEqual(res.status_code, 200, res.headers.get("Location"))
        self.assertIn("o_address_card_add_new", res.text)
        self.assertIn(f"partner_id={delivery.id}", res.text, "the warehouse can be edited")
        self.assertNotIn(f"partner_id={self.company_a.id}", res.text, "not the company itself")
        # a read-only profile: no button, no edit link, the routes refuse
        self.profile.readonly_profile = True
        res = self._get("/shop/checkout")
        self.assertEqual(res.status_code, 200)
        self.assertNotIn("o_address_card_add_new", res.text)
        self.assertNotIn("js_edit_address", res.text)
        res = self._get(f"/shop/address?partner_id={delivery.id}&address_type=delivery")
        self.assertEqual(res.status_code, 303)
        self.assertIn("/shop/checkout", res.headers["Location"])
        res = self._post(
            "/shop/address/submit",
            {
                "partner_id": delivery.id,
                "address_type": "delivery",
                "name": "Forged",
                "street": "X",
            },
        )
        self.assertEqual(res.status_code, 403)
        self.assertEqual(delivery.name, "Alpha warehouse")
        # the same without the Profile permission
        self.profile.readonly_profile = False
        self.access_a.perm_profile = False
        self.assertNotIn("o_address_card_add_new", self._get("/shop/checkout").text)

    def test_no_orders_permission_cannot_order(self):
        self.authenticate("noorders_b2b", "noorders_b2b")
        result = self._rpc(
            "/shop/cart/add",
            {
                "product_template_id": self.chair.product_tmpl_id.id,
                "product_id": self.chair.id,
                "quantity": 1,
            },
        )
        self.assertIn("error", result)
        self.assertFalse(self._carts(self.user_no_orders))
        for url in (
            "/my/quick_order",
            "/my/order_statement",
            "/my/deliveries",
            f"/my/orders/{self.order_a.id}/reorder",
        ):
            self.assertEqual(self._get(url).status_code, 403, url)

    # ------------------------------------------------------------
    # U10: credit limit, both modes
    # ------------------------------------------------------------

    def _prepare_credit(self, mode):
        self.env["ir.config_parameter"].sudo().set_param("b2b_portal.credit_limit_mode", mode)
        self.env.company.account_use_credit_limit = True
        self.company_a.credit_limit = 150.0  # invoice_a (20 + taxes) is already due
        self.authenticate("alpha_b2b", "alpha_b2b")
        self._rpc(
            "/shop/cart/add",
            {
                "product_template_id": self.chair.product_tmpl_id.id,
                "product_id": self.chair.id,
                "quantity": 2,
            },
        )
        return self._carts(self.user_a, self.company_a)

    def test_credit_limit_block(self):
        cart = self._prepare_credit("block")
        res = self._get("/shop/payment")
        self.assertIn("o_b2b_credit_warning", res.text)
        res = self._post("/shop/b2b/place_order", {"client_order_ref": "PO-1"})
        self.assertEqual(res.status_code, 303)
        self.assertTrue(res.headers["Location"].endswith("/shop/payment"))
        self.assertEqual(cart.state, "draft")
        self.assertFalse(cart.client_order_ref, "nothing written when refused")
        res = self._get("/shop/payment")
        self.assertIn("exceeds your available credit", res.text)

    def test_credit_limit_approval(self):
        cart = self._prepare_credit("approval")
        # beyond the limit: sent for approval, never paid online first
        res = self._get("/shop/payment")
        self.assertIn("Send for approval", res.text)
        self.assertNotIn('name="website_sale_non_free_cart"', res.text)
        res = self._post("/shop/b2b/place_order", {"client_order_ref": "PO-2"})
        self.assertEqual(res.status_code, 303)
        self.assertIn("is sent for approval", self.url_open(res.headers["Location"]).text)
        self.assertEqual(cart.state, "sent")
        self.assertTrue(cart.b2b_credit_hold)
        self.assertIn("credit limit", cart.b2b_credit_message)
        res = self._get(f"/my/orders/{cart.id}")
        self.assertIn("o_b2b_credit_hold", res.text)
        # staff confirm: released
        cart.with_user(self.env.ref("base.user_admin")).action_confirm()
        self.assertEqual(cart.state, "sale")
        self.assertFalse(cart.b2b_credit_hold)

    # ------------------------------------------------------------
    # O1: quotations of another company
    # ------------------------------------------------------------

    def test_quote_accept_decline_other_company_refused(self):
        quote_b = self._order_with(self.company_b, [(self.chair, 1)], confirm=False)
        quote_b.write({"state": "sent", "require_signature": True, "require_payment": False})
        self.authenticate("alpha_b2b", "alpha_b2b")
        result = self._rpc(
            f"/my/orders/{quote_b.id}/accept",
            {"name": "Ada", "signature": base64.b64encode(PIXEL).decode()},
        )
        self.assertIn("error", result.get("result", result))
        self.assertFalse(quote_b.signature)
        self.assertEqual(quote_b.state, "sent")
        res = self._post(f"/my/orders/{quote_b.id}/decline", {"decline_message": "no"})
        self.assertIn(res.status_code, (303, 403, 404))
        self.assertEqual(quote_b.state, "sent")
        # own quotation: accepted and confirmed
        quote_a = self._order_with(self.company_a, [(self.chair, 1)], confirm=False)
        quote_a.write({"state": "sent", "require_signature": True, "require_payment": False})
        result = self._rpc(
            f"/my/orders/{quote_a.id}/accept",
            {"name": "Ada", "signature": base64.b64encode(PIXEL).decode()},
        )
        self.assertNotIn("error", result.get("result", {}))
        self.assertEqual(quote_a.state, "sale")

    # ------------------------------------------------------------
    # O3: order again
    # ------------------------------------------------------------

    def test_reorder(self):
        order = self._order_with(self.company_a, [(self.chair, 4), (self.shelf, 2)])
        self.authenticate("restricted_b2b", "restricted_b2b")
        res = self._get(f"/my/orders/{order.id}/reorder")
        self.assertEqual(res.status_code, 200)
        self.assertIn("not available for your company", res.text, "listed with the reason")
        shelf_line = order.order_line.filtered(lambda sol: sol.product_id == self.shelf)
        chair_line = order.order_line - shelf_line
        # a forged line (not allowed / of another order) refuses everything
        res = self._post(
            f"/my/orders/{order.id}/reorder",
            {
                "line_ids": [chair_line.id, shelf_line.id, self.order_b.order_line.id],
                f"qty_{chair_line.id}": "3",
            },
        )
        self.assertEqual(res.status_code, 200)
        self.assertFalse(self._carts(self.user_r).order_line)
        res = self._post(
            f"/my/orders/{order.id}/reorder",
            {"line_ids": chair_line.id, f"qty_{chair_line.id}": "-2"},
        )
        self.assertIn("positive", res.text)
        self.assertFalse(self._carts(self.user_r).order_line)
        res = self._post(
            f"/my/orders/{order.id}/reorder",
            {"line_ids": chair_line.id, f"qty_{chair_line.id}": "3"},
        )
        self.assertEqual(res.status_code, 303)
        cart = self._carts(self.user_r)
        self.assertEqual(cart.partner_id, self.company_a)
        self.assertEqual(
            [(l.product_id, l.product_uom_qty) for l in cart.order_line], [(self.chair, 3.0)]
        )

    def test_reorder_other_company_refused(self):
        self.authenticate("alpha_b2b", "alpha_b2b")
        res = self._get(f"/my/orders/{self.order_b.id}/reorder")
        self.assertEqual(res.status_code, 303)
        self.assertNotIn(self.order_b.name, res.text)
        res = self._post(
            f"/my/orders/{self.order_b.id}/reorder",
            {"line_ids": self.order_b.order_line.id, f"qty_{self.order_b.order_line.id}": "1"},
        )
        self.assertEqual(res.status_code, 303)
        self.assertFalse(self._carts(self.user_a))
        # Odoo's own one-click reorder refuses it too
        result = self._rpc("/my/orders/reorder", {"order_id": self.order_b.id})
        self.assertFalse(self._carts(self.user_a).order_line, result)

    # ------------------------------------------------------------
    # O4: quick order over HTTP
    # ------------------------------------------------------------

    def test_quick_order_two_steps(self):
        self.authenticate("restricted_b2b", "restricted_b2b")
        self.assertEqual(self._get("/my/quick_order").status_code, 200)
        res = self._post(
            "/my/quick_order",
            {
                "text": "ZB-CHAIR\t2\nZB-SHELF;1\nNOPE,4\nZB-LAMP;0\nZB-LAMP;x\nZB-LAMP;999999999",
                "sku": ["ZB-LAMP", ""],
                "qty": ["2", ""],
            },
        )
        self.assertEqual(res.status_code, 200)
        for message in (
            "not available for your company",
            "Unknown SKU",
            "must be positive",
            "not a number",
            "too large",
        ):
            self.assertIn(message, res.text)
        self.assertFalse(self._carts(self.user_r), "validation changes nothing")
        res = self._post("/my/quick_order/confirm", {"confirm_text": "ZB-CHAIR\t2\nZB-LAMP\t2"})
        self.assertEqual(res.status_code, 303)
        cart = self._carts(self.user_r)
        self.assertEqual(
            sorted((l.product_id.default_code, l.product_uom_qty) for l in cart.order_line),
            [("ZB-CHAIR", 2.0), ("ZB-LAMP", 2.0)],
        )
        # a forged confirmation with a refused product adds nothing
        res = self._post("/my/quick_order/confirm", {"confirm_text": "ZB-CHAIR\t1\nZB-SHELF\t1"})
        self.assertEqual(res.status_code, 200)
        self.assertEqual(sum(cart.order_line.mapped("product_uom_qty")), 4.0)

    def test_quick_order_files(self):
        self.authenticate("alpha_b2b", "alpha_b2b")
        res = self._post(
            "/my/quick_order",
            {},
            files={"file": ("big.csv", b"x" * (2 * 1024 * 1024 + 10), "text/csv")},
        )
        self.assertIn("too big", res.text)
        res = self._post(
            "/my/quick_order", {}, files={"file": ("bad.csv", b"\xff\xfe\x00Z\x00B", "text/csv")}
        )
        self.assertIn("not a CSV", res.text)
        res = self._post(
            "/my/quick_order",
            {},
            files={"file": ("bad.xlsx", b"PK\x03\x04garbage", "application/octet-stream")},
        )
        self.assertIn("could not be read", res.text)
        res = self._post(
            "/my/quick_order",
            {},
            files={
                "file": ("ok.csv", "sku;qty\nZB-CHAIR;2\nZB-SHELF;x\n".encode("cp1252"), "text/csv")
            },
        )
        self.assertIn("not a number", res.text)
        self.assertIn("o_b2b_quick_order_confirm", res.text)
        self.assertFalse(self._carts(self.user_a))

    # ------------------------------------------------------------
    # O6-O8: lists, statement, deliveries
    # ------------------------------------------------------------

    def test_orders_list_search_filters_sort(self):
        self.order_a.client_order_ref = "PO-ZORB-1"
        self.authenticate("alpha_b2b", "alpha_b2b")
        res = self._get("/my/orders?search=PO-ZORB&search_in=ref&filterby=to_deliver&sortby=amount")
        self.assertEqual(res.status_code, 200)
        self.assertIn(self.order_a.name, res.text)
        self.assertNotIn(self.order_b.name, res.text)
        res = self._get("/my/orders?filterby=delivered")
        self.assertNotIn(self.order_a.name, res.text)
        res = self._get("/my/orders?sortby=nope&filterby=nope&search_in=nope")
        self.assertEqual(res.status_code, 200)

    def test_statement_and_deliveries_current_company_only(self):
        self.authenticate("alpha_b2b", "alpha_b2b")
        res = self._get("/my/order_statement")
        self.assertEqual(res.status_code, 200)
        self.assertIn(self.order_a.name, res.text)
        self.assertNotIn(self.order_b.name, res.text)
        res = self._get(
            f"/my/order_statement?order={self.order_a.name}&product=B2B-BOLT&date_from=2000-01-01&date_to=bad"
        )
        self.assertIn(self.order_a.name, res.text)
        res = self._get("/my/order_statement/xlsx")
        self.assertEqual(res.status_code, 200)
        self.assertIn("spreadsheetml", res.headers["Content-Type"])
        res = self._get("/my/order_statement/pdf")
        self.assertEqual(res.status_code, 200)
        self.assertEqual(res.headers["Content-Type"], "application/pdf")
        res = self._get("/my/deliveries")
        self.assertEqual(res.status_code, 200)
        picking_a, picking_b = self.order_a.picking_ids, self.order_b.picking_ids
        self.assertTrue(picking_a and picking_b)
        self.assertIn(picking_a.name, res.text)
        self.assertNotIn(picking_b.name, res.text)
        self.assertEqual(self._get(f"/my/picking/pdf/{picking_a.id}").status_code, 200)
        res = self._get(f"/my/picking/pdf/{picking_b.id}")
        self.assertNotEqual(res.status_code, 200)
        self.assertNotIn("application/pdf", res.headers.get("Content-Type", ""))

    def _count_queries(self, url):
        """Queries of one request of ``url`` (the least of three, so that a
        periodic bookkeeping query elsewhere in Odoo is not counted as a cost of
        the page; a query per record would show in all three)."""
        self._get(url)  # warm caches
        counts = []
        for _i in range(3):
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            res = self._get(url)
            self.assertEqual(res.status_code, 200)
            counts.append(self.cr.sql_log_count - before)
        return min(counts)

    def test_query_budget_statement_and_orders_list(self):
        self.authenticate("alpha_b2b", "alpha_b2b")
        counts = {}
        for size in (5, 80):
            products = self.env["product.product"].create(
                [
                    {"name": f"Zorblax budget {size}-{i}", "default_code": f"ZB-Q{size}-{i}"}
                    for i in range(size)
                ]
            )
            order = self._order_with(self.company_a, [(p, 1) for p in products])
            extra = self.env["sale.order"].create(
                [{"partner_id": self.company_a.id, "state": "sale"} for _i in range(size)]
            )
            counts[size] = (
                self._count_queries("/my/order_statement"),
                self._count_queries("/my/orders"),
            )
            (order | extra).with_context(disable_cancel_warning=True).action_cancel()
            (order | extra).unlink()
        _logger.info("queries (statement, orders list): 5 -> %s, 80 -> %s", counts[5], counts[80])
        self.assertEqual(
            counts[5],
            counts[80],
            f"statement/list queries for 5 vs 80 lines/orders: {counts[5]} vs {counts[80]}",
        )
