import datetime as dt

import pytest
from django.core import mail

from quartier.operations import actions, agenda
from quartier.operations.actions import OperationsError
from quartier.operations.models import Hotspot, ItemKind
from quartier.operations.tests.factories import dumping_report
from quartier.operations.tests.test_hotspots import NEAR
from quartier.reports.models import ReportCategory

pytestmark = pytest.mark.django_db

THIS_WEEK = dt.date(2026, 11, 18)
NEXT_WEEK = dt.date(2026, 11, 25)


def test_agenda_builds_itself_and_carries_open_action_items(coordinator, helper, quarter):
    flagged = dumping_report(helper, 51.3181, 6.5676, address="Hardenbergstraße 12")
    actions.flag_report_for_meeting(actor=helper, report=flagged)
    derelict = dumping_report(helper, 51.3175, 6.5690, code="problemimmobilie")
    actions.set_hotspot_rule(
        actor=coordinator,
        category=ReportCategory.objects.get(code="abfall-wilder-muell"),
        min_reports=3,
        radius_m=30,
        window_days=60,
    )
    for lat, lon in NEAR[1:]:
        dumping_report(helper, lat, lon)
    actions.detect_hotspots()  # the scheduled job; the hook may have been first
    hotspot = Hotspot.objects.get()

    meeting = actions.create_meeting(actor=coordinator, held_on=THIS_WEEK, place="Rathaus")
    kinds = {(i.kind, i.source_key) for i in meeting.items.all()}
    assert (ItemKind.REPORT, f"report:{flagged.pk}") in kinds
    assert (ItemKind.DERELICT, f"report:{derelict.pk}") in kinds
    assert (ItemKind.HOTSPOT, f"hotspot:{hotspot.pk}") in kinds
    assert actions.build_agenda(actor=coordinator, meeting=meeting) == []  # idempotent

    item = meeting.items.get(source_key=f"hotspot:{hotspot.pk}")
    actions.record_minutes(actor=coordinator, item=item, notes="seit Wochen", decision="Schild")
    done = actions.add_action_item(
        actor=coordinator,
        meeting=meeting,
        agenda_item=item,
        text="Schild bestellen",
        owner=coordinator,
        due_on=NEXT_WEEK,
    )
    still_open = actions.add_action_item(
        actor=coordinator, meeting=meeting, text="GSAK anrufen", owner=helper, due_on=NEXT_WEEK
    )
    actions.complete_action_item(actor=coordinator, action=done)

    following = actions.create_meeting(actor=coordinator, held_on=NEXT_WEEK)
    keys = [i.source_key for i in following.items.all()]
    assert keys == [f"action:{still_open.pk}"]  # discussed items do not come back


def test_action_item_needs_owner_and_date(coordinator):
    meeting = actions.create_meeting(actor=coordinator, held_on=THIS_WEEK)
    with pytest.raises(OperationsError, match="verantwortliche") as error:
        actions.add_action_item(
            actor=coordinator, meeting=meeting, text="x", owner=None, due_on=NEXT_WEEK
        )
    assert error.value.field == "owner"
    with pytest.raises(OperationsError, match="Fälligkeitsdatum"):
        actions.add_action_item(
            actor=coordinator, meeting=meeting, text="x", owner=coordinator, due_on=None
        )


def test_removed_report_shows_as_removed(coordinator, helper):
    report = dumping_report(helper, 51.3181, 6.5676)
    actions.flag_report_for_meeting(actor=helper, report=report)
    meeting = actions.create_meeting(actor=coordinator, held_on=THIS_WEEK)
    key = f"report:{report.pk}"
    report.delete()  # as retention would
    items = list(meeting.items.all())
    assert agenda.removed_keys(items) == {key}


def test_help_requests_come_pseudonymised_and_disappear_when_erased(coordinator, helper, quarter):
    from quartier.residents import actions as resident_actions
    from quartier.residents.models import HelpRequest, Resident

    resident = Resident.objects.create(
        display_name="Erika Mustermann",
        quarter=quarter,
        created_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        last_contact_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
    )
    help_request = HelpRequest.objects.create(resident=resident, kind="shopping", due_on=THIS_WEEK)
    resident_actions.flag_help_request_for_meeting(actor=helper, help_request=help_request)
    meeting = actions.create_meeting(actor=coordinator, held_on=THIS_WEEK)
    (item,) = meeting.items.filter(kind="help_request")
    assert item.title == f"Hilfeanfrage H-{help_request.pk}: Einkaufen, Hardenbergviertel"
    assert "Erika" not in item.title and "Mustermann" not in item.title
    help_request.delete()
    assert agenda.removed_keys([item]) == {item.source_key}


