# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

SUPPORT_CATEGORIES = [
    ("question", "Question"),
    ("order", "Order or delivery"),
    ("invoice", "Invoice or payment"),
    ("product", "Product or technical"),
    ("account", "Portal account"),
    ("other", "Other"),
]


class B2bSupportRequest(models.Model):
    """A support request of a customer company (D3), opened and discussed in the
    portal (chatter), handled by staff. Portal users read the requests of the
    companies where their Support permission is effective (record rule on
    ``user.b2b_support_partner_ids``); they create them only through the checked
    ``/my/support/new`` route."""

    _name = "b2b.support.request"
    _description = "B2B support request"
    _inherit = ["portal.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _mail_post_access = "read"

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    name = fields.Char(
        "Number", required=True, readonly=True, copy=False, default="/", index="trigram"
    )
    subject = fields.Char(required=True, tracking=True)
    category = fields.Selection(
        SUPPORT_CATEGORIES, required=True, default="question", tracking=True
    )
    description = fields.Text()
    state = fields.Selection(
        [
            ("new", "New"),
            ("in_progress", "In progress"),
            ("waiting", "Waiting for customer"),
            ("solved", "Solved"),
            ("closed", "Closed"),
        ],
        default="new",
        required=True,
        index=True,
        tracking=True,
        group_expand=True,
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        tracking=True,
        domain=[("is_company", "=", True)],
    )
    requester_id = fields.Many2one("res.partner", string="Requested by", index=True)
    user_id = fields.Many2one(
        "res.users",
        string="Assigned to",
        index=True,
        tracking=True,
        domain=[("share", "=", False)],
    )
    order_id = fields.Many2one("sale.order", string="Related order", index="btree_not_null")
    invoice_id = fields.Many2one(
        "account.move",
        string="Related invoice",
        index="btree_not_null",
        domain=[("move_type", "in", ("out_invoice", "out_refund"))],
    )
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "b2b_support_request_attachment_rel",
        "request_id",
        "attachment_id",
        string="Attachments",
    )
    priority = fields.Selection([("0", "Normal"), ("1", "Urgent")], default="0")
    color = fields.Integer()
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company, index=True)
    date_closed = fields.Datetime(readonly=True, copy=False)

    # ------------------------------------------------------------
    # COMPUTE
    # ------------------------------------------------------------

    def _compute_access_url(self):
        super()._compute_access_url()
        for request in self:
            request.access_url = f"/my/support/{request.id}"

    @api.depends("name", "subject")
    def _compute_display_name(self):
        for request in self:
            request.display_name = f"{request.name} {request.subject or ''}".strip()

    # ------------------------------------------------------------
    # CONSTRAINT
    # ------------------------------------------------------------

    @api.constrains("partner_id", "order_id", "invoice_id")
    def _check_related_documents(self):
        for request in self.sudo():
            company = request.partner_id.commercial_partner_id
            if request.order_id and request.order_id.partner_id.commercial_partner_id != company:
                raise ValidationError(self.env._("The related order belongs to another customer."))
            if (
                request.invoice_id
                and request.invoice_id.partner_id.commercial_partner_id != company
            ):
                raise ValidationError(
                    self.env._("The related invoice belongs to another customer.")
                )

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"].sudo().next_by_code("b2b.support.request") or "/"
                )
        requests = super().create(vals_list)
        for request in requests:
            # the portal detail page is read-only: give the token now
            request._portal_ensure_token()
            # the salesperson of the customer follows its requests
            salesperson = request.partner_id.user_id
            partners = salesperson.partner_id | request.requester_id
            if partners:
                request.message_subscribe(partner_ids=partners.ids)
            request.message_post(
                body=self.env._("New support request: %(subject)s", subject=request.subject),
                subtype_xmlid="b2b_portal.mt_support_request_new",
            )
        return requests

    def write(self, vals):
        if vals.get("state") in ("solved", "closed"):
            vals.setdefault("date_closed", fields.Datetime.now())
        elif vals.get("state"):
            vals.setdefault("date_closed", False)
        return super().write(vals)

    # ------------------------------------------------------------
    # PORTAL REQUESTS
    # ------------------------------------------------------------

    @api.model
    def _b2b_portal_create(self, partner, values, order, invoice, files):
        """The request the current portal user filed for ``partner`` (its subject,
        category and description in ``values``; ``files`` [(name, content)]).

        The caller checked the company, the Support permission and that ``order``
        and ``invoice`` belong to the company, so it is created as superuser."""
        request_sudo = self.sudo().create(
            {
                "subject": values["subject"],
                "category": values["category"],
                "description": values["description"],
                "partner_id": partner.id,
                "requester_id": self.env.user.partner_id.id,
                "order_id": order.id if order else False,
                "invoice_id": invoice.id if invoice else False,
            }
        )
        if files:
            request_sudo.attachment_ids = (
                self.env["ir.attachment"]
                .sudo()
                .create(
                    [
                        {
                            "name": name,
                            "raw": content,
                            "res_model": self._name,
                            "res_id": request_sudo.id,
                        }
                        for name, content in files
                    ]
                )
            )
        return request_sudo

    # ------------------------------------------------------------
    # ACTION
    # ------------------------------------------------------------

    def action_start(self):
        self.write({"state": "in_progress"})

    def action_wait(self):
        self.write({"state": "waiting"})

    def action_solve(self):
        self.write({"state": "solved"})

    def action_close(self):
        self.write({"state": "closed"})

    def action_reopen(self):
        self.write({"state": "in_progress"})

    def action_assign_me(self):
        self.write({"user_id": self.env.uid})

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    def _track_subtype(self, init_values):
        self.ensure_one()
        if "state" in init_values:
            return self.env.ref("b2b_portal.mt_support_request_state")
        return super()._track_subtype(init_values)

    def _message_post_after_hook(self, message, msg_vals):
        # the customer answered: the request goes back to the staff
        if message.message_type == "comment" and self.env.user.share and self.state == "waiting":
            self.sudo().state = "in_progress"
        return super()._message_post_after_hook(message, msg_vals)

    def _get_report_base_filename(self):
        self.ensure_one()
        return self.env._("Support request %(name)s", name=self.name)
