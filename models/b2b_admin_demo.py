# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, api, models


class B2bDemo(models.AbstractModel):
    _inherit = "b2b.demo"

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
