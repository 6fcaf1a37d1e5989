# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import split_every

# I2: the bounds of one ZIP of invoices (README "Invoices as one ZIP"). An
# invoice Odoo has sent has its PDF (and its UBL/CII XML) stored; one never sent
# gets a pro-forma PDF laid out on request, as the invoice page's download does
# - about a second each with wkhtmltopdf, hence the smaller bound for those.
ZIP_MAX_INVOICES = 200
ZIP_MAX_RENDERED = 20
ZIP_MAX_BYTES = 100 * 1024 * 1024
# the invoices of a ZIP are read in batches of this size
ZIP_BATCH = 50
# the documents of the ZIP and of the API: customer invoices and credit notes
B2B_DOCUMENT_MOVE_TYPES = ("out_invoice", "out_refund")


class AccountMove(models.Model):
    _inherit = "account.move"

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    b2b_rma_id = fields.Many2one(
        "b2b.rma",
        "Return (RMA)",
        index="btree_not_null",
        readonly=True,
        copy=False,
        help="The return this credit note refunds.",
    )
    b2b_rma_count = fields.Integer(
        compute="_compute_b2b_rma_count",
        string="Returns",
        groups="sales_team.group_sale_salesman,account.group_account_invoice",
    )

    # ------------------------------------------------------------
    # COMPUTE
    # ------------------------------------------------------------

    def _compute_b2b_rma_count(self):
        counts = dict(
            self.env["b2b.rma"]._read_group(
                [("invoice_id", "in", self.ids)], ["invoice_id"], ["__count"]
            )
        )
        for move in self:
            move.b2b_rma_count = counts.get(move, 0)

    # ------------------------------------------------------------
    # ACTION
    # ------------------------------------------------------------

    def action_view_b2b_rmas(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("b2b_portal.b2b_rma_action")
        action["domain"] = [("invoice_id", "=", self.id)]
        action["context"] = {
            "default_invoice_id": self.id,
            "default_partner_id": self.commercial_partner_id.id,
        }
        return action

    # ------------------------------------------------------------
    # BUSINESS: invoices as one ZIP (I2)
    # ------------------------------------------------------------

    @api.model
    def _b2b_zip_limit_message(self, what, count=0):
        _ = self.env._
        if what == "invoices":
            return _(
                "You asked for %(count)s invoices: one ZIP holds at most %(limit)s. Please "
                "choose a shorter period or fewer invoices.",
                count=count,
                limit=ZIP_MAX_INVOICES,
            )
        if what == "rendered":
            return _(
                "%(count)s of these invoices have no stored PDF yet: their PDF is laid out "
                "now, at most %(limit)s in one ZIP. Please choose a shorter period or fewer "
                "invoices.",
                count=count,
                limit=ZIP_MAX_RENDERED,
            )
        return _(
            "The files of these invoices come to more than %(limit)s MB, the most one ZIP "
            "holds. Please choose a shorter period or fewer invoices.",
            limit=ZIP_MAX_BYTES // (1024 * 1024),
        )

    @api.model
    def _b2b_zip_select(self, partner, invoice_ids=None, date_from=None, date_to=None):
        """The invoices and credit notes of ``partner`` (the company the person
        acts for) one ZIP is asked for: the ids chosen on /my/invoices, or those
        dated in a period. Searched as the portal user: a posted id is only a
        filter, the record rules decide what exists (another company's id is
        ignored like a missing one). The bounds are checked before anything is
        read - a request for 10,000 ids is refused at the count. Raises UserError
        with the message for the person when nothing or too much is asked for."""
        _ = self.env._
        if invoice_ids is not None:
            if not invoice_ids:
                raise UserError(_("Choose at least one invoice, or a period."))
            if len(invoice_ids) > ZIP_MAX_INVOICES:
                raise UserError(self._b2b_zip_limit_message("invoices", len(invoice_ids)))
        if not partner or not self.has_access("read"):
            raise AccessError(_("Your access does not include invoices."))
        domain = [
            ("partner_id", "child_of", partner.id),
            ("move_type", "in", B2B_DOCUMENT_MOVE_TYPES),
            ("state", "=", "posted"),
        ]
        if invoice_ids is not None:
            domain.append(("id", "in", invoice_ids))
        if date_from:
            domain.append(("invoice_date", ">=", date_from))
        if date_to:
            domain.append(("invoice_date", "<=", date_to))
        count = self.search_count(domain)
        if count > ZIP_MAX_INVOICES:
            raise UserError(self._b2b_zip_limit_message("invoices", count))
        if not count:
            raise UserError(
                _(
                    "No invoice found for this choice. Please choose invoices in the list or "
                    "another period."
                )
            )
        # the invoices passed the record rules: their files are read with sudo,
        # as Odoo's invoice page does after its access check
        invoices_sudo = self.search(domain, order="invoice_date, name, id").sudo()
        rendered = len(invoices_sudo.filtered(lambda move: not move.invoice_pdf_report_id))
        if rendered > ZIP_MAX_RENDERED:
            raise UserError(self._b2b_zip_limit_message("rendered", rendered))
        stored = sum(invoices_sudo._b2b_stored_documents().mapped("file_size"))
        if stored > ZIP_MAX_BYTES:
            raise UserError(self._b2b_zip_limit_message("bytes"))
        return invoices_sudo

    def _b2b_stored_documents(self):
        """(sudo) The files Odoo stored when it sent these invoices: the PDF and,
        with ``account_edi_ubl_cii``, the UBL/CII XML of the customer's format."""
        Send = self.env["account.move.send"]
        attachments = self.env["ir.attachment"]
        for move in self.filtered("invoice_pdf_report_id"):
            attachments |= Send._get_invoice_extra_attachments(move)
        return attachments

    def _b2b_zip_documents(self):
        """(sudo, on invoices returned by ``_b2b_zip_select``) Yield the files of
        the ZIP one at a time (``{filename, filetype, content}``, the shape of
        ``_get_invoice_legal_documents_all``): for each invoice what its page's
        download gives - the stored PDF and XML, or a pro-forma PDF when it was
        never sent. Stops with a UserError once the files pass ZIP_MAX_BYTES."""
        total = 0
        for ids in split_every(ZIP_BATCH, self.ids):
            for move in self.browse(ids):
                for document in move._get_invoice_legal_documents_all(allow_fallback=True):
                    total += len(document["content"] or b"")
                    if total > ZIP_MAX_BYTES:
                        raise UserError(self._b2b_zip_limit_message("bytes"))
                    yield document

    # ------------------------------------------------------------
    # BUSINESS: API (I1)
    # ------------------------------------------------------------

    def b2b_invoice_documents(self):
        """I1, for the customer's own systems over JSON-2: the PDF and the UBL/CII
        XML of one invoice or credit note, base64-encoded.

        ``{"id", "name", "pdf": {"filename", "mimetype", "content"}, "xml": {...}
        or null, "xml_message": why there is no XML (null when there is one)}``.
        The PDF is the one Odoo sent (a pro-forma when it was never sent, as on
        the invoice page); the XML is the one Odoo stored when it sent the
        invoice in the customer's electronic invoice format (Peppol BIS 3,
        XRechnung, Factur-X...). The invoice is found through the caller's record
        rules; a portal user also needs API access for its company."""
        _ = self.env._
        if len(self) != 1:
            raise UserError(_("Ask for the documents of one invoice at a time."))
        self.check_access("read")
        move_sudo = self.sudo()
        user = self.env.user
        if not user._is_internal() and (
            move_sudo.commercial_partner_id not in user._b2b_partners("api")
        ):
            raise AccessError(
                _("Your access does not include downloading invoices through the API.")
            )
        if move_sudo.move_type not in B2B_DOCUMENT_MOVE_TYPES or move_sudo.state != "posted":
            raise UserError(_("Only posted invoices and credit notes have documents."))
        pdf = move_sudo._get_invoice_legal_documents("pdf", allow_fallback=True)
        xml = move_sudo.ubl_cii_xml_id if "ubl_cii_xml_id" in self._fields else None
        result = {
            "id": self.id,
            "name": move_sudo.name,
            "pdf": {
                "filename": pdf["filename"],
                "mimetype": "application/pdf",
                "content": base64.b64encode(pdf["content"]).decode(),
            },
            "xml": None,
            "xml_message": None,
        }
        if xml:
            result["xml"] = {
                "filename": xml.name,
                "mimetype": "application/xml",
                "content": base64.b64encode(xml.raw).decode(),
            }
        else:
            result["xml_message"] = _(
                "This invoice has no UBL/CII XML: it was not sent in an electronic invoice "
                "format (your supplier sets the format on your company), or not sent yet."
            )
        return result
