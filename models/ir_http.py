# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import time

import werkzeug.exceptions

from odoo import models
from odoo.http import request

SESSION_KEY = "b2b_partner_id"
# Read-your-writes with a PostgreSQL replica: until this time (epoch seconds) the
# session's read-only requests take the primary. Set after a request that may have
# written (a POST served read/write), for rw_window() seconds.
RW_SESSION_KEY = "b2b_rw_until"
RW_WINDOW_PARAM = "b2b_portal.read_your_writes_seconds"
RW_WINDOW_DEFAULT = 10
ADDON_MODULE_PREFIX = "odoo.addons.b2b_portal."
# Paths a B2B user may open before choosing the company they act for.
CHOOSER_FREE_PREFIXES = (
    "/my/b2b/company",
    "/my/security",
    "/my/b2b/lang",
    "/web/",
    "/websocket",
)


def b2b_current_partner_id(env):
    """The current B2B company of ``env`` (an id, or None): its context key, else
    the company this request validated for the same person.

    Entry points that replace the request's context - ``/web/dataset/call_kw``,
    the mail routes - still follow the company the session acts for: the record
    rules and the resolver read it here. A request without a session company
    (``/jsonrpc`` with a password, ``/json/2`` with an API key) has none: it acts
    for every company of the person, each with its own permissions, or for the one
    its context names (which can only narrow: the resolver checks it)."""
    if SESSION_KEY in env.context:
        value = env.context[SESSION_KEY]
        if value is None or value is False or (type(value) is int and value > 0):
            return value
        # a forged value (a list, a text...) narrows to no company: it never
        # widens, and it never reaches the rule cache's keys unhashable
        return -1
    current = getattr(request, "_b2b_current", None) if request else None
    if isinstance(current, tuple) and current[0] == env.uid:  # (tests' MockRequest)
        return current[1]
    return None


def rw_window(env):
    """Seconds a write keeps the session on the primary (longer than the replica's
    lag; 0 turns read-your-writes off)."""
    value = env["ir.config_parameter"].sudo().get_param(RW_WINDOW_PARAM, RW_WINDOW_DEFAULT)
    try:
        return max(float(value), 0.0)
    except ValueError:
        return float(RW_WINDOW_DEFAULT)


def _read_your_writes(readonly):
    """``readonly`` of a route, made False while the session has written recently,
    so Odoo serves the request from the primary instead of a replica that may not
    have replayed that write yet (odoo.http evaluates a callable per request)."""
    if getattr(readonly, "b2b_read_your_writes", False):
        return readonly

    def evaluate(controller, rule, args):
        session = request.session if request else None
        if session and session.get(RW_SESSION_KEY, 0) > time.time():
            return False
        return readonly(controller, rule, args) if callable(readonly) else readonly

    evaluate.b2b_read_your_writes = True
    return evaluate


