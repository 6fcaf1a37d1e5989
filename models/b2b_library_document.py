# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL


class B2bLibraryDocument(models.Model):
    """A file the supplier publishes for B2B customers (D2): brochures, price lists,
    catalogues. Visible to every B2B customer, to chosen profiles or to chosen
    companies, during its validity dates.

    The portal reads it through a record rule keyed on the resolver
    (``user.b2b_document_partner_ids``/``b2b_document_profile_ids``); the file itself
    is a staff-only field, streamed by the checked ``/my/library/<id>/download``
    route, so no attachment URL ever opens it."""

    _name = "b2b.library.document"
    _description = "B2B library document"
    _inherit = ["mail.thread"]
    _order = "sequence, date_start desc, id desc"

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    name = fields.Char("Title", required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    category_id = fields.Many2one("b2b.library.category", index=True, ondelete="restrict")
    description = fields.Text(translate=True)
    file = fields.Binary(
        attachment=True,
        required=True,
        groups="sales_team.group_sale_salesman",
        help="Served to customers only through the portal download page, after the "
        "permission and visibility checks.",
    )
    file_name = fields.Char()
    date_start = fields.Date("Valid from", tracking=True)
    date_end = fields.Date("Valid until", tracking=True)
    visibility = fields.Selection(
        [
            ("all", "All B2B customers"),
            ("profiles", "Chosen profiles"),
            ("partners", "Chosen companies"),
        ],
        default="all",
        required=True,
        tracking=True,
    )
    profile_ids = fields.Many2many(
        "b2b.profile",
        "b2b_library_document_profile_rel",
        "document_id",
        "profile_id",
        string="Profiles",
    )
    partner_ids = fields.Many2many(
        "res.partner",
        "b2b_library_document_partner_rel",
        "document_id",
        "partner_id",
        string="Companies",
        domain=[("is_company", "=", True)],
    )
    download_count = fields.Integer(readonly=True, copy=False, default=0)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)

    # ------------------------------------------------------------
    # CONSTRAINT
    # ------------------------------------------------------------

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for document in self:
            if (
                document.date_start
                and document.date_end
                and document.date_end < document.date_start
            ):
                raise ValidationError(self.env._("The validity ends before it starts."))

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    @api.model
    def _b2b_valid_domain(self):
        today = fields.Date.context_today(self)
        return [
            "|",
            ("date_start", "=", False),
            ("date_start", "<=", today),
            "|",
            ("date_end", "=", False),
            ("date_end", ">=", today),
        ]

    def _b2b_is_valid(self):
        self.ensure_one()
        today = fields.Date.context_today(self)
        return (not self.date_start or self.date_start <= today) and (
            not self.date_end or self.date_end >= today
        )

    def _b2b_count_download(self):
        """+1 without reading the value (no write conflict between downloads)."""
        if self.ids:
            self.env.cr.execute(
                SQL(
                    "UPDATE b2b_library_document "
                    "SET download_count = COALESCE(download_count, 0) + 1 WHERE id = ANY(%s)",
                    self.ids,
                )
            )
            self.invalidate_recordset(["download_count"])
