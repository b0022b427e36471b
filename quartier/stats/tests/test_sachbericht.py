"""The Sachbericht: page, narrative (append-only versions, audited) and the tagged PDF."""

import re
import subprocess

import pytest

from quartier.core.models import AuditEntry
from quartier.directory.tests.pdf import pdf_text
from quartier.stats.models import Narrative
from quartier.stats.tests import known_data

URL = "/statistik/sachbericht/"


@pytest.fixture
def data(quarters):
    return known_data.load(quarters)


def test_page_shows_key_figures_and_saves_the_narrative(client_for, coordinator, data):
    client = client_for(coordinator)
    response = client.get(URL, {"zeitraum": "2025-Q2"})
    assert response.status_code == 200
    assert "Sachbericht Quartiershelfer*innen – 2. Quartal 2025" in response.content.decode()
    response = client.post(f"{URL}?zeitraum=2025-Q2", {"text": "Viele Gespräche über Einsamkeit."})
    assert response.status_code == 302
    client.post(f"{URL}?zeitraum=2025-Q2", {"text": "Zweite Fassung."})
    assert Narrative.objects.filter(period_code="2025-Q2").count() == 2
    assert Narrative.objects.latest_for("2025-Q2").text == "Zweite Fassung."
    assert AuditEntry.objects.filter(action="stats.narrative_save").count() == 2
    assert "Zweite Fassung." in client.get(URL, {"zeitraum": "2025-Q2"}).content.decode()


def test_pdf_has_the_figures_the_narrative_and_suppressed_cells(client_for, coordinator, data,
                                                                 tmp_path):  # fmt: skip
    client = client_for(coordinator)
    client.post(f"{URL}?zeitraum=2025-Q2", {"text": "Seniorinnen fragen nach Wohnraum."})
    response = client.get("/statistik/sachbericht.pdf", {"zeitraum": "2025-Q2"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    path = tmp_path / "bericht.pdf"
    path.write_bytes(response.content)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True, text=True)  # noqa: S603, S607
    assert re.search(r"Tagged:\s+yes", info.stdout)  # PDF/UA-1: structure for screen readers
    text = pdf_text(response.content, tmp_path)
    assert "Sachbericht Quartiershelfer*innen – 2. Quartal 2025" in text
    assert "Seniorinnen fragen nach Wohnraum." in text
    assert "Meldungen nach Kategorie" in text and "<5" in text
    assert "14 Meldungen" in text


def test_a_multi_year_report_is_refused(client_for, coordinator, data):
    response = client_for(coordinator).get(URL, {"zeitraum": "2021-2025"})
    assert response.status_code == 400
    assert "Monat, ein Quartal oder ein Jahr" in response.content.decode()
    pdf = client_for(coordinator).get("/statistik/sachbericht.pdf", {"zeitraum": "2021-2025"})
    assert pdf.status_code == 400


def test_helpers_cannot_write_the_narrative(client_for, helper, data):
    response = client_for(helper).post(f"{URL}?zeitraum=2025-Q2", {"text": "x"})
    assert response.status_code == 403
    assert not Narrative.objects.exists()
