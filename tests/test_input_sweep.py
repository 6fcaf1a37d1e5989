# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""G4 and S6: every POST route against bad input and forged fields.

``SWEEP`` describes each POST route of ``routes_common.ROUTES`` (a POST
route without an entry fails ``test_every_post_route_is_swept``): who posts, to
which URL (a record of company A), the valid payload its real form posts and
the kind of every field. From that ``test_bad_input_sweep`` generates, per
field, the value left out, empty, oversized, wrong-typed, repeated and foreign
(company B's record, a missing id), plus the URL with another company's id.
Each variant is posted on its own (in a savepoint rolled back afterwards) and:

* must not answer 500;
* must be refused (400/403/404/409/429, a redirect to the login or to /my) or
  show the error the controller renders (the route's ``message`` pattern);
* must change nothing: row count, max(id) and max(write_date) of every model a
  portal route can touch are the same before and after (each HTTP request runs
  on its own test cursor whose clock is read during the request, so any write
  moves write_date).

A variant a route legitimately accepts (an optional field left empty, a text
trimmed to its limit...) is listed in the entry's ``accept`` with the reason,
and checked with its own assertion where there is one.

``test_mass_assignment`` (S6) posts every form twice: the valid payload alone
(which must be accepted), then with forged fields (partner, company, state,
amounts, prices, users, permissions...). The forged post must either be refused
and change nothing, or leave every forged field of every record it creates or
changes exactly as the clean post leaves it.
"""

import io
import logging
import re
import zipfile
from urllib.parse import parse_qs, urlsplit

from odoo import Command
from odoo.tests import HttpCase, tagged
from odoo.tools import SQL

from ..models.b2b_permissions import PERMISSION_NAMES
from .common import PortalSessionMixin
from .finance_common import B2bFinanceCommon, ReconciliationMixin
from .rma_common import RmaCommon
from .routes_common import ARG_RE, MISSING_ID, ROUTES

_logger = logging.getLogger(__name__)

# Field kinds
TEXT = "text"
REDIRECT = "redirect"  # a same-site path followed after the post
HONEYPOT = "honeypot"  # a hidden field people never fill
NUMBER = "number"
ID = "id"
CHOICE = "choice"
MULTI = "multi"  # several values under one name (checkboxes, rows)
FILES = "files"

ABSENT = object()  # the field is not posted at all
BIG_TEXT = "x" * 100_000
HUGE_INT = "9" * 5000  # past Python's int() digit limit
BEYOND_BIGINT = "99999999999999999999"
NUL = "a\x00b"
REFUSED = (400, 403, 404, 405, 409, 413, 429)
REDIRECTS = (301, 302, 303, 307, 308)
NUL_REFUSED = "a character that is not allowed (NUL)"

# Models a portal POST can touch; the snapshot compares them before and after.
SNAPSHOT_MODELS = (
    "sale.order",
    "sale.order.line",
    "b2b.rma",
    "b2b.rma.line",
    "b2b.support.request",
    "b2b.shopping.list",
    "b2b.shopping.list.line",
    "b2b.access",
    "b2b.reconciliation",
    "res.users",
    "res.partner",
    "crm.lead",
    "ir.attachment",
    "mail.message",
    "account.move",
)


def F(kind, foreign=None, limit=None, count=None, types=True, bad_files=None):
    """One posted field.

    :param kind: TEXT, REDIRECT, HONEYPOT, NUMBER, ID, CHOICE, MULTI or FILES
    :param foreign: name of a test method returning a value of company B (or
        another thing this person may not use) for ID / MULTI fields
    :param limit: FILES: the route's size limit per file in bytes
    :param count: FILES: the route's maximum number of files
    :param types: FILES: whether the route checks the file's content type
    :param bad_files: FILES: {label: [(filename, content, mimetype)]} broken files
    """
    return {
        "kind": kind,
        "foreign": foreign,
        "limit": limit,
        "count": count,
        "types": types,
        "bad_files": bad_files or {},
    }


def S(
    base,
    fields,
    message=None,
    user="alpha_b2b",
    record=None,
    foreign=None,
    args=None,
    accept=None,
    extra=None,
    redirects=(),
    setup=None,
    inspect=None,
    forge=None,
    changes=True,
    valid_status=None,
    expect=None,
):
    """One POST route of the sweep.

    :param base: test method returning the valid payload of the real form
        ({field: value, list of values, or [(filename, content, mimetype)]})
    :param fields: {field: F(...)} the fields swept, or the name of a test method
        returning it (names that contain a record id)
    :param message: regular expression of the error the controller renders on a
        page answered 200 (None: the route answers errors with a status)
    :param user: login posting (None: the public user)
    :param record: test method returning {url argument: company-A record}
    :param foreign: test method returning {url argument: record of company B}
    :param args: fixed url arguments
    :param accept: {"field:variant": reason} (or (reason, check method)) of the
        variants the route legitimately accepts; "field:*" accepts every variant
        but those given None
    :param extra: {label: {field: value}} more variants (``"__args__"``: url args)
    :param redirects: paths (prefixes) a refusal may redirect to besides the
        login page and /my (their page shows the message)
    :param setup: test method run after login, before each post (e.g. a cart)
    :param inspect: test method returning the existing records the post may
        change (S6 compares their forged fields)
    :param forge: {field: value} forged fields specific to this route (S6)
    :param changes: the valid payload creates or changes records
    :param valid_status: the status the valid payload gets when it is not a
        success (a route refused to everyone of this kind)
    :param expect: {"field:variant": text} the message a variant must show
        (regressions of defects the sweep found)
    """
    return {
        "base": base,
        "fields": fields,
        "message": message,
        "user": user,
        "record": record,
        "foreign": foreign,
        "args": args or {},
        "accept": accept or {},
        "extra": extra or {},
        "redirects": redirects,
        "setup": setup,
        "inspect": inspect,
        "forge": forge or {},
        "changes": changes,
        "valid_status": valid_status,
        "expect": expect or {},
    }


TRIMMED = "trimmed to the field's limit"
OPTIONAL = "an optional field: left empty, the form is filed without it"
FIRST_WINS = "only the first of repeated values counts"

SWEEP = {
    # --- foundation -----------------------------------------------------------
    "/my/b2b/company": S(
        "_p_company",
        {"partner_id": F(ID, foreign="_v_company_c"), "redirect": F(REDIRECT)},
        user="shared_b2b",
        accept={
            "redirect:*": (
                "the company is valid: it is chosen; the redirect is followed only "
                "when it is a same-site path",
                "_check_local_redirect",
            ),
            "redirect:nul": None,  # refused like every NUL character
        },
        changes=False,  # the session only
    ),
    "/my/b2b/lang": S(
        "_p_lang",
        {"lang": F(CHOICE), "redirect": F(REDIRECT)},
        inspect="_i_users",
        accept={
            "redirect:*": (
                "the language is valid: it is set; the redirect falls back to "
                "/my/security unless it is a same-site path",
                "_check_local_redirect",
            ),
            "redirect:nul": None,  # refused like every NUL character
        },
    ),
    "/my/security": S(
        "_p_security",
        {"old": F(TEXT), "new1": F(TEXT), "new2": F(TEXT)},
        message=r"alert-danger|is-invalid",
        extra={
            "wrong old password": {"old": "not-the-password"},
            "both new passwords oversized": {"new1": BIG_TEXT, "new2": BIG_TEXT},
        },
        expect={
            "old:oversized": "A password has at most 4096 characters.",
            "extra:both new passwords oversized": "A password has at most 4096 characters.",
            "old:absent": "You cannot leave any password empty.",
            "old:nul": NUL_REFUSED,
        },
        inspect="_i_users",
    ),
    "/my/deactivate_account": S(
        "_p_deactivate",
        {"validation": F(TEXT), "password": F(TEXT)},
        changes=False,
        valid_status=403,  # B2B users are managed by the supplier, never deleted
    ),
    # --- reconciliation statements (F5) ------------------------------------------
    "/my/reconciliations/<int:rec_id>/confirm": S(
        "_p_comment",
        {"comment": F(TEXT)},
        message=r"o_b2b_answer_error",
        record="_r_reconciliation",
        foreign="_f_reconciliation",
        accept={
            "comment:empty": "a confirmation needs no comment",
            "comment:absent": "a confirmation needs no comment",
            "comment:repeated": "a confirmation needs no comment (" + FIRST_WINS + ")",
        },
        inspect="_i_reconciliation",
        forge={"state": "disputed", "answer_user_id": "_v_admin_id"},
    ),
    "/my/reconciliations/<int:rec_id>/dispute": S(
        "_p_comment",
        {"comment": F(TEXT)},
        message=r"o_b2b_answer_error",
        record="_r_reconciliation",
        foreign="_f_reconciliation",
        inspect="_i_reconciliation",
        forge={"state": "confirmed", "answer_user_id": "_v_admin_id"},
    ),
    # --- onboarding, support (A1, D3) ---------------------------------------------
    "/b2b/apply": S(
        "_p_apply",
        {
            "company_name": F(TEXT),
            "vat": F(TEXT),
            "street": F(TEXT),
            "city": F(TEXT),
            "zip": F(TEXT),
            "country_id": F(ID),
            "contact_name": F(TEXT),
            "email": F(TEXT),
            "phone": F(TEXT),
            "message": F(TEXT),
            "website_url": F(HONEYPOT),
        },
        message=r"o_b2b_apply_error|is-invalid",
        user=None,
        accept={
            **{
                f"{name}:oversized": (TRIMMED, "_check_apply_trimmed")
                for name in ("company_name", "street", "city", "zip", "contact_name", "phone")
            },
            "message:oversized": (TRIMMED, "_check_apply_trimmed"),
            **{
                f"{name}:{variant}": OPTIONAL
                for name in ("vat", "phone", "message")
                for variant in ("empty", "absent", "repeated")
            },
        },
        extra={
            "not an e-mail address": {"email": "not-an-address"},
            "invalid VAT number": {"vat": "BE0000000001"},
        },
        expect={"company_name:nul": NUL_REFUSED},
        redirects=("/b2b/apply/thanks",),  # the honeypot: answered like a success
        forge={
            "b2b_state": "approved",
            "b2b_application": "0",
            "b2b_apply_ip": "10.9.8.7",
            "b2b_duplicate": "1",
            "type": "lead",
            "probability": "100",
            "expected_revenue": "999999",
            "email_from": "forged@example.com",
            "team_id": "_v_other_team_id",
        },
    ),
    "/my/support/new": S(
        "_p_support",
        {
            "subject": F(TEXT),
            "category": F(CHOICE),
            "description": F(TEXT),
            "order_id": F(ID, foreign="_v_order_b"),
            "invoice_id": F(ID, foreign="_v_invoice_b"),
            "attachments": F(FILES, limit=10 * 1024 * 1024, count=5, types=False),
        },
        message=r"o_b2b_support_error",
        expect={"subject:nul": NUL_REFUSED},
        accept={
            "subject:oversized": (TRIMMED, "_check_support_trimmed"),
            "description:oversized": (TRIMMED, "_check_support_trimmed"),
            **{
                f"{name}:{variant}": OPTIONAL
                for name in ("description", "order_id", "invoice_id")
                for variant in ("empty", "absent")
            },
            "description:repeated": OPTIONAL + " (" + FIRST_WINS + ")",
            "attachments:empty file": "any file is accepted for support, an empty one too",
        },
        forge={"state": "closed", "requester_id": "_v_partner_b_contact_id"},
    ),
    # --- ordering (O1-O4, U10) ----------------------------------------------------
    "/my/orders/<int:order_id>/reorder": S(
        "_p_reorder",
        "_fields_reorder",
        message=r"alert-danger|o_b2b_line_error",
        record="_r_order",
        foreign="_f_order",
        redirects=("/my/orders",),
        expect={
            "line_ids:foreign": "This line cannot be ordered again.",
            "line_ids:missing": "This line cannot be ordered again.",
            "line_ids:superscript": "Choose at least one line.",
            "line_ids:oversized": "Choose at least one line.",
        },
    ),
    # --- quote requests (Q1) ----------------------------------------------------
    "/my/quote_request": S(
        "_p_quote_request",
        {
            "product_id": F(MULTI, foreign="_v_product_not_in_cart"),
            "qty": F(NUMBER),
            "price": F(NUMBER),
            "note": F(TEXT),
        },
        message=r"o_b2b_quote_error",
        setup="_setup_cart",
        inspect="_i_cart",
        redirects=("/my/orders",),
        accept={
            "product_id:absent": "without rows the cart's quantities are requested",
            "qty:absent": "without quantities the cart's quantities are requested",
            "qty:empty": "an empty quantity keeps the cart's",
            "price:absent": "the wished price is optional",
            "price:empty": "the wished price is optional",
            "note:absent": OPTIONAL,
            "note:empty": OPTIONAL,
            "note:repeated": "the note is optional (" + FIRST_WINS + ")",
        },
        expect={
            "product_id:foreign": "Your cart has changed",
            "product_id:missing": "Your cart has changed",
            "qty:-1": "must be a number",
            "price:-1": "must be a number",
        },
    ),
    "/my/quote_request/<int:order_id>/changes": S(
        "_p_quote_changes",
        {"message": F(TEXT)},
        record="_r_quote",
        foreign="_f_quote",
        redirects=("/my/orders",),
        inspect="_i_quote",
    ),
    "/my/quick_order": S(
        "_p_quick_order",
        {
            "sku": F(MULTI, foreign="_v_sku_not_sold"),
            "qty": F(NUMBER),
            "text": F(TEXT),
            "file": F(
                FILES,
                limit=2 * 1024 * 1024,
                bad_files={
                    "binary file": [("order.csv", b"\x00\x01\x02\xff" * 64, "text/csv")],
                    "broken xlsx": [
                        (
                            "order.xlsx",
                            b"PK\x03\x04broken",
                            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        )
                    ],
                },
            ),
        },
        message=r"o_b2b_quick_order_error|o_b2b_line_error",
        accept={
            "text:*": "the pasted text is optional: the valid SKU rows alone are previewed",
            "text:oversized": None,  # one unknown SKU: marked in the preview
            "text:nul": None,  # refused like every NUL character
        },
        extra={"1001 pasted lines": {"sku": ABSENT, "qty": ABSENT, "text": "B2B-BOLT;1\n" * 1001}},
        changes=False,  # a preview: nothing is added before the confirmation
    ),
    "/my/quick_order/confirm": S(
        "_p_quick_confirm",
        {"confirm_text": F(TEXT)},
        message=r"o_b2b_quick_order_error",
        extra={
            "product not sold": {"confirm_text": "B2B-NOSALE\t1"},
            "quantity not a number": {"confirm_text": "B2B-BOLT\tabc"},
            "negative quantity": {"confirm_text": "B2B-BOLT\t-1"},
            "quantity nan": {"confirm_text": "B2B-BOLT\tnan"},
            "quantity too large": {"confirm_text": "B2B-BOLT\t1e309"},
            "1001 lines": {"confirm_text": "B2B-BOLT\t1\n" * 1001},
        },
    ),
    "/shop/b2b/place_order": S(
        "_p_place_order",
        {"client_order_ref": F(TEXT)},
        setup="_setup_cart",
        accept={
            "client_order_ref:empty": "the PO reference is optional",
            "client_order_ref:absent": "the PO reference is optional",
            "client_order_ref:repeated": "the PO reference is optional (" + FIRST_WINS + ")",
            "client_order_ref:oversized": (TRIMMED + " (64)", "_check_po_trimmed"),
        },
        redirects=("/shop/payment", "/shop/cart"),
        inspect="_i_cart",
    ),
    # --- shopping lists (L1) --------------------------------------------------------
    "/my/lists/new": S(
        "_p_list_new",
        {"name": F(TEXT), "visibility": F(CHOICE)},
        redirects=("/my/lists",),
        accept={
            "name:oversized": (TRIMMED + " (128)", "_check_list_name_trimmed"),
            "visibility:absent": "a list is private unless shared",
        },
        expect={"name:nul": NUL_REFUSED},
        forge={"visibility": "shared", "line_ids": "1"},
    ),
    "/my/lists/<int:list_id>": S(
        "_p_list_save",
        "_fields_list_save",
        message=r"o_b2b_list_error|o_b2b_line_error",
        record="_r_list",
        foreign="_f_list",
        accept={
            "name:absent": "the name is kept when the form does not post it",
            "name:oversized": (TRIMMED + " (128)", "_check_list_name_trimmed"),
            "visibility:absent": "the visibility is kept when the form does not post it",
            "remove_ids:absent": "no line ticked for removal: none is removed",
            "qty_*:absent": "the quantity is kept when the form does not post it",
            "note_*:*": "the note is optional (empty clears it)",
            "note_*:oversized": None,  # refused: at most 256 characters
            "note_*:nul": None,  # refused like every NUL character
        },
        expect={
            "name:empty": "Give the list a name.",
            "remove_ids:foreign": "This line is not on the list any more.",
            "note_*:oversized": "The note is too long",
        },
        inspect="_i_list",
    ),
    "/my/lists/<int:list_id>/delete": S(
        "_p_empty",
        {},
        record="_r_list",
        foreign="_f_list",
        redirects=("/my/lists",),
        inspect="_i_other_list",
    ),
    "/my/lists/<int:list_id>/order": S(
        "_p_list_order",
        "_fields_list_order",
        message=r"o_b2b_list_error|o_b2b_line_error",
        record="_r_list",
        foreign="_f_list",
        redirects=("/shop/cart",),
        accept={"qty_*:absent": "without a posted quantity the list's quantity is ordered"},
        expect={
            "line_ids:absent": "Choose at least one line.",
            "line_ids:foreign": "This line is not on the list any more.",
            "line_ids:missing": "This line is not on the list any more.",
        },
        inspect="_i_cart",
    ),
    "/my/lists/<int:list_id>/upload": S(
        "_p_list_upload",
        {
            "text": F(TEXT),
            "file": F(
                FILES,
                limit=2 * 1024 * 1024,
                bad_files={
                    "binary file": [("list.csv", b"\x00\x01\x02\xff" * 64, "text/csv")],
                    "broken xlsx": [
                        (
                            "list.xlsx",
                            b"PK\x03\x04broken",
                            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        )
                    ],
                },
            ),
        },
        message=r"o_b2b_list_error",
        record="_r_list",
        foreign="_f_list",
        redirects=("/my/lists",),
        extra={
            "1001 pasted lines": {"text": "B2B-BOLT;1\n" * 1001},
            "a product not sold": {"text": "B2B-NOSALE;1"},
        },
        expect={"text:nul": NUL_REFUSED},
        inspect="_i_list",
    ),
    "/my/lists/add": S(
        "_p_list_add",
        {
            "source": F(CHOICE),
            "list_id": F(ID, foreign="_v_list_b"),
            "new_name": F(TEXT),
            "product_id": F(ID, foreign="_v_product_nosale"),
            "qty": F(NUMBER),
        },
        redirects=("/my/lists",),
        accept={
            "source:absent": "a product page posts no source: the product is added",
            "new_name:*": "the new list's name is optional: the chosen list is used",
            "new_name:oversized": (TRIMMED + " (128)", "_check_list_name_trimmed"),
            "new_name:nul": None,  # refused like every NUL character
        },
        inspect="_i_list",
        forge={"visibility": "shared", "quantity": "999", "note": "forged"},
    ),
    # --- customer administrators and approvals (U11, U12) -------------------------
    "/my/b2b/users/invite": S(
        "_p_invite",
        {
            "name": F(TEXT),
            "login": F(TEXT),
            "profile_id": F(ID, foreign="_v_archived_profile"),
            "perms": F(MULTI),
            "max_order_amount": F(NUMBER),
            "max_month_amount": F(NUMBER),
        },
        message=r"o_b2b_admin_error",
        accept={
            "perms:*": "unknown permission names are ignored (whitelist); none ticked "
            "is a user without permissions",
            "perms:nul": None,  # refused like every NUL character
            **{
                f"{name}:{variant}": "an empty limit means no limit"
                for name in ("max_order_amount", "max_month_amount")
                for variant in ("empty", "absent")
            },
            "profile_id:empty": "no profile: the permission boxes alone count",
            "profile_id:absent": "no profile: the permission boxes alone count",
            "name:oversized": (TRIMMED + " (256)", "_check_invite_trimmed"),
        },
        extra={
            "staff login": {"login": "admin"},
            "login of a B2B user of A already": {"login": "noorders_b2b"},
        },
        expect={
            **{
                f"{name}:{variant}": "Please enter valid numbers."
                for name in ("max_order_amount", "max_month_amount")
                for variant in ("nan", "inf", "1e309", "oversized")
            },
            "name:nul": NUL_REFUSED,
        },
    ),
    "/my/b2b/users/<int:access_id>": S(
        "_p_user_save",
        {
            "profile_id": F(ID, foreign="_v_archived_profile"),
            "perms": F(MULTI),
            "max_order_amount": F(NUMBER),
            "max_month_amount": F(NUMBER),
        },
        message=r"o_b2b_admin_error",
        record="_r_access",
        foreign="_f_access",
        accept={
            "perms:*": "unknown permission names are ignored (whitelist); none ticked "
            "takes every permission away",
            "perms:nul": None,  # refused like every NUL character
            **{
                f"{name}:{variant}": "an empty limit means no limit"
                for name in ("max_order_amount", "max_month_amount")
                for variant in ("empty", "absent")
            },
            "profile_id:empty": "no profile: the permission boxes alone count",
            "profile_id:absent": "no profile: the permission boxes alone count",
        },
        expect={
            f"{name}:{variant}": "Please enter valid numbers."
            for name in ("max_order_amount", "max_month_amount")
            for variant in ("nan", "inf", "1e309", "oversized")
        },
        inspect="_i_target",
        forge={"state": "passive", "name": "Forged Name", "login": "forged@example.com"},
    ),
    "/my/b2b/users/<int:access_id>/state": S(
        "_p_user_state",
        {"state": F(CHOICE)},
        record="_r_access",
        foreign="_f_access",
        inspect="_i_target",
        forge={"name": "Forged Name", "login": "forged@example.com"},
    ),
    "/my/b2b/users/<int:access_id>/credentials": S(
        "_p_empty",
        {},
        record="_r_access",
        foreign="_f_access",
        inspect="_i_target",
        forge={"state": "passive", "name": "Forged Name", "login": "forged@example.com"},
    ),
    "/my/b2b/approvals/<int:order_id>/<any(approve,reject):decision>": S(
        "_p_reject",
        {"comment": F(TEXT)},
        message=r"o_b2b_approval_error",
        record="_r_waiting_order",
        foreign="_f_order",
        args={"decision": "reject"},
        extra={
            "approve with an oversized comment": {
                "__args__": {"decision": "approve"},
                "comment": BIG_TEXT,
            },
            "approve with a NUL character": {"__args__": {"decision": "approve"}, "comment": NUL},
        },
        expect={
            "comment:oversized": "The comment is too long.",
            "extra:approve with an oversized comment": "The comment is too long.",
            "extra:approve with a NUL character": NUL_REFUSED,
        },
        inspect="_i_waiting_order",
        forge={"b2b_approval_state": "approved", "b2b_approver_id": "_v_admin_id"},
    ),
    # --- invoices as one ZIP (I2) -----------------------------------------------------
    "/my/invoices/zip": S(
        "_p_invoice_zip",
        {"mode": F(CHOICE), "invoice_ids": F(MULTI, foreign="_v_invoice_b")},
        redirects=("/my/invoices",),  # the list shows the message once
        accept={
            "mode:*": "anything but the period form is the ticked invoices' form",
            "mode:nul": None,  # refused like every NUL character
            "invoice_ids:repeated": (
                "another company's id among the ticked ones is ignored: the ZIP holds "
                "the person's invoice only",
                "_check_zip_only_own",
            ),
        },
        extra={
            "10,000 ids": {"invoice_ids": [str(i) for i in range(1, 10001)]},
            "period with a bad date": {"mode": "period", "date_from": "abc"},
            "period with a NUL character": {"mode": "period", "date_to": NUL},
            "period ending before it starts": {
                "mode": "period",
                "date_from": "2025-03-01",
                "date_to": "2025-02-01",
            },
            "period without an invoice": {"mode": "period", "date_from": "2099-01-01"},
        },
        changes=False,  # a download
    ),
    # --- returns (R1) -------------------------------------------------------------
    "/my/rma/new": S(
        "_p_rma",
        "_fields_rma",
        message=r"o_b2b_rma_errors",
        accept={
            "description:empty": OPTIONAL,
            "description:absent": OPTIONAL,
            "description:repeated": OPTIONAL + " (" + FIRST_WINS + ")",
        },
        extra={"a line of company B's invoice": {"__line_b__": "1"}},
        expect={
            "reason_id:superscript": "Choose the problem with the goods.",
            "reason_id:oversized": "Choose the problem with the goods.",
            "description:nul": NUL_REFUSED,
        },
    ),
}


@tagged("post_install", "-at_install")
class TestInputSweep(
    PortalSessionMixin, ReconciliationMixin, RmaCommon, B2bFinanceCommon, HttpCase
):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.requests = 0
        # the shop sells the test products; company A has a complete address
        (cls.product | cls.product_2).product_tmpl_id.write({"is_published": True})
        cls.product_nosale = cls.env["product.product"].create(
            {"name": "B2B not for sale", "default_code": "B2B-NOSALE", "sale_ok": False}
        )
        for company in (cls.company_a, cls.company_b):
            company.write(
                {
                    "street": "Main street 1",
                    "city": "Town",
                    "zip": "1000",
                    "country_id": cls.env.ref("base.be").id,
                    "email": "office@example.com",
                }
            )
        cls.reconciliation_a = cls._issue(cls.company_a)
        cls.reconciliation_b = cls._issue(cls.company_b)
        # user_a administers users and approves orders of A
        cls.profile.write({"perm_administer": True, "perm_approve": True})
        cls.access_a.write({"perm_administer": True, "perm_approve": True})
        cls.access_target = cls.env["b2b.access"].create(
            {
                "partner_id": cls.company_a.id,
                "login": "target_b2b",
                "name": "Tom Target",
                "new_password": "target_b2b",
                "profile_id": cls.profile.id,
                **{f"perm_{name}": name == "orders" for name in PERMISSION_NAMES},
            }
        )
        cls.access_target.user_id.partner_id.email = "tom.target@example.com"
        cls.profile_archived = cls.env["b2b.profile"].create(
            {"name": "Archived profile", "active": False}
        )
        # an order of A waiting for approval: the shared login's limit is 10
        cls.access_shared_a.max_order_amount = 10.0
        cls.waiting_order = cls._create_order(cls.company_a, confirm=False)
        cls.waiting_order.with_user(cls.user_shared).with_context(
            b2b_partner_id=cls.company_a.id
        ).sudo().action_confirm()
        assert cls.waiting_order.b2b_approval_state == "waiting", "fixture: not waiting"
        # what forged fields point to
        cls.forged_company = cls.env["res.company"].create({"name": "Forged Company Ltd"})
        # shopping lists: a shared list of A owned by user_a, another one, one of B
        ShoppingList = cls.env["b2b.shopping.list"]
        cls.list_a, cls.list_a2, cls.list_b = ShoppingList.create(
            [
                {
                    "name": name,
                    "partner_id": partner.id,
                    "user_id": user.id,
                    "visibility": "shared",
                    "line_ids": [
                        Command.create({"product_id": cls.product.id, "quantity": 1, "note": "old"})
                    ],
                }
                for name, partner, user in (
                    ("Sweep list", cls.company_a, cls.user_a),
                    ("Sweep list 2", cls.company_a, cls.user_a),
                    ("Beta list", cls.company_b, cls.user_b),
                )
            ]
        )
        # Q1: a quotation received by company A and one of company B
        cls.quote_a = cls._create_order(cls.company_a, confirm=False)
        cls.quote_b = cls._create_order(cls.company_b, confirm=False)
        (cls.quote_a | cls.quote_b).write({"state": "sent"})
        cls.forged_pricelist = cls.env["product.pricelist"].create(
            {"name": "Forged pricelist", "currency_id": cls.env.company.currency_id.id}
        )

    # ------------------------------------------------------------
    # Records, values and valid payloads
    # ------------------------------------------------------------

    def _r_reconciliation(self):
        return {"rec_id": self.reconciliation_a}

    def _f_reconciliation(self):
        return {"rec_id": self.reconciliation_b}

    def _r_order(self):
        return {"order_id": self.order_a}

    def _f_order(self):
        return {"order_id": self.order_b}

    def _r_list(self):
        return {"list_id": self.list_a}

    def _r_quote(self):
        return {"order_id": self.quote_a}

    def _f_quote(self):
        return {"order_id": self.quote_b}

    def _i_quote(self):
        return [self.quote_a, self.quote_a.order_line]

    def _p_quote_request(self):
        return {
            "product_id": [str(self.product.id)],
            "qty": ["2"],
            "price": ["8.5"],
            "note": "Please quote 2 bolts",
        }

    def _p_quote_changes(self):
        return {"message": "A better price for 10, please"}

    def _v_product_not_in_cart(self):
        return str(self.product_nosale.id)

    def _f_list(self):
        return {"list_id": self.list_b}

    def _v_list_b(self):
        return str(self.list_b.id)

    def _v_product_nosale(self):
        return str(self.product_nosale.id)

    def _p_list_new(self):
        return {"name": "Site supplies", "visibility": "private"}

    def _p_list_save(self):
        line = self.list_a.line_ids
        return {
            "name": "Sweep list renamed",
            "visibility": "shared",
            f"qty_{line.id}": "3",
            f"note_{line.id}": "new note",
        }

    def _fields_list_save(self):
        line = self.list_a.line_ids
        return {
            "name": F(TEXT),
            "visibility": F(CHOICE),
            f"qty_{line.id}": F(NUMBER),
            f"note_{line.id}": F(TEXT),
            "remove_ids": F(MULTI, foreign="_v_list_b_line"),
        }

    def _v_list_b_line(self):
        return str(self.list_b.line_ids.id)

    def _p_list_order(self):
        line = self.list_a.line_ids
        return {"line_ids": [str(line.id)], f"qty_{line.id}": "2"}

    def _fields_list_order(self):
        line = self.list_a.line_ids
        return {
            "line_ids": F(MULTI, foreign="_v_list_b_line"),
            f"qty_{line.id}": F(NUMBER),
        }

    def _p_list_upload(self):
        return {"text": "B2B-HINGE;2", "file": []}

    def _p_list_add(self):
        return {
            "source": "product",
            "list_id": str(self.list_a.id),
            "new_name": "",
            "product_id": str(self.product_2.id),
            "qty": "2",
        }

    def _i_list(self):
        return [self.list_a, self.list_a.line_ids]

    def _i_other_list(self):
        return [self.list_a2, self.list_a2.line_ids]

    def _check_list_name_trimmed(self, res, before, after):
        found = self.env["b2b.shopping.list"].search([("name", "=like", "x" * 128)])
        self.assertEqual(len(found), 1)
        self.assertEqual(len(found.name), 128)
        self.assertEqual(found.partner_id, self.company_a)

    def _r_waiting_order(self):
        return {"order_id": self.waiting_order}

    def _r_access(self):
        return {"access_id": self.access_target}

    def _f_access(self):
        return {"access_id": self.access_b}

    def _v_company_c(self):
        return str(self.company_c.id)

    def _v_order_b(self):
        return str(self.order_b.id)

    def _v_invoice_b(self):
        return str(self.invoice_b.id)

    def _v_sku_not_sold(self):
        return "B2B-NOSALE"

    def _v_archived_profile(self):
        return str(self.profile_archived.id)

    def _v_admin_id(self):
        return str(self.env.ref("base.user_admin").id)

    def _v_partner_b_contact_id(self):
        return str(self.user_b.partner_id.id)

    def _v_other_team_id(self):
        team = self.env["crm.lead"]._b2b_apply_team()
        other = self.env["crm.team"].search([("id", "!=", team.id)], limit=1)
        return str(other.id or MISSING_ID)

    def _p_company(self):
        return {"partner_id": str(self.company_a.id), "redirect": "/my"}

    def _p_lang(self):
        return {"lang": "en_US", "redirect": "/my/security"}

    def _p_security(self):
        return {"op": "password", "old": "alpha_b2b", "new1": "Sweep-2026!", "new2": "Sweep-2026!"}

    def _p_deactivate(self):
        return {"validation": "alpha_b2b", "password": "alpha_b2b"}

    def _p_comment(self):
        return {"comment": "Checked by accounting"}

    def _p_apply(self):
        return {
            "company_name": "Sweep Industries",
            "vat": "",
            "street": "Sweep road 1",
            "city": "Ghent",
            "zip": "9000",
            "country_id": str(self.env.ref("base.be").id),
            "contact_name": "Sam Sweep",
            "email": "sam@sweep.example.com",
            "phone": "+32 9 000 00 00",
            "message": "We would like to order online.",
            "website_url": "",
        }

    def _p_support(self):
        return {
            "subject": "Broken hinge",
            "category": "product",
            "description": "The hinge broke after one day.",
            "order_id": str(self.order_a.id),
            "invoice_id": str(self.invoice_a.id),
            "attachments": [("hinge.png", self.PNG, "image/png")],
        }

    def _p_reorder(self):
        line = self.order_a.order_line[:1]
        return {"line_ids": [str(line.id)], f"qty_{line.id}": "2"}

    def _fields_reorder(self):
        line = self.order_a.order_line[:1]
        return {
            "line_ids": F(MULTI, foreign="_v_order_b_line"),
            f"qty_{line.id}": F(NUMBER),
        }

    def _v_order_b_line(self):
        return str(self.order_b.order_line[:1].id)

    def _p_quick_order(self):
        return {"sku": ["B2B-BOLT"], "qty": ["1"], "text": "", "file": []}

    def _p_quick_confirm(self):
        return {"confirm_text": "B2B-BOLT\t1"}

    def _p_place_order(self):
        return {"client_order_ref": "PO-SWEEP-1"}

    def _p_invite(self):
        return {
            "name": "Ivy Invited",
            "login": "ivy.invited@example.com",
            "profile_id": str(self.profile.id),
            "perms": ["orders", "support"],
            "max_order_amount": "100",
            "max_month_amount": "1000",
        }

    def _p_user_save(self):
        return {
            "profile_id": str(self.profile.id),
            "perms": ["orders", "support"],
            "max_order_amount": "100",
            "max_month_amount": "1000",
        }

    def _p_user_state(self):
        return {"state": "passive"}

    def _p_empty(self):
        return {}

    def _p_reject(self):
        return {"comment": "Too expensive this month"}

    def _p_invoice_zip(self):
        return {"mode": "selected", "invoice_ids": [str(self.invoice_a.id)]}

    def _check_zip_only_own(self, res, before, after):
        self.assertEqual(res.status_code, 200)
        with zipfile.ZipFile(io.BytesIO(res.content)) as archive:
            names = archive.namelist()
        self.assertEqual(names, [self.invoice_a._get_invoice_proforma_pdf_report_filename()])

    def _p_rma(self):
        return {
            "invoice_id": str(self.rma_invoice_a.id),
            f"qty_{self.rma_line_a1.id}": "1",
            "reason_id": str(self.reason.id),
            "description": "Scratched",
            "photos": [("photo.png", self.PNG, "image/png")],
        }

    def _fields_rma(self):
        return {
            "invoice_id": F(ID, foreign="_v_rma_invoice_b"),
            f"qty_{self.rma_line_a1.id}": F(NUMBER),
            "reason_id": F(ID),
            "description": F(TEXT),
            "photos": F(FILES, limit=5 * 1024 * 1024, count=5),
        }

    def _v_rma_invoice_b(self):
        return str(self.rma_invoice_b.id)

    def _setup_cart(self):
        """A cart of company A with one bolt, made through the shop."""
        res = self.url_open(
            "/shop/cart/add",
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "id": 1,
                "params": {
                    "product_template_id": self.product.product_tmpl_id.id,
                    "product_id": self.product.id,
                    "quantity": 1,
                },
            },
            headers={"Content-Type": "application/json"},
        )
        self.assertNotIn("error", res.json(), "fixture: the cart could not be filled")
        self.assertTrue(self._i_cart(), "fixture: no cart")

    def _i_cart(self):
        order = self.env["sale.order"].search(
            [("b2b_user_id", "=", self.user_a.id), ("state", "=", "draft")]
        )
        return [order, order.order_line]

    def _i_users(self):
        return [self.user_a | self.env.ref("base.user_admin"), self.user_a.partner_id]

    def _i_reconciliation(self):
        return [self.reconciliation_a]

    def _i_target(self):
        return [
            self.access_target,
            self.access_target.user_id,
            self.access_target.user_id.partner_id,
        ]

    def _i_waiting_order(self):
        return [self.waiting_order, self.waiting_order.order_line]

    # ------------------------------------------------------------
    # Checks of accepted variants
    # ------------------------------------------------------------

    def _check_local_redirect(self, res, before, after):
        self.assertIn(res.status_code, REDIRECTS)
        location = urlsplit(res.headers["Location"])
        self.assertFalse(location.netloc and location.netloc not in self.base_url(), location)
        self.assertTrue(location.path.startswith("/my"), location)

    def _new(self, model, before):
        return self.env[model].sudo().search([("id", ">", before[model][1] or 0)])

    def _check_apply_trimmed(self, res, before, after):
        lead = self._new("crm.lead", before)
        self.assertEqual(len(lead), 1)
        for fname in ("partner_name", "contact_name", "street", "city", "zip", "phone"):
            self.assertLessEqual(len(lead[fname] or ""), 256, fname)
        self.assertLessEqual(len(lead.description or ""), 5000 + 100)

    def _check_support_trimmed(self, res, before, after):
        support = self._new("b2b.support.request", before)
        self.assertEqual(len(support), 1)
        self.assertEqual(support.partner_id, self.company_a)
        self.assertLessEqual(len(support.subject), 200)
        self.assertLessEqual(len(support.description or ""), 10000 + 100)

    def _check_invite_trimmed(self, res, before, after):
        access = self._new("b2b.access", before)
        self.assertEqual(len(access), 1)
        self.assertEqual(access.partner_id, self.company_a)
        self.assertEqual(len(access.user_id.name), 256)

    def _check_po_trimmed(self, res, before, after):
        order = self.env["sale.order"].search(
            [("b2b_user_id", "=", self.user_a.id), ("client_order_ref", "!=", False)],
            order="id desc",
            limit=1,
        )
        self.assertEqual(order.state, "sale")
        self.assertEqual(len(order.client_order_ref), 64)

    # ------------------------------------------------------------
    # Machinery
    # ------------------------------------------------------------

    def _snapshot(self):
        """{model: (rows, max id, max write_date)} of SNAPSHOT_MODELS (asset
        bundles, generated when a page is first rendered, do not count)."""
        self.env.flush_all()
        queries = []
        for model in SNAPSHOT_MODELS:
            where = SQL("TRUE")
            if model == "ir.attachment":
                where = SQL("(url IS NULL OR url NOT LIKE %s)", "/web/assets/%")
            queries.append(
                SQL(
                    "SELECT %s, count(*), max(id), max(write_date) FROM %s WHERE %s",
                    model,
                    SQL.identifier(self.env[model]._table),
                    where,
                )
            )
        self.env.cr.execute(SQL(" UNION ALL ").join(queries))
        return {model: tuple(rest) for model, *rest in self.env.cr.fetchall()}

    def _changed(self, before, after):
        return {model for model in before if before[model] != after[model]}

    def _url(self, path, spec, records=None, override=None):
        records = records or {}
        args = {**spec["args"], **(override or {})}

        def fill(match):
            name = match.group(2)
            if name in args:
                return str(args[name])
            value = records[name]
            return value if isinstance(value, str) else str(value.id)

        return ARG_RE.sub(fill, path)

    def _records(self, spec, which="record"):
        return getattr(self, spec[which])() if spec[which] else {}

    def _fields(self, spec):
        fields = spec["fields"]
        return getattr(self, fields)() if isinstance(fields, str) else fields

    def _post(self, url, payload):
        """Post ``payload`` like a browser: multipart when a value is a list of
        files, urlencoded otherwise."""
        data, files = [("csrf_token", self.csrf())], []
        for name, value in payload.items():
            if value is ABSENT:
                continue
            if isinstance(value, list) and (not value or isinstance(value[0], tuple)):
                # a file input: an empty part when no file is chosen
                files += [(name, upload) for upload in value] or [
                    (name, ("", b"", "application/octet-stream"))
                ]
            elif isinstance(value, list):
                data += [(name, item) for item in value]
            else:
                data.append((name, value))
        self.__class__.requests += 1
        return self.url_open(url, data=data, files=files or None, allow_redirects=False, timeout=60)

    def _variants(self, path, spec):
        """[(label, url, payload)] of every bad variant of a route."""
        base = getattr(self, spec["base"])()
        records = self._records(spec)
        url = self._url(path, spec, records)
        variants = []
        for name, field in self._fields(spec).items():
            for label, value in self._field_variants(field, base.get(name)).items():
                variants.append((f"{name}:{label}", url, {**base, name: value}))
        for label, overrides in spec["extra"].items():
            overrides = dict(overrides)
            args = overrides.pop("__args__", None)
            if overrides.pop("__line_b__", None):
                overrides[f"qty_{self.rma_line_b1.id}"] = "1"
            variants.append(
                (f"extra:{label}", self._url(path, spec, records, args), {**base, **overrides})
            )
        if records:
            for label, value in (
                ("foreign", None),
                ("missing", str(MISSING_ID)),
                ("beyond bigint", BEYOND_BIGINT),
            ):
                if value is None:
                    if not spec["foreign"]:
                        continue
                    override = {
                        name: str(rec.id) for name, rec in self._records(spec, "foreign").items()
                    }
                else:
                    override = dict.fromkeys(records, value)
                variants.append((f"url:{label}", self._url(path, spec, override=override), base))
        return variants

    def _field_variants(self, field, base_value):
        kind = field["kind"]
        foreign = getattr(self, field["foreign"])() if field["foreign"] else None
        if kind == FILES:
            return self._file_variants(field, base_value)
        if kind == HONEYPOT:
            spam = "https://spam.example"
            return {"filled": spam, "oversized": BIG_TEXT, "nul": NUL, "repeated": [spam, ""]}
        first = base_value[0] if isinstance(base_value, list) and base_value else base_value
        variants = {"absent": ABSENT, "empty": ""}
        if kind in (TEXT, REDIRECT, CHOICE):
            variants.update({"oversized": BIG_TEXT, "nul": NUL})
        if kind == REDIRECT:
            variants.update(
                {
                    "protocol-relative": "//evil.example/x",
                    "absolute": "https://evil.example/x",
                    "backslash": "/\\evil.example",
                }
            )
        if kind == CHOICE:
            variants["bogus"] = "bogus"
        if kind == NUMBER:
            for value in ("1e309", "abc", "-1", "nan", "inf", "1,5,7"):
                variants[value] = value
            variants.update({"oversized": "9" * 400, "nul": "1\x002"})
        if kind in (ID, MULTI):
            for value in ("abc", "-1", "1,5,7"):
                variants[value] = value
            variants.update(
                {
                    "oversized": HUGE_INT,
                    "beyond bigint": BEYOND_BIGINT,
                    "superscript": "\u00b2",
                    "nul": "1\x00",
                    "missing": str(MISSING_ID),
                }
            )
            if foreign:
                variants["foreign"] = foreign
        bad = {
            TEXT: "",
            REDIRECT: "https://evil.example/x",
            CHOICE: "bogus",
            NUMBER: "abc",
            ID: foreign or "abc",
            MULTI: foreign or "abc",
        }[kind]
        variants["repeated"] = [bad, first]
        return variants

    def _file_variants(self, field, base_value):
        limit = field["limit"]
        content = base_value[0][1] if base_value else b"B2B-BOLT;1\n"
        big = content + b"\x00" * (limit + 1 - len(content))
        variants = {
            "oversized": [("big.png", big, "image/png")],
            "empty file": [("empty.png", b"", "image/png")],
        }
        if field["types"] and field["count"]:
            variants["not an image"] = [("photo.png", b"just some text", "image/png")]
        if field["count"]:
            upload = base_value[0] if base_value else ("f.png", content, "image/png")
            variants["too many"] = [upload] * (field["count"] + 1)
        variants.update(field["bad_files"])
        return variants

    def _accepted(self, spec, label):
        """(reason, check method) of an accepted variant, else None (an exact
        entry of None overrides "field:*")."""
        name, variant = label.split(":", 1)
        # a field named after a record id (qty_42) is described as qty_*
        generic = re.sub(r"_\d+$", "_*", name)
        for key in (label, f"{generic}:{variant}", f"{name}:*", f"{generic}:*"):
            if key in spec["accept"]:
                found = spec["accept"][key]
                return found if isinstance(found, tuple | type(None)) else (found, None)
        return None

    def assertRefusedWithMessage(self, res, spec, what):
        """Refused by status, by a redirect to the login / a /my page / the
        route's own pages, or answered with the error the controller renders."""
        status = res.status_code
        self.assertLess(status, 500, f"{what}: answered {status}")
        if status in REFUSED:
            return
        if status in REDIRECTS:
            location = urlsplit(res.headers.get("Location", ""))
            path = location.path
            self.assertTrue(
                path.startswith("/web/login")
                or path in ("/my", "/my/home")
                or path.startswith(spec["redirects"])
                or {"message", "error"} & set(parse_qs(location.query)),
                f"{what}: redirects to {res.headers.get('Location')}",
            )
            return
        self.assertEqual(status, 200, what)
        self.assertTrue(spec["message"], f"{what}: answered 200 where a refusal was expected")
        self.assertRegex(res.text, spec["message"], f"{what}: no error shown")

    def _rollback(self, savepoint, changed):
        """Undo the variant; caches filled from rolled-back data are dropped."""
        savepoint.close(rollback=True)
        self.env.invalidate_all()
        if changed:
            self.env.registry.clear_cache()

    def _run_variant(self, path, spec, label, url, payload):
        """Post one variant in a savepoint; assert; roll back."""
        savepoint = self.env.cr.savepoint()
        changed = True
        try:
            self._as(spec["user"])
            if spec["setup"]:
                getattr(self, spec["setup"])()
            before = self._snapshot()
            res = self._post(url, payload)
            after = self._snapshot()
            changed = self._changed(before, after)
            what = f"POST {path} [{label}]"
            accepted = self._accepted(spec, label)
            if accepted:
                # really accepted: no error status, no error shown, the form did its job
                self.assertLess(res.status_code, 400, f"{what}: answered {res.status_code}")
                if res.status_code == 200 and spec["message"]:
                    self.assertNotRegex(res.text, spec["message"], f"{what}: shows an error")
                if spec["changes"]:
                    self.assertTrue(changed, f"{what}: accepted but changed nothing")
                if accepted[1]:
                    getattr(self, accepted[1])(res, before, after)
            else:
                self.assertRefusedWithMessage(res, spec, what)
                self.assertEqual(changed, set(), f"{what}: changed records")
            name, variant = label.split(":", 1)
            generic = re.sub(r"_\d+$", "_*", name) + ":" + variant
            expected = spec["expect"].get(label) or spec["expect"].get(generic)
            if expected:
                self.assertIn(expected, res.text, f"{what}: not the expected message")
        finally:
            self._rollback(savepoint, changed)

    # ------------------------------------------------------------
    # Tests
    # ------------------------------------------------------------

    def test_every_post_route_is_swept(self):
        posts = {path for path, spec in ROUTES.items() if "POST" in spec["methods"]}
        for path in posts:
            self.assertIn(
                path,
                SWEEP,
                f"{path} answers POST but tests/test_input_sweep.py SWEEP does not "
                "describe it: add its valid payload and fields",
            )
        self.assertEqual(set(SWEEP) - posts, set(), "SWEEP describes unknown routes")

    def test_bad_input_sweep(self):
        count = 0
        for path, spec in SWEEP.items():
            for label, url, payload in self._variants(path, spec):
                with self.subTest(route=path, variant=label):
                    self._run_variant(path, spec, label, url, payload)
                count += 1
        _logger.info(
            "input sweep: %s routes, %s variants, %s requests", len(SWEEP), count, self.requests
        )

    # ------------------------------------------------------------
    # S6: mass assignment
    # ------------------------------------------------------------

    def _forged(self, spec, fields, base):
        admin_id = self._v_admin_id()
        forged = {
            "partner_id": str(self.company_b.id),
            "commercial_partner_id": str(self.company_b.id),
            "partner_invoice_id": str(self.company_b.id),
            "partner_shipping_id": str(self.company_b.id),
            "company_id": str(self.forged_company.id),
            "user_id": admin_id,
            "requester_user_id": str(self.user_b.id),
            "requester_partner_id": str(self.user_b.partner_id.id),
            "b2b_user_id": str(self.user_b.id),
            "state": "done",
            "b2b_approval_state": "approved",
            "b2b_credit_hold": "0",
            "amount_total": "0.01",
            "amount_untaxed": "0.01",
            "amount_tax": "0",
            "price_unit": "0.01",
            "discount": "100",
            "product_uom_qty": "999",
            "pricelist_id": str(self.forged_pricelist.id),
            "closing_balance": "0",
            "new_password": "forged-password",
            "group_ids": str(self.env.ref("base.group_system").id),
            "share": "0",
            "active": "0",
            **{f"perm_{name}": "1" for name in PERMISSION_NAMES},
        }
        for name, value in spec["forge"].items():
            forged[name] = getattr(self, value)() if value.startswith("_v_") else value
        return {
            name: value for name, value in forged.items() if name not in fields and name not in base
        }

    def _capture(self, path, spec, payload, forged):
        """Post ``payload``; return (response, changed models, values of the forged
        fields of every record created and of the inspected records)."""
        savepoint = self.env.cr.savepoint()
        changed = True
        try:
            self._as(spec["user"])
            if spec["setup"]:
                getattr(self, spec["setup"])()
            inspected = getattr(self, spec["inspect"])() if spec["inspect"] else []
            before = self._snapshot()
            res = self._post(self._url(path, spec, self._records(spec)), payload)
            after = self._snapshot()
            changed = self._changed(before, after)
            new = {model: self._new(model, before) for model in SNAPSHOT_MODELS}
            new_ids = {(model, rec_id) for model, recs in new.items() for rec_id in recs.ids}

            def norm(record, fname):
                field = record._fields[fname]
                value = record[fname]
                if field.type == "many2one":
                    return "new" if (value._name, value.id) in new_ids else value.id
                if field.type in ("one2many", "many2many"):
                    return sorted(
                        "new" if (value._name, rid) in new_ids else rid for rid in value.ids
                    )
                if isinstance(value, float):
                    return round(value, 6)
                return value

            values = {}
            for model, records in new.items():
                fnames = [f for f in forged if f in records._fields]
                for index, record in enumerate(records.with_context(active_test=False)):
                    values[(model, "new", index)] = {f: norm(record, f) for f in fnames}
            for group, records in enumerate(inspected):
                records = records.sudo().with_context(active_test=False)
                fnames = [f for f in forged if f in records._fields]
                for index, record in enumerate(records):
                    values[(record._name, group, index)] = {f: norm(record, f) for f in fnames}
            return res, changed, values
        finally:
            self._rollback(savepoint, changed)

    def test_mass_assignment(self):
        """S6: forged fields are refused, or ignored by every record the form
        creates or changes."""
        for path, spec in SWEEP.items():
            base = getattr(self, spec["base"])()
            forged = self._forged(spec, self._fields(spec), base)
            with self.subTest(route=path):
                res, changed, clean = self._capture(path, spec, base, forged)
                what = f"POST {path} with its valid payload"
                if spec["valid_status"]:
                    self.assertEqual(res.status_code, spec["valid_status"], what)
                else:
                    self.assertLess(res.status_code, 400, f"{what}: answered {res.status_code}")
                if res.status_code == 200 and spec["message"]:
                    self.assertNotRegex(res.text, spec["message"], f"{what}: shows an error")
                if spec["changes"]:
                    self.assertTrue(changed, f"{what}: changed nothing")
                    self.assertTrue(
                        any(clean.values()), f"{what}: no record carries a forged field"
                    )
                res, forged_changed, values = self._capture(path, spec, {**base, **forged}, forged)
                what = f"POST {path} with forged {sorted(forged)}"
                if not forged_changed and changed:
                    self.assertRefusedWithMessage(res, spec, what)
                    outcome = "refused"
                else:
                    self.assertLess(res.status_code, 500, f"{what}: answered {res.status_code}")
                    self.assertEqual(values, clean, f"{what}: a forged field was taken")
                    outcome = f"ignored ({sum(len(v) for v in values.values())} values compared)"
                _logger.info("S6 %s: %s forged fields %s", path, len(forged), outcome)
