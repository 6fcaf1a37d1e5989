# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import LockError, UserError, ValidationError
from odoo.tools import str2bool

ICP_MONTHLY = "b2b_portal.reconciliation_monthly"

# Fields that never change once the statement is issued.
FROZEN_FIELDS = {
    "name",
    "partner_id",
    "company_id",
    "currency_id",
    "date_from",
    "date_to",
    "opening_balance",
    "total_debit",
    "total_credit",
    "closing_balance",
    "aging_current",
    "aging_1_30",
    "aging_31_60",
    "aging_61_90",
    "aging_90_plus",
    "line_count",
    "issue_date",
    "issued_by_id",
    "pdf_attachment_id",
}
# Written by the customer's answer (through ``_b2b_answer`` only).
ANSWER_FIELDS = {"state", "answer_date", "answer_comment", "answer_user_id"}
AGING_FIELDS = {
    "current": "aging_current",
    "days_1_30": "aging_1_30",
    "days_31_60": "aging_31_60",
    "days_61_90": "aging_61_90",
    "days_90_plus": "aging_90_plus",
}


class B2bReconciliation(models.Model):
    """A balance confirmation: the customer's account statement for a period,
    frozen when issued, which the customer confirms or disputes in the portal."""

    _name = "b2b.reconciliation"
    _description = "B2B reconciliation statement"
    _inherit = ["mail.thread", "mail.activity.mixin", "portal.mixin"]
    _order = "date_to desc, id desc"

    _period_check = models.Constraint(
        "CHECK(date_from <= date_to)", "The period must start before it ends."
    )

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    name = fields.Char(
        "Number", required=True, copy=False, readonly=True, default="/", index="trigram"
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        tracking=True,
        domain=[("is_company", "=", True)],
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id", store=True)
    date_from = fields.Date(
        "From", required=True, default=lambda self: fields.Date.context_today(self).replace(day=1)
    )
    date_to = fields.Date("To", required=True, default=fields.Date.context_today)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("issued", "Waiting for the customer"),
            ("confirmed", "Confirmed"),
            ("disputed", "Disputed"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        index=True,
        tracking=True,
        copy=False,
    )
    # frozen figures (company currency)
    opening_balance = fields.Monetary(readonly=True, copy=False)
    total_debit = fields.Monetary("Debit", readonly=True, copy=False)
    total_credit = fields.Monetary("Credit", readonly=True, copy=False)
    closing_balance = fields.Monetary(readonly=True, copy=False)
    aging_current = fields.Monetary("Not due", readonly=True, copy=False)
    aging_1_30 = fields.Monetary("1-30 days", readonly=True, copy=False)
    aging_31_60 = fields.Monetary("31-60 days", readonly=True, copy=False)
    aging_61_90 = fields.Monetary("61-90 days", readonly=True, copy=False)
    aging_90_plus = fields.Monetary("Over 90 days", readonly=True, copy=False)
    line_count = fields.Integer("Movements", readonly=True, copy=False)
    issue_date = fields.Datetime(readonly=True, copy=False)
    issued_by_id = fields.Many2one("res.users", string="Issued by", readonly=True, copy=False)
    pdf_attachment_id = fields.Many2one("ir.attachment", string="PDF", readonly=True, copy=False)
    send_pending = fields.Boolean(
        readonly=True,
        copy=False,
        help="Issued while Odoo was installing (no web server to lay out the PDF): "
        "the PDF is attached and the e-mail sent by a job as soon as Odoo runs.",
    )
    # the customer's answer
    answer_date = fields.Datetime(readonly=True, copy=False)
    answer_comment = fields.Text("Customer comment", readonly=True, copy=False)
    answer_user_id = fields.Many2one("res.users", string="Answered by", readonly=True, copy=False)

    # ------------------------------------------------------------
    # COMPUTE
    # ------------------------------------------------------------

    def _compute_access_url(self):
        super()._compute_access_url()
        for rec in self:
            rec.access_url = f"/my/reconciliations/{rec.id}"

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    def write(self, vals):
        frozen = FROZEN_FIELDS.intersection(vals)
        if frozen and not self.env.context.get("b2b_issuing"):
            if any(rec.state != "draft" for rec in self):
                raise UserError(
                    self.env._(
                        "An issued reconciliation statement cannot be changed (%(fields)s). "
                        "Cancel it and issue a new one.",
                        fields=", ".join(sorted(frozen)),
                    )
                )
        if ANSWER_FIELDS.intersection(vals) - {"state"} and not self.env.context.get(
            "b2b_answering"
        ):
            raise UserError(self.env._("Only the customer answers a reconciliation statement."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_issued(self):
        if any(rec.state != "draft" for rec in self):
            raise UserError(
                self.env._("Issued reconciliation statements are kept; cancel them instead.")
            )

    def _get_report_base_filename(self):
        self.ensure_one()
        return self.env._("Reconciliation %(name)s", name=self.name)

    # ------------------------------------------------------------
    # ACTION
    # ------------------------------------------------------------

    def action_issue(self, send=True):
        """Freeze the figures, attach the PDF and e-mail the customer."""
        builder = self.env["b2b.statement.builder"]
        for rec in self:
            if rec.state != "draft":
                raise UserError(self.env._("%(name)s is already issued.", name=rec.name))
            rec = rec.with_company(rec.company_id)
            data = builder._b2b_statement(
                rec.partner_id, rec.date_from, rec.date_to, limit=0, company=rec.company_id
            )
            vals = {
                "opening_balance": data["opening"],
                "total_debit": data["total_debit"],
                "total_credit": data["total_credit"],
                "closing_balance": data["closing"],
                "line_count": data["count"],
                "issue_date": fields.Datetime.now(),
                "issued_by_id": self.env.user.id,
                "state": "issued",
            }
            for key, fname in AGING_FIELDS.items():
                vals[fname] = data["aging"][key]
            if rec.name == "/":
                vals["name"] = (
                    self.env["ir.sequence"]
                    .with_company(rec.company_id)
                    .next_by_code("b2b.reconciliation")
                    or "/"
                )
            if not self.env.registry.ready:
                # module install (demo data): wkhtmltopdf cannot fetch the styles yet
                vals["send_pending"] = True
                rec.with_context(b2b_issuing=True).write(vals)
                self.env.ref("b2b_portal.ir_cron_b2b_reconciliation_pending")._trigger()
                continue
            rec.with_context(b2b_issuing=True).write(vals)
            rec.with_context(b2b_issuing=True)._b2b_attach_pdf()
            if send:
                rec._b2b_send()
        return True

    def action_cancel(self):
        for rec in self:
            if rec.state == "cancelled":
                continue
            if rec.state == "confirmed":
                raise UserError(
                    self.env._("%(name)s was confirmed by the customer.", name=rec.name)
                )
            rec.state = "cancelled"
        return True

    def action_send(self):
        self.ensure_one()
        if self.state not in ("issued", "disputed", "confirmed"):
            raise UserError(self.env._("Issue the statement first."))
        self._b2b_send()
        return True

    def action_view_pdf(self):
        self.ensure_one()
        if not self.pdf_attachment_id:
            raise UserError(self.env._("The statement is not issued yet."))
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self.pdf_attachment_id.id}?download=true",
            "target": "self",
        }

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    def _b2b_attach_pdf(self):
        self.ensure_one()
        report = self.env.ref("b2b_portal.action_report_b2b_reconciliation")
        pdf, _ext = report.sudo()._render_qweb_pdf(report, self.ids)
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": f"{self._get_report_base_filename()}.pdf".replace("/", "-"),
                    "type": "binary",
                    "datas": base64.b64encode(pdf),
                    "res_model": self._name,
                    "res_id": self.id,
                    "mimetype": "application/pdf",
                }
            )
        )
        self.pdf_attachment_id = attachment

    def _b2b_send(self):
        template = self.env.ref("b2b_portal.mail_template_b2b_reconciliation")
        for rec in self:
            rec.message_post_with_source(
                template,
                subtype_xmlid="mail.mt_comment",
                message_type="comment",
                attachment_ids=rec.pdf_attachment_id.ids,
            )

    def _b2b_answer(self, answer, comment, user):
        """The customer confirms or disputes the statement (``self`` is sudo, the
        caller checked the person may answer for this company).

        The row is locked first, so two answers at the same time cannot both pass;
        the state is read again after the lock."""
        self.ensure_one()
        if answer not in ("confirmed", "disputed"):
            raise ValidationError(self.env._("Unknown answer."))
        comment = (comment or "").strip()
        if answer == "disputed" and not comment:
            raise ValidationError(
                self.env._("Please tell us what does not match in the statement.")
            )
        if len(comment) > 4000:
            raise ValidationError(self.env._("The comment is too long."))
        try:
            self.lock_for_update()
        except LockError:
            raise UserError(
                self.env._("This statement is being answered right now. Please reload the page.")
            ) from None
        self.invalidate_recordset(["state"])
        if self.state != "issued":
            states = dict(self._fields["state"]._description_selection(self.env))
            raise UserError(
                self.env._(
                    "This statement cannot be answered any more (%(state)s).",
                    state=states[self.state],
                )
            )
        self.with_context(b2b_answering=True).write(
            {
                "state": answer,
                "answer_date": fields.Datetime.now(),
                "answer_comment": comment or False,
                "answer_user_id": user.id,
            }
        )
        self._b2b_answer_notify(answer, comment, user)
        return True

    def _b2b_answer_notify(self, answer, comment, user):
        """The answer in the chatter (by the customer); a dispute is an activity
        for the person who issued the statement."""
        if answer == "confirmed":
            body = self.env._("%(name)s confirmed the balance.", name=user.name)
        else:
            body = self.env._("%(name)s disputed the balance.", name=user.name)
        if comment:
            body = Markup("%s<br/>%s") % (body, comment)
        self.message_post(
            body=body,
            author_id=user.partner_id.id,
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        if answer == "disputed":
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._("Disputed balance confirmation"),
                note=comment,
                user_id=(
                    self.issued_by_id or self.partner_id.user_id or self.env.ref("base.user_admin")
                ).id,
            )

    @api.model
    def _b2b_issue_for(self, partners, date_from, date_to, send=True):
        """Issue (and send) one statement per company; skips companies that already
        have a non-cancelled statement for the same period."""
        company = self.env.company
        existing = self.search(
            [
                ("partner_id", "in", partners.ids),
                ("company_id", "=", company.id),
                ("date_from", "=", date_from),
                ("date_to", "=", date_to),
                ("state", "!=", "cancelled"),
            ]
        ).partner_id
        todo = partners - existing
        recs = self.create(
            [
                {
                    "partner_id": partner.id,
                    "company_id": company.id,
                    "date_from": date_from,
                    "date_to": date_to,
                }
                for partner in todo
            ]
        )
        recs.action_issue(send=send)
        return recs

    @api.model
    def _cron_send_pending(self):
        """Attach the PDF of, and send, statements issued during an install."""
        for rec in self.search([("send_pending", "=", True)]):
            if not rec.pdf_attachment_id:
                rec.with_context(b2b_issuing=True)._b2b_attach_pdf()
            rec.send_pending = False
            rec._b2b_send()

    @api.model
    def _cron_issue_monthly(self):
        """Monthly job: a statement of the previous month for every B2B company,
        when switched on in the settings."""
        if not str2bool(self.env["ir.config_parameter"].sudo().get_param(ICP_MONTHLY, "False")):
            return
        first_this_month = fields.Date.context_today(self).replace(day=1)
        date_to = first_this_month - timedelta(days=1)
        date_from = date_to.replace(day=1)
        accesses = self.env["b2b.access"].sudo().search([("state", "=", "active")])
        default_company = self.env.company
        for company in accesses.company_id | default_company:
            partners = accesses.filtered(
                lambda a, c=company: (a.company_id or default_company) == c
            ).partner_id
            if partners:
                self.with_company(company)._b2b_issue_for(partners, date_from, date_to)
