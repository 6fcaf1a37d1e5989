# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""G3: the customer-facing pages work on a phone (390 px wide, touch)."""

import json

from odoo import Command
from odoo.tests import HttpCase, tagged

from .common import B2bCommon

# Fails (console.error) when the page is wider than the screen or when the main
# action of the page is missing (after 5 s), invisible or outside the screen.
PHONE_CHECK = """
(() => {
    const selector = %s;
    const check = () => {
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
                .map((el) => el.tagName.toLowerCase()
                    + [...el.classList].map((c) => "." + c).join(""));
            const culpritList = culprits.join(", ");
            problems.push(`the page is ${overflow}px wider than the screen (${culpritList})`);
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
    };
    // what a page loads once it is shown (the dashboard's figures) gets 5 s
    let waited = 0;
    const wait = () => {
        if (document.querySelector(selector) || ++waited > 50) {
            check();
        } else {
            setTimeout(wait, 100);
        }
    };
    wait();
})();
"""


# Clicks the element (form submit button or export link, defused so that nothing
# leaves the page) until the b2b_portal.busy_* interactions mark it busy.
BUSY_CHECK = """
(() => {
    const el = document.querySelector(%s);
    if (!el) {
        console.error("busy check: element not found");
        return;
    }
    const form = el.tagName === "BUTTON" ? el.closest("form") : null;
    if (form) {
        form.setAttribute("action", "javascript:void(0)");
    } else {
        el.setAttribute("href", "#");
    }
    let tries = 0;
    const attempt = () => {
        if (el.classList.contains("o_b2b_is_busy") && el.querySelector(".o_b2b_spinner")
                && (!form || el.disabled)) {
            console.log("test successful");
        } else if (++tries > 50) {
            console.error("busy check: no spinner / disabled state after clicking");
        } else {
            el.click();
            setTimeout(attempt, 100);
        }
    };
    attempt();
})();
"""


# Ticks the header box of /my/invoices until the b2b_portal.invoice_zip_all
# interaction ticks every invoice of the page with it.
SELECT_ALL_CHECK = """
(() => {
    const all = document.querySelector("input.o_b2b_zip_all");
    const boxes = [...document.querySelectorAll("input.o_b2b_zip_pick")];
    let tries = 0;
    const attempt = () => {
        all.checked = false;
        all.click();
        if (boxes.length && boxes.every((box) => box.checked)) {
            console.log("test successful");
        } else if (++tries > 50) {
            console.error(`select all: ${boxes.filter((b) => b.checked).length}/${boxes.length}`);
        } else {
            setTimeout(attempt, 100);
        }
    };
    attempt();
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

    def test_phone_invoices_zip(self):
        self._check_phone("/my/invoices", ".o_b2b_zip_selected_btn")
        self._check_phone("/my/invoices", ".o_b2b_zip_period_btn")
        # the header box ticks every invoice of the page (once the page's
        # interactions have started)
        self.browser_js("/my/invoices", SELECT_ALL_CHECK, login="alpha_b2b")

    def test_phone_shopping_lists(self):
        self.product.product_tmpl_id.is_published = True
        shopping_list = self.env["b2b.shopping.list"].create(
            {
                "name": "Phone list with a rather long name for a small screen",
                "partner_id": self.company_a.id,
                "user_id": self.user_a.id,
                "visibility": "shared",
                "line_ids": [
                    Command.create(
                        {"product_id": self.product.id, "quantity": 12, "note": "Aisle 4"}
                    )
                ],
            }
        )
        self._check_phone("/my/lists", ".o_b2b_list_create")
        self._check_phone(f"/my/lists/{shopping_list.id}", ".o_b2b_list_order")

    def test_busy_feedback_on_upload_and_export(self):
        for path, selector in (
            ("/my/quick_order", ".o_b2b_quick_order_check"),
            ("/my/statement", ".o_b2b_statement_pdf"),
        ):
            with self.subTest(path=path):
                self.browser_js(path, BUSY_CHECK % json.dumps(selector), login="alpha_b2b")
