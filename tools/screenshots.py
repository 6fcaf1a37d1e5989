#!/usr/bin/env python3
# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Screenshots of portal pages with headless Chromium (run by hand or `make screenshots`).

Logs in through /web/login with ``requests`` (one session per login), hands the
session cookie to a headless Chromium through the DevTools protocol and captures
full-page PNGs at desktop and phone widths.

    python tools/screenshots.py --url http://127.0.0.1:8069 --db b2b_demo \
        --out docs/screenshots shots.txt

Each line of the shot list: ``name  login  path  [company-name]`` (login ``-`` for
anonymous pages; the optional company is chosen first for shared logins).
Without a list file the default list below is used.
"""

import argparse
import base64
import json
import os
import shutil
import socket
import subprocess
import tempfile
import time

import requests
import websocket
from portal_session import login

try:  # Pillow comes with Odoo; without it the PNGs are only larger
    from PIL import Image
except ImportError:  # pragma: no cover
    Image = None

# true while the page still loads part of itself after being shown
BUSY_JS = "!!document.querySelector('.o_portal_doc_spinner, [aria-busy=\\'true\\']')"

DEFAULT_SHOTS = """
login              -          /web/login
apply              -          /b2b/apply
chooser            buyer      /my/b2b/company
dashboard          buyer      /my                       Anatolia Yapı Market A.Ş.
dashboard_orders   orders     /my
refusal            orders     /my/invoices
shop               buyer      /shop                     Anatolia Yapı Market A.Ş.
orders             buyer      /my/orders                Anatolia Yapı Market A.Ş.
quick_order        buyer      /my/quick_order           Anatolia Yapı Market A.Ş.
lists              buyer      /my/lists                 Anatolia Yapı Market A.Ş.
list               manager    /my/lists/1
quote_requests     buyer      /my/orders?filterby=quotes  Anatolia Yapı Market A.Ş.
quote_requested    buyer      /my/orders/51             Anatolia Yapı Market A.Ş.
quote_received     buyer      /my/orders/52             Anatolia Yapı Market A.Ş.
order_statement    buyer      /my/order_statement       Anatolia Yapı Market A.Ş.
deliveries         buyer      /my/deliveries            Anatolia Yapı Market A.Ş.
rma                buyer      /my/rma                   Anatolia Yapı Market A.Ş.
rma_new            buyer      /my/rma/new               Anatolia Yapı Market A.Ş.
balance            accountant /my/balance
statement          accountant /my/statement
invoices           accountant /my/invoices
payments           accountant /my/payments
reconciliations    accountant /my/reconciliations
documents          buyer      /my/documents             Anatolia Yapı Market A.Ş.
library            buyer      /my/library               Anatolia Yapı Market A.Ş.
support            buyer      /my/support               Anatolia Yapı Market A.Ş.
support_new        buyer      /my/support/new           Anatolia Yapı Market A.Ş.
users              manager    /my/b2b/users
approvals          manager    /my/b2b/approvals
security           furniture  /my/security
"""

SIZES = {"desktop": (1280, 900, 1, False), "phone": (390, 844, 3, True)}


def shrink_png(path):
    """Reduce a screenshot to a 256-colour palette (typically 1/3 of the size)."""
    if shutil.which("pngquant"):
        subprocess.run(
            [
                "pngquant",
                "--force",
                "--skip-if-larger",
                "--ext",
                ".png",
                "--quality",
                "60-90",
                path,
            ],
            check=False,
        )
    elif Image is not None:
        with Image.open(path) as im:
            small = im.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
        small.save(path, optimize=True)


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Browser:
    def __init__(self):
        binary = (
            os.environ.get("ODOO_BROWSER_BIN")
            or shutil.which("chromium")
            or shutil.which("google-chrome")
        )
        if not binary:
            raise SystemExit("screenshots: chromium is not installed")
        self.port = _free_port()
        self.profile = tempfile.mkdtemp(prefix="b2b-shots-")
        self.proc = subprocess.Popen(
            [
                binary,
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--hide-scrollbars",
                f"--remote-debugging-port={self.port}",
                f"--user-data-dir={self.profile}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _i in range(100):
            try:
                tabs = requests.get(f"http://127.0.0.1:{self.port}/json", timeout=1).json()
                page = next(t for t in tabs if t["type"] == "page")
                break
            except Exception:
                time.sleep(0.1)
        else:
            raise SystemExit("screenshots: chromium did not start")
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=60)
        self.msg_id = 0
        self.call("Page.enable")
        self.call("Network.enable")

    def call(self, method, **params):
        self.msg_id += 1
        self.ws.send(json.dumps({"id": self.msg_id, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == self.msg_id:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg.get("result", {})

    def shot(self, url, cookie, base_url, path_png, size):
        width, height, scale, mobile = SIZES[size]
        self.call("Network.clearBrowserCookies")
        if cookie:
            self.call("Network.setCookie", name="session_id", value=cookie, url=base_url)
        self.call(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=scale,
            mobile=mobile,
        )
        self.call("Page.navigate", url=url)
        # wait for the page and its assets (the first request of a fresh
        # database builds the asset bundles), then let the interactions settle
        for _i in range(120):
            time.sleep(0.25)
            state = self.call("Runtime.evaluate", expression="document.readyState")
            if state.get("result", {}).get("value") == "complete":
                break
        time.sleep(1.5)
        # what the page loads once shown (Odoo's counters, the dashboard's
        # figures) gets up to 10 s more
        for _i in range(40):
            busy = self.call("Runtime.evaluate", expression=BUSY_JS)
            if not busy.get("result", {}).get("value"):
                break
            time.sleep(0.25)
        metrics = self.call("Page.getLayoutMetrics")
        content = metrics.get("cssContentSize") or metrics["contentSize"]
        overflow = content["width"] > width + 1
        # grow the viewport to the whole page before capturing: Chromium's
        # captureBeyondViewport leaves some layers unpainted (the shop grid)
        self.call(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=int(min(content["height"], 6000)),
            deviceScaleFactor=scale,
            mobile=mobile,
        )
        time.sleep(0.5)
        data = self.call(
            "Page.captureScreenshot",
            format="png",
            captureBeyondViewport=False,
            clip={
                "x": 0,
                "y": 0,
                "width": max(width, content["width"]),
                "height": min(content["height"], 6000),
                "scale": 1 if size == "desktop" else 0.5,
            },
        )
        with open(path_png, "wb") as f:
            f.write(base64.b64decode(data["data"]))
        shrink_png(path_png)
        return overflow

    def close(self):
        self.proc.terminate()
        shutil.rmtree(self.profile, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shots", nargs="?", help="shot list file (default: built in)")
    parser.add_argument("--url", default="http://127.0.0.1:8069")
    parser.add_argument("--db", default="b2b_demo")
    parser.add_argument("--out", default="docs/screenshots")
    parser.add_argument("--sizes", default="desktop,phone")
    args = parser.parse_args()
    text = open(args.shots).read() if args.shots else DEFAULT_SHOTS
    os.makedirs(args.out, exist_ok=True)
    browser = Browser()
    sessions = {}
    problems = []
    try:
        for line in text.splitlines():
            parts = line.split(None, 3)
            if not parts or parts[0].startswith("#"):
                continue
            name, user, path = parts[:3]
            company = parts[3].strip() if len(parts) > 3 else None
            cookie = None
            if user != "-":
                key = (user, company)
                if key not in sessions:
                    sessions[key] = login(args.url, args.db, user, user, company)
                cookie = sessions[key].cookies.get("session_id")
            for size in args.sizes.split(","):
                png = os.path.join(args.out, f"{name}-{size}.png")
                if browser.shot(args.url + path, cookie, args.url, png, size):
                    problems.append(f"{name} ({size}): page wider than the screen")
                print(png)
    finally:
        browser.close()
    for problem in problems:
        print("WARNING", problem)


if __name__ == "__main__":
    main()
