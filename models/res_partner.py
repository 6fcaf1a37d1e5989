# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_round


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

    def unlink(self):
        # the database deletes the B2B accesses of a deleted customer (ondelete
        # cascade) without b2b.access.unlink: their people are synced as that
        # would (blocked when no active access is left) and the resolver's kept
        # accesses and the record rules forget them
        users = self.env["b2b.access"].sudo().search([("partner_id", "in", self.ids)]).user_id
        res = super().unlink()
        if users:
            users.exists()._b2b_sync_state()
        return res

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

    # the methods behind Odoo's credit_to_invoice that _b2b_credit_to_invoice
    # reproduces in one query: when an installed addon overrides one of them
    # (pos_sale deducts the PoS payments, for one), Odoo's field is asked
    _B2B_CREDIT_TO_INVOICE_METHODS = (
        ("res.partner", "_compute_credit_to_invoice"),
        ("sale.order", "_compute_amount_to_invoice"),
        ("sale.order.line", "_compute_amount_to_invoice"),
        ("sale.order.line", "_compute_qty_invoiced_posted"),
        ("sale.order.line", "_get_invoice_lines"),
    )

    def _b2b_credit_to_invoice_is_sale(self):
        """Whether Odoo's credit_to_invoice is sale's own computation (no other
        addon overrides the methods it is made of)."""
        return all(
            getattr(type(self.env[model]), name).__module__.startswith("odoo.addons.sale.")
            for model, name in self._B2B_CREDIT_TO_INVOICE_METHODS
        )

    def _b2b_credit_to_invoice(self, company):
        """Odoo's ``credit_to_invoice`` of this customer company in ``company``
        (confirmed orders not invoiced yet, in the company's currency) in one
        query instead of the order, line, product, template and invoice-line
        reads of the field (8 queries on every dashboard): the same orders
        (``sale`` ``_compute_credit_to_invoice``), the same amount per line
        (``sale.order.line._compute_amount_to_invoice``: unit price with taxes ×
        the quantity to consider less the posted invoiced quantity, converted
        between units as ``uom.uom._compute_quantity`` does) and the same sums
        and conversions per invoice address and currency, in the same order."""
        self.ensure_one()
        partner = self.sudo().with_company(company)
        if partner.commercial_partner_id != partner or not company.account_use_credit_limit:
            return 0.0  # Odoo counts it on the commercial partner only
        if not self._b2b_credit_to_invoice_is_sale():
            return partner.credit_to_invoice
        rows = partner._b2b_credit_to_invoice_rows(company)
        # uom.uom.rounding: one precision for all units
        rounding = (
            10 ** -self.env["decimal.precision"].precision_get("Product Unit")
            if any(row[-1] for row in rows)
            else None
        )
        per_group = {}
        for (
            invoice_partner,
            currency,
            order,
            price_total,
            uom_qty,
            qty_to_consider,
            uom,
            uom_factor,
            invoiced,
        ) in rows:
            if not uom_qty:
                amount = 0.0
            else:
                posted = sum(
                    self._b2b_uom_quantity(
                        qty, from_uom and int(from_uom), from_factor, uom, uom_factor, rounding
                    )
                    * -sign
                    for qty, from_uom, from_factor, sign in invoiced
                )
                amount = price_total / uom_qty * (qty_to_consider - posted)
            orders = per_group.setdefault((invoice_partner, currency), {})
            orders[order] = orders.get(order, 0.0) + amount
        total = 0.0
        today = fields.Date.context_today(self)
        Currency = self.env["res.currency"]
        for (_invoice_partner, currency), orders in per_group.items():
            total += Currency.browse(currency)._convert(
                sum(orders.values()), company.currency_id, company, today
            )
        return total

    def _b2b_credit_to_invoice_rows(self, company):
        """The lines behind ``_b2b_credit_to_invoice``: per line of a confirmed
        order of this customer company in ``company`` with something left to
        invoice, (invoice address, currency, order, price with taxes, ordered
        quantity, quantity to consider, unit, unit factor, [posted invoiced
        quantity, its unit, its factor, sign] of each invoice line)."""
        self.ensure_one()
        self.env.flush_all()
        self.env.cr.execute(
            """
            SELECT so.partner_invoice_id, so.currency_id, so.id, line.price_total,
                   line.product_uom_qty,
                   CASE WHEN tmpl.invoice_policy = 'delivery'
                        THEN line.qty_delivered ELSE line.product_uom_qty END,
                   line.product_uom_id, line_uom.factor,
                   ARRAY(
                       SELECT ARRAY[
                           aml.quantity::float8, aml.product_uom_id::float8,
                           aml_uom.factor::float8,
                           CASE WHEN move.move_type IN ('entry', 'in_invoice',
                                                        'out_refund', 'in_receipt')
                                THEN 1 ELSE -1 END
                       ]::float8[]
                         FROM sale_order_line_invoice_rel rel
                         JOIN account_move_line aml ON aml.id = rel.invoice_line_id
                         JOIN account_move move ON move.id = aml.move_id
                    LEFT JOIN uom_uom aml_uom ON aml_uom.id = aml.product_uom_id
                        WHERE rel.order_line_id = line.id
                          AND (move.state = 'posted'
                               OR move.payment_state = 'invoicing_legacy')
                     ORDER BY aml.id
                   )
              FROM sale_order so
              JOIN res_partner invoice_partner ON invoice_partner.id = so.partner_invoice_id
              JOIN sale_order_line line ON line.order_id = so.id
         LEFT JOIN product_product product ON product.id = line.product_id
         LEFT JOIN product_template tmpl ON tmpl.id = product.product_tmpl_id
         LEFT JOIN uom_uom line_uom ON line_uom.id = line.product_uom_id
             WHERE so.company_id = %(company)s
               AND so.state = 'sale'
               AND invoice_partner.commercial_partner_id = %(partner)s
               AND EXISTS (SELECT 1 FROM sale_order_line todo
                            WHERE todo.order_id = so.id
                              AND todo.untaxed_amount_to_invoice > 0)
          ORDER BY so.date_order DESC, so.id DESC, line.sequence, line.id
            """,
            {"company": company.id, "partner": self.id},
        )
        return self.env.cr.fetchall()

    @staticmethod
    def _b2b_uom_quantity(qty, from_uom, from_factor, to_uom, to_factor, rounding):
        """``uom.uom._compute_quantity(qty, to_uom)`` from the units' ids and
        factors (rounding up to the units' precision)."""
        if not from_uom or not qty:
            return qty
        amount = qty if from_uom == to_uom else qty * from_factor
        if from_uom != to_uom and to_uom:
            amount = amount / to_factor
        if to_uom:
            amount = float_round(amount, precision_rounding=rounding, rounding_method="UP")
        return amount

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