def test_minutes_mail_goes_to_externals_without_personal_data(
    coordinator, helper, django_capture_on_commit_callbacks
):
    report = dumping_report(helper, 51.3181, 6.5676, address="Hardenbergstraße 12")
    actions.flag_report_for_meeting(actor=helper, report=report)
    meeting = actions.create_meeting(actor=coordinator, held_on=THIS_WEEK)
    actions.add_participant(actor=coordinator, meeting=meeting, user=coordinator)
    actions.add_participant(
        actor=coordinator,
        meeting=meeting,
        organisation="Seniorenhilfe",
        name="Frau Extern",
        email="senioren@example.org",
    )
    item = meeting.items.get()
    actions.record_minutes(
        actor=coordinator,
        item=item,
        notes="Herr Nachbar sagt ...",
        decision="GSAK räumt bis Freitag",
    )
    actions.add_action_item(
        actor=coordinator,
        meeting=meeting,
        agenda_item=item,
        text="Nachfragen",
        owner=helper,
        due_on=NEXT_WEEK,
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert actions.send_minutes(actor=coordinator, meeting=meeting) == 1
    (message,) = mail.outbox
    assert message.bcc == ["senioren@example.org"] and message.to == []
    assert "GSAK räumt bis Freitag" in message.body
    for private in ("Herr Nachbar", "Hanna", helper.get_username(), "koordination@"):
        assert private not in message.body
    assert message.attachments[0][2] == "application/pdf"


def test_helper_flags_a_help_request_from_her_day(client_for, coordinator, helper, quarter):
    from quartier.residents.models import HelpRequest, Resident

    resident = Resident.objects.create(
        display_name="Erika Mustermann", quarter=quarter,
        created_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        last_contact_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
    )  # fmt: skip
    help_request = HelpRequest.objects.create(resident=resident, kind="shopping", due_on=THIS_WEEK)
    help_request.helpers.set([helper])
    response = client_for(helper).post(f"/bewohner/hilfe/{help_request.pk}/fachaustausch/")
    assert response.status_code == 302
    meeting = actions.create_meeting(actor=coordinator, held_on=THIS_WEEK)
    assert [i.title for i in meeting.items.all()] == [
        f"Hilfeanfrage H-{help_request.pk}: Einkaufen, Hardenbergviertel"
    ]
    page = client_for(coordinator).get(f"/einsatz/fachaustausch/{meeting.pk}/").content.decode()
    assert f"H-{help_request.pk}" in page and "Mustermann" not in page


def test_forwardings_overdue_by_more_than_n_days_go_on_the_agenda(settings, coordinator, helper):
    from quartier.operations.tests.test_small_jobs_and_day import forwarded

    settings.MEETING_OVERDUE_DAYS = 7
    today = dt.date.today()
    late = forwarded(dumping_report(helper, 51.3181, 6.5676), coordinator,
                     today=today - dt.timedelta(days=40))  # fmt: skip
    recent = forwarded(dumping_report(helper, 51.3170, 6.5700), coordinator, today=today)
    meeting = actions.create_meeting(actor=coordinator, held_on=today)
    keys = set(meeting.items.values_list("source_key", flat=True))
    assert f"forwarding:{late.pk}" in keys and f"forwarding:{recent.pk}" not in keys
    (item,) = meeting.items.filter(kind="forwarding")
    assert "überfällig seit" in item.title and "GSAK (Test)" in item.title


def test_removed_report_is_shown_as_removed_on_the_page_and_in_the_minutes(
    client_for, coordinator, helper
):
    report = dumping_report(helper, 51.3181, 6.5676, address="Hardenbergstraße 12")
    actions.flag_report_for_meeting(actor=helper, report=report)
    meeting = actions.create_meeting(actor=coordinator, held_on=THIS_WEEK)
    report.delete()  # as retention would
    client = client_for(coordinator)
    page = client.get(f"/einsatz/fachaustausch/{meeting.pk}/").content.decode()
    assert "entfernt" in page and "Hardenbergstraße 12" not in page
    assert client.get(f"/einsatz/fachaustausch/{meeting.pk}/protokoll.pdf").status_code == 200
