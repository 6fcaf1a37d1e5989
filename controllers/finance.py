# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from urllib.parse import urlencode

from werkzeug.exceptions import Forbidden

from odoo import fields, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import content_disposition, request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

from ..models.b2b_statement_builder import AGING_BUCKETS
from ..report.xlsx_workbook import XLSX_MIMETYPE
from .main import _b2b_file_response, _b2b_page, _b2b_report_in_page_lang, _is_id


class B2bFinancePortal(CustomerPortal):
    """F1-F5: dashboard, balance, payments, account and reconciliation statements.

    Every route asks the resolver for the permission of the current company; the
    ORM then applies the record rules (payments, reconciliations) or the checked
    statement reader (receivable journal items)."""

    # ------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------

    def _b2b_parse_date(self, value, default, errors, label):
        if not value:
            return default
        try:
            parsed = fields.Date.to_date(value)
        except (ValueError, TypeError):
            parsed = None
        if not parsed or parsed.year < 1900:
            errors.append(request.env._("%(label)s is not a valid date (YYYY-MM-DD).", label=label))
            return default
        return parsed

    def _b2b_statement_period(self, date_from, date_to):
        """The period asked for, or the default (this year); bad input is reported
        and replaced by the default."""
        errors = []
        default_from, default_to = request.env["b2b.statement.builder"]._b2b_default_period()
        d_from = self._b2b_parse_date(date_from, default_from, errors, request.env._("From"))
        d_to = self._b2b_parse_date(date_to, default_to, errors, request.env._("To"))
        if d_from > d_to:
            errors.append(request.env._("The period must start before it ends."))
            d_from, d_to = default_from, default_to
        return d_from, d_to, errors

    def _b2b_statement_refused(self, date_from, date_to):
        """A wrong period is never exported as the default one: back to the
        statement page, which says what is wrong with it."""
        return request.redirect_query(
            "/my/statement", {"date_from": date_from or "", "date_to": date_to or ""}
        )

    def _b2b_payments_domain(self, partner):
        return request.env["b2b.statement.builder"]._b2b_payments_domain(partner)

    def _b2b_statement_pager(self, statement, step, url_args):
        """Odoo's portal pager for a statement page, each page link carrying the
        first row of its page (``start``) from ``statement["page_starts"]``."""
        pager = portal_pager(
            url="/my/statement",
            url_args=url_args,
            total=statement["count"],
            page=statement["position"] // step + 1,
            step=step,
        )
        starts = statement["page_starts"]
        for link in (
            pager["page"],
            pager["page_first"],
            pager["page_previous"],
            pager["page_next"],
            pager["page_last"],
            *pager["pages"],
        ):
            num = link["num"]
            if not link.get("url") or not isinstance(num, int):
                continue
            args = dict(url_args, start=starts[num]) if num in starts else url_args
            path = f"/my/statement/page/{num}" if num > 1 else "/my/statement"
            link["url"] = f"{path}?{urlencode(args)}"
        return pager

    def _b2b_readable_invoices(self, invoices):
        """The invoices among ``invoices`` the person may open (record rules)."""
        if not invoices or not request.env["account.move"].has_access("read"):
            return request.env["account.move"]
        return request.env["account.move"].search([("id", "in", invoices.ids)])

    # ------------------------------------------------------------
    # Home: counters and the dashboard (F1)
    # ------------------------------------------------------------

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        user = request.env.user
        if "b2b_payment_count" in counters:
            Payment = request.env["account.payment"]
            partner = user._b2b_current_partner()
            values["b2b_payment_count"] = (
                Payment.search_count(self._b2b_payments_domain(partner), limit=1)
                if partner and user._b2b_has("payments") and Payment.has_access("read")
                else 0
            )
        if "b2b_reconciliation_count" in counters:
            Rec = request.env["b2b.reconciliation"]
            values["b2b_reconciliation_count"] = (
                Rec.search_count([("state", "!=", "draft")], limit=1)
                if user._b2b_has("statements") and Rec.has_access("read")
                else 0
            )
        return values

    def _get_overdue_invoices_domain(self, partner_id=None):
        # a B2B person pays the overdue invoices of the company they act for
        user = request.env.user
        if not partner_id and user.b2b_managed:
            partner_id = user._b2b_current_partner().id or False
        return super()._get_overdue_invoices_domain(partner_id=partner_id)

    @http.route()
    def home(self, **kw):
        # the page holds the dashboard's place; its figures are asked for once
        # the page is shown (b2b_dashboard.js), as Odoo's counters are
        response = super().home(**kw)
        user = request.env.user
        if (
            user.b2b_managed
            and user._b2b_has("dashboard")
            and getattr(response, "qcontext", None) is not None
        ):
            response.qcontext["b2b_dashboard"] = True
        return response

    @http.route(
        "/my/b2b/dashboard",
        type="http",
        auth="user",
        website=True,
        readonly=True,
        sitemap=False,
        b2b_permissions=("dashboard",),
    )
    def b2b_portal_dashboard(self, **kw):
        """The figures of the dashboard of ``/my`` (an HTML fragment)."""
        request.env.user._b2b_require("dashboard")
        return request.render(
            "b2b_portal.portal_b2b_dashboard_figures", self._b2b_dashboard_values()
        )

    def _b2b_dashboard_values(self):
        return request.env["b2b.statement.builder"]._b2b_dashboard_values()

    # ------------------------------------------------------------
    # F2: balance, in total and by order
    # ------------------------------------------------------------

    @http.route(
        "/my/balance",
        type="http",
        auth="user",
        website=True,
        readonly=True,
        b2b_permissions=("statements",),
    )
    def b2b_portal_balance(self, **kw):
        partner = request.env.user._b2b_require("statements")
        figures = request.env["b2b.statement.builder"]._b2b_balance_details(partner)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "b2b_balance",
                "partner": partner,
                "currency": request.env.company.currency_id,
                **figures,
                "can_open_orders": request.env.user._b2b_has("orders"),
                "can_pay": request.env.user._b2b_has("payments"),
            }
        )
        return request.render("b2b_portal.portal_my_b2b_balance", values)

    # ------------------------------------------------------------
    # F3: payments
    # ------------------------------------------------------------

    def _b2b_payments_filter(self, partner, date_from, date_to):
        """(domain, URL arguments, errors) of the payments list for the period
        the person typed (a date that is not one is reported, not applied)."""
        errors = []
        d_from = self._b2b_parse_date(date_from, None, errors, request.env._("From"))
        d_to = self._b2b_parse_date(date_to, None, errors, request.env._("To"))
        domain = self._b2b_payments_domain(partner)
        domain += [("date", ">=", d_from)] if d_from else []
        domain += [("date", "<=", d_to)] if d_to else []
        url_args = {
            key: fields.Date.to_string(value)
            for key, value in (("date_from", d_from), ("date_to", d_to))
            if value
        }
        return domain, url_args, errors

    @http.route(
        ["/my/payments", "/my/payments/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        readonly=True,
        b2b_permissions=("payments",),
    )
    def b2b_portal_payments(self, page=1, date_from=None, date_to=None, **kw):
        partner = request.env.user._b2b_require("payments")
        domain, url_args, errors = self._b2b_payments_filter(partner, date_from, date_to)
        payments, pager = _b2b_page(
            request.env["account.payment"],
            domain,
            "/my/payments",
            page,
            "date desc, id desc",
            self._items_per_page,
            url_args,
        )
        # the payments passed the record rules; read their journal, method and
        # matched invoices (no portal access to those models) with sudo
        payments_sudo = payments.sudo()
        readable = self._b2b_readable_invoices(payments_sudo.reconciled_invoice_ids)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "b2b_payments",
                "payments": payments_sudo,
                "readable_invoice_ids": set(readable.ids),
                "pager": pager,
                "date_from": url_args.get("date_from", ""),
                "date_to": url_args.get("date_to", ""),
                "errors": errors,
                "overdue_count": self._get_overdue_invoice_count(),
                "currency": request.env.company.currency_id,
            }
        )
        return request.render("b2b_portal.portal_my_b2b_payments", values)

    # ------------------------------------------------------------
    # F4: account statement (screen, PDF, XLSX)
    # ------------------------------------------------------------

    @http.route(
        ["/my/statement", "/my/statement/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        readonly=True,
        b2b_permissions=("statements",),
    )
    def b2b_portal_statement(self, page=1, date_from=None, date_to=None, **kw):
        partner = request.env.user._b2b_require("statements")
        d_from, d_to, errors = self._b2b_statement_period(date_from, date_to)
        step = self._items_per_page
        try:
            page = max(int(page), 1)
        except (TypeError, ValueError):
            page = 1
        # the page starts at the row of its link (``start``, a keyset: page 500
        # costs what page 1 costs); a typed page number is found by position
        start = int(kw["start"]) if _is_id(kw.get("start") or "") else None
        statement = request.env["b2b.statement.builder"]._b2b_statement(
            partner, d_from, d_to, offset=(page - 1) * step, limit=step, start=start
        )
        url_args = {
            "date_from": fields.Date.to_string(d_from),
            "date_to": fields.Date.to_string(d_to),
        }
        pager = self._b2b_statement_pager(statement, step, url_args)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "b2b_statement",
                "statement": statement,
                "aging_buckets": [key for key, _low, _high in AGING_BUCKETS],
                "pager": pager,
                "url_args": url_args,
                "errors": errors,
                "is_last_page": statement["position"] + step >= statement["count"],
            }
        )
        return request.render("b2b_portal.portal_my_b2b_statement", values)

    @http.route(
        "/my/statement/pdf",
        type="http",
        auth="user",
        website=True,
        readonly=True,
        b2b_permissions=("statements",),
    )
    def b2b_portal_statement_pdf(self, date_from=None, date_to=None, **kw):
        partner = request.env.user._b2b_require("statements")
        d_from, d_to, errors = self._b2b_statement_period(date_from, date_to)
        if errors:
            return self._b2b_statement_refused(date_from, date_to)
        # checked above: the person may read this company's statement
        _b2b_report_in_page_lang()
        report_sudo = request.env["ir.actions.report"].sudo()
        pdf, _ext = report_sudo._render_qweb_pdf(
            "b2b_portal.action_report_b2b_statement",
            partner.ids,
            data={
                "date_from": fields.Date.to_string(d_from),
                "date_to": fields.Date.to_string(d_to),
                "company_id": request.env.company.id,
            },
        )
        filename = request.env._(
            "Statement %(code)s %(date_from)s %(date_to)s",
            code=partner.b2b_code or partner.name,
            date_from=fields.Date.to_string(d_from),
            date_to=fields.Date.to_string(d_to),
        )
        return request.make_response(
            pdf,
            headers=[
                ("Content-Type", "application/pdf"),
                ("Content-Length", len(pdf)),
                ("Content-Disposition", content_disposition(f"{filename}.pdf")),
            ],
        )

    @http.route(
        "/my/statement/xlsx",
        type="http",
        auth="user",
        website=True,
        readonly=True,
        b2b_permissions=("statements",),
    )
    def b2b_portal_statement_xlsx(self, date_from=None, date_to=None, **kw):
        partner = request.env.user._b2b_require("statements")
        d_from, d_to, errors = self._b2b_statement_period(date_from, date_to)
        if errors:
            return self._b2b_statement_refused(date_from, date_to)
        filename = request.env._(
            "Statement %(code)s %(date_from)s %(date_to)s",
            code=partner.b2b_code or partner.name,
            date_from=fields.Date.to_string(d_from),
            date_to=fields.Date.to_string(d_to),
        )
        return _b2b_file_response(
            request.env["b2b.statement.builder"]._b2b_statement_xlsx(partner, d_from, d_to),
            f"{filename}.xlsx",
            XLSX_MIMETYPE,
        )

    # ------------------------------------------------------------
    # F5: reconciliation statements
    # ------------------------------------------------------------

    @http.route(
        ["/my/reconciliations", "/my/reconciliations/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        readonly=True,
        b2b_permissions=("statements",),
    )
    def b2b_portal_reconciliations(self, page=1, **kw):
        request.env.user._b2b_require("statements")
        Rec = request.env["b2b.reconciliation"]
        domain = [("state", "!=", "draft")]
        total = Rec.search_count(domain) if Rec.has_access("read") else 0
        pager = portal_pager(
            url="/my/reconciliations", total=total, page=page, step=self._items_per_page
        )
        recs = (
            Rec.search(domain, limit=self._items_per_page, offset=pager["offset"]) if total else Rec
        )
        request.session["my_b2b_reconciliations_history"] = recs.ids[:100]
        values = self._prepare_portal_layout_values()
        values.update({"page_name": "b2b_reconciliation", "reconciliations": recs, "pager": pager})
        return request.render("b2b_portal.portal_my_b2b_reconciliations", values)

    @http.route(
        "/my/reconciliations/<int:rec_id>",
        type="http",
        auth="public",
        website=True,
        readonly=True,
        b2b_permissions=("statements",),
    )
    def b2b_portal_reconciliation(self, rec_id, access_token=None, **kw):
        try:
            rec_sudo = self._document_check_access("b2b.reconciliation", rec_id, access_token)
        except (AccessError, MissingError):
            return request.redirect("/my")
        if rec_sudo.state == "draft":
            return request.redirect("/my")
        return request.render(
            "b2b_portal.portal_my_b2b_reconciliation",
            self._b2b_reconciliation_values(rec_sudo, access_token, **kw),
        )

    def _b2b_reconciliation_values(self, rec_sudo, access_token, error=None, **kw):
        user = request.env.user
        can_answer = (
            rec_sudo.state == "issued"
            and not user._is_public()
            and user._b2b_has("statements")
            and rec_sudo.partner_id == user._b2b_current_partner()
        )
        values = {
            "page_name": "b2b_reconciliation",
            "reconciliation": rec_sudo,
            "can_answer": can_answer,
            "error": error,
            "answered": kw.get("answered"),
            "access_token": access_token,
        }
        return self._get_page_view_values(
            rec_sudo, access_token, values, "my_b2b_reconciliations_history", False
        )

    @http.route(
        "/my/reconciliations/<int:rec_id>/pdf",
        type="http",
        auth="public",
        website=True,
        readonly=True,
        b2b_permissions=("statements",),
    )
    def b2b_portal_reconciliation_pdf(self, rec_id, access_token=None, **kw):
        try:
            rec_sudo = self._document_check_access("b2b.reconciliation", rec_id, access_token)
        except (AccessError, MissingError):
            return request.redirect("/my")
        attachment_sudo = rec_sudo.pdf_attachment_id
        if rec_sudo.state == "draft" or not attachment_sudo:
            return request.redirect("/my")
        pdf = attachment_sudo.raw
        if request.env.lang != (rec_sudo.partner_id.lang or "en_US"):
            # the issued PDF is in the customer's language; the page's language
            # gets the same frozen figures laid out again
            _b2b_report_in_page_lang()
            pdf = (
                request.env["ir.actions.report"]
                .sudo()
                ._render_qweb_pdf("b2b_portal.action_report_b2b_reconciliation", rec_sudo.ids)[0]
            )
        return request.make_response(
            pdf,
            headers=[
                ("Content-Type", "application/pdf"),
                ("Content-Length", len(pdf)),
                ("Content-Disposition", content_disposition(attachment_sudo.name)),
            ],
        )

    @http.route(
        "/my/reconciliations/<int:rec_id>/confirm",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
        b2b_permissions=("statements",),
    )
    def b2b_portal_reconciliation_confirm(self, rec_id, comment=None, **kw):
        return self._b2b_reconciliation_answer(rec_id, "confirmed", comment)

    @http.route(
        "/my/reconciliations/<int:rec_id>/dispute",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
        b2b_permissions=("statements",),
    )
    def b2b_portal_reconciliation_dispute(self, rec_id, comment=None, **kw):
        return self._b2b_reconciliation_answer(rec_id, "disputed", comment)

    def _b2b_reconciliation_answer(self, rec_id, answer, comment):
        user = request.env.user
        partner = request.env.user._b2b_require("statements")
        # the statement must be readable through the record rules (no token here)
        rec = request.env["b2b.reconciliation"].browse(rec_id)
        try:
            rec.check_access("read")
            if not rec.exists():
                raise MissingError(request.env._("This statement does not exist."))
        except (AccessError, MissingError):
            raise Forbidden() from None
        if rec.partner_id != partner:
            raise Forbidden()
        rec_sudo = rec.sudo()
        try:
            rec_sudo._b2b_answer(answer, comment, user)
        except UserError as error:  # ValidationError is a UserError
            values = self._b2b_reconciliation_values(rec_sudo, None, error=str(error))
            values["comment"] = comment
            response = request.render("b2b_portal.portal_my_b2b_reconciliation", values)
            response.status_code = 400 if isinstance(error, ValidationError) else 409
            return response
        return request.redirect(f"{rec_sudo.access_url}?answered={answer}")
