# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Quick order (O4): SKU + quantity lines typed, pasted or uploaded, validated all at
once (one query for all SKUs), added to the cart in one batch; the same checks
create a quotation from the customer's own system (I1, ``api_create_quotation``)."""

import csv
import io
import re
import zipfile

from odoo import api, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain
from odoo.tools import SQL

from .ir_http import b2b_current_partner_id

MAX_FILE_SIZE = 2 * 1024 * 1024  # bytes
MAX_LINES = 1000
MAX_QTY = 100000
HEADER_WORDS = {"sku", "code", "reference", "ref", "default_code", "item", "article", "product"}
QTY_RE = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")


class B2bQuickOrder(models.AbstractModel):
    _name = "b2b.quick.order"
    _description = "B2B quick order"

    # ------------------------------------------------------------
    # BUSINESS: reading the input
    # ------------------------------------------------------------

    @api.model
    def _b2b_parse_text(self, text):
        """[(line number, sku, quantity text)] of pasted/typed text. Columns are
        separated by a tab, a semicolon or a comma (first found on the line)."""
        rows = []
        for number, raw in enumerate((text or "").splitlines(), start=1):
            if not raw.strip():
                continue
            for sep in ("\t", ";", ","):
                if sep in raw:
                    cells = raw.split(sep)
                    break
            else:
                cells = raw.split()
            rows.append((number, *self._b2b_cells(cells)))
        return self._b2b_drop_header(rows)

    @api.model
    def _b2b_parse_file(self, filename, data):
        """(rows, error) of an uploaded CSV/XLSX/XLS file; ``error`` is a message
        for the whole file (too big, unreadable, wrong encoding)."""
        _ = self.env._
        if len(data) > MAX_FILE_SIZE:
            return [], _(
                "The file is too big (%(size)s kB); the limit is %(limit)s kB.",
                size=len(data) // 1024,
                limit=MAX_FILE_SIZE // 1024,
            )
        if not data:
            return [], _("The file is empty.")
        name = (filename or "").lower()
        if name.endswith(".xlsx") or data[:2] == b"PK":
            return self._b2b_parse_xlsx(data)
        if name.endswith(".xls") or data[:4] == b"\xd0\xcf\x11\xe0":
            return self._b2b_parse_xls(data)
        return self._b2b_parse_csv(data)

    @api.model
    def _b2b_parse_csv(self, data):
        _ = self.env._
        if b"\x00" in data:
            return [], _("This is not a CSV text file. Upload a .csv, .xlsx or .xls file.")
        for encoding in ("utf-8-sig", "cp1252"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            return [], _(
                "The file could not be read: save it as CSV in UTF-8 (or Windows-1252) encoding."
            )
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
            delimiter = dialect.delimiter
        except csv.Error:
            delimiter = ";" if ";" in text else ("\t" if "\t" in text else ",")
        rows = []
        try:
            for number, cells in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), 1):
                if any(c.strip() for c in cells):
                    rows.append((number, *self._b2b_cells(cells)))
                if len(rows) > MAX_LINES + 1:
                    break
        except csv.Error as e:
            return [], _("The CSV file is malformed: %(error)s", error=str(e))
        return self._b2b_drop_header(rows), None

    @api.model
    def _b2b_parse_xlsx(self, data):
        import openpyxl  # noqa: PLC0415 - optional at import time, in Odoo's requirements

        try:
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            sheet = workbook.worksheets[0]
            rows = []
            for number, cells in enumerate(sheet.iter_rows(max_col=2, values_only=True), 1):
                if any(c not in (None, "") for c in cells):
                    rows.append((number, *self._b2b_cells([_cell_text(c) for c in cells])))
                if len(rows) > MAX_LINES + 1:
                    break
            workbook.close()
        except (zipfile.BadZipFile, KeyError, ValueError, OSError, IndexError, TypeError):
            return [], self.env._("The Excel file could not be read.")
        return self._b2b_drop_header(rows), None

    @api.model
    def _b2b_parse_xls(self, data):
        import xlrd  # noqa: PLC0415

        try:
            book = xlrd.open_workbook(file_contents=data)
            sheet = book.sheet_by_index(0)
            rows = []
            for index in range(min(sheet.nrows, MAX_LINES + 2)):
                cells = [
                    _cell_text(sheet.cell_value(index, col)) for col in range(min(2, sheet.ncols))
                ]
                if any(cells):
                    rows.append((index + 1, *self._b2b_cells(cells)))
        except (xlrd.XLRDError, ValueError, IndexError, OSError, AssertionError):
            return [], self.env._("The Excel file could not be read.")
        return self._b2b_drop_header(rows), None

    @api.model
    def _b2b_cells(self, cells):
        cells = [(c or "").strip().strip('"').strip() for c in cells] + ["", ""]
        return cells[0], cells[1]

    @api.model
    def _b2b_drop_header(self, rows):
        if rows and rows[0][1].lower() in HEADER_WORDS and not QTY_RE.match(rows[0][2]):
            return rows[1:]
        return rows

    # ------------------------------------------------------------
    # BUSINESS: validation
    # ------------------------------------------------------------

    @api.model
    def _b2b_validate(self, rows, user, website):
        """Check every row at once for ``user`` (current company) on ``website``.

        Returns (lines, error): ``lines`` is a list of dicts ``{lineno, sku, qty_text,
        qty, product, error, merged}``, the first line of a product carrying the
        merged quantity; ``error`` is a message for the whole input (too many lines).
        Costs a fixed number of queries whatever the number of rows.
        """
        _ = self.env._
        if len(rows) > MAX_LINES:
            return [], _(
                "%(count)s lines is too many: the limit is %(limit)s lines per quick "
                "order. Please split the list.",
                count=len(rows),
                limit=MAX_LINES,
            )
        catalogue = self._b2b_catalogue({row[1] for row in rows if row[1]}, user, website)
        lines, first_by_product = [], {}
        for lineno, sku, qty_text in rows:
            line = self._b2b_check_row(lineno, sku, qty_text, catalogue)
            lines.append(line)
            if line["error"]:
                continue
            first = first_by_product.get(line["product"].id)
            if not first:
                first_by_product[line["product"].id] = line
            elif first["qty"] + line["qty"] > MAX_QTY:
                # duplicates are merged into the first valid line of the product
                line["error"] = _(
                    "Together with line %(line)s the quantity is too large (at most %(max)s).",
                    line=first["lineno"],
                    max=MAX_QTY,
                )
            else:
                first["qty"] += line["qty"]
                first["merged"].append(lineno)
                line["merged_into"] = first["lineno"]
        return lines, None

    @api.model
    def _b2b_catalogue(self, skus, user, website):
        """What the rows can order, in a fixed number of queries: ``(products by
        upper-case SKU, candidates, sellable on ``website``, allowed for ``user``)``."""
        products_by_sku = self._b2b_products_by_sku(skus)
        candidates = (
            self.env["product.product"]
            .sudo()
            .browse({pid for ids in products_by_sku.values() for pid in ids})
        )
        return products_by_sku, candidates, *self._b2b_orderable(candidates, user, website)

    @api.model
    def _b2b_orderable(self, products, user, website):
        """``(sellable, allowed)`` of ``products``: those sold on ``website``, and
        of them those the current company of ``user`` may order (its profile)."""
        sellable = (
            products.sudo()
            .with_context(active_test=True)
            .search(Domain("id", "in", products.ids) & Domain(website.sale_product_domain()))
        )
        return sellable, user._b2b_allowed_products(sellable)

    @api.model
    def _b2b_check_row(self, lineno, sku, qty_text, catalogue):
        """The line dict of one row, with its first error (before merging)."""
        _ = self.env._
        products_by_sku, candidates, sellable, allowed = catalogue
        qty, qty_error = self._b2b_parse_qty(qty_text)
        line = {
            "lineno": lineno,
            "sku": sku,
            "qty_text": qty_text,
            "qty": qty,
            "product": self.env["product.product"],
            "error": "",
            "merged": [],
        }
        found = candidates.browse(products_by_sku.get(sku.upper(), [])) if sku else candidates
        if not sku:
            line["error"] = _("The SKU is missing.")
        elif not found:
            line["error"] = _("Unknown SKU.")
        elif not found & sellable:
            line["error"] = _("This product is not sold online.")
        elif not found & sellable & allowed:
            line["error"] = _("This product is not available for your company.")
        elif len(found & sellable & allowed) > 1:
            line["error"] = _("Several products have this SKU; please contact us.")
        else:
            # share the prefetch: the preview reads 1000 names in one query
            line["product"] = (found & sellable & allowed).with_prefetch(candidates._prefetch_ids)
            line["error"] = qty_error or ""
        return line

    @api.model
    def _b2b_parse_qty(self, text):
        """(quantity, error) of a quantity cell: a whole positive number."""
        _ = self.env._
        text = (text or "").strip().replace(" ", "").replace("\u00a0", "")
        if not text:
            return 0, _("The quantity is missing.")
        if not QTY_RE.match(text):
            return 0, _("“%(value)s” is not a number.", value=text[:20])
        value = float(text.replace(",", "."))
        if value <= 0:
            return 0, _("The quantity must be positive.")
        if not value.is_integer():
            return 0, _("The quantity must be a whole number.")
        if value > MAX_QTY:
            return 0, _("The quantity is too large (at most %(max)s).", max=MAX_QTY)
        return int(value), None

    @api.model
    def _b2b_products_by_sku(self, skus):
        """{upper-case SKU: [product ids]} of active products, in one query."""
        if not skus:
            return {}
        keys = tuple({sku.upper() for sku in skus})
        result = {}
        for product_id, code in self.env.execute_query(
            SQL(
                "SELECT id, upper(default_code) FROM product_product "
                "WHERE active AND upper(default_code) IN %s ORDER BY id",
                keys,
            )
        ):
            result.setdefault(code, []).append(product_id)
        return result

    @api.model
    def _b2b_valid_lines(self, lines):
        """[(product, quantity)] to put in the cart (merged, valid only)."""
        return [
            (line["product"], line["qty"])
            for line in lines
            if not line["error"] and "merged_into" not in line
        ]

    # ------------------------------------------------------------
    # BUSINESS: quotations from the customer's own system (I1 API)
    # ------------------------------------------------------------

    @api.model
    def api_create_quotation(self, lines):
        """Create a quotation from ``[{"sku": str, "qty": number}]`` for the company
        the caller acts for (``b2b_partner_id`` in the context when they act for
        several). Returns ``{"order_id": id, "name": str}`` or ``{"errors": [{"line",
        "sku", "error"}]}`` (then nothing is created). Needs API access and Orders."""
        partner = self._b2b_api_partner()
        self._b2b_api_check_lines(lines)
        user = self.env.user.with_context(b2b_partner_id=partner.id)
        website = self.env["website"].get_current_website()
        rows = [
            (str(index), str(line.get("sku") or "").strip(), str(line.get("qty") or ""))
            for index, line in enumerate(lines, start=1)
        ]
        checked, error = self._b2b_validate(rows, user, website)
        if error:
            raise UserError(error)
        errors = [
            {"line": int(line["lineno"]), "sku": line["sku"], "error": line["error"]}
            for line in checked
            if line["error"]
        ]
        if errors:
            return {"errors": errors}
        # as a portal cart: the company's order, its pricelist, fiscal position and
        # salesperson computed from the company (no browser session to read them from)
        values = {
            "partner_id": partner.id,
            "website_id": website.id,
            "company_id": website.company_id.id,
            "b2b_user_id": user.id,
        }
        order = (
            self.env["sale.order"]
            .sudo()
            .with_company(website.company_id)
            .with_context(b2b_partner_id=partner.id)
            .create(values)
        )
        order._b2b_cart_add_lines(self._b2b_valid_lines(checked))
        return {"order_id": order.id, "name": order.name}

    @api.model
    def _b2b_api_partner(self):
        """The one company the API caller orders for: API access and Orders there,
        named by ``b2b_partner_id`` when they act for several (else an error)."""
        _ = self.env._
        user = self.env.user
        accesses = user._b2b_active_accesses().filtered(
            lambda a: {"api", "orders"} <= a._b2b_effective_permissions()
        )
        current_id = b2b_current_partner_id(self.env)
        if current_id:
            accesses = accesses.filtered(lambda a: a.partner_id.id == current_id)
        if not user._is_portal() or not accesses:
            raise AccessError(
                _("You are not allowed to create quotations through the API for this company.")
            )
        if len(accesses) > 1:
            raise UserError(
                _(
                    "You act for several companies: name one with the context key "
                    "b2b_partner_id (one of %(ids)s).",
                    ids=", ".join(str(pid) for pid in accesses.partner_id.ids),
                )
            )
        return accesses.partner_id

    @api.model
    def _b2b_api_check_lines(self, lines):
        """UserError unless ``lines`` is a non-empty list of at most MAX_LINES dicts."""
        _ = self.env._
        if not isinstance(lines, list) or not all(isinstance(line, dict) for line in lines):
            raise UserError(_('The lines must be a list of {"sku": ..., "qty": ...} objects.'))
        if len(lines) > MAX_LINES:
            raise UserError(
                _(
                    "%(count)s lines is too many: the limit is %(limit)s lines per "
                    "quotation. Please split the list.",
                    count=len(lines),
                    limit=MAX_LINES,
                )
            )
        if not lines:
            raise UserError(_("The quotation has no lines."))


def _cell_text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
