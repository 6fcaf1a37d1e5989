# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, tagged

from .common import B2bCommon


@tagged("post_install", "-at_install")
class TestB2bTours(B2bCommon, HttpCase):
    def test_tour_shared_login_switches_company(self):
        self.order_a.name = "TOUR-ALPHA"
        self.order_b.name = "TOUR-BETA"
        self.start_tour("/my/orders", "b2b_portal_company_switch", login="shared_b2b")
