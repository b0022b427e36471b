"""The accessibility statement has every part the BITV NRW model requires, filled from settings;
the Leichte-Sprache page explains the platform and where to find the helpers."""

import pytest

from quartier.checks import check_accessibility_statement, check_accessibility_statement_complete

STATEMENT = {
    "body": "Stadt Krefeld, Fachbereich Soziales, Senioren und Wohnen",
    "status": "partial",
    "method": "self",
    "prepared_on": "2026-11-02",
    "reviewed_on": "2026-11-30",
    "contact_name": "Koordination Quartiershelfer*innen",
    "contact_email": "barrierefreiheit@krefeld.example.org",
    "contact_phone": "02151 86-0000",
    "contact_address": "Stadt Krefeld|Fachbereich 50|Musterstraße 1|47798 Krefeld",
    "enforcement_name": "Ombudsstelle für barrierefreie Informationstechnik des Landes NRW",
    "enforcement_address": "Musterweg 2|40219 Düsseldorf",
    "enforcement_email": "ombudsstelle@example.org",
    "enforcement_phone": "0211 000000",
    "enforcement_url": "https://ombudsstelle.example.org/",
}


@pytest.fixture
def statement(settings):
    settings.A11Y_STATEMENT = dict(STATEMENT)
    return settings.A11Y_STATEMENT


def test_statement_has_every_mandatory_part(client, db, statement):
    page = client.get("/seiten/barrierefreiheit/").content.decode()
    for heading in (
        "Erklärung zur Barrierefreiheit",
        "Stand der Vereinbarkeit mit den Anforderungen",
        "Nicht barrierefreie Inhalte",
        "Erstellung dieser Erklärung zur Barrierefreiheit",
        "Feedback und Kontaktangaben",
        "Durchsetzungsverfahren (Schlichtungsverfahren)",
    ):
        assert heading in page, heading
    assert "teilweise mit den Anforderungen der BITV NRW" in page
    assert "am 2. November 2026 erstellt" in page
    assert "zuletzt am 30. November 2026 überprüft" in page
    assert "Selbstbewertung" in page and "veraPDF" in page
    assert 'href="mailto:barrierefreiheit@krefeld.example.org"' in page
    assert "Musterstraße 1<br>47798 Krefeld" in page
    assert "02151 86-0000" in page
    assert "Ombudsstelle für barrierefreie Informationstechnik des Landes NRW" in page
    assert 'href="mailto:ombudsstelle@example.org"' in page and "40219 Düsseldorf" in page
    assert '<form method="post"' in page  # the feedback form stays


def test_statement_follows_the_settings(client, db, statement):
    statement.update(status="full", method="third_party")
    page = client.get("/seiten/barrierefreiheit/").content.decode()
    assert "vollständig mit den Anforderungen" in page
    assert "Prüfung durch eine unabhängige Stelle" in page


def test_check_refuses_unknown_status_method_and_dates(settings, statement):
    statement.update(status="mostly", method="guess", prepared_on="30.11.2026")
    ids = sorted(m.id for m in check_accessibility_statement(None))
    assert ids == ["accessibility.E001", "accessibility.E002", "accessibility.E003"]
    statement.update(status="full", method="self", prepared_on="2026-12-01")
    assert [m.id for m in check_accessibility_statement(None)] == ["accessibility.E004"]


def test_deploy_check_warns_about_missing_mandatory_parts(settings, statement):
    assert check_accessibility_statement_complete(None) == []
    statement.update(reviewed_on="", enforcement_address="", enforcement_email="")
    statement["enforcement_url"] = ""
    [warning] = check_accessibility_statement_complete(None)
    assert warning.id == "accessibility.W001"
    assert "A11Y_PREPARED_ON" in warning.msg and "A11Y_ENFORCEMENT" in warning.msg


def test_simple_language_page_explains_and_lists_the_bases(client, quarters):
    page = client.get("/seiten/leichte-sprache/").content.decode()
    assert "Infos in Leichter Sprache" in page
    assert "Was machen die Quartiers·helfer?" in page
    assert "So erreichen Sie die Quartiers·helfer" in page
    base = quarters["samtweberviertel"].bases.first()
    assert base.name in page and base.address in page


def test_every_page_links_to_simple_language(client, db):
    assert 'href="/seiten/leichte-sprache/"' in client.get("/seiten/impressum/").content.decode()
