# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class B2bRmaReason(models.Model):
    """A problem a customer can give when requesting a return (configurable)."""

    _name = "b2b.rma.reason"
    _description = "Return reason"
    _order = "sequence, id"

    _name_uniq = models.Constraint("UNIQUE(name)", "This return reason already exists.")

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(
        translate=True, help="Shown to the customer under the reason in the request form."
    )
