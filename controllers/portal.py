# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from passlib.utils import MAX_PASSWORD_SIZE
from werkzeug.exceptions import Forbidden

from odoo import http
from odoo.fields import Domain
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

from ..models.ir_http import SESSION_KEY
from .main import _local_path


class B2bCustomerPortal(CustomerPortal):
    # ------------------------------------------------------------
    # Layout values: the current company, its code and the permissions
    # ------------------------------------------------------------

    def _prepare_portal_layout_values(self):
        values = super()._prepare_portal_layout_values()
        values.update(self._b2b_layout_values())
        return values

    def _b2b_layout_values(self):
        user = request.env.user
        if not user.b2b_managed:
            return {"b2b_user": False}
        return {
            "b2b_user": True,
            "b2b_current_partner": user._b2b_current_partner(),
            "b2b_partners": user._b2b_allowed_partners(),
            "b2b_permissions": user._b2b_permissions(),
            "b2b_profile_readonly": user._b2b_profile_readonly(),
            "b2b_password_change": not user._b2b_self_service_refusal("password"),
        }

    # ------------------------------------------------------------
    # Lists of Odoo's portal: the current company, not the login's own company
    # ------------------------------------------------------------

    def _b2b_list_partner(self, partner):
        """The company whose documents the portal lists for ``partner`` (the user's
        contact): the current B2B company, else Odoo's commercial partner."""
        user = request.env.user
        if user.b2b_managed:
            return user._b2b_current_partner()
        return partner

    def _prepare_quotations_domain(self, partner):
        domain = super()._prepare_quotations_domain(self._b2b_list_partner(partner))
        # a quotation submitted for approval is no longer the customer's to review
        return list(Domain(domain) & Domain("b2b_approval_state", "!=", "waiting"))

    def _prepare_orders_domain(self, partner):
        company = self._b2b_list_partner(partner)
        customer = Domain("partner_id", "child_of", company.commercial_partner_id.ids)
        if getattr(request, "b2b_orders_quote_requests", False):
            # Q1: quote requests are quotations (Odoo lists confirmed orders here)
            domain = customer & Domain("state", "in", ("draft", "sent"))
        else:
            # ... the buyer follows it among the orders, marked "Waiting for approval"
            domain = Domain(super()._prepare_orders_domain(company)) | (
                customer & Domain("b2b_approval_state", "=", "waiting")
            )
        # the list's filter and search (controllers/orders.py, this request only)
        return list(domain & Domain(getattr(request, "b2b_orders_extra_domain", [])))

    # ------------------------------------------------------------
    # Company chooser (after login and from the header switcher)
    # ------------------------------------------------------------

    @http.route(
        "/my/b2b/company", type="http", auth="user", website=True, methods=["GET"], readonly=True
    )
    def b2b_company_chooser(self, redirect=None, **kw):
        user = request.env.user
        partners = user._b2b_allowed_partners()
        if not user.b2b_managed or not partners:
            return request.redirect("/my")
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "b2b_company",
                "partners": partners,
                "current": user._b2b_current_partner(),
                "redirect": _local_path(redirect),
                "no_breadcrumbs": True,
            }
        )
        return request.render("b2b_portal.portal_b2b_company_chooser", values)

    @http.route("/my/b2b/company", type="http", auth="user", website=True, methods=["POST"])
    def b2b_company_choose(self, partner_id=None, redirect=None, **kw):
        user = request.env.user
        try:
            partner_id = int(partner_id)
        except (TypeError, ValueError):
            raise Forbidden() from None
        # never trust the posted id: it must be one of the person's active accesses
        if partner_id not in user._b2b_allowed_partners().ids:
            raise Forbidden()
        request.session[SESSION_KEY] = partner_id
        # counters cached in the session belong to the previous company
        request.session.pop("portal_counters", None)
        return request.redirect(_local_path(redirect))

    # ------------------------------------------------------------
    # U8: password change and language
    # ------------------------------------------------------------

    @http.route()
    def security(self, **post):
        if request.httprequest.method == "POST":
            if not self._b2b_layout_values().get("b2b_password_change", True):
                raise Forbidden()
            # a field left out is an empty one (Odoo reads them as post[...])
            for key in ("old", "new1", "new2"):
                post.setdefault(key, "")
        return super().security(**post)

    def _update_password(self, old, new1, new2):
        # longer passwords make passlib raise instead of answering
        for key, value in (("old", old), ("new1", new1), ("new2", new2)):
            if len(value) > MAX_PASSWORD_SIZE:
                message = request.env._(
                    "A password has at most %(max)s characters.", max=MAX_PASSWORD_SIZE
                )
                return {"errors": {"password": {key: message}}}
        return super()._update_password(old, new1, new2)

    @http.route()
    def deactivate_account(self, validation=None, password=None, **post):
        # B2B users are managed by the supplier (passive/active), not deleted
        if request.env.user.b2b_managed:
            raise Forbidden()
        return super().deactivate_account(validation, password, **post)

    @http.route("/my/b2b/lang", type="http", auth="user", website=True, methods=["POST"])
    def b2b_set_lang(self, lang=None, redirect=None, **kw):
        # the languages the form offers: the ones the website serves (an installed
        # language the website does not serve would change nothing in the portal)
        if not isinstance(lang, str) or lang not in request.env["res.lang"]._get_frontend():
            raise Forbidden()
        request.env.user.sudo().lang = lang
        # the website keeps the language in a cookie; follow the user's choice
        response = request.redirect(_local_path(redirect, "/my/security"))
        response.set_cookie("frontend_lang", lang)
        return response
