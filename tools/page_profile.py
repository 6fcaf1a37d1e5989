#!/usr/bin/env python3
# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Cost of portal pages for one user, measured inside one Odoo process (run by hand).

Runs Odoo's WSGI application in this process (no HTTP server, no network, no
other request in the way), logs in like a browser, optionally chooses the
company, warms every page up, then requests each page ``--repeat`` times and
prints the median and fastest time, the number of SQL queries and their time.
With ``--profile PATH`` it runs cProfile over that page and prints the
functions of this addon and the most expensive ones overall::

    make profile PAGES="/my /my/invoices"          # from the Makefile
    PYTHONPATH=$ODOO_SRC $VENV/bin/python tools/page_profile.py \\
        --addons-path ... -d b2b_demo --login buyer --company "Nordlys Byg ApS" \\
        /my /my/invoices /my/orders --profile /my

``--compare-login portal`` times the same pages for a second login (a plain
portal user, without company) in the same run and prints the ratio of the medians;
``--sql PATH`` prints every query of one request of PATH with the function that
issued it (the innermost frame of this addon, else of Odoo's addons). The page
``/my+`` is ``/my`` with what the browser asks for once it is shown (Odoo's
counters, the dashboard's figures), timed as one.

Single-process figures: compare pages with each other (ratios), not with the
load test's latencies.
"""

import argparse
import cProfile
import pstats
import re
import statistics
import sys
import threading
import time
import traceback


def _csrf(body):
    match = re.search(r'name="csrf_token" value="([^"]+)"', body)
    if not match:
        sys.exit("page_profile: no CSRF token on the page (is the database right?)")
    return match.group(1)


def _login(client, login, password, company):
    res = client.post(
        "/web/login",
        data={
            "login": login,
            "password": password or login,
            "csrf_token": _csrf(client.get("/web/login").get_data(as_text=True)),
            "redirect": "/my",
        },
    )
    if res.status_code != 303:
        sys.exit(f"page_profile: login of {login} answered {res.status_code}")
    if company:
        body = client.get("/my/b2b/company").get_data(as_text=True)
        found = re.search(
            r'name="partner_id" value="(\d+)"(?:(?!</form>).)*?' + re.escape(company),
            body,
            re.S,
        )
        if not found:
            sys.exit(f"page_profile: {company!r} is not offered to {login}")
        client.post(
            "/my/b2b/company",
            data={"partner_id": found.group(1), "csrf_token": _csrf(body), "redirect": "/my"},
        )


HOME_WITH_PARTS = "/my+"


def _get(client, path):
    """GET ``path``; ``/my+`` is the home page with what the browser asks for
    once it is shown: Odoo's counters (one /my/counters call for all of them)
    and, for a B2B person, the dashboard's figures (its ``data-url``)."""
    if path != HOME_WITH_PARTS:
        return client.get(path)
    res = client.get("/my")
    body = res.get_data(as_text=True)
    counters = re.findall(r'data-placeholder_count="([^"]+)"', body)
    if counters:
        client.post(
            "/my/counters",
            json={"jsonrpc": "2.0", "method": "call", "id": 1, "params": {"counters": counters}},
        )
    if figures := re.search(r'data-url="([^"]*/my/b2b/dashboard)"', body):
        client.get(figures.group(1))
    return res


def _count_queries(client, path):
    """(queries, sql s) of one ``_get`` of ``path`` (all its requests)."""
    thread = threading.current_thread()
    counted = [0, 0.0]

    def hook(cr, query, params, start, depth):
        counted[0] += 1

        def ended(delay):
            counted[1] += delay

        return ended

    thread.query_hooks = [hook]
    try:
        _get(client, path)
    finally:
        del thread.query_hooks
    return counted[0], counted[1]


def _measure(clients, path, repeat):
    """[(median s, min s, queries, sql s) or None] of ``path`` for each client,
    after a warm-up (None when the page does not answer 200). The clients take
    turns request by request, so that a slower or faster minute of a shared
    machine falls on all of them."""
    answering = []
    for client in clients:
        for _i in range(3):
            res = _get(client, path)
        answering.append(res.status_code == 200)
    times = [[] for _client in clients]
    for _i in range(repeat):
        for index, client in enumerate(clients):
            if answering[index]:
                start = time.perf_counter()
                _get(client, path)
                times[index].append(time.perf_counter() - start)
    return [
        (statistics.median(spent), min(spent), *_count_queries(client, path))
        if answering[index]
        else None
        for index, (client, spent) in enumerate(zip(clients, times, strict=True))
    ]


ADDON_FRAME_RE = re.compile(r"/b2b_portal/(?:models|controllers|wizard|report)/")


def _caller():
    """Where a query comes from: the innermost frame of this addon, else the
    innermost frame of an Odoo addon or of the http layer (not the ORM)."""
    frames = traceback.extract_stack()[:-3]
    for frame in reversed(frames):
        if ADDON_FRAME_RE.search(frame.filename):
            return f"{frame.filename.split('/b2b_portal/')[-1]}:{frame.lineno} {frame.name}"
    for frame in reversed(frames):
        name = frame.filename
        if ("/addons/" in name or name.endswith("odoo/http.py")) and "/orm/" not in name:
            return f"{name.split('/addons/')[-1].split('/odoo/')[-1]}:{frame.lineno} {frame.name}"
    return "?"


def _print_sql(client, path, stack_re=None):
    thread = threading.current_thread()
    for _i in range(3):
        client.get(path)
    queries = []

    def hook(cr, query, params, start, depth):
        text = query.decode() if isinstance(query, bytes) else str(query)
        queries.append((" ".join(text.split())[:150], _caller()))
        if stack_re and stack_re.search(text):
            # the template functions and Python frames that led to this query
            frames = [
                f"{f.filename.split('/addons/')[-1]}:{f.lineno} {f.name}"
                for f in traceback.extract_stack()[:-3]
                if "/addons/" in f.filename or f.name.startswith("template_")
            ]
            queries[-1] = (
                queries[-1][0],
                queries[-1][1] + "\n      " + "\n      ".join(frames[-25:]),
            )

    thread.query_hooks = [hook]
    try:
        client.get(path)
    finally:
        del thread.query_hooks
    print(f"\n{len(queries)} queries of {path}")
    for number, (query, caller) in enumerate(queries, 1):
        print(f"{number:>3} {caller:<60} {query}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="+", help="paths, e.g. /my /my/invoices")
    parser.add_argument("-d", "--database", default="b2b_demo")
    parser.add_argument("--addons-path", required=True)
    parser.add_argument("--login", default="buyer")
    parser.add_argument("--password", default=None, help="default: the login")
    parser.add_argument("--company", default="Nordlys Byg ApS", help="'' for none")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--profile", metavar="PATH", help="cProfile this page")
    parser.add_argument("--top", type=int, default=30, help="rows of the profile")
    parser.add_argument(
        "--profile-out",
        metavar="FILE",
        help="with --profile: also save the stats (pstats, snakeviz)",
    )
    parser.add_argument(
        "--compare-login", metavar="LOGIN", help="a plain portal login timed in the same run"
    )
    parser.add_argument("--compare-password", default=None, help="default: the login")
    parser.add_argument("--sql", metavar="PATH", action="append", help="list the queries of PATH")
    parser.add_argument(
        "--stack", metavar="REGEX", help="with --sql: the call stack of the queries matching REGEX"
    )
    args = parser.parse_args()

    from werkzeug.test import Client  # noqa: PLC0415

    import odoo  # noqa: PLC0415 - needs PYTHONPATH=<odoo source>
    import odoo.http  # noqa: PLC0415
    import odoo.service.server  # noqa: PLC0415
    from odoo.tools import config  # noqa: PLC0415

    config.parse_config(
        [
            f"--database={args.database}",
            f"--addons-path={args.addons_path}",
            f"--db-filter=^{re.escape(args.database)}$",
            "--log-level=warn",
            "--http-interface=127.0.0.1",
        ]
    )
    odoo.service.server.load_server_wide_modules()

    def app(environ, start_response):
        environ.setdefault("REMOTE_ADDR", "127.0.0.1")
        return odoo.http.root(environ, start_response)

    client = Client(app)
    _login(client, args.login, args.password, args.company)
    other = None
    if args.compare_login:
        other = Client(app)
        _login(other, args.compare_login, args.compare_password, None)

    header = f"{'page':<28}{'median ms':>10}{'min ms':>9}{'queries':>9}{'sql ms':>8}"
    if other:
        header += f"  | {args.compare_login + ' ms':>12}{'queries':>9}{'ratio':>7}"
    print(header)
    for path in args.pages:
        measured, *compared = _measure([client, other] if other else [client], path, args.repeat)
        if not measured:
            sys.exit(f"page_profile: {path} does not answer 200 to {args.login}")
        median, fastest, count, sql = measured
        line = f"{path:<28}{median * 1000:>10.1f}{fastest * 1000:>9.1f}{count:>9}{sql * 1000:>8.1f}"
        if other:
            if compared := compared[0]:
                o_median, _o_min, o_count, _o_sql = compared
                line += f"  | {o_median * 1000:>12.1f}{o_count:>9}{median / o_median:>7.2f}"
            else:
                line += f"  | {'(no access)':>12}"
        print(line)
    for path in args.sql or ():
        _print_sql(client, path, args.stack and re.compile(args.stack))
        if other:
            _print_sql(other, path, args.stack and re.compile(args.stack))
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        for _i in range(args.repeat):
            client.get(args.profile)
        profiler.disable()
        if args.profile_out:
            profiler.dump_stats(args.profile_out)
        stats = pstats.Stats(profiler).sort_stats("cumulative")
        print(f"\ncProfile of {args.profile}, {args.repeat} requests (times are for all of them)")
        stats.print_stats("b2b_portal", args.top)
        stats.print_stats(args.top)
        stats.sort_stats("tottime").print_stats(args.top)


if __name__ == "__main__":
    main()
