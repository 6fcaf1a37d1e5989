# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Ordering and order tracking in the B2B portal (O1-O8, U6 in the shop, U10).

Every route asks the resolver (``res.users``) for the current company and the Orders
permission; records are searched as the portal user so record rules apply, and read
with ``sudo()`` only once they are known to be the current company's.
"""

from datetime import date

from werkzeug.exceptions import Forbidden, NotFound

from odoo import fields, http
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain
from odoo.http import content_disposition, request

from odoo.addons.portal.controllers.portal import pager as portal_pager
from odoo.addons.sale.controllers.portal import CustomerPortal
from odoo.addons.website_sale.controllers.main import WebsiteSale

from ..models.b2b_quick_order import MAX_FILE_SIZE, MAX_LINES, MAX_QTY
from ..report.xlsx_workbook import XLSX_MIMETYPE
from .main import (
    _b2b_file_response,
    _b2b_page,
    _b2b_report_in_page_lang,
    _b2b_searchbar,
    _is_id,
)

CHECKOUT_ERROR_KEY = "b2b_checkout_error"
# Q1: the orders list's "Quote requests" filter (quotations, see _prepare_orders_domain)
QUOTE_REQUESTS_DOMAIN = [("b2b_quote_state", "!=", False)]


def _b2b_user():
    """The B2B user of the request or None (plain portal users keep Odoo's shop)."""
    return request.env["website"]._b2b_request_user()


class B2bOrdersPortal(CustomerPortal):
    # ------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------

    def _b2b_cart(self):
        """The current cart, created if needed; UserError when the person may not
        order now."""
        return request.cart or request.website._create_cart()

    # ------------------------------------------------------------
    # Home: tiles and counters only with the Orders permission
    # ------------------------------------------------------------

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "b2b_delivery_count" in counters:
            Picking = request.env["stock.picking"]
            allowed = request.env.user._b2b_has("orders") and Picking.has_access("read")
            values["b2b_delivery_count"] = (
                Picking.search_count(self._b2b_deliveries_domain(), limit=1) if allowed else 0
            )
        return values

    # ------------------------------------------------------------
    # O6: orders list - searchbar inputs, filters, sortings
    # ------------------------------------------------------------

    def _get_sale_searchbar_sortings(self):
        sortings = super()._get_sale_searchbar_sortings()
        _ = request.env._
        sortings.update(
            {
                "name": {"label": _("Reference"), "order": "name desc"},
                "amount": {"label": _("Total"), "order": "amount_total desc, id desc"},
                "delivery": {"label": _("Delivery status"), "order": "delivery_status, id desc"},
                "invoice": {"label": _("Invoice status"), "order": "invoice_status, id desc"},
            }
        )
        return sortings

    def _b2b_order_searchbar_filters(self):
        _ = request.env._
        return {
            "all": {"label": _("All"), "domain": []},
            "to_deliver": {
                "label": _("To be delivered"),
                "domain": [("delivery_status", "in", ("pending", "started", "partial"))],
            },
            "delivered": {"label": _("Delivered"), "domain": [("delivery_status", "=", "full")]},
            "to_invoice": {
                "label": _("To be invoiced"),
                "domain": [("invoice_status", "=", "to invoice")],
            },
            "invoiced": {
                "label": _("Fully invoiced"),
                "domain": [("invoice_status", "=", "invoiced")],
            },
            "quotes": {"label": _("Quote requests"), "domain": QUOTE_REQUESTS_DOMAIN},
        }

    def _b2b_order_searchbar_inputs(self):
        _ = request.env._
        return {
            "all": {"input": "all", "label": _("Search in all")},
            "name": {"input": "name", "label": _("Search in order reference")},
            "ref": {"input": "ref", "label": _("Search in your reference")},
            "product": {"input": "product", "label": _("Search in products")},
        }

    def _b2b_order_search_domain(self, search_in, search):
        if not search:
            return []
        domains = {
            "name": [("name", "ilike", search)],
            "ref": [("client_order_ref", "ilike", search)],
            "product": [
                "|",
                ("order_line.product_id.default_code", "ilike", search),
                ("order_line.name", "ilike", search),
            ],
        }
        if search_in in domains:
            return domains[search_in]
        return Domain.OR(Domain(d) for d in domains.values())

    def _prepare_sale_portal_rendering_values(
        self,
        page=1,
        date_begin=None,
        date_end=None,
        sortby=None,
        quotation_page=False,
        search=None,
        search_in="all",
        filterby=None,
        **kwargs,
    ):
        if sortby not in self._get_sale_searchbar_sortings():
            sortby = None  # never a KeyError (500) for a forged sort key
        dates = {"date_begin": date_begin, "date_end": date_end}
        if quotation_page:
            return super()._prepare_sale_portal_rendering_values(
                page=page, sortby=sortby, quotation_page=True, **dates, **kwargs
            )
        search_values = self._b2b_orders_search(filterby, search_in, search)
        values = super()._prepare_sale_portal_rendering_values(
            page=page, sortby=sortby, quotation_page=False, **dates, **kwargs
        )
        url_args = {
            **dates,
            "sortby": values.get("sortby"),
            **{key: search_values[key] for key in ("filterby", "search_in", "search")},
        }
        # the same pages, with links that keep the search and filter (no new query)
        values["pager"] = portal_pager(
            url="/my/orders",
            total=values["pager"]["page_count"] * self._items_per_page,
            page=page,
            step=self._items_per_page,
            url_args={key: value for key, value in url_args.items() if value},
        )
        values.update(search_values)
        return values

    def _b2b_orders_search(self, filterby, search_in, search):
        """The orders list's filter and search, checked (unknown keys fall back to
        "all"), handed to ``_prepare_orders_domain`` for this request; returns the
        searchbar values of the page."""
        filters = self._b2b_order_searchbar_filters()
        inputs = self._b2b_order_searchbar_inputs()
        filterby = filterby if filterby in filters else "all"
        search_in = search_in if search_in in inputs else "all"
        search = (search or "").strip()[:100]
        # read by _prepare_orders_domain (controllers/portal.py, this request only)
        request.b2b_orders_quote_requests = filterby == "quotes"
        request.b2b_orders_extra_domain = list(
            Domain(filters[filterby]["domain"])
            & Domain(self._b2b_order_search_domain(search_in, search))
        )
        return {
            "searchbar_filters": filters,
            "filterby": filterby,
            "searchbar_inputs": inputs,
            "search_in": search_in,
            "search": search,
        }

    # ------------------------------------------------------------
    # O3: order again
    # ------------------------------------------------------------

    def _b2b_reorder_order(self, order_id):
        """The order, if it is the current company's (never by token: a cart is
        always the current company's)."""
        request.env.user._b2b_require("orders")
        order = request.env["sale.order"].browse(order_id).exists()
        try:
            order.check_access("read")
        except AccessError:
            return None
        if not order:
            return None
        order_sudo = order.sudo()
        if order_sudo.partner_id.commercial_partner_id != request.env.user._b2b_require("orders"):
            return None
        return order_sudo

    @http.route(
        "/my/orders/<int:order_id>/reorder",
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
        readonly=True,
        b2b_permissions=("orders",),
    )
    def b2b_reorder_form(self, order_id, **kw):
        order_sudo = self._b2b_reorder_order(order_id)
        if not order_sudo:
            return request.redirect("/my/orders")
        return self._b2b_render_reorder(order_sudo, {}, {})

    def _b2b_render_reorder(self, order_sudo, errors, posted):
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "b2b_reorder",
                "order": order_sudo,
                "reorder_lines": order_sudo._b2b_reorder_lines(request.env.user, request.website),
                "errors": errors,
                "posted": posted,
                "max_qty": MAX_QTY,
            }
        )
        return request.render("b2b_portal.portal_b2b_reorder", values)

    @http.route(
        "/my/orders/<int:order_id>/reorder",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
        b2b_permissions=("orders",),
    )
    def b2b_reorder_submit(self, order_id, **post):
        order_sudo = self._b2b_reorder_order(order_id)
        if not order_sudo:
            return request.redirect("/my/orders")
        _ = request.env._
        form = request.httprequest.form
        chosen = {int(v) for v in form.getlist("line_ids") if _is_id(v)}
        available = {
            line.id: line
            for line, reason in order_sudo._b2b_reorder_lines(request.env.user, request.website)
            if not reason
        }
        QuickOrder = request.env["b2b.quick.order"]
        errors, to_add, posted = {}, [], {}
        for line_id in chosen:
            line = available.get(line_id)
            if not line:  # another order's line, or one that cannot be ordered again
                # shown above the form too: the line may not be on this page
                errors[line_id] = errors[0] = _("This line cannot be ordered again.")
                continue
            qty_text = form.get(f"qty_{line_id}", "")
            posted[line_id] = qty_text
            qty, error = QuickOrder._b2b_parse_qty(qty_text)
            if error:
                errors[line_id] = error
                continue
            to_add.append((line.product_id, qty))
        if not chosen:
            errors[0] = _("Choose at least one line.")
        if errors:
            return self._b2b_render_reorder(order_sudo, errors, posted)
        try:
            self._b2b_cart()._b2b_cart_add_lines(self._b2b_merge(to_add))
        except UserError as e:
            errors[0] = str(e)
            return self._b2b_render_reorder(order_sudo, errors, posted)
        return request.redirect("/shop/cart")

    @staticmethod
    def _b2b_merge(pairs):
        merged = {}
        for product, qty in pairs:
            merged[product] = merged.get(product, 0) + qty
        return list(merged.items())

    # ------------------------------------------------------------
    # O4: quick order (validate -> preview -> confirm)
    # ------------------------------------------------------------

    @http.route(
        "/my/quick_order",
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
        readonly=True,
        b2b_permissions=("orders",),
    )
    def b2b_quick_order(self, **kw):
        request.env.user._b2b_require("orders")
        return self._b2b_render_quick_order({})

    def _b2b_render_quick_order(self, extra):
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "b2b_quick_order",
                "text": "",
                "lines": [],
                "valid_lines": [],
                "form_error": "",
                "max_lines": MAX_LINES,
                "max_size_kb": MAX_FILE_SIZE // 1024,
                "row_count": 5,
                "typed_rows": [],
            }
        )
        values.update(extra)
        # the SKU rows the person typed stay in their rows, to be fixed there
        values["row_count"] = max(values["row_count"], len(values["typed_rows"]))
        return request.render("b2b_portal.portal_b2b_quick_order", values)

    def _b2b_quick_order_rows(self, post):
        """(rows, error) from the SKU/quantity rows, the pasted text and the file."""
        QuickOrder = request.env["b2b.quick.order"]
        form = request.httprequest.form
        rows, error = [], None
        skus, qtys = form.getlist("sku"), form.getlist("qty")
        for index, sku in enumerate(skus):
            qty = qtys[index] if index < len(qtys) else ""
            if sku.strip() or qty.strip():
                rows.append((f"R{index + 1}", sku.strip(), qty.strip()))
        rows += [
            (f"P{n}", sku, qty) for n, sku, qty in QuickOrder._b2b_parse_text(post.get("text"))
        ]
        upload = request.httprequest.files.get("file")
        if upload and upload.filename:
            data = upload.read(MAX_FILE_SIZE + 1)
            file_rows, error = QuickOrder._b2b_parse_file(upload.filename, data)
            rows += [(f"F{n}", sku, qty) for n, sku, qty in file_rows]
        return rows, error

    @http.route(
        "/my/quick_order",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
        b2b_permissions=("orders",),
    )
    def b2b_quick_order_validate(self, **post):
        """Step 1: validate everything, change nothing, show the preview."""
        request.env.user._b2b_require("orders")
        _ = request.env._
        text = (post.get("text") or "")[:MAX_FILE_SIZE]
        rows, file_error = self._b2b_quick_order_rows(post)
        typed = [(sku[:64], qty[:32]) for n, sku, qty in rows if n.startswith("R")][:MAX_LINES]
        kept = {"text": text, "typed_rows": typed}
        if file_error:
            return self._b2b_render_quick_order({**kept, "form_error": file_error})
        if not rows:
            return self._b2b_render_quick_order(
                {**kept, "form_error": _("Enter at least one SKU and quantity.")}
            )
        lines, error = request.env["b2b.quick.order"]._b2b_validate(
            rows, request.env.user, request.website
        )
        if error:
            return self._b2b_render_quick_order({**kept, "form_error": error})
        valid = request.env["b2b.quick.order"]._b2b_valid_lines(lines)
        # a file cannot be posted again: its rows come back as pasted text
        file_rows = [row for row in rows if row[0].startswith("F")]
        return self._b2b_render_quick_order(
            {
                **kept,
                "text": "\n".join(filter(None, [text, self._b2b_rows_as_text(file_rows)])),
                "lines": lines,
                "valid_lines": valid,
                "error_count": sum(1 for line in lines if line["error"]),
                "confirm_text": "\n".join(f"{p.default_code}\t{q}" for p, q in valid),
            }
        )

    @staticmethod
    def _b2b_rows_as_text(rows):
        return "\n".join(f"{sku}\t{qty}" for _n, sku, qty in rows)

    @http.route(
        "/my/quick_order/confirm",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
        b2b_permissions=("orders",),
    )
    def b2b_quick_order_confirm(self, confirm_text="", **post):
        """Step 2: the person confirmed the valid lines: check them again (never
        trust the posted form) and put them in the cart in one batch."""
        request.env.user._b2b_require("orders")
        _ = request.env._
        QuickOrder = request.env["b2b.quick.order"]
        rows = QuickOrder._b2b_parse_text(confirm_text[:MAX_FILE_SIZE])
        lines, error = QuickOrder._b2b_validate(rows, request.env.user, request.website)
        if error or not rows or any(line["error"] for line in lines):
            return self._b2b_render_quick_order(
                {
                    "text": confirm_text,
                    "form_error": error
                    or _("Some lines are not valid any more; please check them again."),
                }
            )
        try:
            self._b2b_cart()._b2b_cart_add_lines(QuickOrder._b2b_valid_lines(lines))
        except UserError as e:
            return self._b2b_render_quick_order({"text": confirm_text, "form_error": str(e)})
        # Q1: "Request a quote" instead of ordering: the lines wait in the cart
        # for the wished quantities and prices
        if post.get("quote") and request.env.user._b2b_has("quotes"):
            return request.redirect("/my/quote_request")
        return request.redirect("/shop/cart")

    # ------------------------------------------------------------
    # O7: order statement (screen, PDF, XLSX)
    # ------------------------------------------------------------

    def _b2b_statement_filters(self, kw):
        filters = {}
        for key in ("date_from", "date_to"):
            try:
                value = fields.Date.to_date(kw.get(key) or None)
            except ValueError:
                value = None
            if value:
                filters[key] = value
        for key in ("order", "product"):
            if value := (kw.get(key) or "").strip()[:64]:
                filters[key] = value
        return filters

    def _b2b_statement(self, kw):
        partner = request.env.user._b2b_require("orders")
        filters = self._b2b_statement_filters(kw)
        report = request.env["report.b2b_portal.report_order_statement"]
        return partner, filters, report._b2b_statement(partner, filters)

    @http.route(
        "/my/order_statement",
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
        readonly=True,
        b2b_permissions=("orders",),
    )
    def b2b_order_statement(self, **kw):
        partner, filters, statement = self._b2b_statement(kw)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "b2b_order_statement",
                "statement": statement,
                "filters": filters,
                "partner": partner,
                "query": {k: str(v) for k, v in filters.items()},
            }
        )
        return request.render("b2b_portal.portal_b2b_order_statement", values)

    @http.route(
        "/my/order_statement/pdf",
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
        readonly=True,
        b2b_permissions=("orders",),
    )
    def b2b_order_statement_pdf(self, **kw):
        partner, filters, statement = self._b2b_statement(kw)
        data = {
            "line_ids": [row["line"].id for row in statement["rows"]],
            "filters": {k: str(v) for k, v in filters.items()},
        }
        # the lines were found as the portal user; the report only lays them out
        _b2b_report_in_page_lang()
        pdf = (
            request.env["ir.actions.report"]
            .sudo()
            ._render_qweb_pdf("b2b_portal.action_report_order_statement", [partner.id], data=data)[
                0
            ]
        )
        filename = f"order-statement-{date.today().isoformat()}.pdf"
        return request.make_response(
            pdf,
            headers=[
                ("Content-Type", "application/pdf"),
                ("Content-Length", len(pdf)),
                ("Content-Disposition", content_disposition(filename)),
            ],
        )

    @http.route(
        "/my/order_statement/xlsx",
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
        readonly=True,
        b2b_permissions=("orders",),
    )
    def b2b_order_statement_xlsx(self, **kw):
        partner, _filters, statement = self._b2b_statement(kw)
        report = request.env["report.b2b_portal.report_order_statement"]
        return _b2b_file_response(
            report._b2b_statement_xlsx(partner, statement),
            f"order-statement-{date.today().isoformat()}.xlsx",
            XLSX_MIMETYPE,
        )

    # ------------------------------------------------------------
    # O8: deliveries
    # ------------------------------------------------------------

    def _b2b_deliveries_domain(self):
        partner = request.env.user._b2b_require("orders")
        return [
            ("picking_type_code", "=", "outgoing"),
            ("sale_id.partner_id", "child_of", partner.id),
        ]

    def _b2b_delivery_searchbar_filters(self):
        _ = request.env._
        return {
            "all": {"label": _("All"), "domain": [("state", "!=", "cancel")]},
            "open": {
                "label": _("On the way"),
                "domain": [("state", "in", ("confirmed", "waiting", "assigned"))],
            },
            "done": {"label": _("Delivered"), "domain": [("state", "=", "done")]},
        }

    def _b2b_delivery_searchbar_sortings(self):
        _ = request.env._
        return {
            "date": {"label": _("Date"), "order": "scheduled_date desc, id desc"},
            "name": {"label": _("Reference"), "order": "name desc"},
            "state": {"label": _("Status"), "order": "state, id desc"},
        }

    @http.route(
        ["/my/deliveries", "/my/deliveries/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
        readonly=True,
        b2b_permissions=("orders",),
    )
    def b2b_deliveries(self, page=1, sortby=None, filterby=None, search=None, **kw):
        request.env.user._b2b_require("orders")
        Picking = request.env["stock.picking"]
        filters = self._b2b_delivery_searchbar_filters()
        sortings = self._b2b_delivery_searchbar_sortings()
        filterby = filterby if filterby in filters else "all"
        sortby = sortby if sortby in sortings else "date"
        search = (search or "").strip()[:100]
        domain = Domain(self._b2b_deliveries_domain()) & Domain(filters[filterby]["domain"])
        if search:
            domain &= Domain("name", "ilike", search) | Domain("origin", "ilike", search)
        url_args = {
            k: v for k, v in {"sortby": sortby, "filterby": filterby, "search": search}.items() if v
        }
        pickings, pager = _b2b_page(
            Picking,
            domain,
            "/my/deliveries",
            page,
            sortings[sortby]["order"],
            self._items_per_page,
            url_args,
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "b2b_deliveries",
                # found as the portal user (rules); their orders read without rules
                "pickings": pickings.sudo(),
                "pager": pager,
                "default_url": "/my/deliveries",
                **_b2b_searchbar(sortings, sortby, filters, filterby),
                "searchbar_inputs": {
                    "all": {"input": "all", "label": request.env._("Search in references")}
                },
                "search_in": "all",
                "search": search,
            }
        )
        return request.render("b2b_portal.portal_b2b_deliveries", values)


