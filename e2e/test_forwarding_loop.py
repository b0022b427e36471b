"""The full loop in a browser: report -> rule auto-forwards -> e-mail -> the partner opens the
link on a phone and answers -> history and notifications follow. Plus the coordinator pages."""

import datetime as dt
import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from quartier.reports.actions import submit_report
from quartier.reports.models import ReportCategory, ReportStatus
from quartier.routing import demo
from quartier.routing.models import Forwarding, ForwardingStatus, Notification

pytestmark = pytest.mark.browser

LINK = re.compile(r"https?://[^/\s]+(/weiterleitung/antwort/\d+/[^/\s]+/)")
HARDENBERG = (51.3180, 6.5680)


def submit(helper, code, **extra):
    report, _created = submit_report(
        reporter=helper,
        category=ReportCategory.objects.get(code=code),
        latitude=HARDENBERG[0],
        longitude=HARDENBERG[1],
        address="Hardenbergstraße 10",
        description="Sofa und Säcke am Gehweg",
        **extra,
    )
    report.refresh_from_db()
    return report


def test_partner_answers_from_the_email_link_on_a_phone(browsing, helper, coordinator):
    demo.load()
    report = submit(helper, "abfall-wilder-muell")
    assert report.status == ReportStatus.FORWARDED
    [message] = mail.outbox
    assert message.to == ["meldungen@gsak.example.org"]
    path = LINK.search(message.body).group(1)

    partner = browsing("phone")
    page = partner.new_page()
    page.goto(path)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Wilder Müll")
    expect(page.get_by_text("Sofa und Säcke am Gehweg")).to_be_visible()
    partner.check(page)

    page.get_by_label("Übernommen – wir kümmern uns darum").check()
    page.get_by_label("Kommentar (optional)").fill("Wir kommen am Donnerstag.")
    page.get_by_role("button", name="Senden").click()
    expect(
        page.get_by_role("status").filter(has_text="Ihre Antwort wurde gespeichert")
    ).to_be_visible()
    partner.check(page)

    # A second click on the same answer changes nothing and says so.
    page.get_by_label("Übernommen – wir kümmern uns darum").check()
    page.get_by_role("button", name="Senden").click()
    expect(page.get_by_role("alert").first).to_contain_text("Diese Antwort liegt bereits vor.")
    partner.check(page)

    page.goto(path)
    page.get_by_role("radio", name="Erledigt", exact=True).check()
    page.get_by_label("Kommentar (optional)").fill("Abgeholt.")
    page.get_by_role("button", name="Senden").click()
    expect(page.get_by_text("Diese Weiterleitung ist abgeschlossen")).to_be_visible()
    partner.check(page)

    report.refresh_from_db()
    assert report.status == ReportStatus.RESOLVED
    labels = list(report.history.values_list("status", "actor_label"))
    assert labels[-2:] == [
        (ReportStatus.ACKNOWLEDGED, "GSAK (Partnerlink)"),
        (ReportStatus.RESOLVED, "GSAK (Partnerlink)"),
    ]
    assert Forwarding.objects.get().status == ForwardingStatus.RESOLVED

    # The helper sees what became of her report on her start page.
    assert Notification.objects.filter(user=helper).count() == 2
    helper_session = browsing("phone")
    helper_session.login(helper)
    home = helper_session.new_page()
    home.goto("/")
    expect(home.get_by_text("GSAK zu Meldung").first).to_be_visible()
    helper_session.check(home)


def test_a_tampered_link_shows_a_clear_german_page(browsing, helper):
    demo.load()
    submit(helper, "abfall-wilder-muell")
    path = LINK.search(mail.outbox[0].body).group(1)
    partner = browsing("phone")
    page = partner.new_page()
    response = page.goto(path.replace(":", ":x", 1))
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Link ungültig")
    partner.check(page)


@pytest.mark.slow(seconds=12)
def test_coordinator_tests_a_rule_forwards_and_checks_the_lists(browsing, helper, coordinator):
    demo.load()
    report = submit(helper, "ordnung-sicherheit")
    session = browsing("desktop")
    session.login(coordinator)
    page = session.new_page()

    page.goto("/weiterleitung/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Zuständigkeiten")
    session.check(page)

    page.get_by_role("link", name="Ort und Kategorie testen").click()
    page.get_by_label("Kategorie").select_option(
        str(ReportCategory.objects.get(code="abfall-spritzen-gefahrstoffe").pk)
    )
    page.get_by_label("Breitengrad").fill("51.318")
    page.get_by_label("Längengrad").fill("6.568")
    page.get_by_role("button", name="Testen").click()
    expect(page.get_by_text("Regel für die Kategorie „Spritzen / Gefahrstoffe“")).to_be_visible()
    session.check(page)

    page.goto(f"/weiterleitung/meldung/{report.pk}/")
    session.check(page)
    page.get_by_label("Nachricht an den Partner (optional)").fill("Bitte abends vorbeischauen.")
    page.get_by_role("button", name="Weiterleiten").click()
    expect(page.get_by_text("weitergeleitet (Frist").first).to_be_visible()
    session.check(page)
    assert mail.outbox[-1].to == ["kod@krefeld.example.org"]

    # One overdue and one failed forwarding, so the lists show rows.
    late = submit(helper, "abfall-wilder-muell")
    Forwarding.objects.filter(report=late).update(due_date=dt.date(2026, 1, 2))
    failed = submit(helper, "strasse-schlagloch")
    Forwarding.objects.filter(report=failed).update(
        status=ForwardingStatus.FAILED, attempts=5, last_error="SMTPServerDisconnected"
    )
    page.goto(f"/weiterleitung/meldung/{failed.pk}/")
    expect(page.get_by_role("alert")).to_contain_text("SMTPServerDisconnected")
    session.check(page)

    page.goto(f"/weiterleitung/regeln/{report.forwardings.get().rule_id}/")
    session.check(page)
    page.goto("/weiterleitung/partner/neu/")
    session.check(page)
    for url, heading in [
        ("/weiterleitung/ueberfaellig/", "Überfällig"),
        ("/weiterleitung/fehlgeschlagen/", "Fehlgeschlagene Zustellungen"),
        ("/weiterleitung/benachrichtigungen/", "Benachrichtigungen"),
    ]:
        page.goto(url)
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        session.check(page)
    page.goto("/weiterleitung/fehlgeschlagen/")
    row = page.get_by_role("row").filter(has_text=f"Meldung {failed.pk}: Schlagloch")
    row.get_by_role("button", name="Erneut senden").click()
    expect(page.get_by_text("Die Zustellung wird erneut versucht.")).to_be_visible()
    assert Forwarding.objects.get(report=failed).status == ForwardingStatus.SENT
