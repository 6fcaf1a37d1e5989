# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command

from .common import B2bCommon


class RmaCommon(B2bCommon):
    """B2bCommon plus a delivered and invoiced order of company A with two taxed
    lines (5 × 10.00 and 4 × 20.00 with 10 % discount, 15 % tax), the same for B,
    and a photo."""

    # a 1×1 PNG
    PNG = (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"
        b"\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00"
        b"\x05\x00\x01\xff\x89\x99=\x1d\x00\x00\x00\x00IEND\xaeB`\x82"
    )

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tax = cls.env["account.tax"].create(
            {"name": "RMA test VAT 15%", "amount": 15.0, "type_tax_use": "sale"}
        )
        cls.product_2 = cls.env["product.product"].create(
            {"name": "B2B test hinge", "default_code": "B2B-HINGE", "list_price": 20.0}
        )
        cls.reason = cls.env.ref("b2b_portal.b2b_rma_reason_damaged")
        cls.user_a.partner_id.email = "ada.alpha@example.com"
        cls.rma_order_a, cls.rma_invoice_a = cls._create_delivered_invoice(cls.company_a)
        cls.rma_line_a1, cls.rma_line_a2 = cls.rma_invoice_a.invoice_line_ids.sorted("id")
        cls.rma_order_b, cls.rma_invoice_b = cls._create_delivered_invoice(cls.company_b)
        cls.rma_line_b1 = cls.rma_invoice_b.invoice_line_ids.sorted("id")[0]

    @classmethod
    def _create_delivered_invoice(cls, partner):
        order = cls.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": cls.product.id,
                            "product_uom_qty": 5,
                            "price_unit": 10.0,
                            "tax_ids": [Command.set(cls.tax.ids)],
                        }
                    ),
                    Command.create(
                        {
                            "product_id": cls.product_2.id,
                            "product_uom_qty": 4,
                            "price_unit": 20.0,
                            "discount": 10.0,
                            "tax_ids": [Command.set(cls.tax.ids)],
                        }
                    ),
                ],
            }
        )
        order.action_confirm()
        for picking in order.picking_ids:
            for move in picking.move_ids:
                move.quantity = move.product_uom_qty
            picking.with_context(skip_backorder=True, skip_sms=True).button_validate()
        invoice = order._create_invoices()
        invoice.action_post()
        return order, invoice

    @classmethod
    def _create_rma(cls, partner, lines, submit=True, user=None):
        """``lines``: [(invoice line, quantity)]."""
        user = user or cls.user_a
        rma = cls.env["b2b.rma"].create(
            {
                "partner_id": partner.id,
                "invoice_id": lines[0][0].move_id.id,
                "requester_user_id": user.id,
                "requester_partner_id": user.partner_id.id,
                "reason_id": cls.reason.id,
                "description": "Scratched",
                "line_ids": [
                    Command.create({"invoice_line_id": line.id, "quantity": qty})
                    for line, qty in lines
                ],
            }
        )
        if submit:
            rma.action_submit()
        return rma

    @classmethod
    def _add_photo(cls, rma, name="photo.png"):
        photo = cls.env["ir.attachment"].create(
            {"name": name, "raw": cls.PNG, "res_model": "b2b.rma", "res_id": rma.id}
        )
        rma.photo_ids = [Command.link(photo.id)]
        return photo
