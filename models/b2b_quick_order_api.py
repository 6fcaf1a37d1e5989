# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""I1: a quotation from the customer's own system, with the checks of quick order."""

from odoo import api, models
from odoo.exceptions import AccessError, UserError

from .b2b_quick_order import MAX_LINES
from .ir_http import b2b_current_partner_id


class B2bQuickOrder(models.AbstractModel):
    _inherit = "b2b.quick.order"

    @api.model
    def api_create_quotation(self, lines):
        """Create a quotation from ``[{"sku": str, "qty": number}]`` for the company
        the caller acts for (``b2b_partner_id`` in the context when they act for
        several). Returns ``{"order_id": id, "name": str}`` or ``{"errors": [{"line",
        "sku", "error"}]}`` (then nothing is created). Needs API access and Orders."""
        partner = self._b2b_api_partner()
        self._b2b_api_check_lines(lines)
        user = self.env.user.with_context(b2b_partner_id=partner.id)
        website = self.env["website"].get_current_website()
        rows = [
            (str(index), str(line.get("sku") or "").strip(), str(line.get("qty") or ""))
            for index, line in enumerate(lines, start=1)
        ]
        checked, error = self._b2b_validate(rows, user, website)
        if error:
            raise UserError(error)
        errors = [
            {"line": int(line["lineno"]), "sku": line["sku"], "error": line["error"]}
            for line in checked
            if line["error"]
        ]
        if errors:
            return {"errors": errors}
        # as a portal cart: the company's order, its pricelist, fiscal position and
        # salesperson computed from the company (no browser session to read them from)
        values = {
            "partner_id": partner.id,
            "website_id": website.id,
            "company_id": website.company_id.id,
            "b2b_user_id": user.id,
        }
        order = (
            self.env["sale.order"]
            .sudo()
            .with_company(website.company_id)
            .with_context(b2b_partner_id=partner.id)
            .create(values)
        )
        order._b2b_cart_add_lines(self._b2b_valid_lines(checked))
        return {"order_id": order.id, "name": order.name}

    @api.model
    def _b2b_api_partner(self):
        """The one company the API caller orders for: API access and Orders there,
        named by ``b2b_partner_id`` when they act for several (else an error)."""
        _ = self.env._
        user = self.env.user
        accesses = user._b2b_active_accesses().filtered(
            lambda a: {"api", "orders"} <= a._b2b_effective_permissions()
        )
        current_id = b2b_current_partner_id(self.env)
        if current_id:
            accesses = accesses.filtered(lambda a: a.partner_id.id == current_id)
        if not user._is_portal() or not accesses:
            raise AccessError(
                _("You are not allowed to create quotations through the API for this company.")
            )
        if len(accesses) > 1:
            raise UserError(
                _(
                    "You act for several companies: name one with the context key "
                    "b2b_partner_id (one of %(ids)s).",
                    ids=", ".join(str(pid) for pid in accesses.partner_id.ids),
                )
            )
        return accesses.partner_id

    @api.model
    def _b2b_api_check_lines(self, lines):
        """UserError unless ``lines`` is a non-empty list of at most MAX_LINES dicts."""
        _ = self.env._
        if not isinstance(lines, list) or not all(isinstance(line, dict) for line in lines):
            raise UserError(_('The lines must be a list of {"sku": ..., "qty": ...} objects.'))
        if len(lines) > MAX_LINES:
            raise UserError(
                _(
                    "%(count)s lines is too many: the limit is %(limit)s lines per "
                    "quotation. Please split the list.",
                    count=len(lines),
                    limit=MAX_LINES,
                )
            )
        if not lines:
            raise UserError(_("The quotation has no lines."))
