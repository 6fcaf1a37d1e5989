# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""G4 and S6 (``sweep_common.py``) over shopping lists (L1): create, save,
delete, order from, upload to, add a product to.
"""

from odoo import Command
from odoo.tests import tagged

from .sweep_common import (
    CHOICE,
    FILES,
    ID,
    MULTI,
    NUL_REFUSED,
    NUMBER,
    TEXT,
    TRIMMED,
    F,
    InputSweepCommon,
    S,
)


@tagged("post_install", "-at_install")
class TestInputSweepLists(InputSweepCommon):
    SWEEP = {
        "/my/lists/new": S(
            "_p_list_new",
            {"name": F(TEXT), "visibility": F(CHOICE)},
            redirects=("/my/lists",),
            accept={
                "name:oversized": (TRIMMED + " (128)", "_check_list_name_trimmed"),
                "visibility:absent": "a list is private unless shared",
            },
            expect={"name:nul": NUL_REFUSED},
            forge={"visibility": "shared", "line_ids": "1"},
        ),
        "/my/lists/<int:list_id>": S(
            "_p_list_save",
            "_fields_list_save",
            message=r"o_b2b_list_error|o_b2b_line_error",
            record="_r_list",
            foreign="_f_list",
            accept={
                "name:absent": "the name is kept when the form does not post it",
                "name:oversized": (TRIMMED + " (128)", "_check_list_name_trimmed"),
                "visibility:absent": "the visibility is kept when the form does not post it",
                "remove_ids:absent": "no line ticked for removal: none is removed",
                "qty_*:absent": "the quantity is kept when the form does not post it",
                "note_*:*": "the note is optional (empty clears it)",
                "note_*:oversized": None,  # refused: at most 256 characters
                "note_*:nul": None,  # refused like every NUL character
            },
            expect={
                "name:empty": "Give the list a name.",
                "remove_ids:foreign": "This line is not on the list any more.",
                "note_*:oversized": "The note is too long",
            },
            inspect="_i_list",
        ),
        "/my/lists/<int:list_id>/delete": S(
            "_p_empty",
            {},
            record="_r_list",
            foreign="_f_list",
            redirects=("/my/lists",),
            inspect="_i_other_list",
        ),
        "/my/lists/<int:list_id>/order": S(
            "_p_list_order",
            "_fields_list_order",
            message=r"o_b2b_list_error|o_b2b_line_error",
            record="_r_list",
            foreign="_f_list",
            redirects=("/shop/cart",),
            accept={"qty_*:absent": "without a posted quantity the list's quantity is ordered"},
            expect={
                "line_ids:absent": "Choose at least one line.",
                "line_ids:foreign": "This line is not on the list any more.",
                "line_ids:missing": "This line is not on the list any more.",
            },
            inspect="_i_cart",
        ),
        "/my/lists/<int:list_id>/upload": S(
            "_p_list_upload",
            {
                "text": F(TEXT),
                "file": F(
                    FILES,
                    limit=2 * 1024 * 1024,
                    bad_files={
                        "binary file": [("list.csv", b"\x00\x01\x02\xff" * 64, "text/csv")],
                        "broken xlsx": [
                            (
                                "list.xlsx",
                                b"PK\x03\x04broken",
                                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                            )
                        ],
                    },
                ),
            },
            message=r"o_b2b_list_error",
            record="_r_list",
            foreign="_f_list",
            redirects=("/my/lists",),
            extra={
                "1001 pasted lines": {"text": "B2B-BOLT;1\n" * 1001},
                "a product not sold": {"text": "B2B-NOSALE;1"},
            },
            expect={"text:nul": NUL_REFUSED},
            inspect="_i_list",
        ),
        "/my/lists/add": S(
            "_p_list_add",
            {
                "source": F(CHOICE),
                "list_id": F(ID, foreign="_v_list_b"),
                "new_name": F(TEXT),
                "product_id": F(ID, foreign="_v_product_nosale"),
                "qty": F(NUMBER),
            },
            redirects=("/my/lists",),
            accept={
                "source:absent": "a product page posts no source: the product is added",
                "new_name:*": "the new list's name is optional: the chosen list is used",
                "new_name:oversized": (TRIMMED + " (128)", "_check_list_name_trimmed"),
                "new_name:nul": None,  # refused like every NUL character
            },
            inspect="_i_list",
            forge={"visibility": "shared", "quantity": "999", "note": "forged"},
        ),
    }

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # shopping lists: a shared list of A owned by user_a, another one, one of B
        ShoppingList = cls.env["b2b.shopping.list"]
        cls.list_a, cls.list_a2, cls.list_b = ShoppingList.create(
            [
                {
                    "name": name,
                    "partner_id": partner.id,
                    "user_id": user.id,
                    "visibility": "shared",
                    "line_ids": [
                        Command.create({"product_id": cls.product.id, "quantity": 1, "note": "old"})
                    ],
                }
                for name, partner, user in (
                    ("Sweep list", cls.company_a, cls.user_a),
                    ("Sweep list 2", cls.company_a, cls.user_a),
                    ("Beta list", cls.company_b, cls.user_b),
                )
            ]
        )

    # ------------------------------------------------------------
    # Records, values, valid payloads and checks
    # ------------------------------------------------------------

    def _r_list(self):
        return {"list_id": self.list_a}

    def _f_list(self):
        return {"list_id": self.list_b}

    def _v_list_b(self):
        return str(self.list_b.id)

    def _v_product_nosale(self):
        return str(self.product_nosale.id)

    def _p_list_new(self):
        return {"name": "Site supplies", "visibility": "private"}

    def _p_list_save(self):
        line = self.list_a.line_ids
        return {
            "name": "Sweep list renamed",
            "visibility": "shared",
            f"qty_{line.id}": "3",
            f"note_{line.id}": "new note",
        }

    def _fields_list_save(self):
        line = self.list_a.line_ids
        return {
            "name": F(TEXT),
            "visibility": F(CHOICE),
            f"qty_{line.id}": F(NUMBER),
            f"note_{line.id}": F(TEXT),
            "remove_ids": F(MULTI, foreign="_v_list_b_line"),
        }

    def _v_list_b_line(self):
        return str(self.list_b.line_ids.id)

    def _p_list_order(self):
        line = self.list_a.line_ids
        return {"line_ids": [str(line.id)], f"qty_{line.id}": "2"}

    def _fields_list_order(self):
        line = self.list_a.line_ids
        return {
            "line_ids": F(MULTI, foreign="_v_list_b_line"),
            f"qty_{line.id}": F(NUMBER),
        }

    def _p_list_upload(self):
        return {"text": "B2B-HINGE;2", "file": []}

    def _p_list_add(self):
        return {
            "source": "product",
            "list_id": str(self.list_a.id),
            "new_name": "",
            "product_id": str(self.product_2.id),
            "qty": "2",
        }

    def _i_list(self):
        return [self.list_a, self.list_a.line_ids]

    def _i_other_list(self):
        return [self.list_a2, self.list_a2.line_ids]

    def _check_list_name_trimmed(self, res, before, after):
        found = self.env["b2b.shopping.list"].search([("name", "=like", "x" * 128)])
        self.assertEqual(len(found), 1)
        self.assertEqual(len(found.name), 128)
        self.assertEqual(found.partner_id, self.company_a)

    # ------------------------------------------------------------
    # Tests (sweep_common.InputSweepCommon)
    # ------------------------------------------------------------

    def test_bad_input_sweep(self):
        self.run_bad_input_sweep()

    def test_mass_assignment(self):
        self.run_mass_assignment()
