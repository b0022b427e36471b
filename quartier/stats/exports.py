"""CSV and XLSX of the dashboard's tables, and the raw anonymised exports.

XLSX is written with openpyxl's write-only mode (rows are streamed to the file, memory stays
bounded). The raw exports stream CSV straight from the database in batches:

* reports: number, category, status, month, quarter, done by a helper, bags, location rounded
  to 3 decimals (about 100 m); no reporter, no description, no address, no photo;
* contacts: month, quarter, place, age band, language, repeat visit, top-level topics;
  no helper, no exact time.
"""

from __future__ import annotations

import csv
import io
import tempfile

from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from quartier.core.spreadsheet import neutralise
from quartier.stats import raw
from quartier.stats.periods import Period
from quartier.stats.tables import StatTable

LEGEND = "<5: 1 bis 4; •: ausgeblendet, damit kleine Zahlen nicht errechnet werden können"


def _cell(value):
    """Numbers stay numbers; "<5", "•" and empty values as text."""
    if value is None:
        return ""
    return value


def table_rows(table: StatTable) -> list[list]:
    rows = [[table.row_header, *table.columns]]
    rows += [[label, *map(_cell, cells)] for label, cells in table.rows]
    if table.total:
        rows.append([table.total[0], *map(_cell, table.total[1])])
    return rows


def _export_value(value, kind: str):
    if isinstance(value, float) and kind == "days":
        return round(value / 24, 1)
    if isinstance(value, float) and kind == "share":
        return round(value, 3)
    return value


def _typed_rows(table: StatTable) -> list[list]:
    """Rows for CSV and XLSX; labels from data (quarter, category names) never run as formulas."""
    rows = [[neutralise(value) for value in row] for row in table_rows(table)]
    formats = table.formats or ["int"] * len(table.columns)
    return [rows[0]] + [
        [row[0], *(_export_value(v, formats[i] if i < len(formats) else "int")
                   for i, v in enumerate(row[1:]))]
        for row in rows[1:]
    ]  # fmt: skip


def csv_response(found: list[StatTable], name: str, period: Period) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    for table in found:
        writer.writerow([table.title, period.label])
        writer.writerows(_typed_rows(table))
        if table.protected:
            writer.writerow([_(LEGEND)])
    response = HttpResponse(
        "\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8"
    )  # a BOM so that spreadsheet programs read the umlauts right
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


def write_xlsx(found: list[StatTable], period: Period, target) -> None:
    book = Workbook(write_only=True)
    bold = Font(bold=True)
    for table in found:
        sheet = book.create_sheet(title=table.slug[:31])
        title = WriteOnlyCell(sheet, value=f"{table.title} – {period.label}")
        title.font = bold
        sheet.append([title])
        sheet.append([table.sentence])
        for number, row in enumerate(_typed_rows(table)):
            if number == 0:
                row = [WriteOnlyCell(sheet, value=v) for v in row]
                for cell in row:
                    cell.font = bold
            sheet.append(row)
        if table.protected:
            sheet.append([_(LEGEND)])
    book.save(target)


def xlsx_response(found: list[StatTable], name: str, period: Period) -> FileResponse:
    target = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it
    write_xlsx(found, period, target)
    target.seek(0)
    return FileResponse(
        target,
        as_attachment=True,
        filename=f"{name}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


class _Echo:
    def write(self, value):
        return value


def raw_response(kind: str, period: Period) -> StreamingHttpResponse:
    header, rows = raw.rows(kind, period)
    writer = csv.writer(_Echo(), delimiter=";")

    def stream():
        yield "\ufeff" + writer.writerow(header)
        for row in rows:
            yield writer.writerow([neutralise(value) for value in row])

    response = StreamingHttpResponse(stream(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{kind}-{period.code}.csv"'
    return response
