"""Every operations page for every role (and anonymous), with guessed ids."""

import datetime as dt

import pytest
from django.utils import timezone

from quartier.core.photos import clean_photo
from quartier.operations import actions
from quartier.operations.models import ExceptionKind, JobKind, PhotoStage
from quartier.operations.tests.factories import dumping_report, t, weekly
from quartier.operations.tests.test_small_jobs_and_day import jpeg

PERSONAS = ["helper", "other_helper", "coordinator", "privacy_officer", "admin_user", None]
HELPERS = {"helper", "other_helper"}
TEAM = {"coordinator"}
DAY = HELPERS | TEAM
REPORT_STAFF = {"coordinator", "admin_user"}


@pytest.fixture
def world(coordinator, helper, quarter):
    report = dumping_report(helper, 51.3181, 6.5676)
    job = actions.plan_small_job(
        actor=coordinator,
        kind=JobKind.CLEAN_UP,
        quarter=quarter,
        place="x",
        planned_for=timezone.localdate(),
        assignees=[helper],
    )
    done = actions.log_small_job(
        helper=helper,
        kind=JobKind.LITTER,
        quarter=quarter,
        place="y",
        photos=[(PhotoStage.AFTER, clean_photo(jpeg()))],
    )
    pattern = weekly(coordinator, helper, quarter, weekdays=[0])[0]
    exception = actions.add_shift_exception(
        actor=coordinator,
        helper=helper,
        day=dt.date(2026, 11, 17),
        kind=ExceptionKind.EXTRA,
        quarter=quarter,
        starts_at=t("08:00"),
        ends_at=t("12:00"),
    )
    actions.flag_report_for_meeting(actor=helper, report=report)
    meeting = actions.create_meeting(actor=coordinator, held_on=dt.date(2026, 11, 18))
    item = meeting.items.get()
    action = actions.add_action_item(
        actor=coordinator,
        meeting=meeting,
        text="x",
        owner=coordinator,
        due_on=dt.date(2026, 11, 25),
    )
    from quartier.operations.models import Hotspot

    hotspot = Hotspot.objects.create(
        category=report.category, latitude=51.3, longitude=6.5, radius_m=30
    )
    return {
        "report": report.pk,
        "job": job.pk,
        "photo": done.photos.get().pk,
        "pattern": pattern.pk,
        "exception": exception.pk,
        "meeting": meeting.pk,
        "item": item.pk,
        "action": action.pk,
        "hotspot": hotspot.pk,
        "base": quarter.bases.first().pk,
    }


def urls(w):
    m = w["meeting"]
    return [
        # (method, url, personas allowed)
        ("get", "/einsatz/mein-tag/", DAY),
        ("post", "/einsatz/dienst/beginn/", DAY),
        ("post", "/einsatz/dienst/ende/", DAY),
        ("post", f"/einsatz/nachkontrolle/{w['report']}/", {"helper", "coordinator"}),
        ("post", f"/einsatz/meldung/{w['report']}/fachaustausch/", {"helper", "coordinator"}),
        ("get", "/einsatz/erledigt/", DAY),
        ("get", f"/einsatz/einsaetze/{w['job']}/erledigt/", {"helper", "coordinator"}),
        ("get", f"/einsatz/einsaetze/fotos/{w['photo']}/", {"helper", "coordinator"}),
        ("get", "/einsatz/einsaetze/", TEAM),
        ("get", "/einsatz/plan/", TEAM),
        ("get", "/einsatz/plan/monat/", TEAM),
        ("post", "/einsatz/plan/dienst/neu/", TEAM),
        ("post", "/einsatz/plan/abweichung/neu/", TEAM),
        ("get", f"/einsatz/plan/stuetzpunkt/{w['base']}.pdf", TEAM),
        ("get", "/einsatz/anwesenheit/", TEAM),
        ("get", "/einsatz/kalender/", HELPERS),
        ("post", "/einsatz/kalender/neu/", HELPERS),
        ("post", "/einsatz/kalender/sperren/", HELPERS),
        ("get", "/einsatz/hotspots/", REPORT_STAFF),
        ("get", f"/einsatz/hotspots/{w['hotspot']}/", REPORT_STAFF),
        ("get", "/einsatz/fachaustausch/", TEAM),
        ("get", f"/einsatz/fachaustausch/{m}/", TEAM),
        ("post", f"/einsatz/fachaustausch/{m}/aktualisieren/", TEAM),
        ("post", f"/einsatz/fachaustausch/{m}/teilnahme/", TEAM),
        ("post", f"/einsatz/fachaustausch/{m}/thema/", TEAM),
        ("post", f"/einsatz/fachaustausch/{m}/punkt/{w['item']}/protokoll/", TEAM),
        ("post", f"/einsatz/fachaustausch/{m}/punkt/{w['item']}/aufgabe/", TEAM),
        ("get", f"/einsatz/fachaustausch/{m}/protokoll.pdf", TEAM),
        ("post", f"/einsatz/fachaustausch/{m}/versenden/", TEAM),
        # Writes that change state go last.
        ("post", f"/einsatz/aufgaben/{w['action']}/erledigt/", TEAM),
        ("post", f"/einsatz/hotspots/{w['hotspot']}/erledigt/", REPORT_STAFF),
        ("post", f"/einsatz/plan/abweichung/{w['exception']}/loeschen/", TEAM),
        ("post", f"/einsatz/plan/dienst/{w['pattern']}/beenden/", TEAM),
    ]


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_role_on_every_operations_page(request, client_for, persona, world):
    user = request.getfixturevalue(persona) if persona else None
    client = client_for(user)
    for method, url, allowed in urls(world):
        response = getattr(client, method)(url)
        where = f"{persona} {method} {url}: {response.status_code}"
        if user is None:
            assert response.status_code == 302 and "/accounts/login/" in response["Location"], where
        elif persona in allowed:
            assert response.status_code in (200, 302, 400), where
        else:
            assert response.status_code in (403, 404), where


def test_guessed_ids_give_404(client_for, coordinator, helper, db):
    staff, own = client_for(coordinator), client_for(helper)
    assert staff.get("/einsatz/fachaustausch/999999/").status_code == 404
    assert staff.get("/einsatz/hotspots/999999/").status_code == 404
    assert own.get("/einsatz/einsaetze/999999/erledigt/").status_code == 404
    assert own.post("/einsatz/aufgaben/999999/erledigt/").status_code == 404
