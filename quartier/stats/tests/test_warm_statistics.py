"""The background job keeps the usual periods ready; a request then needs few queries."""

import datetime as dt

import pytest
from django.core.cache import cache

from quartier.public.tasks import warm_figures
from quartier.stats import tasks
from quartier.stats.tests import known_data


@pytest.fixture
def data(quarters):
    cache.clear()
    return known_data.load(quarters)


def test_usual_periods():
    codes = [p.code for p in tasks.usual_periods(dt.date(2025, 5, 20))]
    assert codes == ["2025", "2024", "2025-Q1", "2024-Q4", "2024-Q3", "2024-Q2", "2025-05",
                     "2025-04"]  # fmt: skip


def test_a_warmed_dashboard_is_read_from_the_cache(client_for, coordinator, data,
                                                   django_assert_max_num_queries):  # fmt: skip
    result = tasks.warm_statistics.enqueue()
    assert result.return_value == 8
    year = tasks.usual_periods()[0].code
    client = client_for(coordinator)
    with django_assert_max_num_queries(25):
        assert client.get("/statistik/", {"zeitraum": year}).status_code == 200


def test_public_figures_are_warmed(client, data, django_assert_max_num_queries):
    assert warm_figures.enqueue().return_value == 4
    with django_assert_max_num_queries(20):
        assert client.get("/transparenz/").status_code == 200
