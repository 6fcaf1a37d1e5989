#!/usr/bin/env python3
# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Quick order benchmark (O4), run by hand against a running Odoo with demo data.

Times validating + adding N SKU lines with the quick order (two POSTs: check, then
confirm) and adding the same lines one by one through website_sale's
``/shop/cart/add`` (one JSON-RPC call per line, like clicking "Add to cart" N times).

    python3 tools/bench_quick_order.py --url http://127.0.0.1:8302 --db b2b_orders

Creates BENCH-0001.. products (published) as admin if they are missing, then works as
the B2B demo login ``orders`` (Nordlys, Orders permission). Needs ``requests``.
"""

import argparse
import re
import sys
import time

import requests


def jsonrpc(session, url, params):
    res = session.post(url, json={"jsonrpc": "2.0", "method": "call", "id": 1, "params": params})
    res.raise_for_status()
    data = res.json()
    if "error" in data:
        raise RuntimeError(data["error"].get("data", {}).get("message") or data["error"])
    return data.get("result")


def execute(base, db, password, model, method, *args, **kw):
    session = requests.Session()
    uid = jsonrpc(
        session,
        f"{base}/jsonrpc",
        {"service": "common", "method": "login", "args": [db, "admin", password]},
    )
    return jsonrpc(
        session,
        f"{base}/jsonrpc",
        {
            "service": "object",
            "method": "execute_kw",
            "args": [db, uid, password, model, method, list(args), kw],
        },
    )


def login(base, login_name, password):
    session = requests.Session()
    page = session.get(f"{base}/web/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    res = session.post(
        f"{base}/web/login",
        data={"login": login_name, "password": password, "csrf_token": token, "redirect": "/my"},
    )
    if "/web/login" in res.url:
        sys.exit(f"login {login_name} failed")
    return session


def csrf(session, base):
    page = session.get(f"{base}/my/quick_order")
    return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)


def cart_lines(session, base):
    return jsonrpc(session, f"{base}/shop/cart/quantity", {})


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8302")
    parser.add_argument("--db", default="b2b_orders")
    parser.add_argument("--admin-password", default="admin")
    parser.add_argument("--login", default="orders")
    parser.add_argument("--lines", type=int, default=500)
    args = parser.parse_args()
    base, count = args.url.rstrip("/"), args.lines

    codes = [f"BENCH-{i:04d}" for i in range(1, count + 1)]
    existing = execute(
        base,
        args.db,
        args.admin_password,
        "product.product",
        "search_read",
        [("default_code", "in", codes)],
        fields=["default_code"],
    )
    missing = sorted(set(codes) - {p["default_code"] for p in existing})
    if missing:
        execute(
            base,
            args.db,
            args.admin_password,
            "product.product",
            "create",
            [
                {
                    "name": f"Bench item {code}",
                    "default_code": code,
                    "list_price": 1.0,
                    "is_published": True,
                    "sale_ok": True,
                    "type": "consu",
                }
                for code in missing
            ],
        )
        print(f"created {len(missing)} products")
    products = execute(
        base,
        args.db,
        args.admin_password,
        "product.product",
        "search_read",
        [("default_code", "in", codes)],
        fields=["product_tmpl_id"],
    )

    session = login(base, args.login, args.login)
    token = csrf(session, base)
    jsonrpc(session, f"{base}/shop/cart/clear", {})

    # quick order: one check (all lines validated, nothing added) + one confirm
    text = "\n".join(f"{code}\t2" for code in codes)
    start = time.perf_counter()
    res = session.post(f"{base}/my/quick_order", data={"csrf_token": token, "text": text})
    checked = time.perf_counter()
    confirm_text = re.search(r'name="confirm_text" value="([^"]*)"', res.text)
    if not confirm_text:
        sys.exit("the quick order preview has no confirm form")
    confirm = confirm_text.group(1).replace("&#9;", "\t").replace("&#10;", "\n")
    res = session.post(
        f"{base}/my/quick_order/confirm",
        data={"csrf_token": token, "confirm_text": confirm},
        allow_redirects=False,
    )
    quick = time.perf_counter() - start
    if res.status_code != 303:
        sys.exit(f"the quick order confirmation answered {res.status_code}")
    quantity = cart_lines(session, base)
    print(
        f"quick order: {count} lines validated in {checked - start:.2f} s, "
        f"validated + added in {quick:.2f} s (cart quantity {quantity})"
    )

    jsonrpc(session, f"{base}/shop/cart/clear", {})
    start = time.perf_counter()
    for product in products:
        jsonrpc(
            session,
            f"{base}/shop/cart/add",
            {
                "product_template_id": product["product_tmpl_id"][0],
                "product_id": product["id"],
                "quantity": 2,
            },
        )
    one_by_one = time.perf_counter() - start
    quantity = cart_lines(session, base)
    print(
        f"/shop/cart/add one by one: {count} lines in {one_by_one:.2f} s (cart quantity {quantity})"
    )
    print(f"ratio one-by-one / quick order: {one_by_one / quick:.1f}x")
    jsonrpc(session, f"{base}/shop/cart/clear", {})


if __name__ == "__main__":
    main()
