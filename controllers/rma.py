# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request
from odoo.tools.mimetypes import guess_mimetype

from odoo.addons.portal.controllers.portal import CustomerPortal

from ..models.b2b_rma import INACTIVE_STATES
from .main import _b2b_page, _b2b_report_in_page_lang, _is_id

# Photos of a return request
PHOTO_MAX_FILES = 5
PHOTO_MAX_BYTES = 5 * 1024 * 1024
PHOTO_MIMETYPES = ("image/jpeg", "image/png", "image/gif", "image/webp")
# The only fields the request form may post (plus one qty_<invoice line id> per line)
RMA_FORM_FIELDS = {"csrf_token", "invoice_id", "reason_id", "description", "photos"}
RMA_QTY_FIELD = re.compile(r"^qty_(\d{1,18})$")
DESCRIPTION_MAX_LENGTH = 10000


class B2bRmaPortal(CustomerPortal):
    # ------------------------------------------------------------
    # Who may ask for returns, for which company
    # ------------------------------------------------------------

    def _b2b_rma_domain(self, partner):
        return [("partner_id", "child_of", partner.ids)]

    def _b2b_rma_invoice_domain(self, partner):
        """Invoices a return may be requested against."""
        return [
            ("move_type", "=", "out_invoice"),
            ("state", "=", "posted"),
            ("commercial_partner_id", "=", partner.id),
        ]

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "rma_count" in counters:
            Rma = request.env["b2b.rma"]
            user = request.env.user
            values["rma_count"] = (
                Rma.search_count(self._b2b_rma_domain(user._b2b_require("returns")))
                if user._b2b_has("returns") and Rma.has_access("read")
                else 0
            )
        return values

    # ------------------------------------------------------------
    # Lists: requests, goods returns (receipts), credit notes
    # ------------------------------------------------------------

    def _get_b2b_rma_searchbar_sortings(self):
        _ = request.env._
        return {
            "date": {"label": _("Newest"), "order": "id desc"},
            "name": {"label": _("Number"), "order": "name desc, id desc"},
            "expected": {"label": _("Expected completion"), "order": "expected_date asc, id desc"},
            "state": {"label": _("Status"), "order": "state, id desc"},
        }

    def _get_b2b_rma_searchbar_filters(self):
        _ = request.env._
        return {
            "all": {"label": _("All"), "domain": []},
            "open": {
                "label": _("In progress"),
                "domain": [("state", "in", ("draft", "submitted", "approved", "received"))],
            },
            "closed": {
                "label": _("Completed"),
                "domain": [("state", "in", ("refunded", "replaced", "done"))],
            },
            "refused": {
                "label": _("Rejected or cancelled"),
                "domain": [("state", "in", INACTIVE_STATES)],
            },
        }

    def _b2b_rma_list_values(self, partner, page_name):
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": page_name,
                "b2b_rma_partner": partner,
                "breadcrumbs_searchbar": True,
            }
        )
        return values

    @http.route(
        ["/my/rma", "/my/rma/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        readonly=True,
        b2b_permissions=("returns",),
    )
    def portal_my_rmas(self, page=1, sortby=None, filterby=None, **kw):
        partner = request.env.user._b2b_require("returns")
        Rma = request.env["b2b.rma"]
        sortings = self._get_b2b_rma_searchbar_sortings()
        filters = self._get_b2b_rma_searchbar_filters()
        sortby = sortby if sortby in sortings else "date"
        filterby = filterby if filterby in filters else "all"
        domain = self._b2b_rma_domain(partner) + filters[filterby]["domain"]
        rmas, pager = _b2b_page(
            Rma,
            domain,
            "/my/rma",
            page,
            sortings[sortby]["order"],
            self._items_per_page,
            {"sortby": sortby, "filterby": filterby},
        )
        request.session["my_rmas_history"] = rmas.ids[:100]
        values = self._b2b_rma_list_values(partner, "b2b_rma")
        values.update(
            {
                # found through the record rules; sudo only to show the invoice data
                "rmas": rmas.sudo(),
                "pager": pager,
                "default_url": "/my/rma",
                "searchbar_sortings": sortings,
                "sortby": sortby,
                "searchbar_filters": filters,
                "filterby": filterby,
            }
        )
        return request.render("b2b_portal.portal_my_rmas", values)

    @http.route(
        ["/my/rma/receipts", "/my/rma/receipts/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        readonly=True,
        b2b_permissions=("returns",),
    )
    def portal_my_rma_receipts(self, page=1, **kw):
        partner = request.env.user._b2b_require("returns")
        # the RMAs through the record rules, their receipts through that list only
        rma_query = request.env["b2b.rma"]._search(self._b2b_rma_domain(partner))
        pickings_sudo, pager = _b2b_page(
            request.env["stock.picking"].sudo(),
            [("b2b_rma_id", "in", rma_query), ("state", "!=", "cancel")],
            "/my/rma/receipts",
            page,
            "id desc",
            self._items_per_page,
        )
        values = self._b2b_rma_list_values(partner, "b2b_rma_receipts")
        values.update({"pickings": pickings_sudo, "pager": pager})
        return request.render("b2b_portal.portal_my_rma_receipts", values)

    @http.route(
        ["/my/rma/credit-notes", "/my/rma/credit-notes/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        readonly=True,
        b2b_permissions=("returns",),
    )
    def portal_my_rma_credit_notes(self, page=1, **kw):
        partner = request.env.user._b2b_require("returns")
        rma_query = request.env["b2b.rma"]._search(self._b2b_rma_domain(partner))
        domain = [
            ("b2b_rma_id", "in", rma_query),
            ("move_type", "=", "out_refund"),
            ("state", "=", "posted"),
        ]
        refunds_sudo, pager = _b2b_page(
            request.env["account.move"].sudo(),
            domain,
            "/my/rma/credit-notes",
            page,
            "invoice_date desc, id desc",
            self._items_per_page,
        )
        values = self._b2b_rma_list_values(partner, "b2b_rma_credit_notes")
        values.update({"refunds": refunds_sudo, "pager": pager})
        return request.render("b2b_portal.portal_my_rma_credit_notes", values)

    # ------------------------------------------------------------
    # One return: page, PDF, photos, receipt and credit note PDFs
    # ------------------------------------------------------------

    def _b2b_rma_get(self, rma_id, access_token=None):
        return self._document_check_access("b2b.rma", rma_id, access_token=access_token)

    @http.route(
        ["/my/rma/<int:rma_id>"],
        type="http",
        auth="public",
        website=True,
        readonly=True,
        b2b_permissions=("returns",),
    )
    def portal_my_rma(
        self, rma_id, access_token=None, report_type=None, download=False, message=None, **kw
    ):
        try:
            rma_sudo = self._b2b_rma_get(rma_id, access_token)
        except (AccessError, MissingError):
            return request.redirect("/my")
        if report_type in ("html", "pdf", "text"):
            _b2b_report_in_page_lang()
            return self._show_report(
                model=rma_sudo,
                report_type=report_type,
                report_ref="b2b_portal.b2b_rma_report_action",
                download=download,
            )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "rma": rma_sudo,
                "page_name": "b2b_rma",
                "message": message,
                "report_url": f"/my/rma/{rma_sudo.id}",
            }
        )
        values = self._get_page_view_values(
            rma_sudo, access_token, values, "my_rmas_history", False, **kw
        )
        # the chatter of a logged-in customer is identified by the token too
        values.setdefault("token", rma_sudo.access_token)
        return request.render("b2b_portal.portal_my_rma", values)

    @http.route(
        ["/my/rma/<int:rma_id>/photo/<int:attachment_id>"],
        type="http",
        auth="public",
        website=True,
        readonly=True,
        b2b_permissions=("returns",),
    )
    def portal_my_rma_photo(self, rma_id, attachment_id, access_token=None, **kw):
        try:
            rma_sudo = self._b2b_rma_get(rma_id, access_token)
        except (AccessError, MissingError):
            return request.redirect("/my")
        photo_sudo = rma_sudo.photo_ids.filtered(lambda a: a.id == attachment_id)
        if not photo_sudo:
            return request.redirect("/my")
        response = request.env["ir.binary"]._get_stream_from(photo_sudo).get_response()
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response

    @http.route(
        ["/my/rma/<int:rma_id>/receipt/<int:picking_id>"],
        type="http",
        auth="public",
        website=True,
        readonly=True,
        b2b_permissions=("returns",),
    )
    def portal_my_rma_receipt(self, rma_id, picking_id, access_token=None, **kw):
        try:
            rma_sudo = self._b2b_rma_get(rma_id, access_token)
        except (AccessError, MissingError):
            return request.redirect("/my")
        picking_sudo = rma_sudo.picking_ids.filtered(lambda p: p.id == picking_id)
        if not picking_sudo:
            return request.redirect("/my")
        # like sale_stock's /my/picking/pdf: the report needs product and stock data
        # the customer cannot read
        pdf = (
            request.env["ir.actions.report"]
            .sudo()
            ._render_qweb_pdf("stock.action_report_delivery", picking_sudo.ids)[0]
        )
        filename = re.sub(r"\W+", "_", picking_sudo.name) + ".pdf"
        disposition = "attachment" if kw.get("download") else "inline"
        return request.make_response(
            pdf,
            headers=[
                ("Content-Type", "application/pdf"),
                ("Content-Length", len(pdf)),
                ("Content-Disposition", f'{disposition}; filename="{filename}"'),
            ],
        )

    # not read-only: printing an invoice PDF stores it on the credit note
    @http.route(
        ["/my/rma/<int:rma_id>/credit-note"],
        type="http",
        auth="public",
        website=True,
        b2b_permissions=("returns",),
    )
    def portal_my_rma_credit_note(self, rma_id, access_token=None, **kw):
        try:
            rma_sudo = self._b2b_rma_get(rma_id, access_token)
        except (AccessError, MissingError):
            return request.redirect("/my")
        refund_sudo = rma_sudo.refund_id
        if not refund_sudo or refund_sudo.state != "posted":
            return request.redirect("/my")
        return self._show_report(
            model=refund_sudo,
            report_type="pdf",
            report_ref="account.account_invoices",
            download=kw.get("download"),
        )

    # ------------------------------------------------------------
    # Request a return
    # ------------------------------------------------------------

    def _b2b_rma_form_values(self, partner, invoice_sudo=None, errors=(), form=None):
        Move = request.env["account.move"].sudo()
        values = self._b2b_rma_list_values(partner, "b2b_rma_new")
        values.update(
            {
                # the company's posted invoices only (checked again on submission)
                "rma_invoices": Move.search(
                    self._b2b_rma_invoice_domain(partner),
                    order="invoice_date desc, id desc",
                    limit=200,
                ),
                "rma_invoice": invoice_sudo or Move,
                "returnable": (
                    request.env["b2b.rma"]._b2b_portal_returnable(invoice_sudo)
                    if invoice_sudo
                    else []
                ),
                "reasons": request.env["b2b.rma.reason"].search([]),
                "errors": list(errors),
                "form": form or {},
                "photo_max_files": PHOTO_MAX_FILES,
                "photo_max_mb": PHOTO_MAX_BYTES // (1024 * 1024),
                "photo_accept": ",".join(PHOTO_MIMETYPES),
            }
        )
        return values

    def _b2b_rma_find_invoice(self, partner, invoice_id):
        try:
            invoice_id = int(invoice_id)
        except (TypeError, ValueError):
            return request.env["account.move"].sudo()
        return (
            request.env["account.move"]
            .sudo()
            .search(self._b2b_rma_invoice_domain(partner) + [("id", "=", invoice_id)], limit=1)
        )

    @http.route(
        "/my/rma/new",
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
        readonly=True,
        b2b_permissions=("returns",),
    )
    def portal_rma_new(self, invoice_id=None, **kw):
        partner = request.env.user._b2b_require("returns")
        invoice_sudo = self._b2b_rma_find_invoice(partner, invoice_id) if invoice_id else None
        errors = []
        if invoice_id and not invoice_sudo:
            errors.append(request.env._("Choose one of your company's posted invoices."))
        values = self._b2b_rma_form_values(partner, invoice_sudo, errors)
        return request.render("b2b_portal.portal_rma_new", values, status=400 if errors else 200)

    def _b2b_rma_read_form(self, post):
        """The typed quantities {invoice line id: text}, the form to show again
        and the error of fields the form does not have (mass assignment)."""
        quantities = {
            int(match.group(1)): (raw or "").strip()
            for key, raw in post.items()
            if (match := RMA_QTY_FIELD.match(key))
        }
        form = {
            "reason_id": post.get("reason_id"),
            "description": post.get("description") or "",
            "qty": {f"qty_{line_id}": raw for line_id, raw in quantities.items()},
        }
        unknown = sorted(
            key for key in post if key not in RMA_FORM_FIELDS and not RMA_QTY_FIELD.match(key)
        )
        errors = []
        if unknown:
            errors.append(
                request.env._(
                    "The form contains fields you cannot set: %(fields)s.",
                    fields=", ".join(unknown),
                )
            )
        return quantities, form, errors

    @http.route(
        "/my/rma/new",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
        b2b_permissions=("returns",),
    )
    def portal_rma_submit(self, **post):
        partner = request.env.user._b2b_require("returns")
        _ = request.env._
        Rma = request.env["b2b.rma"]
        quantities, form, errors = self._b2b_rma_read_form(post)
        invoice_sudo = self._b2b_rma_find_invoice(partner, post.get("invoice_id"))
        if not invoice_sudo:
            errors.append(_("Choose one of your company's posted invoices."))
            return self._b2b_rma_form_invalid(partner, None, errors, form)
        line_vals, line_errors = Rma._b2b_portal_line_vals(
            invoice_sudo, {line_id: raw for line_id, raw in quantities.items() if raw}
        )
        errors += line_errors
        reason_id = post.get("reason_id") or ""
        reason = request.env["b2b.rma.reason"].search(
            [("id", "=", int(reason_id) if _is_id(reason_id) else 0)]
        )
        if not reason:
            errors.append(_("Choose the problem with the goods."))
        description = form["description"].strip()
        if len(description) > DESCRIPTION_MAX_LENGTH:
            errors.append(_("The description is too long."))
        photos, photo_errors = self._b2b_rma_read_photos()
        errors += photo_errors
        if errors:
            return self._b2b_rma_form_invalid(partner, invoice_sudo, errors, form)
        try:
            with request.env.cr.savepoint():
                rma_sudo = Rma._b2b_portal_submit(
                    partner, invoice_sudo, reason, description, line_vals, photos
                )
        except (ValidationError, UserError) as error:
            # e.g. another request took the last returnable quantity meanwhile
            return self._b2b_rma_form_invalid(partner, invoice_sudo, [error.args[0]], form)
        return request.redirect(f"/my/rma/{rma_sudo.id}?message=submitted")

    def _b2b_rma_form_invalid(self, partner, invoice_sudo, errors, form):
        values = self._b2b_rma_form_values(partner, invoice_sudo, errors, form)
        return request.render("b2b_portal.portal_rma_new", values, status=400)

    def _b2b_rma_read_photos(self):
        """[(name, data, mimetype)] of the uploaded photos and the errors."""
        _ = request.env._
        files = [f for f in request.httprequest.files.getlist("photos") if f.filename]
        if len(files) > PHOTO_MAX_FILES:
            return [], [_("Add at most %(count)s photos.", count=PHOTO_MAX_FILES)]
        photos, errors = [], []
        for upload in files:
            name = re.sub(r"[^\w.\- ]", "_", upload.filename)[-100:] or "photo"
            data = upload.read(PHOTO_MAX_BYTES + 1)
            if len(data) > PHOTO_MAX_BYTES:
                errors.append(
                    _(
                        "%(name)s is larger than %(size)s MB.",
                        name=name,
                        size=PHOTO_MAX_BYTES // (1024 * 1024),
                    )
                )
                continue
            # the content decides, not the name or the browser's content type
            mimetype = guess_mimetype(data)
            if mimetype not in PHOTO_MIMETYPES:
                errors.append(_("%(name)s is not a photo (JPEG, PNG, GIF or WebP).", name=name))
                continue
            photos.append((name, data, mimetype))
        return photos, errors
