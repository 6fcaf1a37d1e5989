# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""G4 and S6: every POST route against bad input and forged fields.

The machinery of the input sweep; its routes are described by area in
``test_input_sweep_*.py``. Each area class (a subclass of ``InputSweepCommon``)
has a ``SWEEP`` that describes its POST routes of ``routes_common.ROUTES`` (a POST
route no area describes fails ``test_input_sweep_routes.py``): who posts, to
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

``InputSweepCommon`` has no test method of its own (Odoo's loader takes a
class's own ``test_*`` methods only): each area class defines
``test_bad_input_sweep`` and ``test_mass_assignment``, which run the loops over
its ``SWEEP``.
"""

import logging
import re
from urllib.parse import parse_qs, urlsplit

from odoo.tests import HttpCase
from odoo.tools import SQL

from ..models.b2b_permissions import PERMISSION_NAMES
from .common import PortalSessionMixin
from .finance_common import B2bFinanceCommon, ReconciliationMixin
from .rma_common import RmaCommon
from .routes_common import ARG_RE, MISSING_ID

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

# The area classes of the sweep (test_input_sweep_*.py). Each registers itself
# in SWEPT when its module is imported (Odoo imports every test module of
# tests/__init__.py before it runs one); test_input_sweep_routes.py checks that
# they all did and that their SWEEPs together describe every POST route once.
AREAS = (
    "TestInputSweepAccount",
    "TestInputSweepOrders",
    "TestInputSweepLists",
    "TestInputSweepUsers",
    "TestInputSweepDocuments",
)
SWEPT = {}  # class name: class, of every class that defines a SWEEP


class InputSweepCommon(
    PortalSessionMixin, ReconciliationMixin, RmaCommon, B2bFinanceCommon, HttpCase
):
    """The fixture and machinery of the sweep; no test of its own (see the
    module's docstring). A subclass sets ``SWEEP = {path: S(...)}`` and defines
    ``test_bad_input_sweep`` and ``test_mass_assignment``."""

    SWEEP = None

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "SWEEP" in cls.__dict__:
            SWEPT[cls.__name__] = cls

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.requests = 0
        # the shop sells the test products; company A has a complete address
        (cls.product | cls.product_2).product_tmpl_id.write({"is_published": True})
        cls.product_nosale = cls.env["product.product"].create(
            {"name": "B2B not for sale", "default_code": "B2B-NOSALE", "sale_ok": False}
        )
        cls._give_addresses()
        # user_a administers users and approves orders of A
        cls.profile.write({"perm_administer": True, "perm_approve": True})
        cls.access_a.write({"perm_administer": True, "perm_approve": True})
        # what forged fields point to
        cls.forged_company = cls.env["res.company"].create({"name": "Forged Company Ltd"})
        cls.forged_pricelist = cls.env["product.pricelist"].create(
            {"name": "Forged pricelist", "currency_id": cls.env.company.currency_id.id}
        )

    # ------------------------------------------------------------
    # Records, values and payloads of several areas
    # ------------------------------------------------------------

    def _r_order(self):
        return {"order_id": self.order_a}

    def _f_order(self):
        return {"order_id": self.order_b}

    def _v_admin_id(self):
        return str(self.env.ref("base.user_admin").id)

    def _p_empty(self):
        return {}

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

    def _new(self, model, before):
        return self.env[model].sudo().search([("id", ">", before[model][1] or 0)])

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
    # G4: the bad input sweep
    # ------------------------------------------------------------

    def run_bad_input_sweep(self):
        """G4: every bad variant of every route of ``SWEEP``."""
        self.assertTrue(self.SWEEP, f"{type(self).__name__} sweeps no route")
        count = 0
        for path, spec in self.SWEEP.items():
            for label, url, payload in self._variants(path, spec):
                with self.subTest(route=path, variant=label):
                    self._run_variant(path, spec, label, url, payload)
                count += 1
        _logger.info(
            "input sweep %s: %s routes, %s variants, %s requests",
            type(self).__name__,
            len(self.SWEEP),
            count,
            self.requests,
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

    def run_mass_assignment(self):
        """S6: forged fields are refused, or ignored by every record the form
        creates or changes."""
        self.assertTrue(self.SWEEP, f"{type(self).__name__} sweeps no route")
        for path, spec in self.SWEEP.items():
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
