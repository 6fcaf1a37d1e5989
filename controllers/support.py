# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

from ..models.b2b_support_request import SUPPORT_CATEGORIES
from .main import _b2b_page

SUPPORT_PER_PAGE = 20
MAX_FILES = 5
MAX_FILE_SIZE = 10 * 1024 * 1024
RELATED_CHOICES_LIMIT = 50


class B2bSupportPortal(CustomerPortal):
    """D3: support requests of the current company, gated by the Support
    permission (route guard, checks here, record rule on the resolver)."""

    # ------------------------------------------------------------
    # Home tile
    # ------------------------------------------------------------

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "b2b_support_count" in counters:
            Support = request.env["b2b.support.request"]
            values["b2b_support_count"] = (
                Support.search_count(
                    self._b2b_support_domain(request.env.user._b2b_require("support")), limit=1
                )
                if request.env.user._b2b_has("support") and Support.has_access("read")
                else 0
            )
        return values

    # ------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------

    def _b2b_support_domain(self, partner):
        return [("partner_id", "=", partner.id)]

    def _b2b_support_related_choices(self, partner):
        """Orders and invoices of the current company this person may read (record
        rules: Orders / invoice permissions)."""
        SaleOrder = request.env["sale.order"]
        Move = request.env["account.move"]
        orders = (
            SaleOrder.search(
                [("partner_id", "child_of", partner.id), ("state", "=", "sale")],
                limit=RELATED_CHOICES_LIMIT,
                order="date_order desc, id desc",
            )
            if SaleOrder.has_access("read")
            else SaleOrder
        )
        invoices = (
            Move.search(
                [
                    ("partner_id", "child_of", partner.id),
                    ("move_type", "in", ("out_invoice", "out_refund")),
                    ("state", "=", "posted"),
                ],
                limit=RELATED_CHOICES_LIMIT,
                order="invoice_date desc, id desc",
            )
            if Move.has_access("read")
            else Move
        )
        return orders, invoices

    def _b2b_support_related(self, model, raw_id, partner, domain):
        """The posted order/invoice id, re-checked against the current company and
        the person's rights; ``False`` for none, ``None`` when refused."""
        if not raw_id:
            return False
        try:
            record_id = int(raw_id)
        except (TypeError, ValueError):
            return None
        Model = request.env[model]
        if not Model.has_access("read"):
            return None
        record = Model.search(
            [("id", "=", record_id), ("partner_id", "child_of", partner.id)] + domain, limit=1
        )
        return record or None

    # ------------------------------------------------------------
    # Routes
    # ------------------------------------------------------------

    def _b2b_support_searchbar(self):
        """(filters, sortings) of the support requests list."""
        _ = request.env._
        filters = {
            "open": {"label": _("Open"), "domain": [("state", "not in", ("solved", "closed"))]},
            "done": {
                "label": _("Solved or closed"),
                "domain": [("state", "in", ("solved", "closed"))],
            },
            "all": {"label": _("All"), "domain": []},
        }
        sortings = {
            "date": {"label": _("Newest"), "order": "id desc"},
            "state": {"label": _("State"), "order": "state, id desc"},
        }
        return filters, sortings

    @http.route(
        ["/my/support", "/my/support/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
        readonly=True,
        b2b_permissions=("support",),
    )
    def b2b_portal_my_support(
        self, page=1, filterby="open", sortby="date", search=None, search_in="all", **kw
    ):
        partner = request.env.user._b2b_require("support")
        _ = request.env._
        Support = request.env["b2b.support.request"]
        searchbar_filters, searchbar_sortings = self._b2b_support_searchbar()
        filterby = filterby if filterby in searchbar_filters else "open"
        sortby = sortby if sortby in searchbar_sortings else "date"
        domain = self._b2b_support_domain(partner) + searchbar_filters[filterby]["domain"]
        search = (search or "").strip()[:100]
        if search:
            domain += ["|", ("name", "ilike", search), ("subject", "ilike", search)]
        support_requests, pager = _b2b_page(
            Support,
            domain,
            "/my/support",
            page,
            searchbar_sortings[sortby]["order"],
            SUPPORT_PER_PAGE,
            {"filterby": filterby, "sortby": sortby, "search": search},
        )
        request.session["my_support_history"] = support_requests.ids[:100]
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "b2b_support",
                "default_url": "/my/support",
                "support_requests": support_requests,
                "pager": pager,
                "searchbar_filters": searchbar_filters,
                "filterby": filterby,
                "searchbar_sortings": searchbar_sortings,
                "sortby": sortby,
                "searchbar_inputs": {"all": {"input": "all", "label": _("Number or subject")}},
                "search_in": "all",
                "search": search,
            }
        )
        return request.render("b2b_portal.portal_my_b2b_support", values)

    @http.route(
        "/my/support/new",
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
        readonly=True,
        b2b_permissions=("support",),
    )
    def b2b_portal_support_new(self, order_id=None, invoice_id=None, **kw):
        partner = request.env.user._b2b_require("support")
        return self._b2b_support_form(
            partner, {"order_id": order_id or "", "invoice_id": invoice_id or ""}, {}
        )

    @http.route(
        "/my/support/new",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
        b2b_permissions=("support",),
    )
    def b2b_portal_support_create(self, **post):
        partner = request.env.user._b2b_require("support")
        _ = request.env._
        # whitelist: nothing else of the request (partner, state, user...) is posted
        values = {
            "subject": (post.get("subject") or "").strip()[:200],
            "category": post.get("category") or "",
            "description": (post.get("description") or "").strip()[:10000],
            "order_id": post.get("order_id") or "",
            "invoice_id": post.get("invoice_id") or "",
        }
        errors = {}
        if not values["subject"]:
            errors["subject"] = _("Please give your request a subject.")
        if values["category"] not in dict(SUPPORT_CATEGORIES):
            errors["category"] = _("Please choose a category.")
        order = self._b2b_support_related(
            "sale.order", values["order_id"], partner, [("state", "=", "sale")]
        )
        if order is None:
            errors["order_id"] = _("This order is not one of your company's orders.")
        invoice = self._b2b_support_related(
            "account.move",
            values["invoice_id"],
            partner,
            [("move_type", "in", ("out_invoice", "out_refund")), ("state", "=", "posted")],
        )
        if invoice is None:
            errors["invoice_id"] = _("This invoice is not one of your company's invoices.")
        datas, file_error = self._b2b_support_read_files()
        if file_error:
            errors["attachments"] = file_error
        if errors:
            return self._b2b_support_form(partner, values, errors)
        # every id was re-checked above: create with the current company
        support_sudo = request.env["b2b.support.request"]._b2b_portal_create(
            partner, values, order, invoice, datas
        )
        return request.redirect(support_sudo.access_url)

    def _b2b_support_read_files(self):
        """[(name, content)] of the attached files, and the error (or None)."""
        _ = request.env._
        files = [f for f in request.httprequest.files.getlist("attachments") if f.filename]
        if len(files) > MAX_FILES:
            return [], _("Please attach at most %(count)s files.", count=MAX_FILES)
        datas = []
        for upload in files:
            content = upload.read(MAX_FILE_SIZE + 1)
            if len(content) > MAX_FILE_SIZE:
                return [], _("%(name)s is larger than 10 MB.", name=upload.filename)
            datas.append((upload.filename, content))
        return datas, None

    def _b2b_support_form(self, partner, values, errors):
        orders, invoices = self._b2b_support_related_choices(partner)
        render_values = self._prepare_portal_layout_values()
        render_values.update(
            {
                "page_name": "b2b_support_new",
                "values": values,
                "errors": errors,
                "categories": SUPPORT_CATEGORIES,
                "orders": orders,
                "invoices": invoices,
            }
        )
        return request.render(
            "b2b_portal.portal_b2b_support_new", render_values, status=400 if errors else 200
        )

    @http.route(
        "/my/support/<int:request_id>",
        type="http",
        auth="public",
        website=True,
        methods=["GET"],
        readonly=True,
        b2b_permissions=("support",),
    )
    def b2b_portal_support_page(self, request_id, access_token=None, **kw):
        try:
            support_sudo = self._document_check_access(
                "b2b.support.request", request_id, access_token
            )
        except (AccessError, MissingError):
            return request.redirect("/my")
        values = self._get_page_view_values(
            support_sudo,
            access_token,
            {"page_name": "b2b_support", "support": support_sudo},
            "my_support_history",
            False,
            **kw,
        )
        return request.render("b2b_portal.portal_b2b_support_page", values)

    @http.route(
        "/my/support/<int:request_id>/attachment/<int:attachment_id>",
        type="http",
        auth="public",
        website=True,
        methods=["GET"],
        readonly=True,
        b2b_permissions=("support",),
    )
    def b2b_portal_support_attachment(self, request_id, attachment_id, access_token=None, **kw):
        """A file of the request: the request is checked first, then the file must
        be one of its attachments."""
        try:
            support_sudo = self._document_check_access(
                "b2b.support.request", request_id, access_token
            )
        except (AccessError, MissingError):
            return request.redirect("/my")
        attachment_sudo = support_sudo.attachment_ids.filtered(lambda a: a.id == attachment_id)
        if not attachment_sudo:
            return request.redirect("/my")
        stream = request.env["ir.binary"]._get_stream_from(attachment_sudo, "raw")
        return stream.get_response(as_attachment=True)
