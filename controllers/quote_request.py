# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Quote requests (Q1) in the B2B portal: ``/my/quote_request``.

The cart of the current company (or quick order's preview, which fills the cart
first) is sent as a request for quotation with wished quantities and prices and
a note; the salesperson prices it in the backend and sends it with Odoo's "Send
by email"; the customer accepts and signs it on Odoo's quotation page (spending
limits, approvals and the credit limit apply at that moment, see
``sale.order.action_confirm``) or asks for changes with a message, each round in
the chatter. The rules live on ``sale.order`` (``_b2b_request_quote``,
``_b2b_ask_quote_changes``); this controller reads forms and renders."""

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import UserError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

from ..models.sale_order import QUOTE_TEXT_MAX
from .main import _is_id

FLASH_KEY = "b2b_quote_flash"


class B2bQuotePortal(CustomerPortal):
    def _b2b_quote_user(self):
        """The person, after the check: Request quotes and Orders for the current
        company (a quote request is a cart sent for prices)."""
        user = request.env.user
        user._b2b_require("quotes")
        user._b2b_require("orders")
        return user

    def _b2b_render_quote_request(self, error="", note="", wishes=None):
        cart = request.cart
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "b2b_quote_request",
                "cart": cart,
                "lines": cart._b2b_product_lines() if cart else request.env["sale.order.line"],
                "error": error,
                "note": note,
                "wishes": wishes or {},
                "max_text": QUOTE_TEXT_MAX,
            }
        )
        return request.render("b2b_portal.portal_b2b_quote_request", values)

    @http.route(
        "/my/quote_request",
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
        readonly=True,
        b2b_permissions=("quotes",),
    )
    def b2b_quote_request(self, **kw):
        self._b2b_quote_user()
        return self._b2b_render_quote_request()

    @http.route(
        "/my/quote_request",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
        b2b_permissions=("quotes",),
    )
    def b2b_quote_request_submit(self, note="", **post):
        user = self._b2b_quote_user()
        form = request.httprequest.form
        wishes = {}
        # one row per product of the cart (quantity, wished price)
        for product_id, qty, price in zip(
            form.getlist("product_id"), form.getlist("qty"), form.getlist("price"), strict=False
        ):
            if not _is_id(product_id):
                return self._b2b_render_quote_request(
                    request.env._("Your cart has changed; please check the request again.")
                )
            wishes.setdefault(int(product_id), (qty[:32], price[:32]))
        note = (note or "")[: QUOTE_TEXT_MAX + 1]
        cart = request.cart
        if not cart:
            return self._b2b_render_quote_request(
                request.env._("Your cart is empty: add the products you want a quote for.")
            )
        try:
            with request.env.cr.savepoint():
                cart._b2b_request_quote(user, note, wishes)
        except UserError as e:
            return self._b2b_render_quote_request(str(e), note, wishes)
        request.website.sale_reset()
        return request.redirect(f"{cart.access_url}?message=b2b_quote_requested")

    @http.route(
        "/my/quote_request/<int:order_id>/changes",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
        b2b_permissions=("quotes",),
    )
    def b2b_quote_changes(self, order_id, message="", **post):
        user = self._b2b_quote_user()
        # the record rules decide which quotations exist for this person
        order = request.env["sale.order"].search([("id", "=", order_id)])
        if not order:
            raise NotFound()
        try:
            with request.env.cr.savepoint():
                order.sudo()._b2b_ask_quote_changes(user, message[: QUOTE_TEXT_MAX + 1])
        except UserError as e:
            request.session[FLASH_KEY] = str(e)
            # the record rules open the page: no access token is made (nothing written)
            return request.redirect(f"{order.access_url}?message=b2b_quote_error")
        return request.redirect(f"{order.access_url}?message=b2b_quote_changes")
