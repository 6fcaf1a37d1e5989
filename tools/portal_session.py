# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A logged-in portal session for the tools (screenshots, load test)."""

import re

import requests

CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')


def login(url, db, user, password, company=None):
    """A ``requests.Session`` logged in as ``user``, acting for ``company``
    (the company's name, for a login that works for several)."""
    session = requests.Session()
    page = session.get(f"{url}/web/login", params={"db": db}, timeout=60)
    res = session.post(
        f"{url}/web/login",
        data={
            "login": user,
            "password": password,
            "csrf_token": CSRF_RE.search(page.text).group(1),
            "db": db,
        },
        timeout=120,
    )
    res.raise_for_status()
    if company:
        choose_company(session, url, company)
    return session


def choose_company(session, url, company):
    page = session.get(f"{url}/my/b2b/company", timeout=60)
    match = re.search(
        r'name="partner_id" value="(\d+)"[^>]*>\s*<input type="hidden" name="redirect"'
        r'[^>]*>\s*<button[^>]*data-company="' + re.escape(company) + '"',
        page.text,
    )
    if not match:
        raise RuntimeError(f"company {company!r} is not offered to this login")
    session.post(
        f"{url}/my/b2b/company",
        data={
            "partner_id": match.group(1),
            "csrf_token": CSRF_RE.search(page.text).group(1),
            "redirect": "/my",
        },
        timeout=60,
    )
