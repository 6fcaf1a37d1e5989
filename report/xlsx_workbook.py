# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""One way to write the portal's Excel files (account statement, order statement).

:class:`B2bXlsxSheet` writes one worksheet row by row into a temporary file with
xlsxwriter's ``constant_memory`` mode: each row goes to disk when the next one
starts, so a 100,000-row statement takes the memory of a row, not of the file.
It owns the formats (bold, title, dates in the language of the request, amounts
with the currency's decimals) and the column widths. The caller gets the closed
file back, positioned at 0, for ``controllers.main._b2b_file_response``.
"""

import tempfile
from datetime import date, datetime

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_date_format(env):
    """Excel's date format for the language of ``env`` (``%d.%m.%Y`` ->
    ``dd.mm.yyyy``), so a workbook shows dates as the portal page does."""
    lang = env["res.lang"]._lang_get(env.lang or "en_US")
    pattern = lang.date_format or "%Y-%m-%d"
    for strf, excel in (("%d", "dd"), ("%m", "mm"), ("%Y", "yyyy"), ("%y", "yy")):
        pattern = pattern.replace(strf, excel)
    return pattern if "%" not in pattern else "yyyy-mm-dd"


class B2bXlsxSheet:
    """A one-sheet workbook written in row order (``constant_memory``).

    ``widths``: ``{column or (first, last): width}``. Cells are written by
    :meth:`line`: ``None``, ``False`` and ``""`` leave the cell empty, numbers
    and dates get the format named in ``styles`` (dates default to ``date``).
    Formats: ``bold``, ``title``, ``date``, ``amount``, ``amount_bold``.
    """

    def __init__(self, env, sheet_name, widths=None, decimals=2):
        import xlsxwriter  # noqa: PLC0415 - in Odoo's requirements, only needed here
        from xlsxwriter.utility import datetime_to_excel_datetime  # noqa: PLC0415

        self.file = tempfile.TemporaryFile(prefix="b2b_portal_", suffix=".xlsx")
        self.workbook = xlsxwriter.Workbook(
            self.file, {"constant_memory": True, "in_memory": False}
        )
        self.sheet = self.workbook.add_worksheet(sheet_name[:31])
        amount = "#,##0." + "0" * decimals if decimals else "#,##0"
        add = self.workbook.add_format
        self.formats = {
            None: None,
            "bold": add({"bold": True}),
            "title": add({"bold": True, "font_size": 14}),
            "date": add({"num_format": xlsx_date_format(env)}),
            "amount": add({"num_format": amount}),
            "amount_bold": add({"num_format": amount, "bold": True}),
        }
        for columns, width in (widths or {}).items():
            first, last = columns if isinstance(columns, tuple) else (columns, columns)
            self.sheet.set_column(first, last, width)
        self.row = 0
        # a date is Excel's serial number with a date format: converted once per
        # date (a long statement has many rows a day), written as write_datetime does
        self._serials = {}
        self._to_serial = lambda value: datetime_to_excel_datetime(value, False, False)

    def line(self, cells, styles=(), style=None):
        """Write ``cells`` on the current row (``styles[i]`` or ``style`` names the
        format of cell i) and go to the next row."""
        sheet, formats, row = self.sheet, self.formats, self.row
        for col, value in enumerate(cells):
            if value is None or value is False or value == "":
                continue
            fmt = formats[styles[col] if col < len(styles) and styles[col] else style]
            if isinstance(value, str):
                sheet.write_string(row, col, value, fmt)
            elif isinstance(value, datetime):
                sheet.write_datetime(row, col, value, fmt or formats["date"])
            elif isinstance(value, date):
                serial = self._serials.get(value)
                if serial is None:
                    serial = self._serials[value] = self._to_serial(value)
                sheet.write_number(row, col, serial, fmt or formats["date"])
            else:
                sheet.write_number(row, col, value, fmt)
        self.row += 1

    def skip(self, rows=1):
        self.row += rows

    def close(self):
        """Finish the workbook; returns its temporary file, read from the start
        (deleted when closed)."""
        self.workbook.close()
        self.file.seek(0)
        return self.file
