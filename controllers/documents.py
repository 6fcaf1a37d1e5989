# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from dateutil.relativedelta import relativedelta
from werkzeug.exceptions import NotFound

from odoo import fields, http
from odoo.exceptions import AccessError
from odoo.http import request
from odoo.tools import LazyTranslate, groupby

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

from ..models.b2b_permissions import INVOICE_PERMISSIONS
from .main import _b2b_page

_lt = LazyTranslate(__name__)

DOCUMENTS_PER_PAGE = 20
LIBRARY_PER_PAGE = 24

# D1: the document types of /my/documents, in the order of the filter:
# (key, permissions of which one is needed, spec). A spec gives the model, the
# domain (the company part is added per request), the date field, the fields
# searched and read, and the links ("%s" = the record id; "access_url" = the
# record's portal URL, its PDF with ?report_type=pdf).
_SALE_ORDER = {
    "model": "sale.order",
    "date": "date_order",
    "search": ["name", "client_order_ref"],
    "fields": ["client_order_ref", "amount_total", "currency_id"],
    "url": "/my/orders/%s",
    "pdf": "/my/orders/%s?report_type=pdf&download=true",
}
_INVOICE = {
    "model": "account.move",
    "date": "invoice_date",
    "search": ["name", "ref", "invoice_origin"],
    "fields": ["invoice_origin", "amount_total", "currency_id"],
    "url": "/my/invoices/%s",
    "pdf": "/my/invoices/%s?report_type=pdf&download=true",
}
_PICKING = {
    "model": "stock.picking",
    "date": "date_done",
    "search": ["name", "origin"],
    "fields": ["origin"],
    "url": None,
    "pdf": "/my/picking/pdf/%s",
}
# the labels of the document types (the filter of /my/documents)
DOCUMENT_LABELS = {
    "quotation": _lt("Quotation"),
    "order": _lt("Order"),
    "delivery": _lt("Delivery note"),
    "invoice": _lt("Invoice"),
    "refund": _lt("Credit note"),
    "return": _lt("Goods return"),
    "statement": _lt("Reconciliation statement"),
}
DOCUMENT_TYPES = [
    (
        "quotation",
        ("orders",),
        {**_SALE_ORDER, "domain": [("state", "=", "sent")]},
    ),
    (
        "order",
        ("orders",),
        {**_SALE_ORDER, "domain": [("state", "=", "sale")]},
    ),
    (
        "delivery",
        ("orders",),
        {
            **_PICKING,
            "domain": [("picking_type_code", "=", "outgoing"), ("state", "=", "done")],
        },
    ),
    (
        "invoice",
        INVOICE_PERMISSIONS,
        {
            **_INVOICE,
            "domain": [("move_type", "=", "out_invoice"), ("state", "=", "posted")],
        },
    ),
    (
        "refund",
        INVOICE_PERMISSIONS,
        {
            **_INVOICE,
            "domain": [("move_type", "=", "out_refund"), ("state", "=", "posted")],
        },
    ),
    (
        "return",
        ("returns",),
        {
            **_PICKING,
            "domain": [("picking_type_code", "=", "incoming"), ("state", "=", "done")],
        },
    ),
    (
        "statement",
        ("statements",),
        {
            "model": "b2b.reconciliation",
            "domain": [],
            "date": "date_to",
            "search": ["name"],
            "fields": ["access_url"],
            "url": "access_url",
            "pdf": None,
        },
    ),
]


