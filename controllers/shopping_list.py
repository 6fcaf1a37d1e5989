# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Shopping lists (L1) in the B2B portal: ``/my/lists``.

Every route asks the resolver for the current company and the Orders permission
(the route guard does too: ``b2b_permissions`` on the routes); lists are found as the portal
user, so the record rule decides which ones exist for the person (another
company's list, or another person's private list, is 404), and are changed with
``sudo()`` only after that check and the edit right (owner, or an administrator
of the company for a shared list). Ordering reuses quick order's cart path
(``sale.order._b2b_cart_add_lines``) and its quantity check; uploads reuse its
CSV/XLSX reader and validation (``b2b.quick.order``)."""

from werkzeug.exceptions import Forbidden, NotFound

from odoo import http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request

from ..models.b2b_quick_order import MAX_FILE_SIZE, MAX_LINES, MAX_QTY
from ..models.b2b_shopping_list import MAX_LIST_LINES, MAX_NAME
from ..models.b2b_shopping_list_line import MAX_NOTE
from .main import _b2b_page, _is_id
from .orders import B2bOrdersPortal

MAX_DB_ID = 2**63 - 1
VISIBILITIES = ("private", "shared")
SOURCES = ("product", "cart", "order", "quick_order")
FLASH_KEY = "b2b_list_flash"


class B2bShoppingListPortal(B2bOrdersPortal):
    # ------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------

    def _b2b_list(self, list_id):
        """The list (sudo) when the person sees it for the current company; 404
        otherwise (another company's list, another person's private list, a
        missing id): a list's existence is never disclosed."""
        request.env.user._b2b_require("orders")
        if list_id > MAX_DB_ID:
            raise NotFound()
        found = request.env["b2b.shopping.list"].search([("id", "=", list_id)], limit=1)
        list_sudo = found.sudo()
        if not found or list_sudo.partner_id != request.env.user._b2b_require("orders"):
            raise NotFound()
        return list_sudo

    def _b2b_editable_list(self, list_id):
        list_sudo = self._b2b_list(list_id)
        if not list_sudo._b2b_can_edit(request.env.user):
            raise Forbidden()
        return list_sudo

    def _b2b_editable_lists(self):
        """The lists of the current company the person may add to (sudo)."""
        return request.env["b2b.shopping.list"]._b2b_editable_for(request.env.user)

    def _b2b_new_list(self, name, visibility="private"):
        return (
            request.env["b2b.shopping.list"]
            .sudo()
            .create(
                {
                    "name": name,
                    "visibility": visibility,
                    "partner_id": request.env.user._b2b_require("orders").id,
                    "user_id": request.env.user.id,
                    "company_id": request.website.company_id.id,
                }
            )
        )

    def _b2b_lists_message(self, url, message, error=False):
        """Redirect to ``url`` (a /my/lists page), which shows ``message`` once
        (kept in the session: a message is never read from the URL)."""
        request.session[FLASH_KEY] = {"error" if error else "message": message[:500]}
        return request.redirect(url)

    def _b2b_pop_flash(self):
        flash = request.session.pop(FLASH_KEY, None) or {}
        return flash.get("message", ""), flash.get("error", "")

    # ------------------------------------------------------------
    # Pages
    # ------------------------------------------------------------

    @http.route(
        ["/my/lists", "/my/lists/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
        readonly=True,
        b2b_permissions=("orders",),
    )
    def b2b_lists(self, page=1, **kw):
        request.env.user._b2b_require("orders")
        message, error = self._b2b_pop_flash()
        Lists = request.env["b2b.shopping.list"]
        lists, pager = _b2b_page(
            Lists, [], "/my/lists", page, "write_date desc, id desc", self._items_per_page
        )
        lists_sudo = lists.sudo()
        counts = dict(
            request.env["b2b.shopping.list.line"]
            .sudo()
            ._read_group([("list_id", "in", lists.ids)], ["list_id"], ["__count"])
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "b2b_lists",
                "lists": lists_sudo,
                "line_counts": {lst.id: count for lst, count in counts.items()},
                "pager": pager,
                "default_url": "/my/lists",
                "message": message,
                "error": error,
                "max_name": MAX_NAME,
            }
        )
        return request.render("b2b_portal.portal_b2b_lists", values)

    @http.route(
        "/my/lists/<int:list_id>",
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
        readonly=True,
        b2b_permissions=("orders",),
    )
    def b2b_list(self, list_id, **kw):
        list_sudo = self._b2b_list(list_id)
        message, error = self._b2b_pop_flash()
        return self._b2b_render_list(list_sudo, {"message": message, "form_error": error})

    def _b2b_render_list(self, list_sudo, extra):
        user = request.env.user
        lines = list_sudo.line_ids
        # one read of every product (archived ones too) for the whole page
        lines.product_id.with_context(active_test=False).mapped("display_name")
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "b2b_list",
                "shopping_list": list_sudo,
                "lines": lines,
                "reasons": list_sudo._b2b_line_reasons(user, request.website),
                "can_edit": list_sudo._b2b_can_edit(user),
                "is_owner": list_sudo.user_id == user,
                "errors": {},
                "posted": {},
                "message": "",
                "form_error": "",
                "max_lines": MAX_LINES,
                "max_list_lines": MAX_LIST_LINES,
                "max_size_kb": MAX_FILE_SIZE // 1024,
                "max_qty": MAX_QTY,
                "max_name": MAX_NAME,
                "max_note": MAX_NOTE,
                "upload_lines": [],
                "upload_text": "",
                "chosen": None,
            }
        )
        values.update(extra)
        return request.render("b2b_portal.portal_b2b_list", values)

    # ------------------------------------------------------------
    # Create, change, delete
    # ------------------------------------------------------------

    @http.route(
        "/my/lists/new",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
        b2b_permissions=("orders",),
    )
    def b2b_list_new(self, name="", visibility="private", **post):
        request.env.user._b2b_require("orders")
        _ = request.env._
        name = request.env["b2b.shopping.list"]._b2b_name(name)
        if not name:
            return self._b2b_lists_message("/my/lists", _("Give the list a name."), error=True)
        if visibility not in VISIBILITIES:
            return self._b2b_lists_message("/my/lists", _("Choose who sees the list."), error=True)
        list_sudo = self._b2b_new_list(name, visibility)
        return request.redirect(f"/my/lists/{list_sudo.id}")

    @http.route(
        "/my/lists/<int:list_id>",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
        b2b_permissions=("orders",),
    )
    def b2b_list_save(self, list_id, **post):
        """Rename, change who sees it (the owner only), change quantities and notes,
        remove lines - all checked first; nothing changes when one value is wrong."""
        list_sudo = self._b2b_editable_list(list_id)
        _ = request.env._
        form = request.httprequest.form
        errors, posted = {}, {}
        vals = self._b2b_list_header_vals(list_sudo, form, errors)
        removed, updates = self._b2b_list_line_changes(list_sudo, form, errors, posted)
        if errors:
            errors.setdefault(0, _("Nothing was saved: please correct the marked values."))
            return self._b2b_render_list(
                list_sudo, {"errors": errors, "posted": posted, "form_error": errors[0]}
            )
        if vals:
            list_sudo.write(vals)
        for line, line_vals in updates:
            line.write(line_vals)
        if removed:
            list_sudo.line_ids.filtered(lambda line: line.id in removed).unlink()
        if not (vals or updates or removed):
            return self._b2b_lists_message(f"/my/lists/{list_sudo.id}", _("Nothing to change."))
        return self._b2b_lists_message(f"/my/lists/{list_sudo.id}", _("The list is saved."))

    def _b2b_list_header_vals(self, list_sudo, form, errors):
        """The name and visibility posted (whitelisted, checked); errors[0] says
        what is wrong."""
        _ = request.env._
        vals = {}
        if "name" in form:
            name = list_sudo._b2b_name(form.get("name"))
            if not name:
                errors[0] = _("Give the list a name.")
            elif name != list_sudo.name:
                vals["name"] = name
        if "visibility" in form and list_sudo.user_id == request.env.user:
            visibility = form.get("visibility")
            if visibility not in VISIBILITIES:
                errors[0] = _("Choose who sees the list.")
            elif visibility != list_sudo.visibility:
                vals["visibility"] = visibility
        return vals

    def _b2b_list_line_changes(self, list_sudo, form, errors, posted):
        """(ids of the lines to remove, [(line, vals)]) of the posted quantities,
        notes and removals - only lines of this list; errors per line id."""
        _ = request.env._
        lines = {line.id: line for line in list_sudo.line_ids}
        removed = set()
        for value in form.getlist("remove_ids"):
            line = lines.get(int(value)) if _is_id(value) else None
            if not line:
                errors[0] = _("This line is not on the list any more.")
                continue
            removed.add(line.id)
        QuickOrder = request.env["b2b.quick.order"]
        updates = []
        for line_id, line in lines.items():
            if line_id in removed:
                continue
            qty_key, note_key = f"qty_{line_id}", f"note_{line_id}"
            line_vals = {}
            if qty_key in form:
                qty_text = form.get(qty_key, "")
                posted[qty_key] = qty_text[:32]
                qty, error = QuickOrder._b2b_parse_qty(qty_text)
                if error:
                    errors[line_id] = error
                elif qty != line.quantity:
                    line_vals["quantity"] = qty
            if note_key in form:
                note = " ".join(form.get(note_key, "").split())
                posted[note_key] = note[:MAX_NOTE]
                if len(note) > MAX_NOTE:
                    errors[line_id] = _(
                        "The note is too long (at most %(max)s characters).", max=MAX_NOTE
                    )
                elif note != (line.note or ""):
                    line_vals["note"] = note
            if line_vals:
                updates.append((line, line_vals))
        return removed, updates

    @http.route(
        "/my/lists/<int:list_id>/delete",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
        b2b_permissions=("orders",),
    )
    def b2b_list_delete(self, list_id, **post):
        list_sudo = self._b2b_editable_list(list_id)
        name = list_sudo.name
        list_sudo.unlink()
        return self._b2b_lists_message(
            "/my/lists", request.env._("The list %(name)s is deleted.", name=name)
        )

    # ------------------------------------------------------------
    # Order the list (all or chosen lines) into the cart
    # ------------------------------------------------------------

    @http.route(
        "/my/lists/<int:list_id>/order",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
        b2b_permissions=("orders",),
    )
    def b2b_list_order(self, list_id, **post):
        """Put the chosen lines in the cart with the quantities shown (checked like
        quick order: whole positive quantities, products the company may order);
        lines that cannot be ordered are listed with the reason, nothing is added
        while one chosen line is wrong."""
        list_sudo = self._b2b_list(list_id)
        form = request.httprequest.form
        chosen = {int(v) for v in form.getlist("line_ids") if _is_id(v)}
        quantities = {key: form[key] for key in form if key.startswith("qty_")}
        to_add, errors, posted = list_sudo._b2b_order_check(
            chosen, quantities, request.env.user, request.website
        )
        if errors:
            return self._b2b_render_list(
                list_sudo,
                {"errors": errors, "posted": posted, "form_error": errors[0], "chosen": chosen},
            )
        try:
            self._b2b_cart()._b2b_cart_add_lines(self._b2b_merge(to_add))
        except UserError as e:
            return self._b2b_render_list(list_sudo, {"form_error": str(e), "posted": posted})
        return request.redirect("/shop/cart")

    # ------------------------------------------------------------
    # Add lines: SKU text / CSV / XLSX (quick order's reader), or from elsewhere
    # ------------------------------------------------------------

    @http.route(
        "/my/lists/<int:list_id>/upload",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
        b2b_permissions=("orders",),
    )
    def b2b_list_upload(self, list_id, text="", **post):
        list_sudo = self._b2b_editable_list(list_id)
        _ = request.env._
        QuickOrder = request.env["b2b.quick.order"]
        text = (text or "")[:MAX_FILE_SIZE]
        rows = list(QuickOrder._b2b_parse_text(text))
        upload = request.httprequest.files.get("file")
        if upload and upload.filename:
            file_rows, error = QuickOrder._b2b_parse_file(
                upload.filename, upload.read(MAX_FILE_SIZE + 1)
            )
            if error:
                return self._b2b_render_list(list_sudo, {"form_error": error, "upload_text": text})
            rows += file_rows
        if not rows:
            return self._b2b_render_list(
                list_sudo,
                {"form_error": _("Enter at least one SKU and quantity."), "upload_text": text},
            )
        lines, error = QuickOrder._b2b_validate(rows, request.env.user, request.website)
        if not error and any(line["error"] for line in lines):
            error = _("Some lines are not valid: nothing was added. Correct them and try again.")
        if error:
            return self._b2b_render_list(
                list_sudo, {"form_error": error, "upload_lines": lines, "upload_text": text}
            )
        return self._b2b_add_to_list(list_sudo, QuickOrder._b2b_valid_lines(lines))

    def _b2b_add_to_list(self, list_sudo, pairs):
        _ = request.env._
        try:
            with request.env.cr.savepoint():
                count = list_sudo._b2b_add_products(pairs)
        except (UserError, ValidationError) as e:
            return self._b2b_render_list(list_sudo, {"form_error": str(e)})
        return self._b2b_lists_message(
            f"/my/lists/{list_sudo.id}",
            _("%(count)s product(s) added to the list.", count=count),
        )

    @http.route(
        "/my/lists/add",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
        b2b_permissions=("orders",),
    )
    def b2b_list_add(self, source="product", list_id="", new_name="", **post):
        """Add to a list (one of the person's editable lists, or a new private list
        named ``new_name``) from a product page, the cart, an order ("save as
        list") or quick order's preview. Every product is checked for the current
        company as quick order checks it; nothing is added when one is refused."""
        request.env.user._b2b_require("orders")
        _ = request.env._
        back = "/my/lists"
        pairs, error = self._b2b_list_pairs(source, post)
        if error:
            return self._b2b_lists_message(back, error, error=True)
        list_sudo, name, error = self._b2b_list_target(list_id, new_name)
        if error:
            return self._b2b_lists_message(back, error, error=True)
        # checked as quick order checks a line: sold online, allowed for the company
        products = request.env["product.product"].union(*(p for p, _q in pairs))
        _sellable, allowed = request.env["b2b.quick.order"]._b2b_orderable(
            products, request.env.user, request.website
        )
        if refused := products - allowed:
            return self._b2b_lists_message(
                back,
                _(
                    "%(products)s cannot be ordered for your company: nothing was added.",
                    products=", ".join(refused.sudo()[:5].mapped("display_name")),
                ),
                error=True,
            )
        try:
            with request.env.cr.savepoint():
                list_sudo = list_sudo or self._b2b_new_list(name)
                count = list_sudo._b2b_add_products(pairs)
        except (UserError, ValidationError) as e:
            return self._b2b_lists_message(back, str(e), error=True)
        return self._b2b_lists_message(
            f"/my/lists/{list_sudo.id}",
            _("%(count)s product(s) added to the list.", count=count),
        )

    def _b2b_list_pairs(self, source, post):
        """``([(product, quantity)], error)`` posted from one of the ``SOURCES``."""
        _ = request.env._
        if source not in SOURCES:
            return [], _("Nothing to add.")
        pairs, error = getattr(self, f"_b2b_list_source_{source}")(post)
        if error or not pairs:
            return [], error or _("Nothing to add.")
        if len(pairs) > MAX_LIST_LINES:
            return [], _("A shopping list holds at most %(limit)s lines.", limit=MAX_LIST_LINES)
        return pairs, ""

    def _b2b_list_target(self, list_id, new_name):
        """``(list, name, error)``: the list to add to - a new list's name wins over
        the list chosen in the menu, which must be one of the person's editable
        lists."""
        _ = request.env._
        name = request.env["b2b.shopping.list"]._b2b_name(new_name)
        if name:
            return None, name, ""
        if not list_id:
            return None, "", _("Choose a list or give the new list a name.")
        list_sudo = None
        if _is_id(list_id):
            list_sudo = self._b2b_editable_lists().filtered(lambda lst: lst.id == int(list_id))
        return list_sudo, "", "" if list_sudo else _("Choose one of your lists.")

    def _b2b_list_source_product(self, post):
        """From a product page: one product and a quantity."""
        _ = request.env._
        product_id, qty_text = post.get("product_id", ""), post.get("qty", "")
        if not _is_id(product_id):
            return [], _("Choose a product.")
        # searched as the portal user: the shop's rules (published, U6 products)
        product = request.env["product.product"].search([("id", "=", int(product_id))])
        if not product:
            return [], _("This product is not available for your company.")
        qty, error = request.env["b2b.quick.order"]._b2b_parse_qty(qty_text)
        if error:
            return [], error
        return [(product, qty)], None

    def _b2b_list_source_cart(self, post):
        """From the cart of the current company: its product lines."""
        cart = request.cart
        pairs = []
        for line in cart._b2b_product_lines() if cart else []:
            qty = int(line.product_uom_qty)
            if qty > 0 and not line.combo_item_id and not line.linked_line_id:
                pairs.append((line.product_id, min(qty, MAX_QTY)))
        return self._b2b_merge(pairs), None

    def _b2b_list_source_order(self, post):
        """'Save as list' from an order of the current company: the lines that can
        be ordered again (order again's checks), with their quantities."""
        _ = request.env._
        order_id = post.get("order_id", "")
        order_sudo = self._b2b_reorder_order(int(order_id)) if _is_id(order_id) else None
        if not order_sudo:
            return [], _("This order cannot be saved as a list.")
        pairs = [
            (line.product_id, min(max(int(line.product_uom_qty), 1), MAX_QTY))
            for line, reason in order_sudo._b2b_reorder_lines(request.env.user, request.website)
            if not reason
        ]
        if not pairs:
            return [], _("No line of this order can be ordered again.")
        return self._b2b_merge(pairs), None

    def _b2b_list_source_quick_order(self, post):
        """From quick order's preview: its valid lines, checked again."""
        _ = request.env._
        QuickOrder = request.env["b2b.quick.order"]
        rows = QuickOrder._b2b_parse_text((post.get("confirm_text") or "")[:MAX_FILE_SIZE])
        lines, error = QuickOrder._b2b_validate(rows, request.env.user, request.website)
        if error:
            return [], error
        if not rows or any(line["error"] for line in lines):
            return [], _("Some lines are not valid any more; please check them again.")
        return QuickOrder._b2b_valid_lines(lines), None
