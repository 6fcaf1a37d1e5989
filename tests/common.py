# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.tests.common import TransactionCase

MODULE_PREFIX = "odoo.addons.b2b_portal."


class B2bCommon(TransactionCase):
    """Two customer companies (A, B), their orders and invoices, and B2B users:

    * ``user_shared``: one login acting for A and B (all permissions)
    * ``user_a``: A only, all permissions
    * ``user_no_orders``: A only, Orders unticked
    * ``user_passive``: A only, passive
    * ``user_b``: B only, all permissions
    * ``user_plain``: a portal user of B without any B2B access (stock Odoo)
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        # company pricelists (U10) need Odoo's pricelist feature, as Settings >
        # Sales > Pricelists turns it on (Odoo's demo data does too)
        cls.env.ref("base.group_user").implied_ids += cls.env.ref("product.group_product_pricelist")
        Partner = cls.env["res.partner"]
        cls.company_a = Partner.create({"name": "Alpha Build Ltd", "is_company": True})
        cls.company_b = Partner.create({"name": "Beta Metal GmbH", "is_company": True})
        cls.company_c = Partner.create({"name": "Gamma Foreign SA", "is_company": True})
        cls.product = cls.env["product.product"].create(
            {"name": "B2B test bolt", "default_code": "B2B-BOLT", "list_price": 10.0}
        )
        cls.profile = cls.env["b2b.profile"].create({"name": "Test buyer profile"})
        Access = cls.env["b2b.access"]
        cls.access_shared_a = Access.create(
            {
                "partner_id": cls.company_a.id,
                "login": "shared_b2b",
                "name": "Sam Shared",
                "new_password": "shared_b2b",
            }
        )
        cls.user_shared = cls.access_shared_a.user_id
        cls.access_shared_b = Access.create(
            {"partner_id": cls.company_b.id, "user_id": cls.user_shared.id}
        )
        cls.access_a = Access.create(
            {
                "partner_id": cls.company_a.id,
                "login": "alpha_b2b",
                "name": "Ada Alpha",
                "new_password": "alpha_b2b",
                "profile_id": cls.profile.id,
            }
        )
        cls.user_a = cls.access_a.user_id
        cls.access_no_orders = Access.create(
            {
                "partner_id": cls.company_a.id,
                "login": "noorders_b2b",
                "name": "Nora No-Orders",
                "new_password": "noorders_b2b",
                "perm_orders": False,
            }
        )
        cls.user_no_orders = cls.access_no_orders.user_id
        cls.access_passive = Access.create(
            {
                "partner_id": cls.company_a.id,
                "login": "passive_b2b",
                "name": "Pete Passive",
                "new_password": "passive_b2b",
                "state": "passive",
            }
        )
        cls.user_passive = cls.access_passive.user_id
        cls.access_b = Access.create(
            {
                "partner_id": cls.company_b.id,
                "login": "beta_b2b",
                "name": "Ben Beta",
                "new_password": "beta_b2b",
            }
        )
        cls.user_b = cls.access_b.user_id
        contact_b = Partner.create({"name": "Plain Portal", "parent_id": cls.company_b.id})
        cls.user_plain = cls.env["res.users"].create(
            {
                "login": "plain_portal",
                "password": "plain_portal",
                "partner_id": contact_b.id,
                "group_ids": [Command.set([cls.env.ref("base.group_portal").id])],
            }
        )
        cls.order_a = cls._create_order(cls.company_a)
        cls.order_b = cls._create_order(cls.company_b)
        cls.order_c = cls._create_order(cls.company_c)
        cls.invoice_a = cls._create_invoice(cls.company_a)
        cls.invoice_b = cls._create_invoice(cls.company_b)

    @classmethod
    def _give_addresses(cls, email="office@example.com"):
        """Companies A and B get a complete address (the checkout needs one)."""
        for company in (cls.company_a, cls.company_b):
            company.write(
                {
                    "street": "Main street 1",
                    "city": "Town",
                    "zip": "1000",
                    "country_id": cls.env.ref("base.be").id,
                    "email": email,
                }
            )

    @classmethod
    def _create_order(cls, partner, confirm=True):
        order = cls.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "order_line": [
                    Command.create({"product_id": cls.product.id, "product_uom_qty": 3})
                ],
            }
        )
        if confirm:
            order.action_confirm()
        return order

    @classmethod
    def _create_invoice(cls, partner):
        invoice = cls.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "invoice_line_ids": [
                    Command.create(
                        {"product_id": cls.product.id, "quantity": 2, "price_unit": 10.0}
                    )
                ],
            }
        )
        invoice.action_post()
        return invoice

    @classmethod
    def _send_as_ubl(cls, invoice):
        """Send ``invoice`` as Odoo does (no e-mail) with its customer in the Peppol
        BIS 3 format: its PDF and its UBL XML are stored on it (account_edi_ubl_cii,
        installed with account). The supplier and the customer get the Belgian VAT
        numbers and addresses the format needs."""
        belgium = cls.env.ref("base.be")
        cls.env.company.write(
            {
                "country_id": belgium.id,
                "vat": "BE0477472701",
                "street": "Rue du Test 1",
                "city": "Brussels",
                "zip": "1000",
            }
        )
        invoice.commercial_partner_id.write(
            {
                "country_id": belgium.id,
                "vat": "BE0897223670",
                "street": "Main street 1",
                "city": "Ghent",
                "zip": "9000",
                "invoice_edi_format": "ubl_bis3",
            }
        )
        invoice._generate_and_send(sending_methods=["manual"])
        assert invoice.ubl_cii_xml_id, "fixture: no UBL XML stored"
        return invoice


class PortalSessionMixin:
    """Log in as a test login (its password is the login) and post with the
    session's CSRF token (the access matrix, the input sweep, the entry points)."""

    def _as(self, login):
        self.authenticate(login, login) if login else self.authenticate(None, None)

    def _choose(self, partner):
        self.url_open(
            "/my/b2b/company",
            data={"partner_id": partner.id, "csrf_token": self.csrf(), "redirect": "/my"},
            allow_redirects=False,
        )

    def csrf(self):
        from odoo.http import Request

        return Request.csrf_token(self)


