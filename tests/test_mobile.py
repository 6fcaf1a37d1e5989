# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""G3: the customer-facing pages work on a phone (390 px wide, touch)."""

import json

from odoo.tests import HttpCase, tagged

from .common import B2bCommon

# Fails (console.error) when the page is wider than the screen or when the main
# action of the page is missing, invisible or outside the screen.
PHONE_CHECK = """
(() => {
    const selector = %s;
    const width = window.innerWidth;
    const problems = [];
    if (width > 400) {
        problems.push(`the viewport is ${width}px wide, not a phone`);
    }
    const overflow = document.documentElement.scrollWidth - width;
    if (overflow > 0) {
        const culprits = [...document.querySelectorAll("#wrapwrap *")]
            .filter((el) => el.getBoundingClientRect().right > width + 1
                && !el.closest(".table-responsive, .visually-hidden, .dropdown-menu"))
            .slice(0, 4)
            .map((el) => el.tagName.toLowerCase() + [...el.classList].map((c) => "." + c).join(""));
        problems.push(`the page is ${overflow}px wider than the screen (${culprits.join(", ")})`);
    }
    const button = document.querySelector(selector);
    if (!button) {
        problems.push(`no ${selector} on the page`);
    } else {
        const rect = button.getBoundingClientRect();
        if (!rect.width || !rect.height || getComputedStyle(button).visibility === "hidden") {
            problems.push(`${selector} is not visible`);
        } else if (rect.left < 0 || rect.right > width) {
            problems.push(`${selector} is outside the screen (${rect.left}..${rect.right})`);
        }
    }
    if (problems.length) {
        console.error("phone check failed: " + problems.join("; "));
    } else {
        console.log("test successful");
    }
})();
"""


@tagged("post_install", "-at_install")
class TestMobilePages(B2bCommon, HttpCase):
    browser_size = "390x844"
    touch_enabled = True

    def _check_phone(self, path, selector):
        self.browser_js(path, PHONE_CHECK % json.dumps(selector), login="alpha_b2b")

    def test_phone_dashboard(self):
        self._check_phone("/my", ".o_b2b_dash_orders")

    def test_phone_quick_order(self):
        self._check_phone("/my/quick_order", ".o_b2b_quick_order_check")

    def test_phone_order_statement(self):
        self._check_phone("/my/order_statement", ".o_b2b_statement_pdf")

    def test_phone_rma_request(self):
        self._check_phone(f"/my/rma/new?invoice_id={self.invoice_a.id}", ".o_b2b_rma_submit")

    def test_phone_statement(self):
        self._check_phone("/my/statement", ".o_b2b_statement_pdf")
