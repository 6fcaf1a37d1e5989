# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.fields import Domain
from odoo.tools import SQL

# The permissions that show the dashboard's balance tiles.
FINANCE_PERMS = ("payments", "statements")
# Order of the statement rows; the running balance follows it on every page.
LINE_ORDER = "date, move_name, id"
LINE_ORDER_DESC = "date desc, move_name desc, id desc"
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
    def _b2b_statement(
        self, partner, date_from, date_to, offset=0, limit=None, company=None, start=None
    ):
        """Everything the statement page, PDF and XLSX show.

        A page is ``limit`` rows in :data:`LINE_ORDER` from ``start`` (the id of its
        first row, a keyset: the portal's pager links carry it), so page 500 costs
        what page 1 costs: its rows are an index range from the start key, its
        running balance the opening plus one aggregate of the rows before the key.
        ``offset`` still pages by position (it costs the rows it skips: a typed
        page number, a stale or foreign ``start``); an offset past the end gives
        the last page. Queries: the figures (opening, closing, period totals, the
        position of the page and the starts of the pages around it, in one),
        the page rows, their entries and the aging buckets."""
        self._b2b_check_reader(partner)
        company = company or self.env.company
        AML = self.env["account.move.line"].sudo()
        if start is None and offset:
            start = self._b2b_line_at(partner, date_from, date_to, company, offset, limit)
        figures = self._b2b_statement_figures(partner, date_from, date_to, company, start, limit)
        if start and not figures["start_found"]:
            # not a row of this statement (any more): the position asked for instead
            return self._b2b_statement(
                partner, date_from, date_to, offset=offset, limit=limit, company=company
            )
        query = self._b2b_line_query(
            partner, company, _period(date_from, date_to), order=LINE_ORDER, limit=limit
        )
        if start:
            query.add_where(self._b2b_after_sql(query.table, start, ">="))
        lines_sudo = AML._fetch_query(query, AML._determine_fields_to_fetch(LINE_FIELDS))
        lines_sudo.move_id.fetch(["name", "move_type"])
        rows = []
        running = figures["page_start"]
        for line in lines_sudo:
            running += line.balance
            rows.append(_page_row(line, running, company.currency_id))
        return {
            "partner": partner,
            "company": company,
            "currency": company.currency_id,
            "date_from": date_from,
            "date_to": date_to,
            "opening": figures["opening"],
            "closing": figures["closing"],
            "total_debit": figures["total_debit"],
            "total_credit": figures["total_credit"],
            "count": figures["count"],
            "position": figures["position"],
            "page_start": figures["page_start"],
            "page_starts": figures["page_starts"],
            "lines": rows,
            "aging": self._b2b_aging(partner, date_to, company),
        }

    # ------------------------------------------------------------
    # BUSINESS: keyset paging of the statement
    # ------------------------------------------------------------

    @api.model
    def _b2b_line_query(self, partner, company=None, domain=(), **search):
        """The items of :meth:`_b2b_line_domain` (and ``domain``) as a query (sudo)
        for the statement's own SQL, ``search``: ``order``, ``limit``, ``offset``.

        The receivable accounts are an array computed once (an InitPlan), not the
        join the domain's ``account_id.account_type`` makes: with it the planner
        ranges over the (partner, date, move_name, id) index of the posted items
        (``account.move.line._b2b_partner_date_idx``), in the statement's order
        and from a page's start row, instead of joining by account and sorting."""
        company = company or self.env.company
        AML = self.env["account.move.line"].sudo()
        self.env["account.account"].flush_model(["account_type"])
        query = AML._search(
            [
                ("partner_id", "=", partner.id),
                ("company_id", "=", company.id),
                ("parent_state", "=", "posted"),
                *domain,
            ],
            **search,
        )
        query.add_where(
            SQL(
                "%s = ANY(ARRAY(SELECT id FROM account_account WHERE account_type = %s))",
                AML._field_to_sql(query.table, "account_id", query),
                "asset_receivable",
            )
        )
        return query

    @api.model
    def _b2b_key_sql(self, alias):
        """The statement order (:data:`LINE_ORDER`) as a row value of the items of
        ``alias``: the columns of the index, so a comparison with it is a range of
        the index. Posted entries always have a number (``move_name``), so the row
        comparison orders all the items of a statement."""
        AML = self.env["account.move.line"]
        return SQL(
            "(%s, %s, %s)",
            AML._field_to_sql(alias, "date"),
            AML._field_to_sql(alias, "move_name"),
            AML._field_to_sql(alias, "id"),
        )

    @api.model
    def _b2b_after_sql(self, alias, start, operator):
        """Items of ``alias`` whose key compares with ``operator`` (``<``, ``>=``,
        ...) to the key of item ``start`` (read by its id in the same query)."""
        return SQL(
            "%s %s (SELECT b2b_k.date, b2b_k.move_name, b2b_k.id"
            " FROM account_move_line b2b_k WHERE b2b_k.id = %s)",
            self._b2b_key_sql(alias),
            SQL(operator),
            start,
        )

    @api.model
    def _b2b_line_at(self, partner, date_from, date_to, company, offset, limit=None):
        """Id of the row at ``offset`` of the statement (an offset past the end:
        the first row of the last page of ``limit`` rows). Costs the rows skipped."""
        period = _period(date_from, date_to)

        def row_at(position):
            query = self._b2b_line_query(
                partner, company, period, order=LINE_ORDER, limit=1, offset=position
            )
            return [row[0] for row in self.env.execute_query(query.select())]

        ids = row_at(offset)
        if ids or not limit:
            return ids[0] if ids else None
        [(count,)] = self.env.execute_query(
            self._b2b_line_query(partner, company, period).select(SQL("COUNT(*)"))
        )
        return row_at((count - 1) // limit * limit)[0] if count else None

    @api.model
    def _b2b_balance_sum_sql(self, partner, company, domain):
        """The sum of the balances of the statement lines in ``domain``, as a
        sub-select for the figures query."""
        AML = self.env["account.move.line"].sudo()
        query = self._b2b_line_query(partner, company, domain)
        return SQL(
            "(%s)", query.select(SQL("SUM(%s)", AML._field_to_sql(query.table, "balance", query)))
        )

    @api.model
    def _b2b_page_start_columns(self, partner, company, period_domain, start, step):
        """The three arrays of line ids ``_page_starts`` reads the pager's page
        starts from: the ``3 * step + 1`` rows from ``start``, the ``4 * step``
        rows before it and the last ``step`` rows of the period."""

        def ids(order, limit, where=None):
            query = self._b2b_line_query(partner, company, period_domain, order=order, limit=limit)
            if where:
                query.add_where(where(query.table))
            return SQL("ARRAY(%s)", query.select())

        return [
            ids(
                LINE_ORDER,
                3 * step + 1,
                start and (lambda table: self._b2b_after_sql(table, start, ">=")),
            ),
            ids(LINE_ORDER_DESC, 4 * step, lambda table: self._b2b_after_sql(table, start, "<"))
            if start
            else SQL("ARRAY[]::int[]"),
            ids(LINE_ORDER_DESC, step),
        ]

    @api.model
    def _b2b_statement_figures(self, partner, date_from, date_to, company, start=None, step=None):
        """Opening and closing balances, period totals and count, the position and
        start balance of the page starting at ``start`` and (with ``step``) the
        first row of the pages a pager shows around it (``page_starts``: page
        number -> row id): one query whatever the page.

        The pager links stay within three pages of the current one, plus the first
        and the last page (Odoo's ``portal.pager``), so the page starts come from
        three bounded index ranges: the ``3 * step`` rows from ``start``, the
        ``4 * step`` before it and the last ``step`` rows."""
        AML = self.env["account.move.line"].sudo()
        period_domain = _period(date_from, date_to)
        period = self._b2b_line_query(partner, company, period_domain)
        alias = period.table
        before = self._b2b_after_sql(alias, start, "<") if start else SQL("FALSE")
        columns = [
            self._b2b_balance_sum_sql(partner, company, [("date", "<", date_from)]),
            self._b2b_balance_sum_sql(partner, company, [("date", "<=", date_to)]),
            SQL("SUM(%s)", AML._field_to_sql(alias, "debit", period)),
            SQL("SUM(%s)", AML._field_to_sql(alias, "credit", period)),
            SQL("COUNT(*)"),
            SQL("SUM(%s) FILTER (WHERE %s)", AML._field_to_sql(alias, "balance", period), before),
            SQL("COUNT(*) FILTER (WHERE %s)", before),
            SQL("COUNT(*) FILTER (WHERE %s = %s)", SQL.identifier(alias, "id"), start or 0),
        ]
        if step:
            columns += self._b2b_page_start_columns(partner, company, period_domain, start, step)
        [row] = self.env.execute_query(period.select(*columns))
        opening, closing, debit, credit, count, earlier, position, found = row[:8]
        opening = opening or 0.0
        page_starts = _page_starts(row[8:], position, count, step) if step and count else {}
        return {
            "opening": opening,
            "closing": closing or 0.0,
            "total_debit": debit or 0.0,
            "total_credit": credit or 0.0,
            "count": count,
            "position": position,
            "page_start": opening + (earlier or 0.0),
            "start_found": bool(found),
            "page_starts": page_starts,
        }

    @api.model
    def _b2b_statement_rows(self, partner, date_from, date_to, company=None, batch=5000):
        """The statement rows of the period in order, for files: tuples (date,
        document, description, due date, debit, credit, running balance), read
        by keyset batches of ``batch`` rows of only these columns (no records in
        the ORM cache), so a 100,000-row statement takes the memory of a batch.
        Starts with the opening balance: ``opening, rows`` (a generator)."""
        self._b2b_check_reader(partner)
        company = company or self.env.company
        opening = self._b2b_balance(partner, before=date_from, company=company)
        period = _period(date_from, date_to)

        def rows():
            running = opening
            after = None
            while True:
                fetched = self._b2b_rows_batch(partner, company, period, after, batch)
                for (
                    line_date,
                    move_name,
                    _id,
                    name,
                    ref,
                    due,
                    debit,
                    credit,
                    balance,
                    move,
                ) in fetched:
                    running += balance
                    description = _line_description(name, ref)
                    yield (line_date, move_name or move, description, due, debit, credit, running)
                if len(fetched) < batch:
                    return
                after = fetched[-1][:3]

        return opening, rows()

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
    def _b2b_rows_batch(self, partner, company, period, after, batch):
        """``batch`` rows after the key ``after`` ((date, move_name, id) of the
        last row of the previous batch, or None): a range of the index, only the
        columns of the file (the entry's number when the item has none)."""
        AML = self.env["account.move.line"].sudo()
        query = self._b2b_line_query(partner, company, period, order=LINE_ORDER, limit=batch)
        table = query.table
        if after:
            query.add_where(SQL("%s > %s", self._b2b_key_sql(table), tuple(after)))
        columns = ("date", "move_name", "id", "name", "ref", "date_maturity", "debit", "credit")
        return self.env.execute_query(
            query.select(
                *(AML._field_to_sql(table, fname, query) for fname in (*columns, "balance")),
                SQL(
                    "(SELECT m.name FROM account_move m WHERE m.id = %s)",
                    AML._field_to_sql(table, "move_id", query),
                ),
            )
        )

    # ------------------------------------------------------------
    # BUSINESS: the portal's dashboard (F1) and balance page (F2)
    # ------------------------------------------------------------

    @api.model
    def _b2b_payments_domain(self, partner, company=None):
        """Received payments of ``partner``'s contacts in ``company`` (default: current)."""
        return [
            ("partner_id", "child_of", partner.id),
            ("company_id", "=", (company or self.env.company).id),
            ("partner_type", "=", "customer"),
            ("payment_type", "=", "inbound"),
            ("state", "in", ("in_process", "paid")),
        ]

    @api.model
    def _b2b_dashboard_values(self):
        """The tiles of ``/my`` for the current company of the person: balance,
        overdue, credit limit and what is left of it (statements or payments),
        open orders and 12 months of orders (orders), the last payments
        (payments), open returns (returns); each tile only with its permission.

        Each tile is one aggregate, read as superuser after the resolver's check
        (the permission of the current company) with a domain narrower than the
        record rules: the documents of the current company (its contacts) in the
        current company of the shop. The rules would resolve their ``child_of``
        again for every tile (two queries each)."""
        env = self.env
        user = env.user
        partner = user._b2b_current_partner()
        company = env.company
        currency = company.currency_id
        today = fields.Date.context_today(user)
        perms = user._b2b_permissions()
        values = {
            "b2b_dashboard": True,
            "b2b_dash_currency": currency,
            "b2b_dash_perms": perms,
        }
        fin_perms = tuple(p for p in FINANCE_PERMS if p in perms)
        if fin_perms:
            values.update(self._b2b_dashboard_balance(partner, fin_perms))
        own = Domain("partner_id.commercial_partner_id", "=", partner.id) & Domain(
            "company_id", "=", company.id
        )
        if "orders" in perms and env["sale.order"].has_access("read"):
            values.update(self._b2b_dashboard_orders(own, today))
        if "payments" in perms and env["account.payment"].has_access("read"):
            values["b2b_dash_payments"] = self._b2b_dashboard_payments(partner, own)
        if "returns" in perms:
            Rma = env["b2b.rma"]
            values["b2b_dash_rma_count"] = (
                Rma.sudo().search_count(own & Domain(Rma._b2b_open_domain()))
                if Rma.has_access("read")
                else 0
            )
        return values

    @api.model
    def _b2b_dashboard_balance(self, partner, perms):
        """Balance, overdue, credit limit and what is left of it (one of ``perms``)."""
        company = self.env.company
        balance, overdue = self._b2b_balance_overdue(partner, perms=perms)
        partner_sudo = partner.sudo().with_company(company)
        limit = partner_sudo._b2b_credit_limit(company)
        # what is left is what the order check (sale.order._b2b_credit_info)
        # leaves: the limit minus the balance and the confirmed orders not
        # invoiced yet
        available = limit - balance - partner_sudo._b2b_credit_to_invoice(company) if limit else 0.0
        return {
            "b2b_dash_balance": balance,
            "b2b_dash_overdue": overdue,
            "b2b_dash_credit_limit": limit,
            "b2b_dash_available": available,
        }

    @api.model
    def _b2b_dashboard_payments(self, partner, own):
        """The last 5 received payments (``own``: the dashboard's documents)."""
        received = [
            (name, op, value)
            for name, op, value in self._b2b_payments_domain(partner)
            if name != "partner_id"
        ]
        return (
            self.env["account.payment"]
            .sudo()
            .search_fetch(
                own & Domain(received),
                ["date", "amount_company_currency_signed"],
                order="date desc, id desc",
                limit=5,
            )
        )

    @api.model
    def _b2b_dashboard_orders(self, own, today):
        """Open orders (count, amount) and the untaxed amount ordered per month of
        the last 12 months, in one query (``own``: the dashboard's documents)."""
        company = self.env.company
        currency = company.currency_id
        months = month_starts(today)
        since = fields.Datetime.to_datetime(months[0])
        count, amount = 0, 0.0
        per_month = defaultdict(float)
        for month, order_currency, status, total, untaxed, group_count in (
            self.env["sale.order"]
            .sudo()
            ._read_group(
                own
                & Domain("state", "=", "sale")
                & (Domain("invoice_status", "!=", "invoiced") | Domain("date_order", ">=", since)),
                ["date_order:month", "currency_id", "invoice_status"],
                ["amount_total:sum", "amount_untaxed:sum", "__count"],
            )
        ):
            if status != "invoiced":
                count += group_count
                amount += order_currency._convert(total, currency, company, today)
            key = month.date() if hasattr(month, "date") else month
            if key >= months[0]:
                per_month[key.replace(day=1)] += order_currency._convert(
                    untaxed, currency, company, today
                )
        peak = max(per_month.values(), default=0.0)
        return {
            "b2b_dash_open_orders": count,
            "b2b_dash_open_amount": amount,
            "b2b_dash_chart": [
                {
                    "month": month,
                    "amount": per_month.get(month, 0.0),
                    "pct": round(per_month.get(month, 0.0) * 100 / peak) if peak else 0,
                }
                for month in months
            ],
        }

    @api.model
    def _b2b_balance_details(self, partner, company=None):
        """What ``/my/balance`` shows: the balance and the overdue amount, what is
        due order by order (``order_rows``: (order, figures), newest first), the
        items not matched yet that lower the balance (advance payments, credit
        notes: the last 50 and their total) and what is due outside orders."""
        self._b2b_check_reader(partner)
        company = company or self.env.company
        balance, overdue = self._b2b_balance_overdue(partner, company)
        by_order = self._b2b_balance_by_order(partner, company)
        # the orders come from a query fixed to the current company, run after the
        # statements permission check; their names are shown even without Orders
        orders_sudo = (
            self.env["sale.order"]
            .sudo()
            .search([("id", "in", list(by_order))], order="date_order desc, id desc")
        )
        AML = self.env["account.move.line"].sudo()
        unallocated = self._b2b_line_domain(partner, company) + [
            ("reconciled", "=", False),
            ("amount_residual", "<", 0),
        ]
        unallocated_sudo = AML.search_fetch(
            unallocated,
            ["date", "move_name", "name", "ref", "amount_residual", "move_id"],
            order="date desc, id desc",
            limit=50,
        )
        [(unallocated_total,)] = AML._read_group(unallocated, [], ["amount_residual:sum"])
        unallocated_total = unallocated_total or 0.0
        order_due = sum(row["due"] for row in by_order.values())
        return {
            "balance": balance,
            "overdue": overdue,
            "order_rows": [(order, by_order[order.id]) for order in orders_sudo],
            "order_due": order_due,
            "unallocated_lines": unallocated_sudo,
            "unallocated_total": unallocated_total,
            "other_due": balance - order_due - unallocated_total,
        }

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
    def _b2b_statement_xlsx(self, partner, date_from, date_to, company=None):
        """The statement as an XLSX workbook in the user's language: a temporary
        file (read from the start, deleted when closed) written row by row from
        keyset batches of the rows, so memory stays flat whatever the period."""
        # report/ imports this module: import its workbook helper when used
        from ..report.xlsx_workbook import B2bXlsxSheet  # noqa: PLC0415

        self._b2b_check_reader(partner)
        company = company or self.env.company
        figures = self._b2b_statement_figures(partner, date_from, date_to, company)
        opening, rows = self._b2b_statement_rows(partner, date_from, date_to, company)
        currency = company.currency_id
        _ = self.env._
        xlsx = B2bXlsxSheet(
            self.env,
            _("Statement"),
            widths={0: 14, 1: 20, 2: 40, 3: 12, (4, 6): 14},
            decimals=currency.decimal_places,
        )
        self._b2b_xlsx_heading(xlsx, partner, company, date_from, date_to)
        xlsx.line(
            [
                _("Date"),
                _("Document"),
                _("Description"),
                _("Due date"),
                _("Debit"),
                _("Credit"),
                _("Balance"),
            ],
            style="bold",
        )
        totals = (None, None, "bold", None, "amount_bold", "amount_bold", "amount_bold")
        xlsx.line([None, None, _("Opening balance"), None, None, None, opening], totals)
        amounts = (None, None, None, None, "amount", "amount", "amount")
        for row in rows:
            xlsx.line(row, amounts)
        xlsx.line(
            [
                None,
                None,
                _("Totals of the period"),
                None,
                figures["total_debit"],
                figures["total_credit"],
            ],
            totals,
        )
        xlsx.line([None, None, _("Closing balance"), None, None, None, figures["closing"]], totals)
        self._b2b_xlsx_aging(xlsx, partner, date_to, company)
        return xlsx.close()

    @api.model
    def _b2b_xlsx_heading(self, xlsx, partner, company, date_from, date_to):
        """The title block of the statement workbook."""
        _ = self.env._
        bold = ("bold",)
        xlsx.line([_("Account statement")], style="title")
        xlsx.line([company.name])
        xlsx.line([_("Customer"), partner.name], bold)
        xlsx.line([_("Customer code"), partner.b2b_code or ""], bold)
        xlsx.line([_("Period"), date_from, date_to], bold)
        xlsx.line([_("Currency"), company.currency_id.name], bold)
        xlsx.skip()

    @api.model
    def _b2b_xlsx_aging(self, xlsx, partner, date_to, company):
        """The aging block at the foot of the statement workbook."""
        aging = self._b2b_aging(partner, date_to, company)
        labels = self._b2b_aging_labels()
        xlsx.skip()
        xlsx.line(
            [self.env._("Aging at %(date)s", date=fields.Date.to_string(date_to))], style="bold"
        )
        for key, _low, _high in AGING_BUCKETS:
            xlsx.line([labels[key], aging[key]], (None, "amount"))


def _page_starts(arrays, position, count, step):
    """{page number: its first row} for the pages around the one at ``position``
    and the last page, from the arrays of the figures query: ``forward[i]`` is
    the row at position + i, ``backward[i]`` at position - 1 - i, ``last[i]`` at
    count - 1 - i; page n starts at (n - 1) * step. Page 1 needs no start."""
    forward, backward, last = arrays
    current = position // step + 1
    page_count = -(-count // step)
    starts = {}
    for num in {*range(current - 3, current + 4), page_count}:
        if not 1 < num <= page_count:
            continue
        first = (num - 1) * step
        for ids, index in (
            (forward, first - position),
            (backward, position - 1 - first),
            (last, count - 1 - first),
        ):
            if 0 <= index < len(ids):
                starts[num] = ids[index]
                break
    return starts


def _page_row(line, balance, company_currency):
    """What the page, the PDF and the reconciliation show of one item."""
    move = line.move_id
    return {
        "id": line.id,
        "date": line.date,
        "document": line.move_name or move.name,
        "move_id": move.id,
        "is_invoice": move.move_type in ("out_invoice", "out_refund"),
        "description": _line_description(line.name, line.ref),
        "date_maturity": line.date_maturity,
        "debit": line.debit,
        "credit": line.credit,
        "balance": balance,
        "amount_currency": line.amount_currency,
        "currency": line.currency_id if line.currency_id != company_currency else False,
    }


def _period(date_from, date_to):
    return [("date", ">=", date_from), ("date", "<=", date_to)]


def _line_description(name, ref):
    label = name or ""
    if ref and ref not in label:
        label = f"{label} ({ref})" if label else ref
    return label


def month_starts(today, count=12):
    """The first day of the ``count`` months ending with ``today``'s month."""
    first = today.replace(day=1)
    months = []
    for _i in range(count):
        months.append(first)
        first = (first - timedelta(days=1)).replace(day=1)
    return list(reversed(months))
