# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import io
from datetime import date, timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.fields import Domain
from odoo.tools import SQL

# Order of the statement rows; the running balance follows it on every page.
LINE_ORDER = "date, move_name, id"
LINE_FIELDS = [
    "date",
    "move_name",
    "name",
    "ref",
    "date_maturity",
    "debit",
    "credit",
    "balance",
    "amount_currency",
    "currency_id",
    "move_id",
]
# (key, lower bound of days overdue, upper bound) at the end of the period.
AGING_BUCKETS = [
    ("current", None, 0),
    ("days_1_30", 1, 30),
    ("days_31_60", 31, 60),
    ("days_61_90", 61, 90),
    ("days_90_plus", 91, None),
]


class B2bStatementBuilder(models.AbstractModel):
    """Account statement of one customer company in the current company.

    The single reader of receivable journal items for the portal: Odoo has no portal
    rule for general journal items, so every public method first checks that the
    caller may read the statement of ``partner`` (staff with accounting rights, or a
    portal user whose resolver grants ``statements``/``payments`` for it) and only
    then reads with ``sudo()`` under a domain fixed to that partner, the current
    company, posted entries and receivable accounts.

    The page, the PDF, the XLSX file, the dashboard and the reconciliation
    statements all use it. Balances come from one aggregate query each.
    """

    _name = "b2b.statement.builder"
    _description = "B2B account statement builder"

    # ------------------------------------------------------------
    # BUSINESS: access
    # ------------------------------------------------------------

    @api.model
    def _b2b_check_reader(self, partner, perms=("statements",)):
        """Refuse unless the caller may read ``partner``'s receivable items."""
        partner.ensure_one()
        if self.env.su:
            return
        user = self.env.user
        if user.has_group("account.group_account_readonly") or user.has_group(
            "account.group_account_invoice"
        ):
            return
        if user._is_portal() and partner in user._b2b_partners(*perms):
            return
        raise AccessError(
            self.env._("You are not allowed to see the account statement of this company.")
        )

    # ------------------------------------------------------------
    # BUSINESS: domains
    # ------------------------------------------------------------

    @api.model
    def _b2b_line_domain(self, partner, company=None):
        """Posted receivable items of ``partner`` in ``company`` (default: current).

        Receivable items always carry the commercial partner (see
        ``account.move.line._compute_partner_id``), as in Odoo's partner ledger."""
        company = company or self.env.company
        return [
            ("partner_id", "=", partner.id),
            ("company_id", "=", company.id),
            ("parent_state", "=", "posted"),
            ("account_id.account_type", "=", "asset_receivable"),
        ]

    @api.model
    def _b2b_overdue_domain(self):
        """Receivable items still open and already due today."""
        return [
            ("reconciled", "=", False),
            ("amount_residual", ">", 0),
            ("date_maturity", "<", fields.Date.context_today(self)),
        ]

    @api.model
    def _b2b_period_domain(self, partner, date_from, date_to, company=None):
        return self._b2b_line_domain(partner, company) + [
            ("date", ">=", date_from),
            ("date", "<=", date_to),
        ]

    @api.model
    def _b2b_default_period(self):
        today = fields.Date.context_today(self)
        return today.replace(month=1, day=1), today

    # ------------------------------------------------------------
    # BUSINESS: aggregates
    # ------------------------------------------------------------

    @api.model
    def _b2b_balance(self, partner, date_to=None, before=None, company=None, perms=("statements",)):
        """Receivable balance of ``partner`` (company currency): everything up to
        and including ``date_to``, or strictly before ``before``; one query."""
        self._b2b_check_reader(partner, perms)
        domain = self._b2b_line_domain(partner, company)
        if date_to:
            domain.append(("date", "<=", date_to))
        if before:
            domain.append(("date", "<", before))
        [(total,)] = self.env["account.move.line"].sudo()._read_group(domain, [], ["balance:sum"])
        return total or 0.0

    @api.model
    def _b2b_overdue(self, partner, company=None, perms=("statements",)):
        """Open amount of receivable items already due today (one query)."""
        self._b2b_check_reader(partner, perms)
        domain = self._b2b_line_domain(partner, company) + self._b2b_overdue_domain()
        [(total,)] = (
            self.env["account.move.line"].sudo()._read_group(domain, [], ["amount_residual:sum"])
        )
        return total or 0.0

    @api.model
    def _b2b_balance_overdue(self, partner, company=None, perms=("statements",)):
        """``(balance, overdue)`` of ``partner`` in one query: what
        :meth:`_b2b_balance` and :meth:`_b2b_overdue` give, for pages that show
        both (dashboard, balance page)."""
        self._b2b_check_reader(partner, perms)
        AML = self.env["account.move.line"].sudo()
        query = AML._search(self._b2b_line_domain(partner, company))
        overdue = (
            Domain(self._b2b_overdue_domain()).optimize_full(AML)._to_sql(AML, query.table, query)
        )
        residual = AML._field_to_sql(query.table, "amount_residual", query)
        [(balance, overdue_total)] = self.env.execute_query(
            query.select(
                SQL("SUM(%s)", AML._field_to_sql(query.table, "balance", query)),
                SQL("SUM(%s) FILTER (WHERE %s)", residual, overdue),
            )
        )
        return balance or 0.0, overdue_total or 0.0

    @api.model
    def _b2b_aging(self, partner, date_to, company=None):
        """Open receivable amounts at ``date_to`` by days overdue, one query.

        An item is open at ``date_to`` by its balance minus what was matched with
        it by then (``account.partial.reconcile.max_date``), so the buckets add up
        to the closing balance even for a statement of the past."""
        self._b2b_check_reader(partner)
        AML = self.env["account.move.line"].sudo()
        domain = self._b2b_line_domain(partner, company) + [("date", "<=", date_to)]
        days = SQL(
            "(%s::date - COALESCE(account_move_line.date_maturity, account_move_line.date))",
            date_to,
        )
        cases = []
        for key, _low, high in AGING_BUCKETS[:-1]:
            cases.append(SQL("WHEN %s <= %s THEN %s", days, high, key))
        bucket = SQL("CASE %s ELSE %s END", SQL(" ").join(cases), AGING_BUCKETS[-1][0])
        # balances, minus what was matched by date_to on the debit side, plus on
        # the credit side: three scans of the same items, no per-row sub-query
        parts = [
            AML._search(domain).select(SQL("%s AS bucket", bucket), "account_move_line.balance")
        ]
        for column, sign in (("debit_move_id", -1), ("credit_move_id", 1)):
            query = AML._search(domain)
            query.add_join(
                "JOIN",
                "part",
                "account_partial_reconcile",
                SQL(
                    "part.%s = account_move_line.id AND part.max_date <= %s",
                    SQL.identifier(column),
                    date_to,
                ),
            )
            parts.append(query.select(SQL("%s AS bucket", bucket), SQL("%s * part.amount", sign)))
        rows = self.env.execute_query(
            SQL(
                "SELECT t.bucket, SUM(t.amount) FROM (%s) t(bucket, amount) GROUP BY t.bucket",
                SQL(" UNION ALL ").join(parts),
            )
        )
        aging = dict.fromkeys((key for key, _low, _high in AGING_BUCKETS), 0.0)
        for key, amount in rows:
            aging[key] = amount or 0.0
        return aging

    # ------------------------------------------------------------
    # BUSINESS: the statement
    # ------------------------------------------------------------

    @api.model
    def _b2b_statement(self, partner, date_from, date_to, offset=0, limit=None, company=None):
        """Everything the statement page, PDF and XLSX show.

        Constant number of queries whatever the number of rows: opening balance,
        period totals (+ count), closing balance, the start balance of the page
        (one aggregate of the earlier rows of the period), the page rows and the
        aging buckets."""
        self._b2b_check_reader(partner)
        company = company or self.env.company
        AML = self.env["account.move.line"].sudo()
        period_domain = self._b2b_period_domain(partner, date_from, date_to, company)
        opening = self._b2b_balance(partner, before=date_from, company=company)
        [(debit, credit, count)] = AML._read_group(
            period_domain, [], ["debit:sum", "credit:sum", "__count"]
        )
        closing = self._b2b_balance(partner, date_to=date_to, company=company)
        page_start = opening
        if offset:
            earlier = AML._search(period_domain, order=LINE_ORDER, limit=offset)
            [(earlier_sum,)] = self.env.execute_query(
                SQL(
                    "SELECT COALESCE(SUM(t.balance), 0) FROM (%s) t",
                    earlier.select(SQL.identifier("account_move_line", "balance")),
                )
            )
            page_start += earlier_sum
        lines_sudo = AML.search_fetch(
            period_domain, LINE_FIELDS, order=LINE_ORDER, offset=offset, limit=limit
        )
        rows = []
        running = page_start
        company_currency = company.currency_id
        for line in lines_sudo:
            running += line.balance
            move = line.move_id
            rows.append(
                {
                    "id": line.id,
                    "date": line.date,
                    "document": line.move_name or move.name,
                    "move_id": move.id,
                    "is_invoice": move.move_type in ("out_invoice", "out_refund"),
                    "description": _line_description(line),
                    "date_maturity": line.date_maturity,
                    "debit": line.debit,
                    "credit": line.credit,
                    "balance": running,
                    "amount_currency": line.amount_currency,
                    "currency": line.currency_id if line.currency_id != company_currency else False,
                }
            )
        return {
            "partner": partner,
            "company": company,
            "currency": company_currency,
            "date_from": date_from,
            "date_to": date_to,
            "opening": opening,
            "closing": closing,
            "total_debit": debit or 0.0,
            "total_credit": credit or 0.0,
            "count": count,
            "page_start": page_start,
            "lines": rows,
            "aging": self._b2b_aging(partner, date_to, company),
        }

    @api.model
    def _b2b_balance_by_order(self, partner, company=None):
        """{order id: {invoiced, paid, due}} in company currency, one query.

        An invoice shared by several orders is split by the part of its lines
        (tax included) that comes from each order; credit notes count negative."""
        self._b2b_check_reader(partner)
        company = company or self.env.company
        for model in ("account.move", "account.move.line", "sale.order", "sale.order.line"):
            self.env[model].flush_model()
        rows = self.env.execute_query(
            SQL(
                """
                WITH links AS (
                    SELECT sol.order_id, aml.move_id, SUM(aml.price_total) AS part
                      FROM sale_order_line_invoice_rel rel
                      JOIN sale_order_line sol ON sol.id = rel.order_line_id
                      JOIN account_move_line aml ON aml.id = rel.invoice_line_id
                      JOIN sale_order so ON so.id = sol.order_id
                     WHERE so.partner_id IN (
                               SELECT id FROM res_partner WHERE commercial_partner_id = %(partner)s)
                       AND so.company_id = %(company)s
                     GROUP BY sol.order_id, aml.move_id
                )
                SELECT links.order_id,
                       SUM(mv.amount_total_signed * links.part
                           / NULLIF(mv.amount_total, 0)) AS invoiced,
                       SUM(mv.amount_residual_signed * links.part
                           / NULLIF(mv.amount_total, 0)) AS due
                  FROM links
                  JOIN account_move mv ON mv.id = links.move_id
                 WHERE mv.state = 'posted'
                   AND mv.move_type IN ('out_invoice', 'out_refund')
                   AND mv.company_id = %(company)s
                 GROUP BY links.order_id
                """,
                partner=partner.id,
                company=company.id,
            )
        )
        result = {}
        for order_id, invoiced, due in rows:
            invoiced = company.currency_id.round(invoiced or 0.0)
            due = company.currency_id.round(due or 0.0)
            result[order_id] = {"invoiced": invoiced, "due": due, "paid": invoiced - due}
        return result

    @api.model
    def _b2b_aging_labels(self):
        return {
            "current": self.env._("Not due"),
            "days_1_30": self.env._("1-30 days"),
            "days_31_60": self.env._("31-60 days"),
            "days_61_90": self.env._("61-90 days"),
            "days_90_plus": self.env._("Over 90 days"),
        }

    @api.model
    def _b2b_xlsx_date_format(self):
        """Excel's date format for the language of the request (``%d.%m.%Y`` ->
        ``dd.mm.yyyy``), so a workbook shows dates as the portal page does."""
        lang = self.env["res.lang"]._lang_get(self.env.lang or "en_US")
        pattern = lang.date_format or "%Y-%m-%d"
        for strf, excel in (("%d", "dd"), ("%m", "mm"), ("%Y", "yyyy"), ("%y", "yy")):
            pattern = pattern.replace(strf, excel)
        return pattern if "%" not in pattern else "yyyy-mm-dd"

    @api.model
    def _b2b_statement_xlsx(self, partner, date_from, date_to, company=None):
        """The statement as an XLSX workbook (bytes), in the user's language."""
        import xlsxwriter  # noqa: PLC0415 - in Odoo's requirements, only needed here

        data = self._b2b_statement(partner, date_from, date_to, company=company)
        currency = data["currency"]
        _ = self.env._
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {"in_memory": True})
        sheet = workbook.add_worksheet(_("Statement")[:31])
        bold = workbook.add_format({"bold": True})
        title = workbook.add_format({"bold": True, "font_size": 14})
        date_fmt = workbook.add_format({"num_format": self._b2b_xlsx_date_format()})
        decimals = "0." + "0" * currency.decimal_places if currency.decimal_places else "0"
        money = workbook.add_format({"num_format": f"#,##{decimals}"})
        money_bold = workbook.add_format({"num_format": f"#,##{decimals}", "bold": True})
        sheet.write(0, 0, _("Account statement"), title)
        sheet.write(1, 0, data["company"].name)
        sheet.write(2, 0, _("Customer"), bold)
        sheet.write(2, 1, partner.name)
        sheet.write(3, 0, _("Customer code"), bold)
        sheet.write(3, 1, partner.b2b_code or "")
        sheet.write(4, 0, _("Period"), bold)
        sheet.write_datetime(4, 1, _to_datetime(date_from), date_fmt)
        sheet.write_datetime(4, 2, _to_datetime(date_to), date_fmt)
        sheet.write(5, 0, _("Currency"), bold)
        sheet.write(5, 1, currency.name)
        headers = [
            _("Date"),
            _("Document"),
            _("Description"),
            _("Due date"),
            _("Debit"),
            _("Credit"),
            _("Balance"),
        ]
        row = 7
        for col, header in enumerate(headers):
            sheet.write(row, col, header, bold)
        row += 1
        sheet.write(row, 2, _("Opening balance"), bold)
        sheet.write_number(row, 6, data["opening"], money_bold)
        for line in data["lines"]:
            row += 1
            sheet.write_datetime(row, 0, _to_datetime(line["date"]), date_fmt)
            sheet.write(row, 1, line["document"] or "")
            sheet.write(row, 2, line["description"] or "")
            if line["date_maturity"]:
                sheet.write_datetime(row, 3, _to_datetime(line["date_maturity"]), date_fmt)
            sheet.write_number(row, 4, line["debit"], money)
            sheet.write_number(row, 5, line["credit"], money)
            sheet.write_number(row, 6, line["balance"], money)
        row += 1
        sheet.write(row, 2, _("Totals of the period"), bold)
        sheet.write_number(row, 4, data["total_debit"], money_bold)
        sheet.write_number(row, 5, data["total_credit"], money_bold)
        row += 1
        sheet.write(row, 2, _("Closing balance"), bold)
        sheet.write_number(row, 6, data["closing"], money_bold)
        row += 2
        sheet.write(row, 0, _("Aging at %(date)s", date=fields.Date.to_string(date_to)), bold)
        labels = self._b2b_aging_labels()
        for key, _low, _high in AGING_BUCKETS:
            row += 1
            sheet.write(row, 0, labels[key])
            sheet.write_number(row, 1, data["aging"][key], money)
        sheet.set_column(0, 0, 14)
        sheet.set_column(1, 1, 20)
        sheet.set_column(2, 2, 40)
        sheet.set_column(3, 3, 12)
        sheet.set_column(4, 6, 14)
        workbook.close()
        return output.getvalue()


def _line_description(line):
    label = line.name or ""
    if line.ref and line.ref not in label:
        label = f"{label} ({line.ref})" if label else line.ref
    return label


def _to_datetime(value):
    from datetime import datetime  # noqa: PLC0415

    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    return value


def month_starts(today, count=12):
    """The first day of the ``count`` months ending with ``today``'s month."""
    first = today.replace(day=1)
    months = []
    for _i in range(count):
        months.append(first)
        first = (first - timedelta(days=1)).replace(day=1)
    return list(reversed(months))
