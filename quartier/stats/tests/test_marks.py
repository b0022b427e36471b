"""Stale-month marks: once per month and transaction, never lost to a rolled-back savepoint."""

import datetime as dt

import pytest
from django.db import transaction

from quartier.stats import aggregates
from quartier.stats.models import StaleMonth

NOVEMBER = dt.date(2026, 11, 1)


def marks() -> list:
    return list(StaleMonth.objects.order_by("id").values_list("subject", "month"))


@pytest.mark.django_db(transaction=True)
def test_a_month_is_marked_once_per_transaction_and_again_in_the_next():
    with transaction.atomic():
        aggregates.mark("reports", [NOVEMBER])
        aggregates.mark("reports", [NOVEMBER, NOVEMBER])
        aggregates.mark("contacts", [NOVEMBER])
    assert marks() == [("reports", NOVEMBER), ("contacts", NOVEMBER)]
    with transaction.atomic():
        aggregates.mark("reports", [NOVEMBER])
    assert len(marks()) == 3


@pytest.mark.django_db(transaction=True)
def test_a_mark_undone_with_its_savepoint_is_written_again():
    with transaction.atomic():
        try:
            with transaction.atomic():
                aggregates.mark("reports", [NOVEMBER])
                raise RuntimeError("the inner write fails")
        except RuntimeError:
            pass
        assert marks() == []
        aggregates.mark("reports", [NOVEMBER])
    assert marks() == [("reports", NOVEMBER)]


@pytest.mark.django_db(transaction=True)
def test_a_mark_after_a_fold_in_the_same_transaction_is_written_again():
    with transaction.atomic():
        aggregates.mark("reports", [NOVEMBER])
        aggregates.fold()
        assert marks() == []
        aggregates.mark("reports", [NOVEMBER])
        assert marks() == [("reports", NOVEMBER)]


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_transaction_leaves_nothing_behind():
    with pytest.raises(RuntimeError), transaction.atomic():
        aggregates.mark("reports", [NOVEMBER])
        raise RuntimeError("the write fails")
    aggregates.mark("reports", [NOVEMBER])  # autocommit: written at once
    assert marks() == [("reports", NOVEMBER)]
