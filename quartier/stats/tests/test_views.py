"""Dashboard, table exports and raw exports: who may see them and what they contain."""

import csv
import io

import pytest
from openpyxl import load_workbook

from quartier.core.models import AuditEntry
from quartier.stats.tests import known_data

URL = "/statistik/"


@pytest.fixture
def data(quarters):
    return known_data.load(quarters)


@pytest.mark.parametrize("persona", ["helper", "privacy_officer", "outsider"])
def test_only_coordinators_and_admins_see_statistics(request, client_for, persona, quarters):
    user = request.getfixturevalue(persona)
    for url in (URL, "/statistik/alle.xlsx", "/statistik/rohdaten/gespraeche.csv",
                "/statistik/tabelle/gespraeche-alter.csv"):  # fmt: skip
        assert client_for(user).get(url).status_code in (302, 403)
        assert not client_for(user).get(url).content.startswith(b"\xef\xbb\xbf")


def test_visitors_are_sent_to_the_login(client):
    response = client.get(URL)
    assert response.status_code == 302 and "login" in response["Location"]


def test_dashboard_shows_the_known_figures(client_for, coordinator, data):
    response = client_for(coordinator).get(URL, {"zeitraum": "2025-Q2"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "2. Quartal 2025" in html and "1. Quartal 2025" in html
    assert "14 Meldungen" in html
    assert "&lt;5" in html  # 65–79: 3 contacts
    assert "<svg" in html and 'role="img"' in html
    assert "style=" not in html and "<script" not in html.split("</main>")[0].split("<main")[1]


def test_admin_sees_the_dashboard(client_for, admin_user, data):
    assert client_for(admin_user).get(URL, {"zeitraum": "2025"}).status_code == 200


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"zeitraum": "2025-2010"}, "endet, bevor er beginnt"),
        ({"zeitraum": "2005-2025"}, "Höchstens 10 Jahre"),
        ({"zeitraum": "quatsch"}, "nicht erkannt"),
        ({"helfer": "7"}, "Zahlen je Person gibt es nicht"),
        ({"quartier": "gibt-es-nicht"}, "gibt es nicht"),
    ],
)
def test_bad_input_gets_a_german_error(client_for, coordinator, quarters, params, message):
    response = client_for(coordinator).get(URL, params)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_ten_years_and_an_empty_period_work(client_for, coordinator, data):
    assert client_for(coordinator).get(URL, {"zeitraum": "2016-2025"}).status_code == 200
    response = client_for(coordinator).get(URL, {"zeitraum": "2019-03"})
    assert response.status_code == 200
    assert "keine Meldungen" in response.content.decode()


def test_csv_of_one_table(client_for, coordinator, data):
    response = client_for(coordinator).get(
        "/statistik/tabelle/meldungen-kategorien.csv", {"zeitraum": "2025-Q2"}
    )
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[1] == ["Kategorie", "04/2025", "05/2025", "06/2025", "Summe",
                       "Vorzeitraum 1. Quartal 2025", "Veränderung"]  # fmt: skip
    assert ["Abfall", "7", "4", "0", "11", "1", "10"] in rows
    assert AuditEntry.objects.filter(action="stats.export").exists()


def test_xlsx_of_all_tables_has_numbers_and_withheld_cells(client_for, coordinator, data):
    response = client_for(coordinator).get("/statistik/alle.xlsx", {"zeitraum": "2025-Q2"})
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    rows = list(book["meldungen-kategorien"].iter_rows(values_only=True))
    assert ("Abfall", 7, 4, 0, 11, 1, 10) in rows
    ages = list(book["gespraeche-alter"].iter_rows(values_only=True))
    assert ("65–79", "<5", 0, None) in ages  # no change given for a withheld cell
    assert ("Alle Gespräche", 35, 0, 35) in ages
    gsak = next(r for r in book["behoerden"].iter_rows(values_only=True) if r[0] == "GSAK")
    assert gsak[1:4] == (3, 2.0, 4.5)


def test_unknown_table_is_404(client_for, coordinator, data):
    url = "/statistik/tabelle/helfer-ranking.csv"
    assert client_for(coordinator).get(url, {"zeitraum": "2025"}).status_code == 404


def test_raw_reports_have_no_reporter_description_or_exact_location(client_for, coordinator, data):
    response = client_for(coordinator).get(
        "/statistik/rohdaten/meldungen.csv", {"zeitraum": "2025"}
    )
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert len(rows) == 1 + 15
    assert "Sperrmüll" not in text and "Lewerentzstraße" not in text and "Spritze im" not in text
    assert ";51.33;6.561" in text and "51.3301" not in text and "6.5612" not in text


def test_raw_contacts_have_months_not_times(client_for, coordinator, data):
    response = client_for(coordinator).get(
        "/statistik/rohdaten/gespraeche.csv", {"zeitraum": "2025-Q2"}
    )
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")),
                           delimiter=";"))  # fmt: skip
    assert rows[0] == [
        "monat",
        "quartier",
        "ort",
        "altersgruppe",
        "sprache",
        "wiederholt",
        "themen",
    ]
    assert len(rows) == 36
    assert {r[0] for r in rows[1:]} == {"2025-05"}
    assert ["2025-05", "Hardenbergviertel", "street", "80_plus", "de", "nein", "social"] in rows
