"""Counting without a COUNT over everything on each request; a select built without templates."""

import re
import time

import pytest
from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from quartier.core import counting
from quartier.core.counting import CountingPaginator, count_of
from quartier.core.models import ScheduledJobRun
from quartier.core.widgets import QuickSelect

pytestmark = pytest.mark.django_db


def _runs(n: int, prefix: str = "job"):
    now = timezone.now()
    ScheduledJobRun.objects.bulk_create(
        ScheduledJobRun(name=f"{prefix}-{i}", last_enqueued_at=now) for i in range(n)
    )


def _full_counts(queries) -> list[str]:
    """COUNTs over the whole table (not over a LIMITed subquery)."""
    return [q["sql"] for q in queries if "COUNT(*)" in q["sql"] and "LIMIT" not in q["sql"]]


def test_a_small_set_is_counted_exactly_and_live():
    _runs(4)
    runs = ScheduledJobRun.objects.all()
    assert count_of(runs, exact_below=10) == 4
    _runs(1, prefix="late")
    with CaptureQueriesContext(connection) as queries:
        assert count_of(runs, exact_below=10) == 5
    assert len(queries) == 1  # one COUNT over at most 10 rows, no cache


def test_a_large_set_is_counted_once_and_then_read_from_the_cache():
    _runs(12)
    runs = ScheduledJobRun.objects.filter(name__startswith="job")
    assert count_of(runs, exact_below=10) == 12
    _runs(3, prefix="job-more")
    with CaptureQueriesContext(connection) as queries:
        assert count_of(runs, exact_below=10) == 12  # at most CACHE_SECONDS old
    assert _full_counts(queries) == []
    # Another filter is another count.
    assert count_of(runs.exclude(name="job-0"), exact_below=10) == 14


def test_a_count_known_to_be_large_is_read_from_the_cache_without_counting():
    _runs(12)
    runs = ScheduledJobRun.objects.filter(name__startswith="job")
    assert count_of(runs, exact_below=10) == 12
    with CaptureQueriesContext(connection) as queries:
        assert count_of(runs, exact_below=10) == 12
    assert len(queries) == 0  # the number kept in the process


def test_counting_a_large_set_writes_nothing_to_the_database():
    """A write (the database cache) would move the data version and throw away every page
    part kept under it."""
    _runs(12)
    runs = ScheduledJobRun.objects.filter(name__startswith="job")
    with CaptureQueriesContext(connection) as queries:
        assert count_of(runs, exact_below=10) == 12
    assert [q["sql"] for q in queries if not q["sql"].lstrip().upper().startswith("SELECT")] == []


@pytest.fixture
def ran_out(monkeypatch):
    """12 runs counted (large), 3 more added, then 31 s later: the kept count ran out."""
    _runs(12)
    runs = ScheduledJobRun.objects.filter(name__startswith="job")
    assert count_of(runs, exact_below=10, seconds=30) == 12
    _runs(3, prefix="job-more")
    later = time.monotonic() + 31
    monkeypatch.setattr(counting, "_now", lambda: later)
    return runs


def test_a_count_that_ran_out_is_counted_again(ran_out):
    assert count_of(ran_out, exact_below=10, seconds=30) == 15


def test_while_one_thread_counts_again_the_others_answer_with_the_last_number(ran_out):
    counting._COUNTING.add(counting._cache_key(ran_out.order_by()))  # another thread is at it
    with CaptureQueriesContext(connection) as queries:
        assert count_of(ran_out, exact_below=10, seconds=30) == 12
    assert len(queries) == 0


def test_the_paginator_counts_through_count_of():
    _runs(7)
    paginator = CountingPaginator(ScheduledJobRun.objects.order_by("pk"), 3)
    assert paginator.count == 7
    assert paginator.num_pages == 3


class _Form(forms.Form):
    plain = forms.ChoiceField(
        choices=[("", "Alle"), ("a", "A & B"), ("b", "<b>")], required=False, help_text="Hilfe"
    )
    grouped = forms.ChoiceField(choices=[("Gruppe", [("x", "X"), ("y", "Y")]), ("z", "Z")])


@pytest.mark.parametrize("data", [{}, {"plain": "a", "grouped": "y"}, {"plain": "zzz"}])
def test_quick_select_renders_what_djangos_select_renders(data):
    """Same markup (attributes from help text and errors included), escaped the same way."""
    slow, quick = _Form(data or None), _Form(data or None)
    for field in quick.fields.values():
        field.widget = QuickSelect(choices=field.choices)
    slow.is_valid()
    quick.is_valid()
    for name in ("plain", "grouped"):
        assert _tags(str(quick[name])) == _tags(str(slow[name]))


def _tags(html: str) -> list:
    """Tags in order, each with its attributes as a set (their order carries no meaning)."""
    return [
        (name, frozenset(re.findall(r'\s([\w-]+(?:="[^"]*")?)', attrs)), text.strip())
        for name, attrs, text in re.findall(r"<(/?[\w]+)([^>]*)>([^<]*)", html)
    ]
