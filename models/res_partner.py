# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.exceptions import ValidationError


class ResPartner(models.Model):
    _inherit = "res.partner"

    _b2b_code_uniq = models.Constraint(
        "UNIQUE(b2b_code)", "Another customer already has this B2B customer code."
    )

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    b2b_code = fields.Char(
        "Customer code",
        copy=False,
        index="btree_not_null",
        tracking=True,
        help="Unique code of the B2B customer, given from a sequence when the first "
        "B2B user is added.",
    )
    b2b_access_ids = fields.One2many("b2b.access", "partner_id", string="B2B users")
    b2b_access_count = fields.Integer(compute="_compute_b2b_access_count", string="B2B user count")
    b2b_rma_count = fields.Integer(
        compute="_compute_b2b_rma_count",
        string="Returns",
        groups="sales_team.group_sale_salesman,account.group_account_invoice",
    )
    b2b_shopping_list_count = fields.Integer(
        compute="_compute_b2b_shopping_list_count",
        string="Shopping lists",
        groups="sales_team.group_sale_salesman",
    )
    b2b_reconciliation_count = fields.Integer(
        compute="_compute_b2b_reconciliation_count",
        string="Reconciliation statements",
        groups="account.group_account_invoice,account.group_account_readonly",
    )

    # ------------------------------------------------------------
    # COMPUTE
    # ------------------------------------------------------------

    def _compute_b2b_access_count(self):
        counts = dict(
            self.env["b2b.access"]._read_group(
                [("partner_id", "in", self.commercial_partner_id.ids)],
                ["partner_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.b2b_access_count = counts.get(partner.commercial_partner_id, 0)

    def _compute_b2b_shopping_list_count(self):
        counts = dict(
            self.env["b2b.shopping.list"]._read_group(
                [("partner_id", "in", self.commercial_partner_id.ids)],
                ["partner_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.b2b_shopping_list_count = counts.get(partner.commercial_partner_id, 0)

    def _compute_b2b_rma_count(self):
        counts = dict(
            self.env["b2b.rma"]._read_group(
                [("partner_id", "in", self.commercial_partner_id.ids)],
                ["partner_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.b2b_rma_count = counts.get(partner.commercial_partner_id, 0)

    def _compute_b2b_reconciliation_count(self):
        counts = dict(
            self.env["b2b.reconciliation"]._read_group(
                [("partner_id", "in", self.commercial_partner_id.ids)],
                ["partner_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.b2b_reconciliation_count = counts.get(partner.commercial_partner_id, 0)

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    def write(self, vals):
        # U10: the customer's currency (its pricelist's) is fixed once it has posted
        # documents; the pricelist follows the country too
        if (
            not {"property_product_pricelist", "specific_property_product_pricelist", "country_id"}
            & vals.keys()
        ):
            return super().write(vals)
        before = {p.id: p.property_product_pricelist.currency_id for p in self}
        res = super().write(vals)
        changed = self.filtered(
            lambda p: before[p.id] and p.property_product_pricelist.currency_id != before[p.id]
        )
        if changed:
            posted = (
                self.env["account.move"]
                .sudo()
                ._read_group(
                    [
                        ("commercial_partner_id", "in", changed.commercial_partner_id.ids),
                        ("state", "=", "posted"),
                        ("move_type", "in", ("out_invoice", "out_refund")),
                    ],
                    ["commercial_partner_id", "currency_id"],
                )
            )
            used = {}
            for customer, currency in posted:
                used.setdefault(customer, currency)
            for partner in changed:
                currency = used.get(partner.commercial_partner_id)
                # a pricelist in the currency of the posted invoices is always fine
                if currency and partner.property_product_pricelist.currency_id != currency:
                    raise ValidationError(
                        self.env._(
                            "The currency of %(customer)s cannot change: it already has "
                            "posted invoices in %(currency)s. Choose a pricelist in that "
                            "currency.",
                            customer=partner.commercial_partner_id.display_name,
                            currency=currency.name,
                        )
                    )
        return res

    # ------------------------------------------------------------
    # ACTION
    # ------------------------------------------------------------

    def action_b2b_issue_reconciliation(self):
        """Open the wizard that issues a reconciliation statement for this company."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "b2b_portal.b2b_reconciliation_wizard_action"
        )
        action["context"] = {
            "default_partner_ids": [fields.Command.set(self.commercial_partner_id.ids)]
        }
        return action

    def action_view_b2b_reconciliations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "b2b_portal.b2b_reconciliation_action"
        )
        company = self.commercial_partner_id
        action["domain"] = [("partner_id", "=", company.id)]
        action["context"] = {"default_partner_id": company.id}
        return action

    def action_b2b_grant(self):
        """One-step 'Grant B2B access' from a company or one of its contacts."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("b2b_portal.b2b_grant_wizard_action")
        action["context"] = {"default_partner_id": self.id}
        return action

    def action_view_b2b_accesses(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("b2b_portal.b2b_access_action")
        company = self.commercial_partner_id
        action["domain"] = [("partner_id", "=", company.id)]
        action["context"] = {"default_partner_id": company.id, "active_test": False}
        return action

    def action_view_b2b_shopping_lists(self):
        self.ensure_one()
        company = self.commercial_partner_id
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "b2b_portal.b2b_shopping_list_action"
        )
        action["domain"] = [("partner_id", "=", company.id)]
        action["context"] = {"default_partner_id": company.id}
        return action

    def action_view_b2b_rmas(self):
        self.ensure_one()
        company = self.commercial_partner_id
        action = self.env["ir.actions.act_window"]._for_xml_id("b2b_portal.b2b_rma_action")
        action["domain"] = [("partner_id", "=", company.id)]
        action["context"] = {"default_partner_id": company.id}
        return action

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    def _b2b_report_lang(self):
        """The language of this customer's B2B PDFs: the language the portal page
        is shown in when a portal page asks for the file (context key
        ``b2b_report_lang``, set by the portal routes), else the customer's."""
        self.ensure_one()
        return self.env.context.get("b2b_report_lang") or self.lang

    def _b2b_ensure_code(self):
        """Give every B2B customer company a unique code from the sequence."""
        for partner in self.sudo().filtered(lambda p: not p.b2b_code):
            partner.b2b_code = self.env["ir.sequence"].sudo().next_by_code("b2b.customer.code")

    def _b2b_credit_limit(self, company):
        """The credit limit that applies to this customer in ``company`` (0.0 when
        none): the company's setting or the customer's own limit, as Odoo's
        sale credit warning decides it. Reads only the limit, not the record."""
        self.ensure_one()
        partner = self.sudo().with_company(company)
        partner.fetch(["credit_limit"])
        if not (company.account_use_credit_limit or partner.use_partner_credit_limit):
            return 0.0
        return partner.credit_limit

    def _can_be_edited_by_current_customer(self, **kwargs):
        # O2: at checkout a B2B user may edit the delivery/invoice addresses of the
        # company they act for only with the Profile permission and a profile that
        # is not read-only; the company itself is kept by the supplier.
        Website = self.env["website"]
        user = Website._b2b_request_user()
        if user:
            company = user._b2b_current_partner()
            if self == company or not company or Website._b2b_addresses_locked():
                return False
            return self.commercial_partner_id == company and self.type in (
                "invoice",
                "delivery",
                "other",
            )
        return super()._can_be_edited_by_current_customer(**kwargs)
