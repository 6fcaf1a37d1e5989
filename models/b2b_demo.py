# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, api, fields, models


class B2bDemo(models.AbstractModel):
    """Demo documents for the two demo customers (called from demo data only)."""

    _name = "b2b.demo"
    _description = "B2B portal demo data"

    @api.model
    def _create_demo_attributes(self):
        """O5: the demo furniture has comparable attributes (no variants), so the
        shop offers Compare on its cards and product pages."""
        ref = self.env.ref
        Attribute = self.env["product.attribute"]
        material = Attribute.create(
            {
                "name": "Material",
                "create_variant": "no_variant",
                "value_ids": [(0, 0, {"name": n}) for n in ("Steel", "Beech", "Mesh")],
            }
        )
        warranty = Attribute.create(
            {
                "name": "Warranty",
                "create_variant": "no_variant",
                "value_ids": [(0, 0, {"name": n}) for n in ("2 years", "5 years")],
            }
        )
        plans = {
            "product_chair_demo": {material: "Mesh", warranty: "5 years"},
            "product_desk_demo": {material: "Beech", warranty: "5 years"},
            "product_shelf_demo": {material: "Steel", warranty: "2 years"},
            "product_rack_demo": {material: "Steel", warranty: "5 years"},
        }
        for xmlid, values in plans.items():
            template = ref(f"b2b_portal.{xmlid}").product_tmpl_id
            template.attribute_line_ids = [
                (
                    0,
                    0,
                    {
                        "attribute_id": attribute.id,
                        "value_ids": [
                            (6, 0, attribute.value_ids.filtered(lambda v, n=name: v.name == n).ids)
                        ],
                    },
                )
                for attribute, name in values.items()
            ]

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
                # created by the install (OdooBot): the order's salesperson sells
                invoice.invoice_user_id = order.user_id or self.env.ref("base.user_admin")
                invoice.action_post()
                if stage == "paid":
                    self.env["account.payment.register"].with_context(
                        active_model="account.move", active_ids=invoice.ids
                    ).create({"payment_date": fields.Date.context_today(self)})._create_payments()

    @api.model
    def _create_demo_rmas(self):
        """Returns of Anatolia: one submitted, one approved (its return receipt is
        waiting), so the portal and the staff views show the workflow."""
        ref = self.env.ref
        anatolia = ref("b2b_portal.partner_anatolia_demo")
        buyer = ref("b2b_portal.user_buyer_demo")
        invoices = self.env["account.move"].search(
            [
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
                ("commercial_partner_id", "=", anatolia.id),
            ],
            order="id",
        )
        plans = [
            (ref("b2b_portal.product_rack_demo"), 1, "b2b_rma_reason_damaged", False),
            (ref("b2b_portal.product_chair_demo"), 2, "b2b_rma_reason_defective", True),
        ]
        Rma = self.env["b2b.rma"]
        for product, qty, reason, approve in plans:
            inv_line = invoices.invoice_line_ids.filtered(lambda l, p=product: l.product_id == p)[
                :1
            ]
            if not inv_line:
                continue
            rma = Rma.create(
                {
                    "partner_id": anatolia.id,
                    "company_id": inv_line.company_id.id,
                    "invoice_id": inv_line.move_id.id,
                    "requester_user_id": buyer.id,
                    "requester_partner_id": buyer.partner_id.id,
                    "user_id": ref("base.user_admin").id,
                    "reason_id": ref(f"b2b_portal.{reason}").id,
                    "description": "Two legs of the frame were bent on arrival."
                    if not approve
                    else "The gas lift does not hold the seat height.",
                    "line_ids": [(0, 0, {"invoice_line_id": inv_line.id, "quantity": qty})],
                }
            )
            rma.action_submit()
            if approve:
                rma.action_approve()

    @api.model
    def _create_approval_demo(self):
        """An Anatolia order submitted by the demo buyer above their limit per
        order: it waits in the approval queue of the demo accountant."""
        ref = self.env.ref
        anatolia = ref("b2b_portal.partner_anatolia_demo")
        buyer = ref("b2b_portal.user_buyer_demo")
        order = self.env["sale.order"].create(
            {
                "partner_id": anatolia.id,
                "user_id": ref("base.user_admin").id,
                "client_order_ref": f"PO-{anatolia.b2b_code}-APPROVAL",
                "order_line": [
                    Command.create(
                        {
                            "product_id": ref("b2b_portal.product_desk_demo").id,
                            "product_uom_qty": 12,
                        }
                    )
                ],
            }
        )
        # confirmed the way the portal does it: as the buyer, elevated
        order.with_user(buyer).with_context(
            b2b_partner_id=anatolia.id,
            mail_notify_force_send=False,
            mail_activity_quick_update=True,
        ).sudo().action_confirm()

    @api.model
    def _create_quote_demo(self):
        """Q1: two quote requests of the demo buyer for Anatolia - one waiting
        for the salesperson, one priced and sent (to accept or discuss)."""
        ref = self.env.ref
        anatolia = ref("b2b_portal.partner_anatolia_demo")
        buyer = ref("b2b_portal.user_buyer_demo")
        admin = ref("base.user_admin")
        website = self.env["website"].search([], limit=1)
        SaleOrder = self.env["sale.order"].with_context(mail_notify_force_send=False)
        for qty, wished, note, send in (
            (40, 95.0, "Chairs for our new office in Izmir, delivery in March.", False),
            (8, 280.0, "Desks for the meeting rooms; can you do a better price?", True),
        ):
            product = ref(
                "b2b_portal.product_chair_demo" if not send else "b2b_portal.product_desk_demo"
            )
            cart = SaleOrder.create(
                {
                    "partner_id": anatolia.id,
                    "b2b_user_id": buyer.id,
                    "website_id": website.id,
                    "order_line": [
                        Command.create({"product_id": product.id, "product_uom_qty": 1})
                    ],
                }
            )
            buyer_env = cart.with_user(buyer).with_context(b2b_partner_id=anatolia.id)
            buyer_env.sudo()._b2b_request_quote(
                buyer.with_context(b2b_partner_id=anatolia.id),
                note,
                {product.id: (str(qty), str(wished))},
            )
            if send:
                cart.order_line.price_unit = 295.0
                cart.with_user(admin).with_context(mark_so_as_sent=True).message_post(
                    body=self.env._("Here is our offer for the desks."),
                    message_type="comment",
                    subtype_xmlid="mail.mt_comment",
                )
