# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Shopping lists (requisition lists, L1): named lists of products and quantities
of a customer company, private to their owner or shared with the company's B2B
users, ordered into the cart with the checks of quick order.

Portal users read the lists through the record rule (the companies where their
Orders permission is effective, narrowed to the current company; shared lists
and their own private ones); they change them only through the checked
``/my/lists`` routes, which write with ``sudo()`` after that check."""

from odoo import api, fields, models
from odoo.exceptions import UserError

from .b2b_quick_order import MAX_QTY

MAX_LIST_LINES = 1000
MAX_NAME = 128


class B2bShoppingList(models.Model):
    _name = "b2b.shopping.list"
    _description = "B2B shopping list"
    _order = "write_date desc, id desc"

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    name = fields.Char(required=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        ondelete="cascade",
        domain=[("is_company", "=", True)],
    )
    user_id = fields.Many2one(
        "res.users",
        string="Owner",
        required=True,
        index=True,
        ondelete="cascade",
        default=lambda self: self.env.user,
    )
    visibility = fields.Selection(
        [("private", "Private"), ("shared", "Shared with my company")],
        required=True,
        default="private",
        help="Private: only the owner sees the list. Shared: every B2B user of the "
        "company who may order sees it and orders from it; the owner and the "
        "company's administrators change it.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    line_ids = fields.One2many("b2b.shopping.list.line", "list_id", string="Lines")
    line_count = fields.Integer(compute="_compute_line_count", string="Number of lines")

    # ------------------------------------------------------------
    # COMPUTE
    # ------------------------------------------------------------

    def _compute_line_count(self):
        counts = dict(
            self.env["b2b.shopping.list.line"]._read_group(
                [("list_id", "in", self.ids)], ["list_id"], ["__count"]
            )
        )
        for shopping_list in self:
            shopping_list.line_count = counts.get(shopping_list, 0)

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    @api.model
    def _b2b_offered(self, user):
        """Whether the pages offer shopping lists to ``user`` (the request's user
        with its current company): what the route guard lets through."""
        return bool(
            user._is_portal()
            and user.b2b_managed
            and user._b2b_has("orders")
            and not user._b2b_path_refusal("/my/lists")
        )

    @api.model
    def _b2b_editable_for(self, user):
        """The lists of the current company ``user`` may add to (sudo), found
        through the record rule."""
        if not self._b2b_offered(user):
            return self.sudo().browse()
        lists = self.with_user(user).search([], order="name, id").sudo()
        return lists.filtered(lambda lst: lst._b2b_can_edit(user))

    def _b2b_can_edit(self, user):
        """Whether ``user`` (acting for the current company) may change this list:
        its owner, or an administrator of the company for a shared list."""
        self.ensure_one()
        if self.user_id == user:
            return True
        return self.visibility == "shared" and user._b2b_has("administer")

    def _b2b_add_products(self, pairs):
        """Add [(product, quantity)] to this list: a product already on it gets the
        quantity added to its line. UserError (nothing changed) beyond
        MAX_LIST_LINES lines or MAX_QTY per line. Returns the number of lines
        added or changed."""
        self.ensure_one()
        _ = self.env._
        merged = {}
        for product, qty in pairs:
            merged[product] = merged.get(product, 0) + qty
        existing = {line.product_id: line for line in self.line_ids}
        new = [product for product in merged if product not in existing]
        if len(existing) + len(new) > MAX_LIST_LINES:
            raise UserError(
                _(
                    "A shopping list holds at most %(limit)s lines: this list has %(count)s "
                    "and %(new)s more would go beyond. Nothing was added; please split the list.",
                    limit=MAX_LIST_LINES,
                    count=len(existing),
                    new=len(new),
                )
            )
        for product, qty in merged.items():
            total = qty + (existing[product].quantity if product in existing else 0)
            if total > MAX_QTY:
                raise UserError(
                    _(
                        "%(product)s: the quantity on the list would be too large (at most "
                        "%(max)s). Nothing was added.",
                        product=product.display_name,
                        max=MAX_QTY,
                    )
                )
        for product, qty in merged.items():
            if product in existing:
                existing[product].quantity += qty
        self.env["b2b.shopping.list.line"].create(
            [
                {"list_id": self.id, "product_id": product.id, "quantity": merged[product]}
                for product in new
            ]
        )
        return len(merged)

    def _b2b_order_check(self, chosen, quantities, user, website):
        """``(to_add, errors, posted)`` of ordering the ``chosen`` line ids of this
        list with the posted ``quantities`` ({"qty_<line id>": text}; a line
        without one orders the list's quantity), checked like quick order: whole
        positive quantities, products the company may order. ``errors``: {line id:
        message}, 0 for the whole form; nothing is to be added while there is one."""
        self.ensure_one()
        _ = self.env._
        lines = {line.id: line for line in self.line_ids}
        reasons = self._b2b_line_reasons(user, website)
        QuickOrder = self.env["b2b.quick.order"]
        errors, posted, to_add = {}, {}, []
        if not chosen:
            errors[0] = _("Choose at least one line.")
        for line_id in sorted(chosen):
            line = lines.get(line_id)
            if not line:
                errors[0] = _("This line is not on the list any more.")
                continue
            if reasons[line]:
                errors[line_id] = reasons[line]
                errors.setdefault(0, _("Some chosen lines cannot be ordered; untick them."))
                continue
            qty_key = f"qty_{line_id}"
            qty_text = quantities[qty_key] if qty_key in quantities else str(int(line.quantity))
            posted[qty_key] = (qty_text or "")[:32]
            qty, error = QuickOrder._b2b_parse_qty(qty_text)
            if error:
                errors[line_id] = error
                errors.setdefault(0, _("Nothing was added: please correct the marked values."))
                continue
            to_add.append((line.product_id, qty))
        return to_add, errors, posted

    def _b2b_line_reasons(self, user, website):
        """{line: reason} of the lines of these lists; the reason is empty for a
        line that can be ordered now (the checks of quick order and order again:
        active, sold on the website, allowed for the company). A fixed number of
        queries whatever the number of lines."""
        lines = self.line_ids
        reasons = lines.product_id._b2b_unavailable_reasons(user, website)
        return {line: reasons[line.product_id] for line in lines}

    @api.model
    def _b2b_name(self, text):
        """The posted list name, trimmed (empty when missing)."""
        return " ".join((text or "").split())[:MAX_NAME]
