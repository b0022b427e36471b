"""Fixtures for routing tests: the Krefeld partners, demo rules and a report factory."""

import pytest

from quartier.reports.actions import submit_report
from quartier.reports.models import ReportCategory
from quartier.routing import demo
from quartier.routing.models import Authority
from testkit.factories import HARDENBERG, INNENSTADT  # noqa: F401  (tests import them here)


@pytest.fixture
def routing_demo(quarters):
    demo.load()
    return {a.short_name: a for a in Authority.objects.all()}


@pytest.fixture
def category(routing_demo):
    def get(code):
        return ReportCategory.objects.get(code=code)

    return get


@pytest.fixture
def make_report(helper, category, django_capture_on_commit_callbacks):
    """make_report("abfall-wilder-muell", ...) -> a report submitted by the helper, with on_commit
    callbacks (auto-forwarding, e-mail delivery) executed."""

    def make(code="abfall-wilder-muell", point=HARDENBERG, **extra):
        extra.setdefault("address", "Hardenbergstraße 10")
        extra.setdefault("description", "Sofa und Säcke am Gehweg")
        with django_capture_on_commit_callbacks(execute=True):
            report, _created = submit_report(
                reporter=helper,
                category=category(code),
                latitude=point[0],
                longitude=point[1],
                **extra,
            )
        report.refresh_from_db()
        return report

    return make