class B2bRefusal(werkzeug.exceptions.Forbidden):
    """403 of the route guard, with what the person's access lacks (shown by the
    site's 403 page: ``views/b2b_portal_templates.xml``)."""


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    def _generate_routing_rules(self, modules, converters):
        for url, endpoint in super()._generate_routing_rules(modules, converters):
            if endpoint.routing.get("readonly"):
                endpoint.routing["readonly"] = _read_your_writes(endpoint.routing["readonly"])
            yield url, endpoint

    @classmethod
    def _post_dispatch(cls, response):
        # before super(): Odoo's dispatcher saves the session there
        cls._b2b_remember_write()
        super()._post_dispatch(response)

    @classmethod
    def _b2b_remember_write(cls):
        """A logged-in request that wrote (not GET/HEAD, served on the primary, and
        its transaction changed the database or the session changed) keeps the
        session's next read-only requests on the primary. A POST that wrote
        nothing (a JSON-RPC read, a refused form) leaves the session alone: no
        session file is saved for it."""
        if request.httprequest.method in ("GET", "HEAD", "OPTIONS") or request.env.cr.readonly:
            return
        session = request.session
        if not session.uid:
            return
        if not session.is_dirty and not cls._b2b_transaction_wrote():
            return
        window = rw_window(request.env)
        if window:
            session[RW_SESSION_KEY] = time.time() + window

    @classmethod
    def _b2b_transaction_wrote(cls):
        """Whether the request's transaction changed the database: PostgreSQL
        assigns a transaction id at the first write only (pending ORM writes are
        flushed first; they would be at the commit anyway)."""
        env = request.env
        env.flush_all()
        env.cr.execute("SELECT pg_current_xact_id_if_assigned() IS NOT NULL")
        return env.cr.fetchone()[0]

    @classmethod
    def _pre_dispatch(cls, rule, args):
        # the current company is known before anything asks the resolver (the
        # website's pricelist, the shop's cart), so no answer is computed without
        # it and none has to be dropped afterwards
        cls._b2b_validate_current_partner()
        super()._pre_dispatch(rule, args)
        cls._b2b_refuse_nul(rule)
        cls._b2b_set_current_partner(rule)
        cls._b2b_recontext_frontend(args)

    @classmethod
    def _b2b_refuse_nul(cls, rule):
        """PostgreSQL cannot store a NUL character: on this addon's routes, a query
        string or form value holding one is refused with a clear 400 (no browser
        form sends it) instead of failing on the database with a 500."""
        func = getattr(rule.endpoint, "original_endpoint", rule.endpoint)
        if not getattr(func, "__module__", "").startswith(ADDON_MODULE_PREFIX):
            return
        httprequest = request.httprequest
        for values in (httprequest.args, httprequest.form):
            if any("\x00" in key or "\x00" in value for key, value in values.items(multi=True)):
                raise werkzeug.exceptions.BadRequest(
                    request.env._("The form contains a character that is not allowed (NUL).")
                )

    @classmethod
    def _b2b_validate_current_partner(cls):
        """Validate the company chosen in the session against the person's active
        accesses on *every* request and keep it on the request (``_b2b_current``,
        read by ``b2b_current_partner_id``), once, before the request asks the
        resolver anything. A forged, revoked or missing choice is dropped."""
        request._b2b_current = None
        user = request.env.user
        if not user or user._is_public() or not user.b2b_managed or user.b2b_blocked:
            return
        allowed = user._b2b_allowed_partners()
        chosen = request.session.get(SESSION_KEY)
        if chosen not in allowed.ids:
            chosen = allowed.id if len(allowed) == 1 else None
            if request.session.get(SESSION_KEY) != chosen:
                request.session[SESSION_KEY] = chosen
        # kept on the request too, for the entry points that replace the context
        request._b2b_current = (user.id, chosen)

    @classmethod
    def _b2b_set_current_partner(cls, rule=None):
        """Put the validated company in the context (rules narrow to it); a person
        with several companies and none chosen is sent to the chooser before any
        ``/my`` page; the route guard refuses what the access lacks."""
        user = request.env.user
        if not user or user._is_public():
            return
        if not user.b2b_managed:
            if refusal := user._b2b_path_refusal(request.httprequest.path, rule):
                raise B2bRefusal(refusal)
            return
        if user.b2b_blocked:
            # no active access left: sessions die (session token) and passwords are
            # refused (_check_credentials); this stops an API key as well
            raise werkzeug.exceptions.Forbidden()
        current = getattr(request, "_b2b_current", None)
        if not current or current[0] != user.id:
            # the request's user changed since (a route running as another user)
            cls._b2b_validate_current_partner()
            current = request._b2b_current
        chosen = current[1] if current else None
        if chosen:
            request.update_context(b2b_partner_id=chosen)
            user = request.env.user  # the resolver reads the current company from its env
        path = request.httprequest.path
        if path.startswith("/my") and not path.startswith(CHOOSER_FREE_PREFIXES):
            if not chosen and user._b2b_allowed_partners():
                werkzeug.exceptions.abort(
                    request.redirect_query("/my/b2b/company", {"redirect": path})
                )
        if refusal := user._b2b_path_refusal(path, rule):
            raise B2bRefusal(refusal)

    @classmethod
    def _get_exception_code_values(cls, exception):
        code, values = super()._get_exception_code_values(exception)
        if isinstance(exception, B2bRefusal):
            values["b2b_refusal"] = exception.description
        return code, values

    @classmethod
    def _b2b_recontext_frontend(cls, args):
        """The website and the records of the route (e.g. a shop product) were bound
        before the current company was known: give them the validated company too,
        so record rules that ask the resolver (U6 products) narrow to it."""
        partner_id = request.env.context.get(SESSION_KEY)
        if not partner_id or not getattr(request, "is_frontend", False):
            return
        if getattr(request, "website", None) is not None:
            request.website = request.website.with_context(b2b_partner_id=partner_id)
        for key, value in list(args.items()):
            if isinstance(value, models.BaseModel):
                args[key] = value.with_context(b2b_partner_id=partner_id)
