# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""I2: the invoices of the current company as one ZIP, from ``/my/invoices``.

The person ticks invoices in Odoo's invoice list (or gives a period) and posts
the form to ``/my/invoices/zip``: the route guard (``b2b_permissions`` on the
route) and ``_b2b_require`` ask for one of the invoice permissions; the posted
ids are only a filter of a search made as the portal user
(``account.move._b2b_zip_select``), so the record rules decide which invoices
exist; the bounds are checked before any file is read. The files are read with
sudo after that and zipped with Odoo's own helper."""

from odoo import fields, http
from odoo.exceptions import UserError
from odoo.http import content_disposition, request

from odoo.addons.account.controllers.download_docs import _build_zip_from_data
from odoo.addons.account.controllers.portal import PortalAccount

from ..models.account_move import ZIP_MAX_INVOICES
from ..models.b2b_permissions import INVOICE_PERMISSIONS
from .main import _is_id

ZIP_FLASH_KEY = "b2b_invoice_zip_flash"


def _zip_date(value, label, env):
    """The date of a period field (empty: open-ended), or UserError."""
    if not value:
        return None
    try:
        parsed = fields.Date.to_date(value)
    except (ValueError, TypeError):
        parsed = None
    if not parsed or parsed.year < 1900:
        raise UserError(env._("%(label)s is not a valid date (YYYY-MM-DD).", label=label))
    return parsed


class B2bInvoiceZipPortal(PortalAccount):
    # ------------------------------------------------------------
    # /my/invoices: the controls
    # ------------------------------------------------------------

    def _prepare_my_invoices_values(self, *args, **kwargs):
        values = super()._prepare_my_invoices_values(*args, **kwargs)
        user = request.env.user
        if user.b2b_managed and any(user._b2b_has(perm) for perm in INVOICE_PERMISSIONS):
            flash = request.session.pop(ZIP_FLASH_KEY, None) or {}
            today = fields.Date.context_today(user)
            values["b2b_zip"] = {
                "note": request.env._(
                    "Tick invoices in the list, or choose a period (invoice date): one ZIP "
                    "holds their PDFs and, where your supplier sends them, their electronic "
                    "invoices (UBL XML) - at most %(limit)s invoices.",
                    limit=ZIP_MAX_INVOICES,
                ),
                "error": flash.get("error", ""),
                "date_from": flash.get("date_from") or fields.Date.to_string(today.replace(day=1)),
                "date_to": flash.get("date_to") or fields.Date.to_string(today),
            }
        return values

    # ------------------------------------------------------------
    # the ZIP
    # ------------------------------------------------------------

    @http.route(
        "/my/invoices/zip",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
        b2b_permissions=INVOICE_PERMISSIONS,
    )
    def b2b_invoices_zip(self, **kw):
        partner = request.env.user._b2b_require(*INVOICE_PERMISSIONS)
        _ = request.env._
        form = request.httprequest.form
        period = form.get("mode") == "period"
        date_from, date_to = (form.get("date_from") or "")[:10], (form.get("date_to") or "")[:10]
        try:
            if period:
                d_from = _zip_date(date_from, _("From"), request.env)
                d_to = _zip_date(date_to, _("To"), request.env)
                if d_from and d_to and d_from > d_to:
                    raise UserError(_("The period must start before it ends."))
                invoices_sudo = request.env["account.move"]._b2b_zip_select(
                    partner, date_from=d_from, date_to=d_to
                )
            else:
                chosen = form.getlist("invoice_ids")
                ids = list(dict.fromkeys(int(value) for value in chosen if _is_id(value)))
                invoices_sudo = request.env["account.move"]._b2b_zip_select(
                    partner, invoice_ids=ids
                )
            content = _build_zip_from_data(invoices_sudo._b2b_zip_documents())
        except UserError as error:
            # back to the list, which shows the message once (never read from the URL)
            request.session[ZIP_FLASH_KEY] = {
                "error": error.args[0][:500],
                "date_from": date_from if period else "",
                "date_to": date_to if period else "",
            }
            return request.redirect("/my/invoices")
        return self._b2b_zip_response(partner, content)

    def _b2b_zip_response(self, partner, content):
        """The download of the ZIP ``content``, named after the company and the day."""
        company = (partner.b2b_code or partner.name or "").replace("/", "-").replace("\\", "-")
        filename = request.env._(
            "invoices-%(company)s-%(date)s.zip",
            company=company,
            date=fields.Date.to_string(fields.Date.context_today(request.env.user)),
        )
        return request.make_response(
            content,
            headers=[
                ("Content-Type", "application/zip"),
                ("Content-Length", len(content)),
                ("Content-Disposition", content_disposition(filename)),
                ("X-Content-Type-Options", "nosniff"),
            ],
        )
