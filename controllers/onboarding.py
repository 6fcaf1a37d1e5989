# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

from odoo import http
from odoo.exceptions import ValidationError
from odoo.http import request
from odoo.tools import email_normalize, plaintext2html

_logger = logging.getLogger(__name__)

# The only fields a visitor may set (everything else of the lead is ours).
APPLY_FIELDS = (
    "company_name",
    "vat",
    "street",
    "city",
    "zip",
    "country_id",
    "contact_name",
    "email",
    "phone",
    "message",
)
APPLY_REQUIRED = ("company_name", "street", "city", "zip", "country_id", "contact_name", "email")
# Hidden input that people never see nor fill; spam bots do.
HONEYPOT_FIELD = "website_url"
FIELD_MAX_LENGTH = 256
MESSAGE_MAX_LENGTH = 5000


class B2bApply(http.Controller):
    """A1: the public page where a prospect company applies for a B2B account."""

    @http.route(
        "/b2b/apply",
        type="http",
        auth="public",
        website=True,
        methods=["GET"],
        sitemap=True,
        readonly=True,
    )
    def b2b_apply(self, **kw):
        return self._b2b_apply_render({}, {})

    @http.route("/b2b/apply", type="http", auth="public", website=True, methods=["POST"])
    def b2b_apply_post(self, **post):
        values = {
            name: (post.get(name) or "").strip()[
                : MESSAGE_MAX_LENGTH if name == "message" else FIELD_MAX_LENGTH
            ]
            for name in APPLY_FIELDS
        }
        if post.get(HONEYPOT_FIELD):
            # a bot: answer like a success, file nothing
            _logger.info(
                "B2B application honeypot filled from %s: ignored", request.httprequest.remote_addr
            )
            return request.redirect("/b2b/apply/thanks")
        errors, country = self._b2b_apply_validate(values)
        if errors:
            return self._b2b_apply_render(values, errors)
        Lead = request.env["crm.lead"].sudo()
        ip = request.httprequest.remote_addr or ""
        param = request.env["ir.config_parameter"].sudo().get_param("b2b_portal.apply_rate_limit")
        try:
            limit = int(param) if param not in (None, False, "") else 3
        except ValueError:  # a hand-edited parameter: keep the default limit
            limit = 3
        if limit and Lead._b2b_recent_applications_count(ip) >= limit:
            errors["_global"] = request.env._(
                "Too many applications were sent from your network in the last hour. "
                "Please try again later or contact us by e-mail."
            )
            return self._b2b_apply_render(values, errors, status=429)
        lead = self._b2b_apply_create_lead(values, country, ip)
        template = request.env.ref("b2b_portal.mail_template_b2b_apply_ack").sudo()
        template.send_mail(lead.id)
        return request.redirect("/b2b/apply/thanks")

    @http.route(
        "/b2b/apply/thanks",
        type="http",
        auth="public",
        website=True,
        methods=["GET"],
        sitemap=False,
        readonly=True,
    )
    def b2b_apply_thanks(self, **kw):
        return request.render("b2b_portal.b2b_apply_thanks", {})

    # ------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------

    def _b2b_apply_render(self, values, errors, status=200):
        countries = request.env["res.country"].sudo().search([])
        return request.render(
            "b2b_portal.b2b_apply_page",
            {
                "values": values,
                "errors": errors,
                "countries": countries,
                "honeypot_field": HONEYPOT_FIELD,
            },
            status=status,
        )

    def _b2b_apply_validate(self, values):
        """{field: message} of every problem, and the chosen country."""
        _ = request.env._
        errors = {}
        for name in APPLY_REQUIRED:
            if not values.get(name):
                errors[name] = _("This field is required.")
        if values.get("email") and not email_normalize(values["email"]):
            errors["email"] = _("Please enter a valid e-mail address, e.g. name@company.com.")
        country = request.env["res.country"]
        if values.get("country_id"):
            try:
                country = country.sudo().browse(int(values["country_id"])).exists()
            except ValueError:
                country = country.browse()
            if not country:
                errors["country_id"] = _("Please choose a country from the list.")
        if values.get("vat") and not errors.get("country_id"):
            vat_error = self._b2b_apply_check_vat(values["vat"], country)
            if vat_error:
                errors["vat"] = vat_error
        return errors, country

    def _b2b_apply_check_vat(self, vat, country):
        """Check the VAT number where Odoo can: base_vat when installed, else
        python-stdnum for the country of the number (or the chosen country)."""
        _ = request.env._
        Partner = request.env["res.partner"].sudo()
        if hasattr(Partner, "_check_vat_number"):  # base_vat installed
            try:
                Partner._run_vat_checks(country, vat, partner_name=vat, validation="error")
            except ValidationError:
                return _(
                    "This VAT number does not look valid for %(country)s.", country=country.name
                )
            return False
        try:
            from stdnum.util import get_cc_module
        except ImportError:
            return False
        compact = "".join(ch for ch in vat if ch.isalnum()).upper()
        prefix = compact[:2]
        codes = []
        if prefix.isalpha():
            codes.append("gr" if prefix == "EL" else prefix.lower())
        if country and country.code.lower() not in codes:
            codes.append(country.code.lower())
        checked = False
        for code in codes:
            module = get_cc_module(code, "vat")
            if not module:
                continue
            checked = True
            if module.is_valid(compact) or (
                compact[:2].lower() == code and module.is_valid(compact[2:])
            ):
                return False
        if checked:
            return _(
                "This VAT number does not look valid for %(country)s.",
                country=country.name or prefix,
            )
        return False

    def _b2b_apply_create_lead(self, values, country, ip):
        _ = request.env._
        Lead = request.env["crm.lead"].sudo()
        team = Lead._b2b_apply_team()
        tag = request.env.ref("b2b_portal.crm_tag_b2b_application", raise_if_not_found=False)
        email = email_normalize(values["email"])
        duplicates = Lead._b2b_find_duplicates(values["company_name"], values["vat"], email)
        lang = request.env["res.lang"].sudo()._lang_get(request.env.lang)
        return Lead.with_context(mail_create_nosubscribe=True).create(
            {
                "name": _("B2B application: %(company)s", company=values["company_name"]),
                "type": "opportunity",
                "b2b_application": True,
                "b2b_state": "pending",
                "b2b_apply_ip": ip,
                "b2b_vat": values["vat"] or False,
                "b2b_duplicate": bool(duplicates),
                "b2b_duplicate_note": duplicates or False,
                "partner_name": values["company_name"],
                "contact_name": values["contact_name"],
                "email_from": email,
                "phone": values["phone"] or False,
                "street": values["street"],
                "city": values["city"],
                "zip": values["zip"],
                "country_id": country.id,
                "description": plaintext2html(values["message"]) if values["message"] else False,
                "team_id": team.id if team else False,
                "user_id": team.user_id.id if team else False,
                "tag_ids": [(6, 0, tag.ids)] if tag else [],
                "lang_id": lang.id if lang else False,
                "medium_id": request.env.ref("utm.utm_medium_website").id,
            }
        )
