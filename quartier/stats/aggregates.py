"""Monthly aggregates: the counts behind every statistic, kept up to date month by month.

A year of a million reports and a million contacts takes tens of seconds to count from the
rows (docs/benchmarks.md); the same year read from these tables takes milliseconds. Periods
are whole calendar months (`periods.py`), so a month is the finest grain any figure needs.

How they stay right (ADR "statistics-aggregates"):

* Every save or delete of a row that a statistic counts marks its month of that subject as
  stale (`StaleMonth`), in the same transaction as the change (receivers in `receivers.py`).
  A report's change also marks its forwardings' months: their quarter and the superseding
  of old forwardings (a queryset update) go with the report's status change.
* `fold()` counts every stale month again from the rows (delete and insert in one
  transaction) and removes the marks it saw; a change committed meanwhile keeps its own
  mark and is counted in the next round. Reads
  call it first; the worker calls it every minute. A month is a few hundred milliseconds at
  the benchmark's volume, a few milliseconds at Krefeld's.
* Writes that bypass the model (bulk loads, SQL, back-dated test data) call `rebuild()`
  (`manage.py rebuild_statistics`), which counts every month again.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections import Counter
from collections.abc import Iterable

from django.db import connection, models, transaction
from django.db.models import Count, F, Min, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from quartier.reports.models import Report, ReportStatus
from quartier.residents.models import Contact, HelpCompletion, Referral
from quartier.routing.models import Forwarding
from quartier.stats.models import (
    AnswerTimeMonth,
    ContactMonth,
    FixTimeMonth,
    ForwardingMonth,
    HelpMonth,
    MentionMonth,
    ReferralMonth,
    ReportMonth,
    StaleMonth,
)
from quartier.stats.periods import aware

OPEN_FORWARDING = ("pending", "sent", "acknowledged")
DONE_STATUSES = (ReportStatus.RESOLVED, ReportStatus.RESOLVED_BY_HELPER, ReportStatus.CLOSED)
FIRST_ANSWERS = ("acknowledged", "resolved", "not_responsible")


def month_of(moment: dt.datetime | dt.date) -> dt.date:
    """First day of the local calendar month of a datetime (or of a date)."""
    if isinstance(moment, dt.datetime):
        moment = timezone.localtime(moment).date()
    return moment.replace(day=1)


def next_month(month: dt.date) -> dt.date:
    return (month + dt.timedelta(days=32)).replace(day=1)


def _created(qs, month: dt.date, field: str = "created_at"):
    return qs.filter(**{f"{field}__gte": aware(month), f"{field}__lt": aware(next_month(month))})


# --- Counting one month from the rows ------------------------------------------------------------


def count_reports(month: dt.date) -> Iterable[models.Model]:
    reports = _created(Report.objects.all(), month)
    rows = reports.values("quarter_id", "category_id", "status", "resolved_by_helper")
    for r in rows.annotate(n=Count("pk"), bags=Coalesce(Sum("bags_count"), 0)).order_by():
        yield ReportMonth(month=month, quarter_id=r["quarter_id"], category_id=r["category_id"],
                          status=r["status"], by_helper=r["resolved_by_helper"], n=r["n"],
                          bags=r["bags"])  # fmt: skip
    times: Counter = Counter()
    for quarter, category, status, created, done in fix_rows(reports).iterator(chunk_size=5000):
        hours = hours_between(done, created)
        times[(quarter, category, status == ReportStatus.DUPLICATE, hours)] += 1
    for (quarter, category, duplicate, hours), n in times.items():
        yield FixTimeMonth(month=month, quarter_id=quarter, category_id=category,
                           duplicate=duplicate, hours=hours, n=n)  # fmt: skip


def fix_rows(reports):
    """(quarter, category, status, created, first done) of the reports that were done."""
    first_done = Min("history__created_at", filter=Q(history__status__in=DONE_STATUSES))
    return (
        reports.annotate(done_at=first_done)
        .filter(done_at__isnull=False)
        .values_list("quarter_id", "category_id", "status", "created_at", "done_at")
        .order_by()
    )


def hours_between(later: dt.datetime | None, earlier: dt.datetime) -> int | None:
    """Whole hours (rounded down) from `earlier` to `later`; None if there is no `later`."""
    return None if later is None else int((later - earlier).total_seconds() // 3600)


def forwarding_rows(qs):
    """(authority, quarter, status, due date, created, answered, first answer, resolution)."""
    return (
        qs.exclude(status="superseded")
        .annotate(
            first_at=Min("answers__created_at", filter=Q(answers__kind__in=FIRST_ANSWERS)),
            done_at=Min("answers__created_at", filter=Q(answers__kind="resolved")),
        )
        .values_list(
            "authority_id",
            "report__quarter_id",
            "status",
            "due_date",
            "created_at",
            "answered_at",
            "first_at",
            "done_at",
        )  # fmt: skip
        .order_by()
    )


def answered_late(answered_at: dt.datetime | None, due_date: dt.date) -> bool:
    return answered_at is not None and timezone.localtime(answered_at).date() > due_date


def count_forwardings(month: dt.date) -> Iterable[models.Model]:
    counts: Counter = Counter()
    times: Counter = Counter()
    rows = forwarding_rows(_created(Forwarding.objects.all(), month))
    for authority, quarter, status, due, created, answered, first_at, done_at in rows.iterator(
        chunk_size=5000
    ):
        open_due = due if status in OPEN_FORWARDING else None
        counts[(authority, quarter, status, open_due, answered_late(answered, due))] += 1
        for measure, moment in (("first", first_at), ("done", done_at)):
            hours = hours_between(moment, created)
            if hours is not None:
                times[(authority, quarter, measure, hours)] += 1
    for (authority, quarter, status, due, late), n in counts.items():
        yield ForwardingMonth(month=month, authority_id=authority, quarter_id=quarter,
                              status=status, due_date=due, late=late, n=n)  # fmt: skip
    for (authority, quarter, measure, hours), n in times.items():
        yield AnswerTimeMonth(month=month, authority_id=authority, quarter_id=quarter,
                              measure=measure, hours=hours, n=n)  # fmt: skip


def count_contacts(month: dt.date) -> Iterable[ContactMonth]:
    rows = _created(Contact.objects.all(), month).values("quarter_id", "age_band", "language")
    for r in rows.annotate(n=Count("pk")).order_by():
        yield ContactMonth(month=month, n=r["n"], quarter_id=r["quarter_id"],
                           age_band=r["age_band"], language=r["language"])  # fmt: skip


def count_mentions(month: dt.date) -> Iterable[MentionMonth]:
    through = Contact.topics.through
    qs = _created(through.objects.all(), month, "contact__created_at")
    rows = qs.values("topic_id", age_band=F("contact__age_band"))
    for r in rows.annotate(n=Count("pk")).order_by():
        yield MentionMonth(month=month, topic_id=r["topic_id"], age_band=r["age_band"], n=r["n"])


def count_referrals(month: dt.date) -> Iterable[ReferralMonth]:
    rows = _created(Referral.objects.all(), month).values("entry_id", "outcome")
    for r in rows.annotate(n=Count("pk")).order_by():
        yield ReferralMonth(month=month, entry_id=r["entry_id"], outcome=r["outcome"], n=r["n"])


def count_help(month: dt.date) -> Iterable[HelpMonth]:
    qs = HelpCompletion.objects.filter(done_on__gte=month, done_on__lt=next_month(month))
    rows = qs.values(quarter=F("help_request__resident__quarter_id"), kind=F("help_request__kind"))
    for r in rows.annotate(n=Count("pk")).order_by():
        yield HelpMonth(month=month, quarter_id=r["quarter"], kind=r["kind"], n=r["n"])


# subject → (aggregate tables, counting function, source rows with their month field)
SUBJECTS = {
    "reports": ([ReportMonth, FixTimeMonth], count_reports, (Report, "created_at")),
    "forwardings": ([ForwardingMonth, AnswerTimeMonth], count_forwardings,
                    (Forwarding, "created_at")),
    "contacts": ([ContactMonth], count_contacts, (Contact, "created_at")),
    "mentions": ([MentionMonth], count_mentions, (Contact, "created_at")),
    "referrals": ([ReferralMonth], count_referrals, (Referral, "created_at")),
    "help": ([HelpMonth], count_help, (HelpCompletion, "done_on")),
}  # fmt: skip


def recount(subject: str, month: dt.date) -> None:
    """Count one month of one subject again from the rows (call inside a transaction)."""
    tables, count, _source = SUBJECTS[subject]
    for table in tables:
        table.objects.filter(month=month).delete()
    made: dict = {table: [] for table in tables}
    for row in count(month):
        made[type(row)].append(row)
    for table, rows in made.items():
        table.objects.bulk_create(rows, batch_size=2000)


# --- Marks and folding ---------------------------------------------------------------------------


class _Marked:
    """What one `mark()` stored in the running transaction, kept as an on-commit entry (a no-op
    when called). Django drops the entries of a savepoint that is rolled back, and all of
    them when the transaction ends, so while an entry is in `connection.run_on_commit` its
    marks are still stored (unless this process deleted marks since: `_generation`)."""

    __slots__ = ("generation", "months", "subject")

    def __init__(self, subject: str, months: set) -> None:
        self.subject, self.months, self.generation = subject, months, _generation[0]

    def __call__(self) -> None:
        pass


_generation = [0]  # moves on whenever this process deletes marks (fold, rebuild)


def _marked_in_transaction(subject: str) -> set:
    if not connection.in_atomic_block:
        return set()
    marked, current = set(), _generation[0]
    for _sids, entry, _robust in connection.run_on_commit:
        if isinstance(entry, _Marked) and entry.subject == subject and entry.generation == current:
            marked |= entry.months
    return marked


def mark(subject: str, months: Iterable[dt.date]) -> None:
    """Mark months of a subject as stale (inside the writer's transaction; insert only).

    A month already marked in the same transaction is not marked again (a new report and
    its first history row mark the same month)."""
    months = set(months) - _marked_in_transaction(subject)
    if not months:
        return
    StaleMonth.objects.bulk_create([StaleMonth(subject=subject, month=m) for m in months])
    if connection.in_atomic_block:
        transaction.on_commit(_Marked(subject, months))


def _forget_marks() -> None:
    _generation[0] += 1


def fold(rounds: int = 3) -> int:
    """Count every stale month again; returns how many months were counted.

    Per month: lock the marks seen, count, delete exactly those marks, commit. A change
    committed meanwhile has its own mark, which this fold neither sees nor deletes; two
    folds of one month wait for each other at the lock."""
    done = 0
    for _round in range(rounds):
        stale = StaleMonth.objects.values_list("subject", "month").distinct().order_by()
        stale = list(stale)
        if not stale:
            break
        for subject, month in stale:
            with transaction.atomic():
                marks = StaleMonth.objects.select_for_update().filter(subject=subject, month=month)
                ids = list(marks.values_list("pk", flat=True))
                if not ids:
                    continue  # another fold counted it meanwhile
                recount(subject, month)
                StaleMonth.objects.filter(pk__in=ids).delete()
                _forget_marks()
                done += 1
    return done


def months_with_rows(subject: str) -> list[dt.date]:
    _tables, _count, (model, field) = SUBJECTS[subject]
    span = model.objects.aggregate(first=models.Min(field), last=models.Max(field))
    if span["first"] is None:
        return []
    month, last, months = month_of(span["first"]), month_of(span["last"]), []
    while month <= last:
        months.append(month)
        month = next_month(month)
    return months


def rebuild(subjects: Iterable[str] | None = None) -> int:
    """Count every month of every subject again (after bulk loads); returns months counted."""
    done = 0
    for subject in subjects or SUBJECTS:
        tables = SUBJECTS[subject][0]
        with transaction.atomic():
            for table in tables:
                table.objects.all().delete()
            StaleMonth.objects.filter(subject=subject).delete()
            _forget_marks()
        for month in months_with_rows(subject):
            with transaction.atomic():
                recount(subject, month)
            done += 1
    return done


def load_demo() -> list[str]:
    """Demo loader (runs last): the demo data goes in with bulk inserts, so count it all."""
    rebuild()
    return []


@contextlib.contextmanager
def snapshot():
    """Read several figures from one state of the data (one transaction; on PostgreSQL with
    REPEATABLE READ, so that a fold committed meanwhile is not half seen)."""
    if connection.in_atomic_block:
        yield
        return
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        yield
