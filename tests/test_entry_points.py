# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The RPC leg of the access matrix: the B2B rules hold at every entry point.

The page matrix (``test_access_matrix.py``) requests every route; here the same
identities call the models over ``/web/dataset/call_kw`` (the browser session's
entry point, which replaces the request's context) and ``/jsonrpc`` (a password,
no session). What each identity must get derives from ``MODEL_PERMISSIONS``, the
table of the models a portal user can reach and the permissions that open them:
a portal-readable model with a B2B record rule missing from it fails
``test_every_portal_model_is_known``, and every public method the addon defines
on those models is called too.
"""

import json
from datetime import datetime, timedelta

from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import SQL, mute_logger

from ..models.b2b_permissions import MODEL_PERMISSIONS, STOCK_PORTAL_MODELS
from .common import PortalSessionMixin
from .isolation_common import IsolationCommon

# the first writable text field of each model (a write must be refused)
WRITE_FIELDS = ("name", "subject", "ref", "memo", "origin", "description", "note")
# tables whose rows a refused call must not change (count, max id, max write date)
WORLD_TABLES = (
    "sale_order",
    "account_move",
    "b2b_access",
    "b2b_rma",
    "b2b_reconciliation",
    "b2b_support_request",
    "b2b_shopping_list",
    "b2b_shopping_list_line",
    "mail_message",
    "mail_activity",
    "res_users",
    "res_partner",
)
# ORM entry points, checked one by one in the matrix itself
ORM_METHODS = {"create", "write", "unlink", "default_get", "copy", "read", "search"}


@tagged("post_install", "-at_install")
class TestRpcMatrix(PortalSessionMixin, IsolationCommon, HttpCase):
    # ------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------

    def _call(self, model, method, args, kwargs=None):
        """(ok, result or error name) of a call_kw in the current session."""
        params = {"model": model, "method": method, "args": args, "kwargs": kwargs or {}}
        try:
            with mute_logger("odoo.http"):
                result = self.make_jsonrpc_request(f"/web/dataset/call_kw/{model}/{method}", params)
        except JsonRpcException as e:
            return False, e.args[0] if e.args else str(e)
        return True, result

    def _jsonrpc(self, login, password, model, method, args, kwargs=None):
        """(ok, result or error) of ``/jsonrpc`` ``object.execute_kw`` (no session)."""
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": 1,
            "params": {
                "service": "object",
                "method": "execute_kw",
                "args": [self.env.cr.dbname, login, password, model, method, args, kwargs or {}],
            },
        }
        uid = self.env["res.users"].search([("login", "=", login)]).id
        payload["params"]["args"][1] = uid
        with mute_logger("odoo.http", "odoo.service.model", "odoo.addons.rpc.controllers.jsonrpc"):
            res = self.url_open(
                "/jsonrpc",
                data=json.dumps(payload),
                headers={"Content-Type": "application/json"},
            )
        body = res.json()
        if "error" in body:
            return False, body["error"]["data"]["name"]
        return True, body["result"]

    def _visible(self, model, records):
        ok, result = self._call(
            model, "search_read", [[("id", "in", records.ids)]], {"fields": ["id"]}
        )
        self.assertTrue(ok, f"{model}: search_read failed: {result}")
        return {row["id"] for row in result}

    def _write_vals(self, model):
        fields = self.env[model]._fields
        for name in WRITE_FIELDS:
            field = fields.get(name)
            if field and field.store and field.type in ("char", "text") and not field.readonly:
                return {name: "forged over RPC"}
        return {"write_date": "2000-01-01 00:00:00"}

    def _assert_mutations_refused(self, model, record, what):
        vals = self._write_vals(model)
        before = record.sudo().read(list(vals))[0]
        for method, args in (
            ("write", [record.ids, vals]),
            ("unlink", [record.ids]),
            ("create", [vals]),
        ):
            if method == "create" and model == "ir.attachment":
                continue  # anybody may upload a file of their own (Odoo's chatter)
            ok, result = self._call(model, method, args)
            self.assertFalse(ok, f"{what}: {model}.{method} was accepted: {result}")
        record.invalidate_recordset()
        self.assertTrue(record.sudo().exists(), f"{what}: {model} record deleted")
        self.assertEqual(record.sudo().read(list(vals))[0], before, f"{what}: {model} changed")

    def _expected(self, identity, model, rec_a, rec_b):
        """{record: visible?} for ``identity`` from MODEL_PERMISSIONS: a company's
        records for its own users (with the permission), the shared login only
        for the company it acts for, a plain portal user only Odoo's stock models
        of their own company (B)."""
        own_company = {
            "alpha": "a",
            "beta": "b",
            "shared_on_a": "a",
            "shared_on_b": "b",
            "plain": "b" if model in STOCK_PORTAL_MODELS else None,
        }[identity]
        return {rec_a: own_company == "a", rec_b: own_company == "b"}

    # ------------------------------------------------------------
    # tests
    # ------------------------------------------------------------

    def test_every_portal_model_is_known(self):
        portal = self.env.ref("base.group_portal")
        readable = set(
            self.env["ir.model.access"]
            .search([("group_id", "=", portal.id), ("perm_read", "=", True)])
            .model_id.mapped("model")
        )
        b2b_ruled = set(
            self.env["ir.rule"]
            .search([("domain_force", "like", "user.b2b_")])
            .model_id.mapped("model")
        )
        catalogue = {"product.template", "product.public.category", "res.partner"}
        for model in (readable & b2b_ruled) - catalogue:
            self.assertIn(
                model,
                MODEL_PERMISSIONS,
                f"{model} is readable by portal users under a B2B record rule but "
                "models/b2b_permissions.py MODEL_PERMISSIONS does not say which "
                "permission opens it",
            )
        self.assertEqual(set(self.pairs), set(MODEL_PERMISSIONS), "a fixture per model")

    def test_call_kw_matrix(self):
        identities = (
            ("alpha", "alpha_b2b", None),
            ("beta", "beta_b2b", None),
            ("shared_on_a", "shared_b2b", self.company_a),
            ("shared_on_b", "shared_b2b", self.company_b),
            ("plain", "plain_portal", None),
        )
        for identity, login, company in identities:
            self._as(login)
            if company:
                self._choose(company)
            for model, (rec_a, rec_b) in self.pairs.items():
                with self.subTest(identity=identity, model=model):
                    expected = self._expected(identity, model, rec_a, rec_b)
                    visible = self._visible(model, rec_a | rec_b)
                    for record, seen in expected.items():
                        if seen and model == "ir.attachment":
                            continue  # Odoo lists only one's own uploads
                        self.assertEqual(
                            set(record.ids) <= visible if seen else not visible & set(record.ids),
                            True,
                            f"{identity}: {model} {record.ids} should "
                            f"{'' if seen else 'not '}be found (found {visible})",
                        )
                        if not seen:
                            ok, result = self._call(model, "read", [record.ids, ["id"]])
                            self.assertFalse(ok, f"{identity} reads {model} {record.ids}")
                    self._assert_mutations_refused(model, rec_a, identity)

    def test_call_kw_without_permission(self):
        self._as("alpha_b2b")
        for model, (rec_a, _rec_b) in self.pairs.items():
            with self.subTest(model=model):
                perms = MODEL_PERMISSIONS[model]
                self.access_a.write({f"perm_{p}": False for p in perms})
                self.assertFalse(self._visible(model, rec_a), f"{model} without {perms}")
                ok, _result = self._call(model, "read", [rec_a.ids, ["id"]])
                self.assertFalse(ok, f"{model} read without {perms}")
                self.access_a.write({f"perm_{p}": True for p in perms})
                if model != "ir.attachment":
                    self.assertTrue(self._visible(model, rec_a), f"{model} with {perms}")

    def test_call_kw_passive_and_public(self):
        self._as("alpha_b2b")
        self.access_a.action_deactivate()
        for model in self.pairs:
            ok, result = self._call(model, "search_read", [[]], {"fields": ["id"]})
            self.assertFalse(ok, f"passive user calls {model}: {result}")
        self.access_a.action_activate()
        self._as(None)
        ok, result = self._call("sale.order", "search_read", [[]], {"fields": ["id"]})
        self.assertFalse(ok, f"public calls sale.order: {result}")

    def test_addon_public_methods_refused(self):
        """Every public method the addon defines on a portal-reachable model, called
        over RPC by a user of the record's own company holding every permission,
        is refused and changes nothing (action openers excepted)."""
        self.access_a.write({"perm_administer": True, "perm_approve": True})
        self.profile.write({"perm_administer": True, "perm_approve": True})
        targets = dict(self.pairs)
        targets["res.partner"] = (self.company_a, self.company_b)
        targets["res.users"] = (self.user_a, self.user_b)
        self._as("alpha_b2b")
        called = 0
        for model, (rec_a, _rec_b) in targets.items():
            for name in sorted(self._addon_public_methods(model)):
                with self.subTest(model=model, method=name):
                    before = (self._snapshot(rec_a), self._world())
                    ok, result = self._call(model, name, [rec_a.ids])
                    called += 1
                    if ok:
                        # only an action opener may answer (the wizard or list it
                        # opens is guarded by its own ACL), and it changed nothing
                        self.assertIn(
                            isinstance(result, dict) and result.get("type"),
                            ("ir.actions.act_window", "ir.actions.act_url"),
                            f"{model}.{name} is callable by a portal user over RPC: {result}",
                        )
                    after = (self._snapshot(rec_a), self._world())
                    self.assertEqual(after, before, f"{model}.{name} changed something")
        self.assertGreater(called, 20)

    def _world(self):
        self.env.flush_all()
        state = {}
        for table in WORLD_TABLES:
            self.env.cr.execute(
                SQL("SELECT count(*), max(id), max(write_date) FROM %s", SQL.identifier(table))
            )
            state[table] = self.env.cr.fetchone()
        return state

    def _addon_public_methods(self, model):
        names = set()
        for klass in type(self.env[model]).mro():
            if not klass.__module__.startswith("odoo.addons.b2b_portal."):
                continue
            for name, value in vars(klass).items():
                if (
                    not name.startswith("_")
                    and callable(value)
                    and name not in ORM_METHODS
                    and not isinstance(value, property)
                    and name not in ("change_password",)  # tests/test_entry_points.py
                ):
                    names.add(name)
        return names

    def _snapshot(self, record):
        record = record.sudo()
        record.invalidate_recordset()
        values = record.read(["write_date"])[0]
        if "message_ids" in record._fields:
            values["messages"] = len(record.message_ids)
        if "activity_ids" in record._fields:
            values["activities"] = len(record.activity_ids)
        return values

    def test_session_company_holds_over_call_kw(self):
        """Finding 3: call_kw replaces the context; the session's company still
        decides what the shared login sees."""
        self._as("shared_b2b")
        self._choose(self.company_a)
        orders = self.order_a | self.order_b
        self.assertEqual(self._visible("sale.order", orders), set(self.order_a.ids))
        invoices = self.invoice_a | self.invoice_b
        self.assertEqual(self._visible("account.move", invoices), set(self.invoice_a.ids))
        # a context naming another company can only narrow, never widen
        ok, result = self._call(
            "sale.order",
            "search_read",
            [[("id", "in", orders.ids)]],
            {"fields": ["id"], "context": {"b2b_partner_id": self.company_c.id}},
        )
        self.assertTrue(ok)
        self.assertEqual(result, [])
        self._choose(self.company_b)
        self.assertEqual(self._visible("sale.order", orders), set(self.order_b.ids))

    def test_mail_routes_follow_session_company(self):
        self.order_b.message_post(
            body="Beta's delivery note", message_type="comment", subtype_xmlid="mail.mt_comment"
        )

        def messages():
            params = {"thread_model": "sale.order", "thread_id": self.order_b.id}
            with mute_logger("odoo.http"):
                return self.url_open(
                    "/mail/thread/messages",
                    data=json.dumps({"params": {**params, "fetch_params": {"limit": 30}}}),
                    headers={"Content-Type": "application/json"},
                ).text

        self._as("shared_b2b")
        self._choose(self.company_a)
        self.assertNotIn("delivery note", messages())
        self._choose(self.company_b)
        self.assertIn("delivery note", messages())

    def test_jsonrpc_with_password(self):
        """No session, no current company: every company of the person, each with
        its own permissions; a context company narrows; passive gets nothing."""
        orders = (self.order_a | self.order_b).ids
        domain = [[("id", "in", orders)]]
        ok, ids = self._jsonrpc("shared_b2b", "shared_b2b", "sale.order", "search", domain)
        self.assertTrue(ok, ids)
        self.assertEqual(set(ids), set(orders))
        ok, ids = self._jsonrpc(
            "shared_b2b",
            "shared_b2b",
            "sale.order",
            "search",
            domain,
            {"context": {"b2b_partner_id": self.company_a.id}},
        )
        self.assertEqual(set(ids), set(self.order_a.ids))
        ok, ids = self._jsonrpc(
            "shared_b2b",
            "shared_b2b",
            "sale.order",
            "search",
            domain,
            {"context": {"b2b_partner_id": self.company_c.id}},
        )
        self.assertEqual(ids, [])
        # Orders off for B: B's orders are gone from the same call
        self.access_shared_b.perm_orders = False
        ok, ids = self._jsonrpc("shared_b2b", "shared_b2b", "sale.order", "search", domain)
        self.assertEqual(set(ids), set(self.order_a.ids))
        ok, ids = self._jsonrpc("beta_b2b", "beta_b2b", "sale.order", "search", domain)
        self.assertEqual(set(ids), set(self.order_b.ids))
        ok, error = self._jsonrpc("passive_b2b", "passive_b2b", "sale.order", "search", domain)
        self.assertFalse(ok, "a passive person authenticates over /jsonrpc")

    def test_json2_with_api_key(self):
        """An API key acts as its owner without a session company, like /jsonrpc,
        and stops at the next call once the person has no active access."""
        (self.access_shared_a | self.access_shared_b).perm_api = True  # I1
        key = (
            self.env["res.users.apikeys"]
            .with_user(self.user_shared)
            ._generate(scope="rpc", name="ERP", expiration_date=datetime.now() + timedelta(days=1))
        )
        orders = (self.order_a | self.order_b).ids

        def search(context=None):
            body = {"domain": [("id", "in", orders)]}
            if context:
                body["context"] = context
            with mute_logger("odoo.http"):
                return self.url_open(
                    "/json/2/sale.order/search",
                    data=json.dumps(body),
                    headers={"Content-Type": "application/json", "Authorization": f"Bearer {key}"},
                )

        res = search()
        self.assertEqual(res.status_code, 200, res.text)
        self.assertEqual(set(res.json()), set(orders))
        self.assertEqual(
            set(search({"b2b_partner_id": self.company_b.id}).json()), set(self.order_b.ids)
        )
        self.access_shared_a.action_deactivate()
        self.assertEqual(set(search().json()), set(self.order_b.ids))
        self.access_shared_b.action_deactivate()
        self.assertEqual(search().status_code, 403)