class B2bWebsiteSale(WebsiteSale):
    """The shop of a B2B user: products of the profile (U6), the company's prices
    (U10), its cart and its addresses (O2), order on account with a PO reference and
    the credit limit (U10)."""

    @http.route()
    def product(self, product, category=None, pricelist=None, **kwargs):
        if _b2b_user() and not request.env["product.template"].search_count(
            [("id", "=", product.id)], limit=1
        ):
            raise NotFound()
        return super().product(product, category=category, pricelist=pricelist, **kwargs)

    def _apply_pricelist(self, pricelist=None):
        if _b2b_user():
            return  # a B2B customer always buys at its own pricelist
        return super()._apply_pricelist(pricelist=pricelist)

    def _check_cart(self, order_sudo):
        user = _b2b_user()
        if user and user._b2b_order_refusal():
            return request.redirect("/shop/cart")
        return super()._check_cart(order_sudo)

    def _b2b_addresses_editable(self):
        return not request.env["website"]._b2b_addresses_locked()

    @http.route()
    def shop_address(self, *args, **kwargs):
        if not self._b2b_addresses_editable():
            return request.redirect("/shop/checkout")
        return super().shop_address(*args, **kwargs)

    @http.route()
    def shop_address_submit(self, *args, **kwargs):
        if not self._b2b_addresses_editable():
            raise Forbidden()
        return super().shop_address_submit(*args, **kwargs)

    def _get_shop_payment_values(self, order, **kwargs):
        values = super()._get_shop_payment_values(order, **kwargs)
        user = _b2b_user()
        if user and order:
            credit = order._b2b_credit_info()
            exceeded = order._b2b_credit_exceeded()
            values.update(
                {
                    "b2b_checkout": True,
                    "b2b_checkout_error": request.session.pop(CHECKOUT_ERROR_KEY, ""),
                    "b2b_credit_limit": credit and credit[0],
                    "b2b_credit_available": credit and max(credit[0] - credit[1], 0.0),
                    "b2b_credit_exceeded": exceeded and exceeded[0],
                    "b2b_credit_mode": order._b2b_credit_mode(),
                    "b2b_company_currency": order.company_id.currency_id,
                    # no online payment before the approval (checked again when a
                    # transaction is created: sale.order._check_cart_is_ready_to_be_paid)
                    "b2b_approval_needed": order._b2b_approval_needed(),
                }
            )
        return values

    @http.route(
        "/shop/b2b/place_order",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
        sitemap=False,
    )
    def b2b_place_order(self, client_order_ref="", **post):
        """Order on account: confirm the cart of the current company (or keep it as
        a quotation waiting for credit approval), with the customer's PO reference."""
        user = _b2b_user()
        if not user:
            raise NotFound()
        if not user._b2b_has("orders"):
            raise Forbidden()
        order_sudo = request.cart
        if redirection := self._check_cart_and_addresses(order_sudo):
            return redirection
        try:
            with request.env.cr.savepoint():
                order_sudo._b2b_check_cart(order_sudo._b2b_product_lines().product_id)
                reference = (client_order_ref or "").strip()[:64]
                if reference:
                    order_sudo.client_order_ref = reference
                order_sudo.action_confirm()
        except UserError as e:
            request.session[CHECKOUT_ERROR_KEY] = str(e)
            return request.redirect("/shop/payment")
        request.website.sale_reset()
        # the order page thanks the buyer with its number and PO reference
        return request.redirect(order_sudo.get_portal_url(query_string="&message=b2b_placed"))
