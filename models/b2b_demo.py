# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class B2bDemo(models.AbstractModel):
    """Demo documents for the two demo customers (called from demo data only)."""

    _name = "b2b.demo"
    _description = "B2B portal demo data"

    @api.model
    def _create_demo_documents(self):
        ref = self.env.ref
        chair, desk, shelf, rack = (
            ref("b2b_portal.product_chair_demo"),
            ref("b2b_portal.product_desk_demo"),
            ref("b2b_portal.product_shelf_demo"),
            ref("b2b_portal.product_rack_demo"),
        )
        plans = {
            ref("b2b_portal.partner_anatolia_demo"): [
                ("quote", [(chair, 10), (desk, 4)]),
                ("quote", [(shelf, 40)]),
                ("paid", [(chair, 6), (shelf, 12)]),
                ("invoiced", [(desk, 2), (rack, 3)]),
                ("delivered", [(rack, 5)]),
                ("confirmed", [(chair, 20), (desk, 8)]),
            ],
            ref("b2b_portal.partner_nordlys_demo"): [
                ("quote", [(rack, 2)]),
                ("paid", [(shelf, 25), (rack, 1)]),
                ("invoiced", [(chair, 12)]),
                ("confirmed", [(desk, 3), (shelf, 10)]),
            ],
        }
        SaleOrder = self.env["sale.order"]
        for partner, orders in plans.items():
            for number, (stage, lines) in enumerate(orders, start=1):
                order = SaleOrder.create(
                    {
                        "partner_id": partner.id,
                        "client_order_ref": f"PO-{partner.b2b_code}-{number:03d}",
                        "order_line": [
                            (0, 0, {"product_id": product.id, "product_uom_qty": qty})
                            for product, qty in lines
                        ],
                    }
                )
                if stage == "quote":
                    continue
                order.action_confirm()
                if stage == "confirmed":
                    continue
                for picking in order.picking_ids:
                    for move in picking.move_ids:
                        move.quantity = move.product_uom_qty
                    picking.with_context(skip_backorder=True, skip_sms=True).button_validate()
                if stage == "delivered":
                    continue
                invoice = order._create_invoices()
                invoice.action_post()
                if stage == "paid":
                    self.env["account.payment.register"].with_context(
                        active_model="account.move", active_ids=invoice.ids
                    ).create({"payment_date": fields.Date.context_today(self)})._create_payments()
