# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command

from .common import B2bCommon


class B2bOrdersCommon(B2bCommon):
    """Products in a category tree and a restricted profile on top of B2bCommon:

    * ``chair`` (category Furniture/Chairs) - allowed by the restricted profile
      through the parent category Furniture (child categories count)
    * ``lamp`` - allowed as a product of the profile
    * ``shelf`` (category Shelving) - not allowed
    * ``user_r`` ('restricted_b2b'): company A, restricted profile
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Category = cls.env["product.category"]
        cls.categ_furniture = Category.create({"name": "B2B Furniture"})
        cls.categ_chairs = Category.create(
            {"name": "B2B Chairs", "parent_id": cls.categ_furniture.id}
        )
        cls.categ_shelving = Category.create({"name": "B2B Shelving"})
        Product = cls.env["product.product"]

        def product(name, code, categ, price):
            return Product.create(
                {
                    "name": name,
                    "default_code": code,
                    "categ_id": categ.id,
                    "list_price": price,
                    "is_published": True,
                    "sale_ok": True,
                    "type": "consu",
                }
            )

        cls.chair = product("Zorblax swivel chair", "ZB-CHAIR", cls.categ_chairs, 100.0)
        cls.lamp = product("Zorblax desk lamp", "ZB-LAMP", cls.categ_shelving, 20.0)
        cls.shelf = product("Zorblax steel shelf", "ZB-SHELF", cls.categ_shelving, 50.0)
        cls.profile_restricted = cls.env["b2b.profile"].create(
            {
                "name": "Zorblax restricted",
                "product_restricted": True,
                "product_categ_ids": [Command.set(cls.categ_furniture.ids)],
                "product_tmpl_ids": [Command.set(cls.lamp.product_tmpl_id.ids)],
            }
        )
        cls.access_r = cls.env["b2b.access"].create(
            {
                "partner_id": cls.company_a.id,
                "login": "restricted_b2b",
                "name": "Rita Restricted",
                "new_password": "restricted_b2b",
                "profile_id": cls.profile_restricted.id,
            }
        )
        cls.user_r = cls.access_r.user_id
        cls._give_addresses("x@example.com")

    @classmethod
    def _order_with(cls, partner, lines, confirm=True):
        order = cls.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "order_line": [
                    Command.create({"product_id": p.id, "product_uom_qty": q}) for p, q in lines
                ],
            }
        )
        if confirm:
            order.action_confirm()
        return order
