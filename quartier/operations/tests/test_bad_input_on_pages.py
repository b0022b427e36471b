"""Bad input on the pages gives a German message next to the field, never a 500."""

import datetime as dt

import pytest

from quartier.operations.models import ActionItem, SmallJob
from quartier.operations.tests.factories import weekly

pytestmark = pytest.mark.django_db


def test_ten_thousand_bags(client_for, helper, quarter):
    response = client_for(helper).post(
        "/einsatz/erledigt/",
        {
            "kind": "litter",
            "quarter": quarter.pk,
            "place": "Park",
            "bags": "10000",
            "residents_joined": "0",
        },
    )
    assert response.status_code == 200
    assert "10000 Säcke bei einem Einsatz? Bitte prüfen" in response.content.decode()
    assert 'id="id_bags_error"' in response.content.decode()
    assert not SmallJob.objects.exists()


def test_not_a_photo(client_for, helper, quarter):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client_for(helper).post(
        "/einsatz/erledigt/",
        {
            "kind": "litter",
            "quarter": quarter.pk,
            "place": "Park",
            "residents_joined": "0",
            "photo_after": SimpleUploadedFile("x.jpg", b"not an image", "image/jpeg"),
        },
    )
    assert response.status_code == 200 and not SmallJob.objects.exists()
    assert 'id="id_photo_after_error"' in response.content.decode()


def test_overlapping_shift_on_the_week_page(client_for, coordinator, helper, quarter):
    weekly(coordinator, helper, quarter, weekdays=[0])
    response = client_for(coordinator).post(
        "/einsatz/plan/dienst/neu/",
        {
            "pattern-helper": helper.pk,
            "pattern-weekday": "0",
            "pattern-quarter": quarter.pk,
            "pattern-starts_at": "12:00",
            "pattern-ends_at": "18:00",
            "pattern-valid_from": "2026-11-16",
            "woche": "2026-11-16",
        },
    )
    assert response.status_code == 400
    assert "Überschneidet sich mit einem Dienst 08:00–16:00" in response.content.decode()


def test_shift_for_a_deactivated_helper(client_for, coordinator, helper, quarter):
    helper.is_active = False
    helper.save()
    response = client_for(coordinator).post(
        "/einsatz/plan/abweichung/neu/",
        {
            "exception-helper": helper.pk,
            "exception-day": "2026-11-18",
            "exception-kind": "extra",
            "exception-quarter": quarter.pk,
            "exception-starts_at": "08:00",
            "exception-ends_at": "12:00",
        },
    )
    assert response.status_code == 400
    assert "deaktiviert" in response.content.decode()


def test_action_item_without_owner_or_date(client_for, coordinator, helper):
    from quartier.operations import actions

    meeting = actions.create_meeting(actor=coordinator, held_on=dt.date(2026, 11, 18))
    item = actions.add_agenda_item(actor=coordinator, meeting=meeting, title="Sauberkeit")
    url = f"/einsatz/fachaustausch/{meeting.pk}/punkt/{item.pk}/aufgabe/"
    response = client_for(coordinator).post(url, {f"action{item.pk}-text": "Anrufen"})
    assert response.status_code == 400
    assert "Bitte eine verantwortliche Person wählen." in response.content.decode()
    response = client_for(coordinator).post(
        url, {f"action{item.pk}-text": "Anrufen", f"action{item.pk}-owner": helper.pk}
    )
    assert "Bitte ein Fälligkeitsdatum angeben." in response.content.decode()
    assert not ActionItem.objects.exists()


def test_garbage_week_parameter_falls_back_to_this_week(client_for, coordinator):
    assert client_for(coordinator).get("/einsatz/plan/?woche=gestern").status_code == 200
    assert client_for(coordinator).get("/einsatz/plan/monat/?monat=13-2026").status_code == 200
    assert client_for(coordinator).get("/einsatz/anwesenheit/?tag=x").status_code == 200
