import datetime as dt
import zoneinfo

from quartier.core.schedule import PeriodicJob

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def at(day, hour, minute=0):
    return dt.datetime(2026, 11, day, hour, minute, tzinfo=BERLIN)


def test_interval_job_is_due_after_its_interval():
    job = PeriodicJob("x", "a.b", every=dt.timedelta(minutes=15))
    assert job.is_due(None, at(24, 9))
    assert not job.is_due(at(24, 9), at(24, 9, 14))
    assert job.is_due(at(24, 9), at(24, 9, 15))


def test_daily_job_runs_once_per_day_after_its_time():
    job = PeriodicJob("x", "a.b", at=dt.time(3, 0))
    assert not job.is_due(None, at(24, 9))  # a fresh install waits for the next slot
    assert not job.is_due(at(24, 3, 1), at(24, 23))
    assert job.is_due(at(24, 3, 1), at(25, 3, 0))
    # A worker that was down overnight catches up once.
    assert job.is_due(at(22, 3, 0), at(24, 9))


def test_weekly_job_runs_on_its_weekday():
    job = PeriodicJob("x", "a.b", at=dt.time(7, 0), weekday=0)  # Monday 07:00
    # 2026-11-23 is a Monday; 2026-11-30 the next.
    assert job.last_slot(at(24, 9)) == at(23, 7)
    assert not job.is_due(at(23, 7, 0), at(29, 23))
    assert job.is_due(at(23, 7, 0), at(30, 7, 0))


def test_two_workers_starting_together_on_a_new_installation_do_not_fail(db, monkeypatch):
    """Both find no row for a job and both create it: the second one's insert fails on the
    unique name. It must leave the job to the first instead of stopping the worker."""
    from quartier.core import schedule
    from quartier.core.models import ScheduledJobRun

    earlier = dt.datetime(2026, 11, 1, 3, 0, tzinfo=BERLIN)
    ScheduledJobRun.objects.bulk_create(  # what the other worker has just committed
        ScheduledJobRun(name=job.name, last_enqueued_at=earlier) for job in schedule.jobs()
    )
    # ... after this worker looked and found nothing.
    monkeypatch.setattr(
        ScheduledJobRun.objects, "select_for_update", lambda: ScheduledJobRun.objects.none()
    )
    assert schedule.enqueue_due_jobs() == []
    assert set(ScheduledJobRun.objects.values_list("last_enqueued_at", flat=True)) == {earlier}
