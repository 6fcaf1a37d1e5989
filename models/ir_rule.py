# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

from odoo import api, models

from .ir_http import SESSION_KEY, b2b_current_partner_id

_logger = logging.getLogger(__name__)

# Core portal rules keyed on ``user.commercial_partner_id`` (one customer company
# per login). The B2B versions ask the resolver instead: companies where the person
# holds an active access with the permission, narrowed to the current company of
# the request. For a portal user without B2B access the resolver answers their
# commercial partner, so they keep Odoo's stock behaviour.
CORE_RULES = {
    "sale.sale_order_rule_portal": (
        "[('partner_id','child_of',[user.commercial_partner_id.id])]",
        "[('partner_id', 'child_of', user.b2b_order_partner_ids.ids)]",
    ),
    "sale.sale_order_line_rule_portal": (
        "[('order_id.partner_id','child_of',[user.commercial_partner_id.id])]",
        "[('order_id.partner_id', 'child_of', user.b2b_order_partner_ids.ids)]",
    ),
    "account.account_invoice_rule_portal": (
        "[('state', 'not in', ('cancel', 'draft')), ('move_type', 'in', ('out_invoice', "
        "'out_refund', 'in_invoice', 'in_refund')), ('partner_id','child_of',"
        "[user.commercial_partner_id.id])]",
        "[('state', 'not in', ('cancel', 'draft')), ('move_type', 'in', ('out_invoice', "
        "'out_refund', 'in_invoice', 'in_refund')), ('partner_id', 'child_of', "
        "user.b2b_invoice_partner_ids.ids)]",
    ),
    "account.account_invoice_line_rule_portal": (
        "[('parent_state', 'not in', ('cancel', 'draft')), ('move_id.move_type', 'in', "
        "('out_invoice', 'out_refund', 'in_invoice', 'in_refund')), ('move_id.partner_id',"
        "'child_of',[user.commercial_partner_id.id])]",
        "[('parent_state', 'not in', ('cancel', 'draft')), ('move_id.move_type', 'in', "
        "('out_invoice', 'out_refund', 'in_invoice', 'in_refund')), ('move_id.partner_id', "
        "'child_of', user.b2b_invoice_partner_ids.ids)]",
    ),
    # O8: delivery notes of the orders of the current company (a plain portal user
    # keeps the pickings addressed to their own contact)
    "base.res_partner_portal_public_rule": (
        "[('id', 'child_of', user.commercial_partner_id.id)]",
        "['|', ('id', '=', user.partner_id.id), ('id', 'child_of', user.b2b_partner_ids.ids)]",
    ),
    # delivery notes and goods returns of the current company (Orders or Returns)
    "sale_stock.stock_picking_rule_portal": (
        "['|', ('partner_id', '=', user.partner_id.id), ('sale_id.partner_id', '=', "
        "user.partner_id.id)]",
        "['|', ('partner_id', 'child_of', user.b2b_picking_partner_ids.ids), "
        "('sale_id.partner_id', 'child_of', user.b2b_picking_partner_ids.ids)]",
    ),
}


class IrRule(models.Model):
    _inherit = "ir.rule"

    @api.model
    def _eval_context(self):
        """Give ``user`` the validated current B2B company of the request, so the
        resolver fields used in rule domains can narrow to it."""
        res = super()._eval_context()
        partner_id = b2b_current_partner_id(self.env)
        if partner_id:
            res["user"] = res["user"].with_context(b2b_partner_id=partner_id)
        return res

    def _compute_domain_keys(self):
        # the cached rule domains depend on the current B2B company, like on the
        # allowed companies of Odoo's multi-company rules
        return super()._compute_domain_keys() + [SESSION_KEY]

    def _compute_domain_context_values(self):
        # the current company may come from the request rather than the context
        # (call_kw replaces the context): the cache key must be the company used
        values = super()._compute_domain_context_values()
        for key, value in zip(self._compute_domain_keys(), values, strict=True):
            yield b2b_current_partner_id(self.env) if key == SESSION_KEY else value

    @api.model
    def _b2b_patch_core_rules(self):
        self._b2b_swap_core_rules(restore=False)

    @api.model
    def _b2b_restore_core_rules(self):
        self._b2b_swap_core_rules(restore=True)

    @api.model
    def _b2b_swap_core_rules(self, restore):
        for xmlid, (stock, b2b) in CORE_RULES.items():
            rule = self.env.ref(xmlid, raise_if_not_found=False)
            if not rule:
                continue
            old, new = (b2b, stock) if restore else (stock, b2b)
            if _normalize(rule.domain_force) == _normalize(old):
                rule.sudo().domain_force = new
            elif _normalize(rule.domain_force) != _normalize(new):
                _logger.warning(
                    "Record rule %s was changed by someone else; b2b_portal left it as it is: %s",
                    xmlid,
                    rule.domain_force,
                )


def _normalize(domain):
    return "".join((domain or "").split())
