# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    # copied on purpose: a backorder of a return receipt belongs to the same RMA
    b2b_rma_id = fields.Many2one("b2b.rma", "Return (RMA)", index="btree_not_null", readonly=True)

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    def _action_done(self):
        res = super()._action_done()
        # warehouse staff validate receipts without Sales rights: moving the RMA of
        # these very pickings to "received" is part of their validation
        self.b2b_rma_id.sudo()._b2b_on_receipts_done()
        return res
