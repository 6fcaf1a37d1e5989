# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from odoo import Command

from .finance_common import B2bFinanceCommon, ReconciliationMixin
from .rma_common import RmaCommon


class IsolationCommon(ReconciliationMixin, RmaCommon, B2bFinanceCommon):
    """One record of company A and one of company B of every model a portal user
    can reach (``cls.pairs``: model -> (record of A, record of B))."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pairs = {}  # model -> (record of A, record of B)
        cls.pairs["sale.order"] = (cls.order_a, cls.order_b)
        cls.pairs["sale.order.line"] = (cls.order_a.order_line, cls.order_b.order_line)
        cls.pairs["account.move"] = (cls.invoice_a, cls.invoice_b)
        cls.pairs["account.move.line"] = (
            cls.invoice_a.invoice_line_ids,
            cls.invoice_b.invoice_line_ids,
        )
        cls.pairs["account.payment"] = (cls._pay(cls.invoice_a), cls._pay(cls.invoice_b))
        cls.pairs["stock.picking"] = (cls.rma_order_a.picking_ids, cls.rma_order_b.picking_ids)
        rma_a = cls._create_rma(cls.company_a, [(cls.rma_line_a1, 1)])
        rma_b = cls._create_rma(cls.company_b, [(cls.rma_line_b1, 1)], user=cls.user_b)
        cls.pairs["b2b.rma"] = (rma_a, rma_b)
        cls.pairs["b2b.rma.line"] = (rma_a.line_ids, rma_b.line_ids)
        cls.pairs["b2b.reconciliation"] = (cls._issue(cls.company_a), cls._issue(cls.company_b))
        Support = cls.env["b2b.support.request"]
        support_a = Support.create({"subject": "A's question", "partner_id": cls.company_a.id})
        support_b = Support.create({"subject": "B's question", "partner_id": cls.company_b.id})
        cls.pairs["b2b.support.request"] = (support_a, support_b)
        category = cls.env["b2b.library.category"].create({"name": "Isolation"})
        Library = cls.env["b2b.library.document"]
        cls.pairs["b2b.library.document"] = tuple(
            Library.create(
                {
                    "name": f"Prices of {company.name}",
                    "category_id": category.id,
                    "file": base64.b64encode(b"%PDF-1.4 prices"),
                    "file_name": "prices.pdf",
                    "visibility": "partners",
                    "partner_ids": [Command.set(company.ids)],
                }
            )
            for company in (cls.company_a, cls.company_b)
        )
        cls.pairs["ir.attachment"] = tuple(
            cls.env["ir.attachment"].create(
                {
                    "name": f"{support.subject}.png",
                    "raw": cls.PNG,
                    "res_model": "b2b.support.request",
                    "res_id": support.id,
                }
            )
            for support in (support_a, support_b)
        )
        ShoppingList = cls.env["b2b.shopping.list"]
        lists = tuple(
            ShoppingList.create(
                {
                    "name": f"Shared list of {company.name}",
                    "partner_id": company.id,
                    "user_id": user.id,
                    "visibility": "shared",
                    "line_ids": [Command.create({"product_id": cls.product.id, "quantity": 1})],
                }
            )
            for company, user in ((cls.company_a, cls.user_a), (cls.company_b, cls.user_b))
        )
        cls.pairs["b2b.shopping.list"] = lists
        cls.pairs["b2b.shopping.list.line"] = (lists[0].line_ids, lists[1].line_ids)
