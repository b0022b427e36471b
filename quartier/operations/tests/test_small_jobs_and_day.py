import io

import pytest
from django.utils import timezone
from PIL import Image

from quartier.core.models import AuditEntry
from quartier.core.photos import clean_photo
from quartier.operations import actions, queries
from quartier.operations.actions import OperationsError
from quartier.operations.models import DutyDay, JobKind, PhotoStage
from quartier.operations.tests.factories import dumping_report, weekly
from quartier.reports.actions import record_status
from quartier.reports.models import ReportStatus

pytestmark = pytest.mark.django_db


def jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(buffer, "JPEG")
    return buffer.getvalue()


def test_small_job_with_photos_is_logged_and_audited(helper, quarter):
    photo = clean_photo(jpeg())
    job = actions.log_small_job(
        helper=helper,
        kind=JobKind.LITTER,
        quarter=quarter,
        place="Spielplatz",
        bags=3,
        residents_joined=2,
        photos=[(PhotoStage.BEFORE, photo), (PhotoStage.AFTER, photo)],
    )
    assert job.is_done and job.done_by == helper and job.bags == 3
    assert [p.stage for p in job.photos.all()] == ["after", "before"]
    assert AuditEntry.objects.filter(action="small_job.log", object_id=str(job.pk)).exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("bags", 10_000, "10000 Säcke"),
        ("area_m2", 90_000, "m²"),
        ("residents_joined", 5000, "Bewohner"),
    ],
)
def test_implausible_amounts_are_refused(helper, quarter, field, value, message):
    with pytest.raises(OperationsError, match=message) as error:
        actions.log_small_job(
            helper=helper, kind=JobKind.LITTER, quarter=quarter, place="x", **{field: value}
        )
    assert error.value.field == field


def test_planned_job_appears_in_the_helpers_day_until_done(coordinator, helper, quarter):
    today = timezone.localdate()
    job = actions.plan_small_job(
        actor=coordinator,
        kind=JobKind.CLEAN_UP,
        quarter=quarter,
        place="Hardenbergplatz",
        planned_for=today,
        assignees=[helper],
    )
    assert queries.my_day(helper)["jobs"] == [job]
    actions.complete_small_job(helper=helper, job=job, bags=12, residents_joined=7)
    assert queries.my_day(helper)["jobs"] == []
    with pytest.raises(OperationsError, match="schon"):
        actions.complete_small_job(helper=helper, job=job)


def test_plan_needs_someone_active(coordinator, outsider, quarter):
    with pytest.raises(OperationsError, match="mindestens"):
        actions.plan_small_job(
            actor=coordinator,
            kind=JobKind.PLANTS,
            quarter=quarter,
            place="x",
            planned_for=timezone.localdate(),
            assignees=[],
        )
    with pytest.raises(OperationsError, match="Deaktivierte"):
        actions.plan_small_job(
            actor=coordinator,
            kind=JobKind.PLANTS,
            quarter=quarter,
            place="x",
            planned_for=timezone.localdate(),
            assignees=[outsider],
        )


def test_duty_start_and_end_hold_times_only(helper, quarter, coordinator):
    duty = actions.start_duty(helper=helper)
    assert actions.start_duty(helper=helper).pk == duty.pk  # a second tap changes nothing
    actions.end_duty(helper=helper)
    duty.refresh_from_db()
    assert duty.ended_at is not None
    fields = {f.name for f in DutyDay._meta.get_fields()}
    assert not fields & {"latitude", "longitude", "location", "place"}
    weekly(coordinator, helper, quarter, weekdays=range(7))
    today = timezone.localdate()
    row = next(r for r in queries.presence(today, [quarter]) if r["quarter"] == quarter)
    if queries.rota.public_holiday(today) is None:
        assert (row["planned"], row["present"]) == (1, 1)


def test_end_without_start_is_explained(helper):
    with pytest.raises(OperationsError, match="noch nicht begonnen"):
        actions.end_duty(helper=helper)


def test_result_check_reopens_when_not_done(helper, quarter):
    report = dumping_report(helper, 51.3181, 6.5676)
    record_status(report=report, status=ReportStatus.RESOLVED, actor_label="GSAK (Partnerlink)")
    assert queries.my_day(helper)["to_check"] == [report]
    actions.check_result(
        actor=helper, report=report, is_done=False, note="liegt noch da", photo=clean_photo(jpeg())
    )
    report.refresh_from_db()
    assert report.status == ReportStatus.REOPENED
    assert queries.my_day(helper)["to_check"] == []
    with pytest.raises(OperationsError):
        actions.check_result(actor=helper, report=report, is_done=True)


def forwarded(report, coordinator, **when):
    from quartier.routing.actions import forward_report
    from quartier.routing.models import Authority

    authority, _created = Authority.objects.get_or_create(
        name="GSAK (Test)", defaults={"emails": "gsak@example.org"}
    )
    return forward_report(report=report, authority=authority, actor=coordinator, **when)


def test_day_shows_partner_answers_since_yesterday(helper, coordinator, quarter):
    from quartier.routing.models import PartnerAnswer

    report = dumping_report(helper, 51.3181, 6.5676)
    forwarding = forwarded(report, coordinator)
    PartnerAnswer.objects.create(forwarding=forwarding, kind="acknowledged")
    assert [a.forwarding_id for a in queries.my_day(helper)["answers"]] == [forwarding.pk]


def test_job_totals_for_statistics(helper, quarter):
    for bags in (2, 3):
        actions.log_small_job(helper=helper, kind=JobKind.LITTER, quarter=quarter, place="x",
                              bags=bags, residents_joined=1)  # fmt: skip
    today = timezone.localdate()
    assert queries.small_job_totals(today, today) == [
        {"quarter__name": quarter.name, "kind": "litter", "jobs": 2, "bags": 5, "area_m2": 0,
         "residents": 2}
    ]  # fmt: skip


def test_coordinator_start_page_counts_rota_conflicts(client_for, coordinator, helper, quarter):
    response = client_for(coordinator).get("/")
    assert "Konflikte im Einsatzplan (diese Woche)" in response.content.decode()
