# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import UserError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

from .main import _b2b_page

COMMENT_MAX_LENGTH = 4000


class B2bApprovalPortal(CustomerPortal):
    """U11: approvers of the current company approve or reject the orders waiting
    for approval (orders above a buyer's spending limit)."""

    # ------------------------------------------------------------
    # Checks
    # ------------------------------------------------------------

    def _b2b_approver_access(self):
        """(sudo) The current access of the person when it may approve, else 403."""
        user = request.env.user
        user._b2b_require("approve")
        return user._b2b_access_for()

    def _b2b_waiting_domain(self, access_sudo):
        return [
            ("partner_id", "child_of", access_sudo.partner_id.id),
            ("b2b_approval_state", "=", "waiting"),
            ("state", "in", ("draft", "sent")),
        ]

    def _b2b_waiting_order(self, access_sudo, order_id):
        """(sudo) A waiting order of the approver's company; 404 for anything else."""
        order_sudo = (
            request.env["sale.order"]
            .sudo()
            .search([("id", "=", order_id), *self._b2b_waiting_domain(access_sudo)])
        )
        if not order_sudo:
            raise NotFound()
        return order_sudo

    # ------------------------------------------------------------
    # Home tile
    # ------------------------------------------------------------

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "b2b_approval_count" in counters:
            user = request.env.user
            access = user._b2b_access_for() if user.b2b_managed else None
            values["b2b_approval_count"] = (
                request.env["sale.order"].sudo().search_count(self._b2b_waiting_domain(access))
                if access and "approve" in access._b2b_effective_permissions()
                else 0
            )
        return values

    # ------------------------------------------------------------
    # Pages
    # ------------------------------------------------------------

    @http.route(
        ["/my/b2b/approvals", "/my/b2b/approvals/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
        readonly=True,
        b2b_permissions=("approve",),
    )
    def b2b_approvals(self, page=1, message=None, **kw):
        access_sudo = self._b2b_approver_access()
        domain = self._b2b_waiting_domain(access_sudo)
        orders_sudo, pager = _b2b_page(
            request.env["sale.order"].sudo(),
            domain,
            "/my/b2b/approvals",
            page,
            "b2b_approval_requested_on, id",
            self._items_per_page,
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "b2b_approvals",
                "default_url": "/my/b2b/approvals",
                "orders": orders_sudo,
                "pager": pager,
                "message": message,
            }
        )
        return request.render("b2b_portal.portal_my_b2b_approvals", values)

    @http.route(
        "/my/b2b/approvals/<int:order_id>",
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
        readonly=True,
        b2b_permissions=("approve",),
    )
    def b2b_approval(self, order_id, error=None, **kw):
        access_sudo = self._b2b_approver_access()
        order_sudo = self._b2b_waiting_order(access_sudo, order_id)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "b2b_approval",
                "order": order_sudo,
                "own_order": order_sudo.b2b_approval_requested_by == request.env.user,
                "error": error,
            }
        )
        return request.render("b2b_portal.portal_my_b2b_approval", values)

    @http.route(
        "/my/b2b/approvals/<int:order_id>/<any(approve,reject):decision>",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
        b2b_permissions=("approve",),
    )
    def b2b_approval_decide(self, order_id, decision, comment=None, **post):
        access_sudo = self._b2b_approver_access()
        order_sudo = self._b2b_waiting_order(access_sudo, order_id)
        comment = (comment or "").strip()
        user = request.env.user
        try:
            if len(comment) > COMMENT_MAX_LENGTH:
                raise UserError(request.env._("The comment is too long."))
            if decision == "approve":
                with request.env.cr.savepoint():
                    order_sudo._b2b_approve(user, comment)
            else:
                if not comment:
                    raise UserError(
                        request.env._("Please tell the buyer why the order is rejected.")
                    )
                order_sudo._b2b_reject(user, comment)
        except UserError as e:
            values = self._prepare_portal_layout_values()
            values.update(
                {
                    "page_name": "b2b_approval",
                    "order": order_sudo,
                    "own_order": order_sudo.b2b_approval_requested_by == user,
                    "error": e.args[0],
                    "comment": comment,
                }
            )
            return request.render("b2b_portal.portal_my_b2b_approval", values)
        message = "approved" if decision == "approve" else "rejected"
        return request.redirect(f"/my/b2b/approvals?message={message}")
