# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import formatLang

from .b2b_batch_lines import b2b_line_batch

CREDIT_MODE_PARAM = "b2b_portal.credit_limit_mode"


class SaleOrder(models.Model):
    _inherit = "sale.order"

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    b2b_user_id = fields.Many2one(
        "res.users",
        string="Ordered by (portal)",
        copy=False,
        index="btree_not_null",
        readonly=True,
        help="The B2B user who placed this order in the portal.",
    )
    b2b_credit_hold = fields.Boolean(
        "Waiting for credit approval",
        copy=False,
        tracking=True,
        help="Placed in the portal beyond the customer's credit limit: it stays a "
        "quotation until someone confirms it.",
    )
    b2b_credit_message = fields.Text(
        "Credit limit note",
        copy=False,
        readonly=True,
        help="Why the portal order waits for approval (or was refused).",
    )

    # ------------------------------------------------------------
    # ACTION
    # ------------------------------------------------------------

    def action_confirm(self):
        held = self._b2b_apply_credit_limit()
        to_confirm = self - held
        if not to_confirm:
            return True
        # staff confirming an order that waited for approval releases it
        to_confirm.filtered("b2b_credit_hold").sudo().b2b_credit_hold = False
        return super(SaleOrder, to_confirm).action_confirm()

    # ------------------------------------------------------------
    # BUSINESS: cart (O2-O4), the products of the current company only
    # ------------------------------------------------------------

    @api.model
    def _b2b_request_user(self):
        return self.env["website"]._b2b_request_user()

    def _b2b_check_cart(self, products):
        """Refuse (UserError) a cart change of a B2B user that is not allowed: no
        current company or Orders permission, a cart of another company, or
        products outside the profile of the current access."""
        user = self._b2b_request_user()
        if not user:
            return
        if refusal := user._b2b_order_refusal():
            raise UserError(refusal)
        if self and self.partner_id != user._b2b_current_partner():
            raise UserError(self.env._("This cart belongs to another company."))
        refused = products - user._b2b_allowed_products(products)
        if refused:
            raise UserError(
                self.env._(
                    "%(products)s cannot be ordered for your company.",
                    products=", ".join(refused.sudo().mapped("display_name")),
                )
            )

    def _cart_add(self, product_id, quantity=1.0, **kwargs):
        self._b2b_check_cart(self.env["product.product"].browse(product_id))
        return super()._cart_add(product_id, quantity=quantity, **kwargs)

    def _cart_update_line_quantity(self, line_id, quantity, **kwargs):
        if quantity > 0 and self._b2b_request_user():
            line = self.order_line.filtered(lambda sol: sol.id == line_id)
            self._b2b_check_cart(line.product_id)
        return super()._cart_update_line_quantity(line_id, quantity, **kwargs)

    def _b2b_product_lines(self):
        """Lines of products chosen by the customer (not delivery costs)."""
        return self.order_line.filtered(
            lambda sol: sol.product_id and not sol.is_delivery and not sol.is_downpayment
        )

    def _verify_cart(self):
        super()._verify_cart()
        # an abandoned cart may hold products the profile no longer allows
        if user := self._b2b_request_user():
            lines = self._b2b_product_lines()
            allowed = user._b2b_allowed_products(lines.product_id)
            lines.filtered(lambda sol: sol.product_id not in allowed).unlink()

    def _b2b_cart_add_lines(self, lines):
        """Put [(product, quantity)] in this cart in one batch (quick order, order
        again): one check, one create for the new lines, one cart verification.
        Returns the stock warnings, if any."""
        self.ensure_one()
        products = self.env["product.product"].union(*(product for product, _qty in lines))
        self._b2b_check_cart(products)
        order = self.with_company(self.company_id)
        SaleOrderLine = order.env["sale.order.line"]
        existing = {}
        for sol in order.order_line:
            if (
                sol.product_id
                and not sol.linked_line_id
                and not sol.combo_item_id
                and not sol.product_custom_attribute_value_ids
                and not sol.product_no_variant_attribute_value_ids
            ):
                existing.setdefault(sol.product_id.id, sol)
        vals_list, warnings = [], []
        for product, qty in lines:
            sol = existing.get(product.id, SaleOrderLine)
            old_qty = sol.product_uom_qty if sol else 0.0
            new_qty, warning = order._verify_updated_quantity(
                sol, product.id, old_qty + qty, uom_id=product.uom_id.id
            )
            if warning:
                warnings.append(warning)
            if sol:
                if new_qty != old_qty:
                    sol.product_uom_qty = new_qty
            elif new_qty > 0:
                if product.product_tmpl_id.attribute_line_ids:
                    vals = order._prepare_order_line_values(product.id, new_qty, product.uom_id.id)
                else:
                    vals = {
                        "order_id": order.id,
                        "product_id": product.id,
                        "product_uom_qty": new_qty,
                        "product_uom_id": product.uom_id.id,
                    }
                vals_list.append(vals)
        with b2b_line_batch(order.env, products):
            SaleOrderLine.create(vals_list)
            order._verify_cart_after_update()
            order.env.flush_all()
        return warnings

    def _check_cart_is_ready_to_be_paid(self):
        super()._check_cart_is_ready_to_be_paid()
        if not self._b2b_request_user():
            return
        self._b2b_check_cart(self._b2b_product_lines().product_id)
        if self._b2b_credit_mode() == "block" and (message := self._b2b_credit_exceeded()):
            raise ValidationError(message[0])

    # ------------------------------------------------------------
    # BUSINESS: credit limit (U10)
    # ------------------------------------------------------------

    @api.model
    def _b2b_credit_mode(self):
        """'block' (refuse the order) or 'approval' (keep it as a quotation)."""
        mode = self.env["ir.config_parameter"].sudo().get_param(CREDIT_MODE_PARAM, "block")
        return mode if mode in ("block", "approval") else "block"

    def _b2b_credit_info(self):
        """(limit, exposure without this order) of the customer company, or None
        when no credit limit applies."""
        self.ensure_one()
        partner = self.partner_id.commercial_partner_id.with_company(self.company_id).sudo()
        limit = partner._b2b_credit_limit(self.company_id)
        if not limit:
            return None
        return limit, partner.credit + partner.credit_to_invoice

    def _b2b_credit_exceeded(self):
        """(customer message, staff message) when this order would take the
        customer beyond its credit limit, else None."""
        self.ensure_one()
        info = self._b2b_credit_info()
        if not info:
            return None
        limit, exposure = info
        currency = self.company_id.currency_id
        amount = self.currency_id._convert(
            self.amount_total, currency, self.company_id, fields.Date.context_today(self)
        )
        if currency.compare_amounts(exposure + amount, limit) <= 0:
            return None
        values = {
            "limit": formatLang(self.env, limit, currency_obj=currency),
            "exposure": formatLang(self.env, exposure, currency_obj=currency),
            "amount": formatLang(self.env, amount, currency_obj=currency),
            "available": formatLang(self.env, max(limit - exposure, 0.0), currency_obj=currency),
        }
        customer = self.env._(
            "This order (%(amount)s) exceeds your available credit of %(available)s "
            "(credit limit %(limit)s).",
            **values,
        )
        staff = self.env._(
            "Portal order beyond the credit limit: limit %(limit)s, open balance and "
            "confirmed orders %(exposure)s, this order %(amount)s.",
            **values,
        )
        return customer, staff

    def _b2b_apply_credit_limit(self):
        """On confirmation by a B2B user in the portal: orders beyond the credit
        limit are refused (block mode) or returned to be held as quotations waiting
        for approval (approval mode). Staff confirmations are never affected."""
        if not self._b2b_request_user():
            return self.browse()
        mode = self._b2b_credit_mode()
        held = self.browse()
        for order in self.filtered(lambda o: o.state in ("draft", "sent")):
            exceeded = order._b2b_credit_exceeded()
            if not exceeded:
                continue
            customer_message, staff_message = exceeded
            if mode == "block":
                raise UserError(
                    customer_message
                    + " "
                    + self.env._("Please contact us or settle open invoices first.")
                )
            order.sudo().write(
                {"state": "sent", "b2b_credit_hold": True, "b2b_credit_message": staff_message}
            )
            order.sudo().message_post(body=staff_message)
            held |= order
        return held

    # ------------------------------------------------------------
    # ORDER AGAIN
    # ------------------------------------------------------------

    def _b2b_reorder_lines(self, user, website):
        """[(line, reason)] of the lines of this earlier order; ``reason`` is empty
        for the lines ``user`` can order again on ``website``. Set-based: a fixed
        number of queries."""
        self.ensure_one()
        _ = self.env._
        lines = self.order_line.filtered(
            lambda sol: (
                not sol.display_type
                and not sol.is_downpayment
                and not sol.is_delivery
                and not sol.combo_item_id
                and not sol.linked_line_id
            )
        )
        reasons = lines.product_id._b2b_unavailable_reasons(user, website)
        return [
            (line, reasons[line.product_id] if line.product_id else _("No product on this line."))
            for line in lines
        ]
