# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The addon as a package (issue 20): what a production install gets and what
the Apps page shows."""

import contextlib
import io

from odoo.modules.module import Manifest
from odoo.tests import TransactionCase, tagged

MODULE = "b2b_portal"


def _dependency_closure(name):
    """Every module ``name`` pulls in (its depends, theirs, ...)."""
    seen, todo = set(), [name]
    while todo:
        manifest = Manifest.for_addon(todo.pop(), display_warning=False)
        for dep in manifest.get("depends", []) if manifest else []:
            if dep not in seen:
                seen.add(dep)
                todo.append(dep)
    return seen


@tagged("post_install", "-at_install")
class TestPackaging(TransactionCase):
    def test_no_demo_module_in_depends(self):
        """A production install must not get demo-only modules (such as
        payment_demo, Odoo's fake payment provider): `make run` installs them
        into the demo database itself (tools/serve.sh, DEMO_MODULES)."""
        manifest = Manifest.for_addon(MODULE)
        direct = [d for d in manifest["depends"] if d.endswith("_demo")]
        self.assertFalse(direct, f"{MODULE} depends on demo module(s) {direct}")
        pulled = sorted(d for d in _dependency_closure(MODULE) if d.endswith("_demo"))
        self.assertFalse(pulled, f"{MODULE}'s dependencies pull in demo module(s) {pulled}")

    def test_description_renders_without_docutils_messages(self):
        """The Apps page shows static/description/index.html (generated from
        readme/ by tools/gen_readme.py): Odoo then does not render README.md
        with docutils, which printed "(ERROR/3) Unexpected indentation" lines
        on stderr at every init."""
        module = self.env["ir.module.module"].search([("name", "=", MODULE)])
        module.invalidate_recordset(["description_html"])
        stderr = io.StringIO()
        with contextlib.redirect_stderr(stderr):
            html = str(module.description_html)
        self.assertFalse(stderr.getvalue(), "docutils messages while rendering the description")
        self.assertIn("Table of contents", html)
        self.assertIn("/b2b_portal/static/description/screenshots/", html)
