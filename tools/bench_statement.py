#!/usr/bin/env python3
# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Benchmark of the account statement (F4) on a big ledger. Run by hand, not in CI.

    python tools/bench_statement.py --odoo /opt/odoo/19.0 -d DB        # uses DB as is
    python tools/bench_statement.py --odoo /opt/odoo/19.0 --create     # throwaway copy

``--create`` copies ``--template`` (default b2b_base) to ``b2b_bench_statement``,
installs b2b_portal there, fills it, measures and drops it (``--keep`` keeps it).
With ``-d`` the rows are added to that database (use a copy!).

Filling: 100k posted receivable journal items for one customer company and 900k
other items (other partners, half on income accounts) so the table holds ~1M rows,
in account_move / account_move_line through INSERT ... SELECT generate_series.
Then ANALYZE, then it prints the server time of the statement page computation
(opening balance, closing balance, period totals, page 1 of 80 rows, aging) and
the EXPLAIN of the opening/closing and page queries (index or sequential scans);
then, on the whole ledger of the customer (100k rows, 1,250 pages of 80), page 1
and page 500 (time, queries, ratio) and the XLSX export of the 100k rows in a
child process (seconds, peak RSS sampled every 5 ms, RSS before the export).

Before/after in one sitting: fill once with ``--keep``, then measure the same
database with another copy of the addon (``git worktree add /tmp/main main``,
a folder ``b2b_portal`` linking to it, ``--addons-path`` to that folder first):

    python tools/bench_statement.py --create --template b2b_stmt --keep
    python tools/bench_statement.py -d b2b_bench_statement --skip-fill \
        --addons-path /tmp/main-addons,/opt/odoo/19.0/addons,/opt/odoo/19.0/odoo/addons

