# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Order statement (O7): the lines of the orders in progress of one customer company
- ordered, delivered, pending and invoiced quantities and amounts."""

from collections import defaultdict

from odoo import api, fields, models
from odoo.fields import Domain

from .xlsx_workbook import B2bXlsxSheet

STATEMENT_LIMIT = 2000
AMOUNT_KEYS = ("ordered_amount", "delivered_amount", "pending_amount", "invoiced_amount")


class ReportOrderStatement(models.AbstractModel):
    _name = "report.b2b_portal.report_order_statement"
    _description = "B2B order statement"

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    @api.model
    def _b2b_statement_domain(self, partner, filters):
        """Lines of confirmed orders of ``partner`` not fully delivered or invoiced,
        narrowed by the filters (date_from, date_to, order, product)."""
        domain = Domain(
            [
                ("order_id.partner_id", "child_of", partner.id),
                ("state", "=", "sale"),
                ("display_type", "=", False),
                ("is_downpayment", "=", False),
                ("is_delivery", "=", False),
                "|",
                ("order_id.delivery_status", "in", ("pending", "started", "partial")),
                ("order_id.invoice_status", "!=", "invoiced"),
            ]
        )
        if date_from := filters.get("date_from"):
            domain &= Domain("order_id.date_order", ">=", date_from)
        if date_to := filters.get("date_to"):
            domain &= Domain("order_id.date_order", "<", fields.Date.add(date_to, days=1))
        if order := filters.get("order"):
            domain &= Domain("order_id.name", "ilike", order) | Domain(
                "order_id.client_order_ref", "ilike", order
            )
        if product := filters.get("product"):
            domain &= Domain("product_id.default_code", "ilike", product) | Domain(
                "name", "ilike", product
            )
        return domain

    @api.model
    def _b2b_statement(self, partner, filters):
        """Rows and totals of the statement, searched as the current user (record
        rules apply), in a fixed number of queries whatever the number of lines."""
        lines = self.env["sale.order.line"].search(
            self._b2b_statement_domain(partner, filters),
            order="order_id desc, sequence, id",
            limit=STATEMENT_LIMIT + 1,
        )
        statement = self._b2b_build(lines[:STATEMENT_LIMIT])
        statement["truncated"] = len(lines) > STATEMENT_LIMIT
        return statement

    @api.model
    def _b2b_build(self, lines):
        """Rows and per-currency totals of ``lines`` (already access-checked)."""
        # the lines are the company's: their products, units and orders are read
        # without the product restriction of the profile
        lines_sudo = lines.sudo()
        lines_sudo.fetch(
            [
                "order_id",
                "product_id",
                "name",
                "product_uom_id",
                "product_uom_qty",
                "qty_delivered",
                "qty_invoiced",
                "price_reduce_taxexcl",
                "price_subtotal",
                "untaxed_amount_invoiced",
                "currency_id",
            ]
        )
        lines_sudo.order_id.fetch(["name", "date_order", "client_order_ref"])
        lines_sudo.product_id.fetch(["default_code", "name"])
        lines_sudo.product_uom_id.fetch(["name"])
        rows = []
        totals = defaultdict(lambda: defaultdict(float))
        for line in lines_sudo:
            price = line.price_reduce_taxexcl
            pending_qty = max(line.product_uom_qty - line.qty_delivered, 0.0)
            row = {
                "line": line,
                "order": line.order_id,
                "sku": line.product_id.default_code or "",
                "description": line.product_id.name or (line.name or "").split("\n")[0],
                "uom": line.product_uom_id.name,
                "ordered_qty": line.product_uom_qty,
                "delivered_qty": line.qty_delivered,
                "pending_qty": pending_qty,
                "invoiced_qty": line.qty_invoiced,
                "ordered_amount": line.price_subtotal,
                "delivered_amount": line.qty_delivered * price,
                "pending_amount": pending_qty * price,
                "invoiced_amount": line.untaxed_amount_invoiced,
                "currency": line.currency_id,
            }
            rows.append(row)
            total = totals[line.currency_id]
            for key in AMOUNT_KEYS:
                total[key] += row[key]
        return {
            "rows": rows,
            "totals": [(currency, dict(values)) for currency, values in totals.items()],
            "truncated": False,
            "limit": STATEMENT_LIMIT,
        }

    @api.model
    def _b2b_statement_xlsx(self, partner, statement):
        """``statement`` (:meth:`_b2b_statement`, found as the portal user) as an
        XLSX workbook in the user's language: a temporary file read from the start."""
        _ = self.env._
        xlsx = B2bXlsxSheet(self.env, _("Order statement"), widths={0: 14, 4: 40})
        xlsx.line([_("Order statement"), None, partner.display_name], ("bold",))
        xlsx.skip()
        xlsx.line(
            [
                _("Order"),
                _("Date"),
                _("Your reference"),
                _("SKU"),
                _("Description"),
                _("Unit"),
                _("Ordered"),
                _("Delivered"),
                _("Pending"),
                _("Invoiced"),
                _("Ordered amount"),
                _("Delivered amount"),
                _("Pending amount"),
                _("Invoiced amount"),
                _("Currency"),
            ],
            style="bold",
        )
        styles = (None,) * 6 + ("amount",) * 8
        for row in statement["rows"]:
            order = row["order"]
            xlsx.line(
                [
                    order.name,
                    order.date_order,
                    order.client_order_ref or "",
                    row["sku"],
                    row["description"],
                    row["uom"] or "",
                    row["ordered_qty"],
                    row["delivered_qty"],
                    row["pending_qty"],
                    row["invoiced_qty"],
                    *(row[key] for key in AMOUNT_KEYS),
                    row["currency"].name,
                ],
                styles,
            )
        return xlsx.close()

    @api.model
    def _get_report_values(self, docids, data=None):
        """``data`` carries the line ids the portal controller found for the current
        user (never searched again here with more rights) and the filters."""
        data = data or {}
        lines = self.env["sale.order.line"].sudo().browse(data.get("line_ids", [])).exists()
        return {
            "doc_ids": docids,
            "doc_model": "res.partner",
            "docs": self.env["res.partner"].sudo().browse(docids),
            "statement": self._b2b_build(lines),
            "filters": data.get("filters", {}),
            "today": fields.Date.context_today(self),
        }
