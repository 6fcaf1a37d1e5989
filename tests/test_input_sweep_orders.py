# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""G4 and S6 (``sweep_common.py``) over ordering: reorder (O1-O4), quote
requests and their changes (Q1), the quick order and its confirmation (U10) and
placing the cart's order.
"""

from odoo.tests import tagged

from .sweep_common import (
    ABSENT,
    FILES,
    FIRST_WINS,
    MULTI,
    NUMBER,
    OPTIONAL,
    TEXT,
    TRIMMED,
    F,
    InputSweepCommon,
    S,
)


@tagged("post_install", "-at_install")
class TestInputSweepOrders(InputSweepCommon):
    SWEEP = {
        "/my/orders/<int:order_id>/reorder": S(
            "_p_reorder",
            "_fields_reorder",
            message=r"alert-danger|o_b2b_line_error",
            record="_r_order",
            foreign="_f_order",
            redirects=("/my/orders",),
            expect={
                "line_ids:foreign": "This line cannot be ordered again.",
                "line_ids:missing": "This line cannot be ordered again.",
                "line_ids:superscript": "Choose at least one line.",
                "line_ids:oversized": "Choose at least one line.",
            },
        ),
        "/my/quote_request": S(
            "_p_quote_request",
            {
                "product_id": F(MULTI, foreign="_v_product_not_in_cart"),
                "qty": F(NUMBER),
                "price": F(NUMBER),
                "note": F(TEXT),
            },
            message=r"o_b2b_quote_error",
            setup="_setup_cart",
            inspect="_i_cart",
            redirects=("/my/orders",),
            accept={
                "product_id:absent": "without rows the cart's quantities are requested",
                "qty:absent": "without quantities the cart's quantities are requested",
                "qty:empty": "an empty quantity keeps the cart's",
                "price:absent": "the wished price is optional",
                "price:empty": "the wished price is optional",
                "note:absent": OPTIONAL,
                "note:empty": OPTIONAL,
                "note:repeated": "the note is optional (" + FIRST_WINS + ")",
            },
            expect={
                "product_id:foreign": "Your cart has changed",
                "product_id:missing": "Your cart has changed",
                "qty:-1": "must be a number",
                "price:-1": "must be a number",
            },
        ),
        "/my/quote_request/<int:order_id>/changes": S(
            "_p_quote_changes",
            {"message": F(TEXT)},
            record="_r_quote",
            foreign="_f_quote",
            redirects=("/my/orders",),
            inspect="_i_quote",
        ),
        "/my/quick_order": S(
            "_p_quick_order",
            {
                "sku": F(MULTI, foreign="_v_sku_not_sold"),
                "qty": F(NUMBER),
                "text": F(TEXT),
                "file": F(
                    FILES,
                    limit=2 * 1024 * 1024,
                    bad_files={
                        "binary file": [("order.csv", b"\x00\x01\x02\xff" * 64, "text/csv")],
                        "broken xlsx": [
                            (
                                "order.xlsx",
                                b"PK\x03\x04broken",
                                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                            )
                        ],
                    },
                ),
            },
            message=r"o_b2b_quick_order_error|o_b2b_line_error",
            accept={
                "text:*": "the pasted text is optional: the valid SKU rows alone are previewed",
                "text:oversized": None,  # one unknown SKU: marked in the preview
                "text:nul": None,  # refused like every NUL character
            },
            extra={
                "1001 pasted lines": {"sku": ABSENT, "qty": ABSENT, "text": "B2B-BOLT;1\n" * 1001}
            },
            changes=False,  # a preview: nothing is added before the confirmation
        ),
        "/my/quick_order/confirm": S(
            "_p_quick_confirm",
            {"confirm_text": F(TEXT)},
            message=r"o_b2b_quick_order_error",
            extra={
                "product not sold": {"confirm_text": "B2B-NOSALE\t1"},
                "quantity not a number": {"confirm_text": "B2B-BOLT\tabc"},
                "negative quantity": {"confirm_text": "B2B-BOLT\t-1"},
                "quantity nan": {"confirm_text": "B2B-BOLT\tnan"},
                "quantity too large": {"confirm_text": "B2B-BOLT\t1e309"},
                "1001 lines": {"confirm_text": "B2B-BOLT\t1\n" * 1001},
            },
        ),
        "/shop/b2b/place_order": S(
            "_p_place_order",
            {"client_order_ref": F(TEXT)},
            setup="_setup_cart",
            accept={
                "client_order_ref:empty": "the PO reference is optional",
                "client_order_ref:absent": "the PO reference is optional",
                "client_order_ref:repeated": "the PO reference is optional (" + FIRST_WINS + ")",
                "client_order_ref:oversized": (TRIMMED + " (64)", "_check_po_trimmed"),
            },
            redirects=("/shop/payment", "/shop/cart"),
            inspect="_i_cart",
        ),
    }

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Q1: a quotation received by company A and one of company B
        cls.quote_a = cls._create_order(cls.company_a, confirm=False)
        cls.quote_b = cls._create_order(cls.company_b, confirm=False)
        (cls.quote_a | cls.quote_b).write({"state": "sent"})

    # ------------------------------------------------------------
    # Records, values, valid payloads and checks
    # ------------------------------------------------------------

    def _r_quote(self):
        return {"order_id": self.quote_a}

    def _f_quote(self):
        return {"order_id": self.quote_b}

    def _i_quote(self):
        return [self.quote_a, self.quote_a.order_line]

    def _p_quote_request(self):
        return {
            "product_id": [str(self.product.id)],
            "qty": ["2"],
            "price": ["8.5"],
            "note": "Please quote 2 bolts",
        }

    def _p_quote_changes(self):
        return {"message": "A better price for 10, please"}

    def _v_product_not_in_cart(self):
        return str(self.product_nosale.id)

    def _p_reorder(self):
        line = self.order_a.order_line[:1]
        return {"line_ids": [str(line.id)], f"qty_{line.id}": "2"}

    def _fields_reorder(self):
        line = self.order_a.order_line[:1]
        return {
            "line_ids": F(MULTI, foreign="_v_order_b_line"),
            f"qty_{line.id}": F(NUMBER),
        }

    def _v_order_b_line(self):
        return str(self.order_b.order_line[:1].id)

    def _p_quick_order(self):
        return {"sku": ["B2B-BOLT"], "qty": ["1"], "text": "", "file": []}

    def _v_sku_not_sold(self):
        return "B2B-NOSALE"

    def _p_quick_confirm(self):
        return {"confirm_text": "B2B-BOLT\t1"}

    def _p_place_order(self):
        return {"client_order_ref": "PO-SWEEP-1"}

    def _check_po_trimmed(self, res, before, after):
        order = self.env["sale.order"].search(
            [("b2b_user_id", "=", self.user_a.id), ("client_order_ref", "!=", False)],
            order="id desc",
            limit=1,
        )
        self.assertEqual(order.state, "sale")
        self.assertEqual(len(order.client_order_ref), 64)

    # ------------------------------------------------------------
    # Tests (sweep_common.InputSweepCommon)
    # ------------------------------------------------------------

    def test_bad_input_sweep(self):
        self.run_bad_input_sweep()

    def test_mass_assignment(self):
        self.run_mass_assignment()
