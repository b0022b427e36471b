"""`make screenshots`: the main pages as PNGs at 390 px (phone) and 1366 px (office PC), with the
lived-in demo, into var/screenshots/ (not in git). Uses the browser-test machinery (live server,
Chromium, axe); not collected by the normal test run (the file name has no `test_` prefix).

    make screenshots            # or: .venv/bin/python -m pytest e2e/screenshots.py
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from quartier.accounts.models import User

pytestmark = pytest.mark.browser

OUT = Path(settings.VAR_DIR) / "screenshots"
VIEWPORTS = {"phone": 390, "desktop": 1366}

# (persona, file name, path or a callable giving the path)
PAGES = [
    ("helferin", "helfer-start", "/"),
    ("helferin", "helfer-melden", "/meldungen/neu/"),
    ("helferin", "helfer-meine-meldungen", "/meldungen/meine/"),
    ("helferin", "helfer-mein-tag", "/einsatz/mein-tag/"),
    ("helferin", "helfer-gespraech", "/bewohner/kontakt/neu/"),
    ("helferin", "helfer-personen", "/bewohner/personen/"),
    ("helferin", "helfer-wegweiser", "/wegweiser/"),
    ("helferin", "helfer-ohne-netz", "/ohne-netz/"),
    ("koordination", "koordination-start", "/"),
    ("koordination", "koordination-eingang", "/meldungen/eingang/?status=open"),
    ("koordination", "koordination-meldung", "first_report"),
    ("koordination", "koordination-karte", "/meldungen/karte/"),
    ("koordination", "koordination-zustaendigkeiten", "/weiterleitung/"),
    ("koordination", "koordination-statistik", "/statistik/"),
    ("datenschutz", "datenschutz-protokoll", "/datenschutz/protokoll/"),
    ("datenschutz", "datenschutz-bewohnerdaten", "/bewohner/datenschutz/"),
    ("admin", "verwaltung", "/verwaltung/"),
    ("admin", "verwaltung-quartiere", "/verwaltung/quartiere/"),
    ("admin", "verwaltung-kategorien", "/verwaltung/kategorien/"),
    ("admin", "verwaltung-zugaenge", "/verwaltung/zugaenge/"),
    ("admin", "verwaltung-stuetzpunkte", "/verwaltung/stuetzpunkte/"),
    ("admin", "verwaltung-benutzer", "/verwaltung/benutzer/"),
    ("admin", "verwaltung-partner", "/weiterleitung/partner/neu/"),
    (None, "oeffentlich-start", "/"),
]


def first_report() -> str:
    from quartier.reports.models import Report

    report = Report.objects.filter(internal_notes__isnull=False).first() or Report.objects.first()
    return f"/meldungen/{report.pk}/"


@pytest.fixture
def demo(transactional_db, django_capture_on_commit_callbacks, settings):
    settings.DEMO_MODE = True  # demo accounts skip the two-factor set-up, as in `make run`
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", verbosity=0)


@pytest.mark.parametrize("kind", list(VIEWPORTS))
def test_screenshots(browsing, demo, kind):
    folder = OUT / f"{kind}-{VIEWPORTS[kind]}px"
    folder.mkdir(parents=True, exist_ok=True)
    sessions = {}
    for persona, name, target in PAGES:
        if persona not in sessions:
            session = browsing(kind)
            if persona:
                session.login(User.objects.get(username=persona))
            sessions[persona] = (session, session.new_page())
        session, page = sessions[persona]
        if kind == "phone":
            page.set_viewport_size({"width": VIEWPORTS[kind], "height": 844})
        path = first_report() if target == "first_report" else target
        response = page.goto(path)
        assert response is not None and response.status < 400, (path, response and response.status)
        page.screenshot(path=str(folder / f"{name}.png"), full_page=True)