The old builder pages by offset (``offset=39920``), the new one by the page's
start row (``start=``, what the pager links carry); both are detected.
"""

import argparse
import inspect
import json
import os
import resource
import statistics
import subprocess
import sys
import threading
import time
from datetime import date, timedelta

TARGET_ROWS = 100_000
OTHER_ROWS = 900_000
LINES_PER_MOVE = 10
DAYS = 3 * 365


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--odoo", default=os.environ.get("ODOO_SRC", "/opt/odoo/19.0"))
    parser.add_argument("--addons-path", default=None)
    parser.add_argument("-d", "--database")
    parser.add_argument("--create", action="store_true")
    parser.add_argument("--template", default="b2b_base")
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--skip-fill", action="store_true", help="measure again a database filled before"
    )
    parser.add_argument("--page", type=int, default=500, help="the far page to compare")
    parser.add_argument("--no-xlsx", action="store_true", help="skip the XLSX export")
    parser.add_argument("--no-explain", action="store_true", help="skip the period timings")
    # internal: the XLSX export in a child process (its own peak RSS)
    parser.add_argument("--xlsx-child", nargs=3, metavar=("PARTNER", "FROM", "TO"))
    return parser.parse_args()


def sh(*cmd):
    print("$", " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True)


def main():
    args = parse_args()
    if not args.database and not args.create:
        sys.exit("give -d DB or --create")
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    addons = args.addons_path or ",".join(
        [f"{args.odoo}/addons", f"{args.odoo}/odoo/addons", os.path.dirname(here)]
    )
    db = args.database or "b2b_bench_statement"
    if args.create:
        sh("dropdb", "--if-exists", db)
        sh("createdb", "-T", args.template, db)
        t0 = time.perf_counter()
        sh(
            sys.executable,
            f"{args.odoo}/odoo-bin",
            "-d",
            db,
            f"--addons-path={addons}",
            "-i",
            "b2b_portal",
            "--stop-after-init",
            "--log-level=warn",
            "--http-port=8399",
        )
        print(f"installed b2b_portal in {time.perf_counter() - t0:.0f} s")
    sys.path.insert(0, args.odoo)
    import odoo  # noqa: PLC0415
    from odoo import SUPERUSER_ID, api  # noqa: PLC0415
    from odoo.tools import SQL  # noqa: PLC0415

    odoo.tools.config.parse_config([f"--addons-path={addons}", "-d", db])
    registry = odoo.modules.registry.Registry(db)
    if args.xlsx_child:
        return xlsx_child(registry, api, SUPERUSER_ID, *args.xlsx_child)
    import odoo.addons.b2b_portal as addon  # noqa: PLC0415

    print(f"b2b_portal from {os.path.dirname(addon.__file__)}", flush=True)
    try:
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            if args.skip_fill:
                partner = env["res.partner"].search(
                    [("name", "=", "Bench Statement Customer")], limit=1
                )
            else:
                partner = fill(env, SQL)
            cr.commit()
            cr.execute("ANALYZE account_move")
            cr.execute("ANALYZE account_move_line")
            cr.commit()
            if not args.no_explain:
                measure(env, partner, args.runs, SQL)
            measure_pages(env, partner, args.runs, args.page)
        if not args.no_xlsx:
            measure_xlsx(args, addons, db, partner.id)
    finally:
        if args.create and not args.keep:
            odoo.modules.registry.Registry.delete(db)
            odoo.sql_db.close_all()
            sh("dropdb", "--if-exists", db)


def fill(env, SQL):
    company = env.company
    cr = env.cr
    partner = env["res.partner"].create({"name": "Bench Statement Customer", "is_company": True})
    others = env["res.partner"].create(
        [{"name": f"Bench other {i}", "is_company": True} for i in range(200)]
    )
    receivable = partner.with_company(company).property_account_receivable_id
    income = env["account.account"].search(
        [("account_type", "=", "income"), ("company_ids", "in", company.ids)], limit=1
    )
    journal = env["account.journal"].search(
        [("type", "=", "general"), ("company_id", "=", company.id)], limit=1
    )
    currency = company.currency_id
    start = date.today() - timedelta(days=DAYS)
    n_moves = (TARGET_ROWS + OTHER_ROWS) // LINES_PER_MOVE
    t0 = time.perf_counter()
    cr.execute("SELECT COUNT(*) FROM account_move_line")
    before = cr.fetchone()[0]
    # one move per 10 lines; moves 1..10k carry the target company's items
    cr.execute(
        SQL(
            """
            INSERT INTO account_move (name, move_type, state, date, journal_id, company_id,
                                      currency_id, auto_post, partner_id, commercial_partner_id,
                                      create_uid, write_uid, create_date, write_date)
            SELECT 'BENCH/' || g, 'entry', 'posted', %(start)s::date + (g %% %(days)s),
                   %(journal)s, %(company)s, %(currency)s, 'no',
                   CASE WHEN g <= %(target_moves)s THEN %(partner)s END,
                   CASE WHEN g <= %(target_moves)s THEN %(partner)s END,
                   1, 1, now(), now()
              FROM generate_series(1, %(n_moves)s) g
            RETURNING id
            """,
            start=start,
            days=DAYS,
            journal=journal.id,
            company=company.id,
            currency=currency.id,
            partner=partner.id,
            target_moves=TARGET_ROWS // LINES_PER_MOVE,
            n_moves=n_moves,
        )
    )
    move_ids = [row[0] for row in cr.fetchall()]
    first_move = min(move_ids)
    other_ids = others.ids
    cr.execute(
        SQL(
            """
            INSERT INTO account_move_line (
                move_id, move_name, partner_id, account_id, company_id, journal_id,
                currency_id, company_currency_id, date, date_maturity, parent_state,
                display_type, name, debit, credit, balance, amount_currency,
                amount_residual, amount_residual_currency, reconciled,
                create_uid, write_uid, create_date, write_date)
            SELECT %(first_move)s + (g - 1) / %(per_move)s,
                   'BENCH/' || (1 + (g - 1) / %(per_move)s),
                   CASE WHEN g <= %(target)s THEN %(partner)s
                        ELSE (%(others)s::int[])[1 + g %% %(n_others)s] END,
                   CASE WHEN g <= %(target)s OR g %% 2 = 0 THEN %(receivable)s
                        ELSE %(income)s END,
                   %(company)s, %(journal)s, %(currency)s, %(currency)s,
                   %(start)s::date + ((1 + (g - 1) / %(per_move)s) %% %(days)s),
                   %(start)s::date + ((1 + (g - 1) / %(per_move)s) %% %(days)s) + 30,
                   'posted', 'payment_term',
                   -- labels only on the target's items: the trigram index on name
                   -- makes labelled bulk inserts slow
                   CASE WHEN g <= %(target)s THEN 'Bench item ' || g END,
                   CASE WHEN g %% 3 = 0 THEN 0 ELSE 10 + g %% 90 END,
                   CASE WHEN g %% 3 = 0 THEN 5 + g %% 40 ELSE 0 END,
                   CASE WHEN g %% 3 = 0 THEN -(5 + g %% 40) ELSE 10 + g %% 90 END,
                   CASE WHEN g %% 3 = 0 THEN -(5 + g %% 40) ELSE 10 + g %% 90 END,
                   CASE WHEN g %% 3 = 0 THEN -(5 + g %% 40) ELSE 10 + g %% 90 END,
                   CASE WHEN g %% 3 = 0 THEN -(5 + g %% 40) ELSE 10 + g %% 90 END,
                   false, 1, 1, now(), now()
              FROM generate_series(1, %(total)s) g
            """,
            first_move=first_move,
            per_move=LINES_PER_MOVE,
            target=TARGET_ROWS,
            partner=partner.id,
            others=other_ids,
            n_others=len(other_ids),
            receivable=receivable.id,
            income=income.id,
            company=company.id,
            journal=journal.id,
            currency=currency.id,
            start=start,
            days=DAYS,
            total=TARGET_ROWS + OTHER_ROWS,
        )
    )
    cr.execute("SELECT COUNT(*) FROM account_move_line")
    after = cr.fetchone()[0]
    print(
        f"inserted {n_moves} moves and {after - before} move lines in "
        f"{time.perf_counter() - t0:.1f} s; account_move_line now holds {after} rows; "
        f"{TARGET_ROWS} receivable items for partner {partner.id}"
    )
    env.invalidate_all()
    return partner


def measure(env, partner, runs, SQL):
    from odoo.addons.b2b_portal.models.b2b_statement_builder import LINE_ORDER  # noqa: PLC0415

    Builder = env["b2b.statement.builder"]
    AML = env["account.move.line"]
    today = date.today()
    periods = {
        "last 12 months": (today - timedelta(days=365), today),
        "whole 3 years": (today - timedelta(days=DAYS + 1), today),
        "one month": (today.replace(day=1), today),
    }
    for label, (date_from, date_to) in periods.items():
        timings = {"opening": [], "closing": [], "page 1 (80 rows)": [], "aging": [], "total": []}
        for _run in range(runs):
            env.invalidate_all()
            t0 = time.perf_counter()
            Builder._b2b_balance(partner, before=date_from)
            t1 = time.perf_counter()
            Builder._b2b_balance(partner, date_to=date_to)
            t2 = time.perf_counter()
            AML.search_fetch(
                Builder._b2b_period_domain(partner, date_from, date_to),
                ["date", "move_name", "name", "debit", "credit", "balance"],
                order=LINE_ORDER,
                limit=80,
            )
            t3 = time.perf_counter()
            Builder._b2b_aging(partner, date_to)
            t4 = time.perf_counter()
            env.invalidate_all()
            t5 = time.perf_counter()
            st = Builder._b2b_statement(partner, date_from, date_to, limit=80)
            t6 = time.perf_counter()
            spans = (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t6 - t5)
            for key, value in zip(timings, spans, strict=True):
                timings[key].append(value * 1000)
        print(f"\n== period {label} {date_from} .. {date_to}: {st['count']} rows in the period")
        print(f"   opening {st['opening']:.2f}  closing {st['closing']:.2f}")
        for key, values in timings.items():
            print(
                f"   {key:<18} median {statistics.median(values):7.1f} ms  "
                f"(min {min(values):.1f}, max {max(values):.1f})"
            )
        page_core = (
            statistics.median(timings["opening"])
            + statistics.median(timings["closing"])
            + statistics.median(timings["page 1 (80 rows)"])
        )
        print(
            f"   page 1 + opening + closing: {page_core:.1f} ms "
            f"({'OK' if page_core < 300 else 'OVER'} the 300 ms target); "
            f"whole builder incl. totals and aging: {statistics.median(timings['total']):.1f} ms"
        )

    date_from, date_to = periods["last 12 months"]
    queries = {
        "opening balance": AML._search(
            Builder._b2b_line_domain(partner) + [("date", "<", date_from)]
        ).select(SQL("SUM(account_move_line.balance)")),
        "closing balance": AML._search(
            Builder._b2b_line_domain(partner) + [("date", "<=", date_to)]
        ).select(SQL("SUM(account_move_line.balance)")),
        "page 1": AML._search(
            Builder._b2b_period_domain(partner, date_from, date_to), order=LINE_ORDER, limit=80
        ).select(),
    }
    for label, query in queries.items():
        env.cr.execute(SQL("EXPLAIN (ANALYZE, BUFFERS OFF) %s", query))
        plan = "\n".join(row[0] for row in env.cr.fetchall())
        scans = sorted(
            {
                line.strip().split(" on ")[0].split("->")[-1].strip()
                + " on "
                + line.split(" on ")[1].split()[0]
                for line in plan.splitlines()
                if " on account_move_line" in line
            }
        )
        print(f"\n== EXPLAIN {label}: {', '.join(scans) or 'no scan on account_move_line?'}")
        print(plan)


def measure_pages(env, partner, runs, far_page, step=80):
    """Page 1 and page ``far_page`` of the customer's whole ledger: median time
    and queries of the builder call (the page's figures, rows and aging)."""
    from odoo.addons.b2b_portal.models.b2b_statement_builder import LINE_ORDER  # noqa: PLC0415

    Builder = env["b2b.statement.builder"]
    AML = env["account.move.line"]
    keyset = "start" in inspect.signature(Builder._b2b_statement).parameters
    date_from, date_to = date.today() - timedelta(days=DAYS + 1), date.today()
    domain = Builder._b2b_period_domain(partner, date_from, date_to)
    offset = (far_page - 1) * step
    # the row a page link would carry (keyset), found outside the timing
    start = AML.search(domain, order=LINE_ORDER, offset=offset, limit=1).id
    calls = {
        "page 1": {},
        f"page {far_page}": {"start": start} if keyset else {"offset": offset},
    }
    if keyset:
        calls[f"page {far_page} typed (offset)"] = {"offset": offset}
    print(
        f"\n== pages of the whole ledger {date_from} .. {date_to}, {step} rows a page, "
        f"{'keyset (start=)' if keyset else 'offset'} paging"
    )
    results = {}
    for label, kwargs in calls.items():
        times, queries = [], []
        for _run in range(runs):
            env.invalidate_all()
            count0 = env.cr.sql_log_count
            t0 = time.perf_counter()
            st = Builder._b2b_statement(partner, date_from, date_to, limit=step, **kwargs)
            times.append((time.perf_counter() - t0) * 1000)
            queries.append(env.cr.sql_log_count - count0)
        results[label] = (statistics.median(times), min(queries))
        print(
            f"   {label:<28} median {statistics.median(times):7.1f} ms  "
            f"(min {min(times):.1f}, max {max(times):.1f}), {min(queries)} queries, "
            f"first row balance {st['lines'][0]['balance']:.2f}"
        )
    (t1, q1), (tn, qn) = results["page 1"], results[f"page {far_page}"]
    print(f"   page {far_page} / page 1: time x{tn / t1:.2f}, queries {qn} vs {q1}")
    return results


def measure_xlsx(args, addons, db, partner_id):
    """The XLSX export of the whole ledger in a child process (its peak RSS)."""
    date_from = date.today() - timedelta(days=DAYS + 1)
    cmd = [
        sys.executable,
        os.path.abspath(__file__),
        f"--odoo={args.odoo}",
        f"--addons-path={addons}",
        "-d",
        db,
        "--xlsx-child",
        str(partner_id),
        date_from.isoformat(),
        date.today().isoformat(),
    ]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    result = json.loads(out.strip().splitlines()[-1])
    print(
        f"\n== XLSX of {result['rows']} rows: {result['seconds']:.2f} s "
        f"({result['cpu_seconds']:.2f} s CPU, load {os.getloadavg()[0]:.1f}), "
        f"peak RSS {result['peak_rss_mb']:.0f} MB (RSS before the export "
        f"{result['rss_before_mb']:.0f} MB, +{result['peak_rss_mb'] - result['rss_before_mb']:.0f}"
        f" MB; ru_maxrss {result['ru_maxrss_mb']:.0f} MB), file {result['bytes'] / 1e6:.1f} MB"
    )
    return result


def _cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _rss_mb():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def xlsx_child(registry, api, uid, partner_id, date_from, date_to):
    with registry.cursor() as cr:
        env = api.Environment(cr, uid, {})
        partner = env["res.partner"].browse(int(partner_id))
        Builder = env["b2b.statement.builder"]
        partner.name  # noqa: B018 - load what is not the export's
        peak = [_rss_mb()]
        before = peak[0]
        done = threading.Event()

        def sample():
            while not done.wait(0.005):
                peak[0] = max(peak[0], _rss_mb())

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        t0 = time.perf_counter()
        cpu0 = _cpu_seconds()
        content = Builder._b2b_statement_xlsx(
            partner, date.fromisoformat(date_from), date.fromisoformat(date_to)
        )
        if isinstance(content, bytes):
            size = len(content)
        else:  # a temporary file, sent in blocks as the portal's response does
            size = 0
            while block := content.read(65536):
                size += len(block)
            content.close()
        seconds = time.perf_counter() - t0
        cpu = _cpu_seconds() - cpu0
        done.set()
        sampler.join()
        peak[0] = max(peak[0], _rss_mb())
        rows = Builder._b2b_statement(
            partner, date.fromisoformat(date_from), date.fromisoformat(date_to), limit=1
        )["count"]
    print(
        json.dumps(
            {
                "seconds": seconds,
                "cpu_seconds": cpu,
                "rss_before_mb": before,
                "peak_rss_mb": peak[0],
                "ru_maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                "bytes": size,
                "rows": rows,
            }
        )
    )


if __name__ == "__main__":
    main()
