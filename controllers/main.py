# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.http import request

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


def _local_path(url, default="/my"):
    """Only same-site paths are followed after choosing a company."""
    if not url or not url.startswith("/") or url.startswith("//") or "\\" in url:
        return default
    return url


def _is_id(text):
    """Whether a posted ``text`` is a record id: ASCII digits that fit a bigint
    (``isdigit()`` alone lets "²" and 5,000-digit numbers through to ``int()``)."""
    return text.isascii() and text.isdigit() and len(text) <= 18


def _b2b_page(Model, domain, url, page, order, step, url_args=None):
    """``(records, pager)``: one page of the ``Model`` records matching ``domain``
    and Odoo's portal pager for it, in two queries (count, page) whatever the
    number of records - the shape of every portal list route of the addon."""
    pager = portal_pager(
        url=url, url_args=url_args, total=Model.search_count(domain), page=page, step=step
    )
    return Model.search(domain, order=order, limit=step, offset=pager["offset"]), pager
