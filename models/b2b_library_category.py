# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class B2bLibraryCategory(models.Model):
    _name = "b2b.library.category"
    _description = "B2B library category"
    _order = "sequence, name"

    _name_uniq = models.Constraint(
        "UNIQUE(name)", "A library category with this name already exists."
    )

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    document_ids = fields.One2many("b2b.library.document", "category_id", string="Documents")
