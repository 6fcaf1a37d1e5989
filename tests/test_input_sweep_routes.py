# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""G4: the input sweep (``sweep_common.py``) describes every POST route, once.

Each area class of ``test_input_sweep_*.py`` registers itself in
``sweep_common.SWEPT`` when its module is imported; Odoo imports every test
module of ``tests/__init__.py`` before it runs a test, so by then the registry
holds them all (a module dropped from ``tests/__init__.py`` fails the check
below, as ``sweep_common.AREAS`` still names its class).
"""

from odoo.tests import TransactionCase, tagged

from .routes_common import ROUTES
from .sweep_common import AREAS, SWEPT


@tagged("post_install", "-at_install")
class TestInputSweepRoutes(TransactionCase):
    def test_every_area_is_registered(self):
        self.assertEqual(
            sorted(SWEPT),
            sorted(AREAS),
            "the classes that define a SWEEP are not sweep_common.AREAS (a module "
            "missing from tests/__init__.py, or an area not listed in AREAS)",
        )
        for name, cls in SWEPT.items():
            for method in ("test_bad_input_sweep", "test_mass_assignment"):
                self.assertIn(method, vars(cls), f"{name} does not run its SWEEP: no {method}")
            self.assertTrue(cls.SWEEP, f"{name} sweeps no route")

    def test_every_post_route_is_swept(self):
        swept = {}
        for name, cls in SWEPT.items():
            for path in cls.SWEEP:
                self.assertFalse(path in swept, f"{path} is swept by {swept.get(path)} and {name}")
                swept[path] = name
        posts = {path for path, spec in ROUTES.items() if "POST" in spec["methods"]}
        for path in sorted(posts):
            self.assertIn(
                path,
                swept,
                f"{path} answers POST but no SWEEP of tests/test_input_sweep_*.py "
                "describes it: add its valid payload and fields",
            )
        self.assertEqual(set(swept) - posts, set(), "a SWEEP describes unknown routes")
