import datetime as dt

from django.contrib.sessions.models import Session
from django.utils import timezone


def test_an_expired_session_sends_the_helper_back_to_the_login(client_for, helper):
    client = client_for(helper)
    assert client.get("/konto/").status_code == 200
    Session.objects.update(expire_date=timezone.now() - dt.timedelta(minutes=1))
    response = client.get("/konto/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/konto/"


def test_unknown_pages_get_a_german_404_page(client, db):
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.content.decode()


def test_start_page_for_visitors_explains_the_platform(client, db):
    body = client.get("/").content.decode()
    assert "Quartiershelfer Krefeld" in body and 'href="/accounts/login/"' in body


def test_coordinator_start_page_counts_what_needs_doing(client_for, coordinator, helper, quarter):
    from quartier.reports.actions import record_status, submit_report
    from quartier.reports.models import ReportCategory, ReportStatus

    category = ReportCategory.objects.get_or_create(code="sonstiges", defaults={"name": "S"})[0]
    for _ in range(2):
        submit_report(reporter=helper, category=category, latitude=51.318, longitude=6.568)
    report, _created = submit_report(
        reporter=helper, category=category, latitude=51.318, longitude=6.568
    )
    record_status(report=report, status=ReportStatus.NOT_RESPONSIBLE)
    response = client_for(coordinator).get("/")
    worklist = {item["label"]: item["count"] for item in response.context["worklist"]}
    assert worklist["Neue Meldungen"] == 2
    assert worklist["Nicht zuständig: neu zuordnen"] == 1
    assert worklist["Überfällige Weiterleitungen"] == 0


def test_an_expired_form_gets_a_german_page(db):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post("/accounts/login/", {"login": "x"})
    assert response.status_code == 403
    assert "Formular abgelaufen" in response.content.decode()


def test_a_wrong_host_header_gets_a_german_400_page(client, db):
    response = client.get("/", HTTP_HOST="evil.example.com")
    assert response.status_code == 400
    assert "Ungültige Anfrage" in response.content.decode()


def test_a_huge_request_body_is_refused_with_400(client_for, helper):
    response = client_for(helper).post("/bewohner/kontakt/neu/", {"note": "x" * (6 * 1024 * 1024)})
    assert response.status_code == 400


def test_a_database_restart_answers_503_with_retry_after(client_for, helper, monkeypatch):
    """Even when the session is read before any view runs (a middleware), the answer is a
    retryable 503, not a 500."""
    from django.contrib.sessions.backends.db import SessionStore
    from django.db import OperationalError

    client = client_for(helper)
    client.raise_request_exception = False

    def down(self):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(SessionStore, "load", down)
    response = client.get("/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    json_response = client.post("/meldungen/neu/senden/", HTTP_ACCEPT="application/json")
    assert json_response.status_code == 503 and json_response.json()["retry"] is True
