# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from werkzeug.wsgi import wrap_file

from odoo import http
from odoo.http import content_disposition, request

from odoo.addons.auth_signup.controllers.main import AuthSignupHome
from odoo.addons.portal.controllers.portal import pager as portal_pager
from odoo.addons.portal.controllers.web import Home

from ..models.ir_http import SESSION_KEY


class B2bHome(Home):
    def _login_redirect(self, uid, redirect=None):
        # every login starts with a fresh choice of the company to act for
        request.session.pop(SESSION_KEY, None)
        user = request.env["res.users"].sudo().browse(uid)
        if user.b2b_managed and len(user._b2b_allowed_partners()) > 1:
            target = redirect or "/my"
            if not target.startswith("/my/b2b/company"):
                return f"/my/b2b/company?redirect={_local_path(target)}"
        return super()._login_redirect(uid, redirect=redirect)


class B2bSignup(AuthSignupHome):
    @http.route()
    def web_auth_signup(self, *args, **kw):
        # sign-up by invitation only: without an invitation token (and unless the
        # shop opened sign-up in Settings) the way in is the B2B application form
        qcontext = self.get_auth_signup_qcontext()
        if not qcontext.get("token") and not qcontext.get("signup_enabled"):
            return request.redirect("/b2b/apply")
        return super().web_auth_signup(*args, **kw)

    @http.route()
    def web_auth_reset_password(self, *args, **kw):
        # one answer whether the login exists or not: Odoo's own says "No account
        # found for this login", which tells a stranger who has an account
        response = super().web_auth_reset_password(*args, **kw)
        qcontext = getattr(response, "qcontext", None)
        if (
            qcontext is not None
            and request.httprequest.method == "POST"
            and not qcontext.get("token")
            and (qcontext.get("login") or "").strip()
        ):
            qcontext.pop("error", None)
            qcontext["message"] = request.env._(
                "If an account exists for this login, password reset instructions "
                "were sent to its e-mail address."
            )
        return response


def _local_path(url, default="/my"):
    """Only same-site paths are followed after choosing a company."""
    if not url or not url.startswith("/") or url.startswith("//") or "\\" in url:
        return default
    return url


def _b2b_report_in_page_lang():
    """The addon's PDFs asked for from a portal page are in the language the page
    is shown in (the website's language, which follows the person's choice in
    Connection & Security): staff printing them in the backend get the customer's."""
    request.update_context(b2b_report_lang=request.env.lang)


def _b2b_file_response(file, filename, mimetype):
    """Send an open temporary ``file`` (read from the start) as a download, in
    blocks: the response closes (and so deletes) it when it is sent."""
    size = file.seek(0, 2)
    file.seek(0)
    response = request.make_response(
        wrap_file(request.httprequest.environ, file),
        headers=[
            ("Content-Type", mimetype),
            ("Content-Length", size),
            ("Content-Disposition", content_disposition(filename)),
        ],
    )
    response.direct_passthrough = True
    return response


def _is_id(text):
    """Whether a posted ``text`` is a record id: ASCII digits that fit a bigint
    (``isdigit()`` alone lets "²" and 5,000-digit numbers through to ``int()``)."""
    return text.isascii() and text.isdigit() and len(text) <= 18


def _b2b_page(Model, domain, url, page, order, step, url_args=None):
    """``(records, pager)``: one page of the ``Model`` records matching ``domain``
    and Odoo's portal pager for it, in two queries (count, page) whatever the
    number of records - the shape of every portal list route of the addon.
    Both come from one search, built once: ``search_count`` then ``search``
    would apply the record rules twice, and each time their ``child_of`` on
    the company's contacts costs queries."""
    query = Model._search(domain)
    total = 0 if query.is_empty() else len(query)
    pager = portal_pager(url=url, url_args=url_args, total=total, page=page, step=step)
    if not total:
        return Model.browse(), pager
    query.order = Model._order_to_sql(order, query)
    query.limit, query.offset = step, pager["offset"]
    return Model.browse(query.get_result_ids()), pager


def _b2b_searchbar(sortings, sortby, filters, filterby):
    """The values of Odoo's portal searchbar for its sortings and filters."""
    return {
        "searchbar_sortings": sortings,
        "sortby": sortby,
        "searchbar_filters": filters,
        "filterby": filterby,
    }