class B2bDocumentsPortal(CustomerPortal):
    """D1: every document of the current company in one list; D2: the supplier
    library. Both need the Documents permission (route guard + checks here);
    each document type also needs its own permission (orders, invoices, ...),
    and the records are read as the portal user, so record rules apply too."""

    # ------------------------------------------------------------
    # Home tiles
    # ------------------------------------------------------------

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        user = request.env.user
        if "b2b_library_count" in counters:
            Document = request.env["b2b.library.document"]
            values["b2b_library_count"] = (
                Document.search_count(Document._b2b_valid_domain())
                if user._b2b_has("documents") and Document.has_access("read")
                else 0
            )
        return values

    # ------------------------------------------------------------
    # D1 Documents
    # ------------------------------------------------------------

    def _b2b_document_types(self):
        """Ordered {type: spec} of the document types this person may see now:
        the rows of DOCUMENT_TYPES whose permission the current access has."""
        has = request.env.user._b2b_has
        return {
            key: {**spec, "label": str(DOCUMENT_LABELS[key])}
            for key, permissions, spec in DOCUMENT_TYPES
            if any(has(perm) for perm in permissions)
        }

    def _b2b_document_date_ranges(self):
        _ = request.env._
        today = fields.Date.context_today(request.env.user)
        return {
            "all": {"label": _("Any date"), "range": (None, None)},
            "30d": {"label": _("Last 30 days"), "range": (today - relativedelta(days=30), today)},
            "90d": {"label": _("Last 3 months"), "range": (today - relativedelta(months=3), today)},
            "year": {
                "label": _("This year"),
                "range": (today.replace(month=1, day=1), today.replace(month=12, day=31)),
            },
            "last_year": {
                "label": _("Last year"),
                "range": (
                    today.replace(year=today.year - 1, month=1, day=1),
                    today.replace(year=today.year - 1, month=12, day=31),
                ),
            },
        }

    def _b2b_document_domain(self, spec, partner_ids, search, date_from, date_to):
        field_type = request.env[spec["model"]]._fields[spec["date"]].type
        domain = [("partner_id", "in", partner_ids)] + spec["domain"]
        if search and spec["search"]:
            domain += ["|"] * (len(spec["search"]) - 1) + [
                (name, "ilike", search) for name in spec["search"]
            ]
        if date_from:
            domain.append(
                (
                    spec["date"],
                    ">=",
                    date_from
                    if field_type == "date"
                    else datetime.datetime.combine(date_from, datetime.time.min),
                )
            )
        if date_to:
            domain.append(
                (
                    spec["date"],
                    "<=",
                    date_to
                    if field_type == "date"
                    else datetime.datetime.combine(date_to, datetime.time.max),
                )
            )
        return domain

    def _b2b_documents_fetch(self, types, partner, search, date_from, date_to, offset, limit):
        """(rows of the page, total): per type, the newest ``offset + limit``
        records and their count, merged by date."""
        rows, total = [], 0
        user = request.env.user
        # the company and its contacts/addresses, expanded once for every type
        partner_ids = request.env["res.partner"].sudo()._search([("id", "child_of", partner.id)])
        for key, spec in types.items():
            Model = request.env[spec["model"]]
            if not Model.has_access("read"):
                continue
            domain = self._b2b_document_domain(spec, partner_ids, search, date_from, date_to)
            records, count = self._b2b_documents_search(Model, spec, domain, offset + limit)
            total += count
            date_field = spec["date"]
            for rec in records:
                value = rec[date_field]
                if isinstance(value, datetime.datetime):
                    value = fields.Datetime.context_timestamp(user, value).date()
                rows.append(self._b2b_document_row(key, spec, rec, value))
        rows.sort(key=lambda r: (r["date"] or datetime.date.min, r["id"]), reverse=True)
        return rows[offset : offset + limit], total

    def _b2b_documents_search(self, Model, spec, domain, limit):
        """(the newest ``limit`` records of ``domain``, their count) as the
        portal user. ``search_count`` then ``search_fetch`` would build the
        query twice, and each build expands the record rules' ``child_of`` on
        the company's contacts again (2 queries per search): the count and the
        rows come from one query built once, with its rules."""
        query = Model._search(domain)
        count = len(query) if not query.is_empty() else 0
        if not count:
            return Model.browse(), 0
        query.order = Model._order_to_sql(f"{spec['date']} desc, id desc", query)
        query.limit = limit
        names = ["name", spec["date"], *(f for f in spec["fields"] if f in Model._fields)]
        return Model._fetch_query(query, Model._determine_fields_to_fetch(names)), count

    def _b2b_document_row(self, key, spec, rec, date):
        """The row of the documents list for the record ``rec``."""
        fnames = [f for f in spec["fields"] if f in rec._fields]
        if spec["url"] == "access_url":
            link = rec.access_url
            pdf = link and f"{link}?report_type=pdf&download=true"
        else:
            link = spec["url"] and spec["url"] % rec.id
            pdf = spec["pdf"] and spec["pdf"] % rec.id
        references = ("client_order_ref", "invoice_origin", "origin")
        reference = next((rec[f] for f in references if f in fnames and rec[f]), "")
        return {
            "id": rec.id,
            "type": key,
            "type_label": spec["label"],
            "name": rec.name or "",
            "date": date,
            "reference": reference,
            "amount": rec.amount_total if "amount_total" in fnames else None,
            "currency_id": rec.currency_id.id if "currency_id" in fnames else False,
            "url": link,
            "pdf_url": pdf,
        }

    def _b2b_documents_filter(self, filterby, date):
        """(the document types listed, the period, the searchbar's values): one
        filter per document type the person may see and one for all of them,
        and the date ranges; an unknown filter or range means all."""
        all_types = self._b2b_document_types()
        filters = {"all": {"label": request.env._("All documents")}}
        filters.update({key: {"label": spec["label"]} for key, spec in all_types.items()})
        filterby = filterby if filterby in filters else "all"
        date_ranges = self._b2b_document_date_ranges()
        date = date if date in date_ranges else "all"
        types = all_types if filterby == "all" else {filterby: all_types[filterby]}
        searchbar = {
            "searchbar_filters": filters,
            "filterby": filterby,
            "date_ranges": date_ranges,
            "date": date,
        }
        return types, date_ranges[date]["range"], searchbar

    @http.route(
        ["/my/documents", "/my/documents/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
        readonly=True,
        b2b_permissions=("documents",),
    )
    def b2b_portal_my_documents(
        self, page=1, filterby="all", date="all", search=None, search_in="name", **kw
    ):
        partner = request.env.user._b2b_require("documents")
        types, (date_from, date_to), searchbar = self._b2b_documents_filter(filterby, date)
        search = (search or "").strip()[:100]
        offset = (max(int(page), 1) - 1) * DOCUMENTS_PER_PAGE
        rows, total = self._b2b_documents_fetch(
            types, partner, search, date_from, date_to, offset, DOCUMENTS_PER_PAGE
        )
        url_args = {key: searchbar[key] for key in ("filterby", "date")}
        url_args.update(search=search, search_in=search_in)
        pager = portal_pager("/my/documents", total, page, DOCUMENTS_PER_PAGE, url_args=url_args)
        currencies = request.env["res.currency"].browse(
            {row["currency_id"] for row in rows if row["currency_id"]}
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "b2b_documents",
                "default_url": "/my/documents",
                "documents": rows,
                "currencies": {currency.id: currency for currency in currencies},
                "pager": pager,
                **searchbar,
                "searchbar_inputs": {
                    "name": {"input": "name", "label": request.env._("Number or reference")}
                },
                "search_in": "name",
                "search": search,
                "document_total": total,
            }
        )
        return request.render("b2b_portal.portal_my_b2b_documents", values)

    # ------------------------------------------------------------
    # D2 Supplier library
    # ------------------------------------------------------------

    def _b2b_library_categories(self, domain, category):
        """(the categories of the documents of ``domain`` the person may see, with
        their counts, in order; the category asked for when it is one of them;
        the id asked for - 0 when none or not a number)."""
        categories = request.env["b2b.library.document"]._read_group(
            domain, ["category_id"], ["__count"]
        )
        categories.sort(key=lambda c: (c[0].sequence if c[0] else 9999, c[0].name or ""))
        try:
            category_id = int(category) if category else 0
        except ValueError:
            category_id = 0
        current = next(
            (cat for cat, _count in categories if category_id and cat.id == category_id),
            request.env["b2b.library.category"],
        )
        return categories, current, category_id

    @http.route(
        ["/my/library", "/my/library/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
        readonly=True,
        b2b_permissions=("documents",),
    )
    def b2b_portal_my_library(self, page=1, category=None, search=None, **kw):
        request.env.user._b2b_require("documents")
        Document = request.env["b2b.library.document"]
        domain = Document._b2b_valid_domain()
        search = (search or "").strip()[:100]
        if search:
            domain += ["|", ("name", "ilike", search), ("description", "ilike", search)]
        categories, current_category, category_id = self._b2b_library_categories(domain, category)
        if category_id:
            domain += [("category_id", "=", current_category.id or -1)]
        documents, pager = _b2b_page(
            Document,
            domain,
            "/my/library",
            page,
            "category_id, sequence, date_start desc, id desc",
            LIBRARY_PER_PAGE,
            {"category": category_id or None, "search": search},
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "b2b_library",
                "default_url": "/my/library",
                "library_groups": [
                    (cat, list(docs)) for cat, docs in groupby(documents, lambda d: d.category_id)
                ],
                "library_categories": categories,
                "library_total": sum(count for _cat, count in categories),
                "current_category": current_category,
                "search": search,
                "pager": pager,
                "searchbar_inputs": {"all": {"input": "all", "label": request.env._("Title")}},
                "search_in": "all",
            }
        )
        return request.render("b2b_portal.portal_my_b2b_library", values)

    @http.route(
        "/my/library/<int:document_id>/download",
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
        b2b_permissions=("documents",),
    )
    def b2b_portal_library_download(self, document_id, **kw):
        """Stream the file after every check: Documents permission, the record rule
        (visibility for the current company/profile), active and valid today. Not
        found and forbidden answer the same 404."""
        user = request.env.user
        if not user._b2b_has("documents"):
            raise NotFound()
        document = request.env["b2b.library.document"].browse(document_id).exists()
        if not document:
            raise NotFound()
        try:
            document.check_access("read")
        except AccessError:
            raise NotFound() from None
        if not document.active or not document._b2b_is_valid():
            raise NotFound()
        document_sudo = document.sudo()
        if not document_sudo.file:
            raise NotFound()
        document_sudo._b2b_count_download()
        stream = request.env["ir.binary"]._get_stream_from(
            document_sudo, "file", filename=document_sudo.file_name or document_sudo.name
        )
        return stream.get_response(as_attachment=True)
