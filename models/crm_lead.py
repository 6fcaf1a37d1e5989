# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, email_domain_extract, email_normalize
from odoo.tools.sql import escape_psql

try:  # a list of web-mail providers kept by Odoo's IAP tools (core addon)
    from odoo.addons.iap.tools.iap_tools import _MAIL_DOMAIN_BLACKLIST as FREE_MAIL_DOMAINS
except ImportError:  # pragma: no cover
    FREE_MAIL_DOMAINS = {"gmail.com", "hotmail.com", "outlook.com", "yahoo.com", "icloud.com"}

APPLY_PROFILE_PARAM = "b2b_portal.apply_profile_id"


class CrmLead(models.Model):
    """A B2B application (A1–A3): filed from ``/b2b/apply``, approved into a customer
    company + contact + B2B access, or rejected with an e-mail."""

    _inherit = "crm.lead"

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    b2b_application = fields.Boolean(
        "B2B application", index=True, copy=False, help="Filed from the B2B apply page."
    )
    b2b_state = fields.Selection(
        [("pending", "Pending"), ("approved", "Approved"), ("rejected", "Rejected")],
        string="Application state",
        index=True,
        copy=False,
        tracking=True,
    )
    b2b_vat = fields.Char("Applicant VAT", copy=False)
    b2b_apply_ip = fields.Char(
        "Applicant IP",
        index="btree_not_null",
        copy=False,
        readonly=True,
        groups="sales_team.group_sale_salesman",
        help="Address the application came from (per-IP rate limit).",
    )
    b2b_duplicate = fields.Boolean(
        "Possible duplicate",
        copy=False,
        help="An existing customer or a pending "
        "application has the same VAT, e-mail domain or name.",
    )
    b2b_duplicate_note = fields.Text("Duplicate check", copy=False)
    b2b_partner_id = fields.Many2one(
        "res.partner", string="B2B customer", copy=False, readonly=True, index="btree_not_null"
    )
    b2b_access_id = fields.Many2one("b2b.access", string="B2B user", copy=False, readonly=True)
    b2b_reject_reason = fields.Text("Rejection reason", copy=False)

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    def write(self, vals):
        res = super().write(vals)
        if vals.get("stage_id") and not self.env.context.get("b2b_no_auto_approve"):
            # marked won (action_set_won, won button, kanban drag): approve with the
            # default profile; the approval is idempotent
            won = self.filtered(
                lambda lead: (
                    lead.b2b_application and lead.b2b_state == "pending" and lead.stage_id.is_won
                )
            )
            if won:
                won._b2b_approve(**self._b2b_default_approval_values())
        return res

    # ------------------------------------------------------------
    # ACTION
    # ------------------------------------------------------------

    def action_b2b_approve(self):
        self.ensure_one()
        if self.b2b_state != "pending":
            raise UserError(self.env._("Only a pending B2B application can be approved."))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Approve B2B application"),
            "res_model": "b2b.apply.approve.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_lead_id": self.id},
        }

    def action_b2b_reject(self):
        self.ensure_one()
        if self.b2b_state != "pending":
            raise UserError(self.env._("Only a pending B2B application can be rejected."))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Reject B2B application"),
            "res_model": "b2b.apply.reject.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_lead_id": self.id},
        }

    def action_set_won_rainbowman(self):
        # the "Won" button of a pending application asks for profile, credit
        # limit and pricelist first
        if self.b2b_application and self.b2b_state == "pending":
            return self.action_b2b_approve()
        return super().action_set_won_rainbowman()

    def action_set_lost(self, **additional_values):
        res = super().action_set_lost(**additional_values)
        self.filtered(
            lambda lead: lead.b2b_application and lead.b2b_state == "pending"
        )._b2b_reject()
        return res

    def action_b2b_view_customer(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "res.partner",
            "res_id": self.b2b_partner_id.id,
            "view_mode": "form",
        }

    # ------------------------------------------------------------
    # BUSINESS: application
    # ------------------------------------------------------------

    @api.model
    def _b2b_default_approval_values(self):
        profile_id = self.env["ir.config_parameter"].sudo().get_param(APPLY_PROFILE_PARAM)
        profile = self.env["b2b.profile"].browse(int(profile_id or 0)).exists()
        return {"profile": profile}

    @api.model
    def _b2b_apply_team(self):
        return self.env.ref("b2b_portal.crm_team_b2b_applications", raise_if_not_found=False)

    @api.model
    def _b2b_find_duplicates(self, company_name, vat, email):
        """Existing customers and pending applications that look like the same
        company (same VAT, same company e-mail domain or same name). Returns a
        human-readable note (empty when nothing matches)."""
        Partner = self.env["res.partner"].sudo().with_context(active_test=False)
        domain = email_domain_extract(email or "")
        if domain in FREE_MAIL_DOMAINS:
            domain = False
        conditions = []
        if vat:
            conditions.append([("vat", "=ilike", escape_psql(vat))])
        if domain:
            conditions.append([("email", "=ilike", f"%@{escape_psql(domain)}")])
        if company_name:
            conditions.append([("name", "=ilike", escape_psql(company_name))])
        notes = []
        if conditions:
            partner_domain = [("parent_id", "=", False)] + (
                ["|"] * (len(conditions) - 1) + [leaf for c in conditions for leaf in c]
            )
            for partner in Partner.search(partner_domain, limit=5):
                notes.append(
                    self.env._(
                        "Existing customer: %(name)s%(code)s",
                        name=partner.display_name,
                        code=f" ({partner.b2b_code})" if partner.b2b_code else "",
                    )
                )
        lead_conditions = []
        if vat:
            lead_conditions.append([("b2b_vat", "=ilike", escape_psql(vat))])
        if domain:
            lead_conditions.append([("email_from", "=ilike", f"%@{escape_psql(domain)}")])
        if company_name:
            lead_conditions.append([("partner_name", "=ilike", escape_psql(company_name))])
        if lead_conditions:
            lead_domain = [("b2b_application", "=", True), ("b2b_state", "=", "pending")] + (
                ["|"] * (len(lead_conditions) - 1) + [leaf for c in lead_conditions for leaf in c]
            )
            for lead in self.sudo().search(lead_domain, limit=5):
                notes.append(self.env._("Pending application: %(name)s", name=lead.display_name))
        return "\n".join(notes)

    @api.model
    def _b2b_recent_applications_count(self, ip, hours=1):
        """Applications filed from ``ip`` during the last ``hours`` (all workers: the
        count is read from the database, under a transaction lock on the IP)."""
        self.env.cr.execute(SQL("SELECT pg_advisory_xact_lock(hashtext(%s))", f"b2b_apply:{ip}"))
        self.env.cr.execute(
            SQL(
                "SELECT COUNT(*) FROM crm_lead WHERE b2b_apply_ip = %s "
                "AND create_date >= (NOW() AT TIME ZONE 'UTC') - make_interval(hours => %s)",
                ip,
                hours,
            )
        )
        return self.env.cr.fetchone()[0]

    # ------------------------------------------------------------
    # BUSINESS: approval and rejection
    # ------------------------------------------------------------

    def _b2b_lock(self):
        """Serialize approvals/rejections of the same application."""
        if self.ids:
            self.env.cr.execute(
                SQL("SELECT id FROM crm_lead WHERE id = ANY(%s) FOR UPDATE", self.ids)
            )
            self.invalidate_recordset(["b2b_state", "b2b_partner_id", "b2b_access_id"])

    def _b2b_approve(self, profile=None, credit_limit=0.0, pricelist=None):
        """Create the customer company (VAT, address, pricelist, credit limit, code),
        its contact and B2B user, and send the credentials e-mail. A second call on
        an approved application does nothing."""
        self._b2b_lock()
        Partner = self.env["res.partner"].sudo()
        Access = self.env["b2b.access"].sudo()
        for lead in self.sudo():
            if not lead.b2b_application or lead.b2b_state != "pending" or lead.b2b_access_id:
                continue
            email = email_normalize(lead.email_from or "")
            if not email:
                raise UserError(
                    self.env._(
                        "The application %(name)s has no valid e-mail address.",
                        name=lead.display_name,
                    )
                )
            company = lead.b2b_partner_id or Partner.create(lead._b2b_company_vals(email))
            company_vals = {}
            if pricelist:
                company_vals["property_product_pricelist"] = pricelist.id
            if credit_limit:
                company_vals.update(
                    {"credit_limit": credit_limit, "use_partner_credit_limit": True}
                )
            if company_vals:
                company.write(company_vals)
            access = Access.create(
                {
                    "partner_id": company.id,
                    "login": email,
                    "name": lead.contact_name or email,
                    "phone": lead.phone,
                    "function": lead.function,
                    "profile_id": profile.id if profile else False,
                }
            )
            lead.with_context(b2b_no_auto_approve=True).write(
                {
                    "b2b_state": "approved",
                    "b2b_partner_id": company.id,
                    "b2b_access_id": access.id,
                    "partner_id": company.id,
                }
            )
            access.action_send_credentials()
            lead.message_post(
                body=self.env._(
                    "Application approved: customer %(customer)s (code %(code)s), B2B user "
                    "%(login)s; the credentials e-mail was sent.",
                    customer=company.display_name,
                    code=company.b2b_code or "",
                    login=access.login,
                )
            )
        return True

    def _b2b_company_vals(self, email):
        """The customer company an approved application creates."""
        self.ensure_one()
        return {
            "name": self.partner_name or self.name,
            "is_company": True,
            "vat": self.b2b_vat or False,
            "street": self.street,
            "street2": self.street2,
            "city": self.city,
            "zip": self.zip,
            "state_id": self.state_id.id,
            "country_id": self.country_id.id,
            "email": email,
            "phone": self.phone,
            "lang": self.lang_code or False,
            "user_id": self.user_id.id,
            "customer_rank": 1,
        }

    def _b2b_reject(self, reason=None):
        """Send the rejection e-mail (editable template) once per application."""
        self._b2b_lock()
        template = self.env.ref("b2b_portal.mail_template_b2b_apply_rejected")
        for lead in self.sudo():
            if not lead.b2b_application or lead.b2b_state != "pending":
                continue
            vals = {"b2b_state": "rejected"}
            if reason:
                vals["b2b_reject_reason"] = reason
            elif not lead.b2b_reject_reason and lead.lost_reason_id:
                vals["b2b_reject_reason"] = lead.lost_reason_id.name
            lead.with_context(b2b_no_auto_approve=True).write(vals)
            if email_normalize(lead.email_from or ""):
                template.send_mail(lead.id)
                lead.message_post(
                    body=self.env._("Rejection e-mail sent to %(email)s.", email=lead.email_from)
                )
        return True
