import datetime as dt

import pytest
from django.utils import timezone

from quartier.core.models import AuditEntry
from quartier.residents import actions
from quartier.residents.models import HelpCompletion, HelpStatus


@pytest.fixture
def today(monkeypatch):
    day = dt.date(2026, 11, 24)
    moment = timezone.make_aware(dt.datetime(2026, 11, 24, 9, 0))
    monkeypatch.setattr(timezone, "now", lambda: moment)
    return day


def test_recurring_help_request_appears_in_the_helpers_day(
    client_for, helper, other_helper, help_request, today, django_assert_max_num_queries
):
    client = client_for(helper)
    with django_assert_max_num_queries(12):
        response = client.get("/einsatz/mein-tag/")
    assert "Frau Becker" in response.content.decode()
    assert "Einkaufen" in response.content.decode()
    other = client_for(other_helper).get("/einsatz/mein-tag/").content.decode()
    assert "Frau Becker" not in other
    assert AuditEntry.objects.filter(action="help_request.list", actor=helper).exists()


def test_the_start_page_shows_todays_help(client_for, helper, help_request, today):
    assert "Frau Becker" in client_for(helper).get("/").content.decode()


def test_one_tap_completion_moves_a_weekly_request_to_next_week(
    client_for, helper, help_request, today
):
    response = client_for(helper).post(
        f"/bewohner/hilfe/{help_request.pk}/erledigt/", {"next": "/einsatz/mein-tag/"}
    )
    assert response.status_code == 302
    help_request.refresh_from_db()
    assert help_request.due_on == dt.date(2026, 12, 1)
    assert help_request.status == HelpStatus.OPEN
    assert HelpCompletion.objects.get().done_on == dt.date(2026, 11, 24)


def test_one_off_request_is_done_after_completion(helper, resident, today):
    one_off = actions.create_help_request(
        actor=helper, resident=resident, kind="lost_item", due_on=today
    )
    actions.complete_help_request(actor=helper, help_request=one_off, note="Schlüssel gefunden")
    one_off.refresh_from_db()
    assert one_off.status == HelpStatus.DONE


def test_health_note_is_blocked_without_written_consent(client_for, helper, help_request, today):
    response = client_for(helper).post(
        f"/bewohner/hilfe/{help_request.pk}/erledigt/",
        {"note": "hat Schmerzen im Knie"},
        follow=True,
    )
    assert "schriftlicher Einwilligung" in response.content.decode()
    assert not HelpCompletion.objects.exists()
    with pytest.raises(actions.ResidentDataError):
        actions.complete_help_request(
            actor=helper, help_request=help_request, note="", about_health=True
        )


def test_completion_of_a_foreign_request_is_404(client_for, other_helper, help_request):
    response = client_for(other_helper).post(f"/bewohner/hilfe/{help_request.pk}/erledigt/")
    assert response.status_code == 404
    assert not HelpCompletion.objects.exists()


def test_open_redirect_is_refused(client_for, helper, help_request, today):
    response = client_for(helper).post(
        f"/bewohner/hilfe/{help_request.pk}/erledigt/", {"next": "https://evil.example/"}
    )
    assert response["Location"] == "/einsatz/mein-tag/"


def test_monthly_recurrence_handles_short_months():
    assert actions.next_due(dt.date(2026, 1, 31), "monthly") == dt.date(2026, 2, 28)
    assert actions.next_due(dt.date(2026, 12, 15), "monthly") == dt.date(2027, 1, 15)
    assert actions.next_due(dt.date(2026, 12, 15), "once") is None


def test_help_request_can_be_assigned_to_a_colleague_of_the_quarter(
    client_for, helper, resident, quarter, today
):
    from quartier.accounts.models import Role
    from testkit.personas import make_user

    colleague = make_user("kollegin", Role.HELPER, [quarter])
    response = client_for(helper).post(
        f"/bewohner/personen/{resident.pk}/hilfe/",
        {
            "kind": "accompany",
            "recurrence": "once",
            "due_on": "2026-11-24",
            "helpers": [colleague.pk],
        },
    )
    assert response.status_code == 302
    assert "Frau Becker" in client_for(colleague).get("/einsatz/mein-tag/").content.decode()
    assert (
        "Frau Becker"
        in client_for(colleague).get(f"/bewohner/personen/{resident.pk}/").content.decode()
    )


def test_help_request_cannot_be_assigned_to_a_helper_of_another_quarter(
    client_for, helper, other_helper, resident
):
    response = client_for(helper).post(
        f"/bewohner/personen/{resident.pk}/hilfe/",
        {
            "kind": "accompany",
            "recurrence": "once",
            "due_on": "2026-11-24",
            "helpers": [other_helper.pk],
        },
    )
    assert response.status_code == 200
    assert not resident.help_requests.exists()


def test_ended_help_request_leaves_the_day(client_for, helper, help_request, today):
    client = client_for(helper)
    client.post(f"/bewohner/hilfe/{help_request.pk}/beenden/", {"confirm": "1"})
    help_request.refresh_from_db()
    assert help_request.status == HelpStatus.CANCELLED
    assert "Frau Becker" not in client.get("/einsatz/mein-tag/").content.decode()


@pytest.mark.parametrize(
    ("note", "health"),
    [
        ("Tabletten aus der Apotheke geholt", True),
        ("war beim Arzt", True),
        ("Herzliche Grüße an die Tochter", False),
        ("Brot und Milch, alles da", False),
    ],
)
def test_health_notes_are_recognised(note, health):
    assert actions.looks_like_health(note) is health
