#!/usr/bin/env python3
# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Load test of the B2B portal pages against stock ``/my/invoices`` (run by hand).

Start Odoo with workers on the demo database first, e.g.::

    odoo-bin -d b2b_demo --workers 2 --max-cron-threads 0 --http-port 8069

then::

    python tools/loadtest.py --url http://127.0.0.1:8069 --db b2b_demo --users 20 --duration 120

Each virtual user logs in once (password hashing is deliberately slow), chooses
the company, then requests every page once per round, in a new random order
each round (a periodic stall then lands on random pages, not always on the
same ones): first for ``--warmup`` seconds whose timings are thrown away (every
worker process compiles its templates and fills its caches on its first
requests; those cold requests would otherwise land in the p95 of whichever page
a cold worker served first), then for ``--duration`` measured seconds. The
report gives p50/p95 per page, the ratio of each page's p95 to the p95 of Odoo's
own ``/my/invoices`` measured in the same run, the errors (counted in the
warm-up too), the requests that took a second or more (``>= 1 s``: what a
connection dropped by a full listen queue costs, the client's SYN retry) and, on
Linux, the connections a full listen queue dropped. ``PROXY=haproxy make
loadtest`` runs it through HAProxy, which keeps Odoo's listen queue from
overflowing. Only loopback addresses are accepted as targets.

Against ``make cluster`` (nginx in front of two Odoo servers and a PostgreSQL
replica): ``--url http://127.0.0.1:8300``; ``--replica-port 5433`` counts, on the
replica and on the primary, the transactions and rows read during the measure
(pg_stat_database deltas) and ``--server-log FILE`` (once per server) counts the
requests by the cursor Odoo gave them (``ro`` = replica, ``rw``, ``ro->rw``, read
from the werkzeug lines of its log). ``--json FILE`` writes the figures.
"""

import argparse
import ipaddress
import json
import os
import random
import re
import socket
import statistics
import sys
import threading
import time
from urllib.parse import urlparse

import requests
from portal_session import login

BASELINE = "invoices"
# the client's first SYN retransmission: a connection the server's full listen
# queue dropped is answered at least this late ("≥ 1 s" column of the report)
SYN_RETRY_S = 1.0
DEFAULT_PAGES = [
    ("dashboard", "/my"),
    ("dashboard_figures", "/my/b2b/dashboard"),
    ("orders", "/my/orders"),
    ("order_statement", "/my/order_statement"),
    (BASELINE, "/my/invoices"),
    ("payments", "/my/payments"),
    ("statement", "/my/statement"),
    ("rma", "/my/rma"),
]


def _check_loopback(url):
    host = urlparse(url).hostname
    addr = ipaddress.ip_address(socket.gethostbyname(host))
    if not addr.is_loopback:
        sys.exit(f"loadtest: {host} is not a loopback address; refusing to load it")


def _percentile(values, pct):
    if not values:
        return float("nan")
    values = sorted(values)
    k = (len(values) - 1) * pct / 100
    f, c = int(k), min(int(k) + 1, len(values) - 1)
    return values[f] + (values[c] - values[f]) * (k - f)


def _listen_overflows():
    """Linux's count of connections dropped because a listen queue was full
    (None elsewhere). Odoo's prefork server listens with a queue of 8 per worker:
    with 2 workers and 20 users some connections wait for the client's SYN
    retransmission (1 s), whatever the page."""
    try:
        with open("/proc/net/netstat", encoding="ascii") as netstat:
            lines = [line.split() for line in netstat if line.startswith("TcpExt:")]
        names, values = lines[0], lines[1]
        return int(values[names.index("ListenOverflows")])
    except (OSError, IndexError, ValueError):
        return None


CURSOR_MODE_RE = re.compile(r'" \d{3} \S+ \d+ [\d.]+ [\d.]+ (ro->rw|ro|rw|-)\s*$')


def _db_stats(port, db):
    """(transactions, rows read) of ``db`` on the PostgreSQL server at ``port``."""
    import psycopg2  # noqa: PLC0415 (in Odoo's venv; only needed with --replica-port)

    with psycopg2.connect(host="127.0.0.1", port=port, dbname="postgres") as cnx:
        with cnx.cursor() as cr:
            cr.execute("SELECT pg_stat_clear_snapshot()")
            cr.execute(
                "SELECT xact_commit + xact_rollback, tup_returned + tup_fetched "
                "FROM pg_stat_database WHERE datname = %s",
                [db],
            )
            row = cr.fetchone()
    cnx.close()
    return row


def _log_offsets(paths):
    return {path: os.path.getsize(path) if os.path.exists(path) else 0 for path in paths}


def _cursor_modes(offsets):
    """Requests per cursor mode in the server logs, since ``offsets``."""
    modes = {}
    for path, offset in offsets.items():
        with open(path, encoding="utf-8", errors="replace") as log:
            log.seek(offset)
            for line in log:
                match = CURSOR_MODE_RE.search(line)
                if match and "werkzeug" in line:
                    modes[match.group(1)] = modes.get(match.group(1), 0) + 1
    return modes


def run(args, pages):
    sessions = []
    lock = threading.Lock()
    timings = {name: [] for name, _path in pages}
    errors = {name: [] for name, _path in pages}

    def login_one(_i):
        # a burst of logins can meet a full listen queue (reset, or a 502 from a
        # proxy with a single server): try again, up to 3 times
        for attempt in range(3):
            try:
                session = login(
                    args.url, args.db, args.login, args.password or args.login, args.company
                )
            except (requests.RequestException, AttributeError, RuntimeError):
                time.sleep(1 + attempt)
                continue
            with lock:
                sessions.append(session)
            return

    t0 = time.perf_counter()
    threads = [threading.Thread(target=login_one, args=(i,)) for i in range(args.users)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(f"{len(sessions)} virtual users logged in in {time.perf_counter() - t0:.1f}s")
    if len(sessions) != args.users:
        sys.exit("loadtest: some logins failed")

    # warm up every page once (caches, assets, rule domains)
    for name, path in pages:
        res = sessions[0].get(args.url + path, timeout=60, allow_redirects=False)
        if res.status_code != 200:
            print(f"  warm-up: {name} {path} answered {res.status_code}")

    measure_from = time.monotonic() + args.warmup
    deadline = measure_from + args.duration
    max_requests = args.max_requests

    def worker(index, session):
        # every round requests each page once, in a new random order per round and
        # user: a periodic stall (the machine, the client's own threads) then
        # lands on random pages instead of always on the same ones
        rng = random.Random(index)
        order = []
        done = 0
        while time.monotonic() < deadline and done < max_requests:
            if not order:
                order = rng.sample(pages, len(pages))
            name, path = order.pop()
            measured = time.monotonic() >= measure_from
            start = time.perf_counter()
            try:
                res = session.get(args.url + path, timeout=60, allow_redirects=False)
                elapsed = time.perf_counter() - start
                ok = res.status_code == 200
                why = f"HTTP {res.status_code}"
            except requests.RequestException as exc:
                elapsed = time.perf_counter() - start
                ok, why = False, type(exc).__name__
            with lock:
                if measured:
                    timings[name].append(elapsed)
                if not ok:
                    errors[name].append(why)
            done += measured

    threads = [threading.Thread(target=worker, args=(i, s)) for i, s in enumerate(sessions)]
    for t in threads:
        t.start()
    while time.monotonic() < measure_from:
        time.sleep(0.05)
    overflows_before = _listen_overflows()
    offsets = _log_offsets(args.server_log)
    if args.replica_port:
        db_before = (_db_stats(args.primary_port, args.db), _db_stats(args.replica_port, args.db))
    for t in threads:
        t.join()
    overflows_after = _listen_overflows()
    args.cursor_modes = _cursor_modes(offsets) if args.server_log else None
    args.db_stats = None
    if args.replica_port:
        db_after = (_db_stats(args.primary_port, args.db), _db_stats(args.replica_port, args.db))
        args.db_stats = {
            name: [after - before for before, after in zip(db_before[i], db_after[i], strict=True)]
            for i, name in enumerate(("primary", "replica"))
        }
    overflows = (
        overflows_after - overflows_before
        if overflows_before is not None and overflows_after is not None
        else None
    )
    # the measured span: from the end of the warm-up to the last answer
    wall = max(time.monotonic() - measure_from, 1e-9)
    return timings, errors, wall, overflows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8069")
    parser.add_argument("--db", default="b2b_demo")
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--duration", type=float, default=120, help="measured seconds of load")
    parser.add_argument(
        "--warmup", type=float, default=15, help="seconds of load before measuring (not counted)"
    )
    parser.add_argument("--max-requests", type=int, default=2000, help="per virtual user")
    parser.add_argument("--login", default="buyer")
    parser.add_argument("--password", default=None, help="default: the login")
    parser.add_argument("--company", default="Nordlys Byg ApS")
    parser.add_argument(
        "--pages",
        default=",".join(f"{n}={p}" for n, p in DEFAULT_PAGES),
        help="name=path,... (must include invoices=/my/invoices as the baseline)",
    )
    parser.add_argument("--target", type=float, default=1.1, help="max p95 ratio")
    parser.add_argument("--replica-port", type=int, help="count the replica's share (psql)")
    parser.add_argument("--primary-port", type=int, default=5432)
    parser.add_argument("--server-log", action="append", default=[], help="an Odoo log")
    parser.add_argument("--json", help="write the figures to this file")
    args = parser.parse_args()
    _check_loopback(args.url)
    pages = [tuple(item.split("=", 1)) for item in args.pages.split(",")]
    if BASELINE not in dict(pages):
        sys.exit("loadtest: the page list must contain invoices=/my/invoices (baseline)")

    timings, errors, wall, overflows = run(args, pages)
    base_p95 = _percentile(timings[BASELINE], 95)
    total = sum(len(v) for v in timings.values())
    print(
        f"\n{args.users} users, {total} requests measured in {wall:.0f}s after a "
        f"{args.warmup:.0f}s warm-up ({total / wall:.1f} req/s), baseline = /my/invoices p95"
    )
    print(
        f"{'page':<18}{'n':>6}{'p50 ms':>9}{'p95 ms':>9}{'p95 ratio':>11}{'errors':>8}{'>= 1 s':>8}"
    )
    failed = False
    for name, _path in pages:
        values = timings[name]
        p50 = _percentile(values, 50) * 1000
        p95 = _percentile(values, 95) * 1000
        ratio = _percentile(values, 95) / base_p95 if base_p95 else float("nan")
        errs = len(errors[name])
        mark = ""
        if errs or (name != BASELINE and ratio > args.target):
            mark = "  <-- over target" if not errs else f"  <-- {sorted(set(errors[name]))}"
            failed = True
        # a request that met a full listen queue waited 1 s for the SYN retry
        slow = sum(1 for value in values if value >= SYN_RETRY_S)
        print(
            f"{name:<18}{len(values):>6}{p50:>9.0f}{p95:>9.0f}{ratio:>11.2f}{errs:>8}"
            f"{slow:>8}{mark}"
        )
    every = [v for values in timings.values() for v in values]
    print(f"mean of all requests: {statistics.mean(every) * 1000:.0f} ms")
    if overflows:
        print(
            f"{overflows} connections were dropped by a full listen queue during the "
            "measure (Linux ListenOverflows): each waited about 1 s for its retry, "
            "whatever the page (the '>= 1 s' column), so a page's p95 may show them "
            "by chance. Odoo's prefork server queues 8 connections per worker: use at "
            "least users / 8 workers, or a proxy that queues in front (PROXY=haproxy "
            "make loadtest), for page-to-page comparisons."
        )
    every_p95 = _percentile(every, 95) * 1000
    print(f"p95 of all requests: {every_p95:.0f} ms")
    if args.cursor_modes is not None:
        print(f"requests by cursor (Odoo's logs): {args.cursor_modes}")
    if args.db_stats:
        primary, replica = args.db_stats["primary"], args.db_stats["replica"]
        print(
            f"pg_stat_database deltas: primary {primary[0]} transactions, {primary[1]} rows "
            f"read; replica {replica[0]} transactions, {replica[1]} rows read"
        )
    if args.json:
        errs = sum(len(v) for v in errors.values())
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump(
                {
                    "users": args.users,
                    "requests": total,
                    "seconds": wall,
                    "rps": total / wall,
                    "p50_ms": _percentile(every, 50) * 1000,
                    "p95_ms": every_p95,
                    "errors": errs,
                    "cursor_modes": args.cursor_modes,
                    "db_stats": args.db_stats,
                },
                out,
            )
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
