# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.exceptions import UserError
from odoo.http import request

from odoo.addons.website_sale.models.website import (
    CART_SESSION_CACHE_KEY,
    FISCAL_POSITION_SESSION_CACHE_KEY,
    PRICELIST_SESSION_CACHE_KEY,
)

# the company the cart in the session was looked up for
CART_PARTNER_SESSION_KEY = "b2b_cart_partner_id"


class Website(models.Model):
    """The shop of a B2B user belongs to the company they act for (O2, U10): its
    pricelist and currency, its fiscal position, its cart (one per person and
    company) - never another company the person also works for."""

    _inherit = "website"

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    @api.model
    def _b2b_enable_comparison(self):
        """O5: website_sale_comparison's Compare button on the shop's product
        cards is a design option of the shop, off by default: the B2B shop turns
        it on (products with attributes show it, as on their product page)."""
        option = "o_wsale_products_opt_has_comparison"
        for website in self.search([]):
            classes = (website.shop_opt_products_design_classes or "").split()
            if option not in classes:
                website.shop_opt_products_design_classes = " ".join([*classes, option])

    def _b2b_request_user(self):
        """The B2B user of the request (carrying the validated current company in
        its context), or None for everybody else."""
        if not request:
            return None
        user = request.env.user
        if not user or not user._is_portal() or not user.b2b_managed:
            return None
        return user

    def _b2b_addresses_locked(self):
        """Whether the B2B user of the request may not add or change addresses
        at checkout (O2: they need the Profile permission and a profile that is
        not read-only)."""
        user = self._b2b_request_user()
        return bool(user) and bool(user._b2b_self_service_refusal("contact"))

    def _b2b_request_partner(self):
        """The current company of a B2B request (empty otherwise)."""
        user = self._b2b_request_user()
        return user._b2b_current_partner().sudo() if user else self.env["res.partner"]

    def _b2b_company_pricelist(self, partner):
        return partner.with_company(self.company_id).sudo().property_product_pricelist

    def get_pricelist_available(self, show_visible=False):
        # a B2B customer buys at its own pricelist only: no selector, no promo code
        if partner := self._b2b_request_partner():
            pricelist = self._b2b_company_pricelist(partner)
            return self.env["product.pricelist"].browse(pricelist.ids)
        return super().get_pricelist_available(show_visible=show_visible)

    def _get_and_cache_current_pricelist(self):
        if partner := self._b2b_request_partner():
            # never the session's: it may belong to the company acted for before
            pricelist_sudo = self._b2b_company_pricelist(partner)
            if pricelist_sudo:
                request.session[PRICELIST_SESSION_CACHE_KEY] = pricelist_sudo.id
                return pricelist_sudo
        return super()._get_and_cache_current_pricelist()

    def _get_and_cache_current_fiscal_position(self):
        if partner := self._b2b_request_partner():
            fpos_sudo = (
                self.env["account.fiscal.position"]
                .sudo()
                ._get_fiscal_position(partner.with_company(self.company_id))
            )
            request.session[FISCAL_POSITION_SESSION_CACHE_KEY] = fpos_sudo.id
            return fpos_sudo
        return super()._get_and_cache_current_fiscal_position()

    def _get_and_cache_current_cart(self):
        user = self._b2b_request_user()
        if not user:
            return super()._get_and_cache_current_cart()
        partner = user._b2b_current_partner()
        SaleOrderSudo = self.env["sale.order"].sudo()
        if not partner:
            return SaleOrderSudo
        session = request.session
        cart_sudo = SaleOrderSudo.browse(session.get(CART_SESSION_CACHE_KEY) or []).exists()
        if cart_sudo and (
            cart_sudo.state != "draft"
            or cart_sudo.b2b_quote_state
            or cart_sudo.website_id != self
            or cart_sudo.partner_id != partner
            or cart_sudo.b2b_user_id != user
            or cart_sudo.get_portal_last_transaction().state in ("pending", "authorized", "done")
        ):
            cart_sudo = SaleOrderSudo
        if not cart_sudo and session.get(CART_PARTNER_SESSION_KEY) != partner.id:
            # this person's abandoned cart for this company, if any
            cart_sudo = SaleOrderSudo.search(
                [
                    ("partner_id", "=", partner.id),
                    ("b2b_user_id", "=", user.id),
                    ("website_id", "=", self.id),
                    ("state", "=", "draft"),
                ],
                order="id desc",
                limit=1,
            )
            if cart_sudo and not request.env.cr.readonly:
                cart_sudo._verify_cart()
        if (
            cart_sudo.id != session.get(CART_SESSION_CACHE_KEY)
            or session.get(CART_PARTNER_SESSION_KEY) != partner.id
        ):
            session[CART_SESSION_CACHE_KEY] = cart_sudo.id
            session[CART_PARTNER_SESSION_KEY] = partner.id
            session["website_sale_cart_quantity"] = cart_sudo.cart_quantity
        return cart_sudo

    def _create_cart(self):
        user = self._b2b_request_user()
        if user and (refusal := user._b2b_order_refusal()):
            raise UserError(refusal)
        cart_sudo = super()._create_cart()
        if user:
            request.session[CART_PARTNER_SESSION_KEY] = cart_sudo.partner_id.id
        return cart_sudo

    def _prepare_sale_order_values(self, partner_sudo):
        user = self._b2b_request_user()
        if user and (partner := user._b2b_current_partner()):
            # the order is the company's, with its invoice and delivery addresses
            partner_sudo = partner.sudo()
        values = super()._prepare_sale_order_values(partner_sudo)
        if user:
            values["b2b_user_id"] = user.id
        return values

    def sale_reset(self):
        super().sale_reset()
        request.session.pop(CART_PARTNER_SESSION_KEY, None)