def addon_routes(env, declared_only=False):
    """(path, routing, function) of every route whose handler is defined here
    (with ``declared_only``: only the routes this addon declares, not the Odoo
    routes it overrides with a bare ``@http.route()``)."""
    seen = set()
    for rule in env["ir.http"].routing_map().iter_rules():
        func = getattr(rule.endpoint, "original_endpoint", rule.endpoint)
        if not getattr(func, "__module__", "").startswith(MODULE_PREFIX):
            continue
        key = (rule.rule, func.__qualname__)
        if key in seen:
            continue
        if declared_only and "routes" not in getattr(rule.endpoint, "original_routing", {}):
            continue
        seen.add(key)
        yield rule.rule, rule.endpoint.routing, func


def test_payment_provider(env):
    """A published test provider with Odoo's "unknown" payment method, as
    payment.tests.common.PaymentCommon makes one: the addon does not depend on
    payment_demo (demo code only), so online-payment tests bring their own."""
    pm_unknown = env.ref("payment.payment_method_unknown")
    provider = env["payment.provider"].create(
        {
            "name": "B2B test provider",
            "code": "none",
            "state": "test",
            "is_published": True,
            "payment_method_ids": [Command.set(pm_unknown.ids)],
        }
    )
    pm_unknown.active = True
    return provider


def page_queries(case, url):
    """Queries of one request (the least of three: a periodic bookkeeping
    query of Odoo is no cost of the page, a query per record shows in all)."""
    case.url_open(url, allow_redirects=False)
    counts = []
    for _i in range(3):
        case.env.invalidate_all()
        before = case.cr.sql_log_count
        res = case.url_open(url, allow_redirects=False)
        case.assertEqual(res.status_code, 200, url)
        counts.append(case.cr.sql_log_count - before)
    return min(counts)
