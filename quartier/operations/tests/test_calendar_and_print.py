import datetime as dt
import subprocess

import pytest
from icalendar import Calendar

from quartier.core.tests.tagged_pdf import assert_accessible_pdf
from quartier.directory.tests.pdf import pdf_text
from quartier.operations import actions
from quartier.operations.access import feed_token
from quartier.operations.models import CalendarFeed
from quartier.operations.tests.factories import MONDAY, dumping_report, weekly

pytestmark = pytest.mark.django_db


def pdf_info(content: bytes, tmp_path) -> str:
    path = tmp_path / "info.pdf"
    path.write_bytes(content)
    return subprocess.run(  # noqa: S603
        ["pdfinfo", str(path)],  # noqa: S607
        capture_output=True,
        check=True,
        text=True,  # noqa: S607
    ).stdout


def feed_url(client) -> str:
    client.post("/einsatz/kalender/neu/")
    feed = CalendarFeed.objects.get()
    return f"/einsatz/kalender/{feed_token(feed)}.ics"


def test_calendar_feed_is_read_by_an_icalendar_library(client_for, coordinator, helper, quarter):
    weekly(coordinator, helper, quarter, base=quarter.bases.first())
    url = feed_url(client_for(helper))
    response = client_for(None).get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    assert len(events) >= 5 * 8  # ten weeks, minus public holidays
    first = events[0]
    assert str(first["SUMMARY"]) == "Dienst Hardenbergviertel"
    assert "Jugendzentrum SpieDie" in str(first["LOCATION"])
    start = first.decoded("DTSTART")
    assert start.hour == 8 and str(start.tzinfo) == "Europe/Berlin"
    assert len({str(e["UID"]) for e in events}) == len(events)


def test_guessed_renewed_and_revoked_links_are_refused(client_for, helper, other_helper):
    client = client_for(helper)
    old = feed_url(client)
    anonymous = client_for(None)
    assert anonymous.get(old).status_code == 200
    forged = f"/einsatz/kalender/{other_helper.pk}-{'0' * 32}:abc.ics"
    assert anonymous.get(forged).status_code == 404
    assert anonymous.get(old.replace(f"/{helper.pk}-", f"/{other_helper.pk}-")).status_code == 404
    client.post("/einsatz/kalender/neu/")
    assert anonymous.get(old).status_code == 404
    new = f"/einsatz/kalender/{feed_token(CalendarFeed.objects.get())}.ics"
    assert anonymous.get(new).status_code == 200
    client.post("/einsatz/kalender/sperren/")
    assert anonymous.get(new).status_code == 404


def test_deactivated_helper_has_no_feed(client_for, helper):
    url = feed_url(client_for(helper))
    helper.is_active = False
    helper.save()
    assert client_for(None).get(url).status_code == 404


def test_printed_rota_per_base(client_for, coordinator, helper, quarter, tmp_path):
    base = quarter.bases.first()
    weekly(coordinator, helper, quarter, base=base)
    response = client_for(coordinator).get(
        f"/einsatz/plan/stuetzpunkt/{base.pk}.pdf?woche={MONDAY:%Y-%m-%d}"
    )
    assert response["Content-Type"] == "application/pdf"
    pdf = assert_accessible_pdf(response.content, lang="de", title=f"Einsatzplan {base.name}")
    assert "Table" in pdf.roles()
    assert "Tagged:          yes" in pdf_info(response.content, tmp_path)  # PDF/UA-1
    text = pdf_text(response.content, tmp_path)
    assert f"Einsatzplan {base.name}" in text
    assert "Hanna" in text and "08:00–16:00" in text and "Woche vom 16.11.2026" in text


def test_printed_minutes_internal_and_external(client_for, coordinator, helper, tmp_path):
    report = dumping_report(helper, 51.3181, 6.5676, address="Hardenbergstraße 12")
    actions.flag_report_for_meeting(actor=helper, report=report)
    meeting = actions.create_meeting(actor=coordinator, held_on=dt.date(2026, 11, 18))
    item = meeting.items.get()
    actions.record_minutes(
        actor=coordinator, item=item, notes="Nachbar Herr K. sagt", decision="GSAK räumt"
    )
    actions.add_action_item(
        actor=coordinator,
        meeting=meeting,
        agenda_item=item,
        text="Nachfragen",
        owner=helper,
        due_on=dt.date(2026, 11, 25),
    )
    client = client_for(coordinator)
    internal = pdf_text(
        client.get(f"/einsatz/fachaustausch/{meeting.pk}/protokoll.pdf").content, tmp_path
    )
    assert "Fachaustausch 18.11.2026" in internal and "Nachbar Herr K." in internal
    assert "Hanna" in internal and "GSAK räumt" in internal
    external = pdf_text(
        client.get(f"/einsatz/fachaustausch/{meeting.pk}/protokoll.pdf?extern=1").content, tmp_path
    )
    assert "GSAK räumt" in external and "Nachfragen" in external
    assert "Herr K." not in external and "Hanna" not in external
