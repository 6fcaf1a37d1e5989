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


def _csrf(body):
    match = re.search(r'name="csrf_token" value="([^"]+)"', body)
    if not match:
        sys.exit("page_profile: no CSRF token on the page (is the database right?)")
    return match.group(1)


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
    res = client.post(
        "/web/login",
        data={
            "login": args.login,
            "password": args.password or args.login,
            "csrf_token": _csrf(client.get("/web/login").get_data(as_text=True)),
            "redirect": "/my",
        },
    )
    if res.status_code != 303:
        sys.exit(f"page_profile: login of {args.login} answered {res.status_code}")
    if args.company:
        body = client.get("/my/b2b/company").get_data(as_text=True)
        found = re.search(
            r'name="partner_id" value="(\d+)"(?:(?!</form>).)*?' + re.escape(args.company),
            body,
            re.S,
        )
        if not found:
            sys.exit(f"page_profile: {args.company!r} is not offered to {args.login}")
        client.post(
            "/my/b2b/company",
            data={"partner_id": found.group(1), "csrf_token": _csrf(body), "redirect": "/my"},
        )

    thread = threading.current_thread()
    print(f"{'page':<28}{'median ms':>10}{'min ms':>9}{'queries':>9}{'sql ms':>8}")
    for path in args.pages:
        for _i in range(3):
            res = client.get(path)
        if res.status_code != 200:
            sys.exit(f"page_profile: {path} answered {res.status_code}")
        times = []
        for _i in range(args.repeat):
            start = time.perf_counter()
            client.get(path)
            times.append(time.perf_counter() - start)
        thread.query_count, thread.query_time = 0, 0
        client.get(path)
        print(
            f"{path:<28}{statistics.median(times) * 1000:>10.1f}{min(times) * 1000:>9.1f}"
            f"{thread.query_count:>9}{thread.query_time * 1000:>8.1f}"
        )
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        for _i in range(args.repeat):
            client.get(args.profile)
        profiler.disable()
        stats = pstats.Stats(profiler).sort_stats("cumulative")
        print(f"\ncProfile of {args.profile}, {args.repeat} requests (times are for all of them)")
        stats.print_stats("b2b_portal", args.top)
        stats.print_stats(args.top)


if __name__ == "__main__":
    main()
