import pytest

from quartier.operations import actions
from quartier.operations.actions import OperationsError
from quartier.operations.models import Hotspot
from quartier.operations.tests.factories import dumping_report
from quartier.reports.models import ReportCategory

pytestmark = pytest.mark.django_db

# Three spots within ~20 m of each other near the Hardenbergstraße, one 300 m away.
NEAR = [(51.31810, 6.56760), (51.31822, 6.56772), (51.31800, 6.56750)]
FAR = (51.31540, 6.57100)


@pytest.fixture
def rule(coordinator):
    category = ReportCategory.objects.get(code="abfall-wilder-muell")
    return actions.set_hotspot_rule(
        actor=coordinator,
        category=category,
        min_reports=3,
        radius_m=30,
        window_days=60,
        suggestion="Waste-Detektive der GSAK einschalten",
    )


def test_three_reports_within_30_m_become_a_hotspot(helper, quarter, rule):
    reports = [dumping_report(helper, lat, lon) for lat, lon in NEAR[:2]]
    dumping_report(helper, *FAR)
    assert actions.detect_hotspots() == []
    reports.append(dumping_report(helper, *NEAR[2]))
    actions.detect_hotspots()  # the scheduled job; the hook may have been first
    hotspot = Hotspot.objects.get()
    assert set(hotspot.reports.all()) == set(reports)
    assert hotspot.quarter == quarter and "Waste" in hotspot.suggestion
    assert actions.detect_hotspots() == []  # nothing new


def test_new_report_near_a_hotspot_is_linked(helper, rule):
    for lat, lon in NEAR:
        dumping_report(helper, lat, lon)
    actions.detect_hotspots()  # the scheduled job; the hook may have been first
    hotspot = Hotspot.objects.get()
    new = dumping_report(helper, 51.31815, 6.56765)
    assert actions.link_report_to_hotspots(report=new) is True
    assert new in hotspot.reports.all()
    far = dumping_report(helper, *FAR)
    assert actions.link_report_to_hotspots(report=far) is False
    assert Hotspot.objects.count() == 1


def test_other_categories_do_not_count(helper, rule):
    for lat, lon in NEAR:
        dumping_report(helper, lat, lon, code="strasse-stolperfalle")
    assert actions.detect_hotspots() == []


def test_rule_parameters_are_checked(coordinator, rule):
    with pytest.raises(OperationsError, match="Umkreis"):
        actions.set_hotspot_rule(
            actor=coordinator, category=rule.category, min_reports=3, radius_m=5000, window_days=60
        )
    with pytest.raises(OperationsError, match="zwei"):
        actions.set_hotspot_rule(
            actor=coordinator, category=rule.category, min_reports=1, radius_m=30, window_days=60
        )


def test_submitting_a_report_near_a_hotspot_links_it_through_the_hook(
    helper, rule, django_capture_on_commit_callbacks
):
    for lat, lon in NEAR:
        dumping_report(helper, lat, lon)
    actions.detect_hotspots()  # the scheduled job; the hook may have been first
    hotspot = Hotspot.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        new = dumping_report(helper, 51.31815, 6.56765)
    assert new in hotspot.reports.all()


def test_a_new_report_joins_its_own_categorys_hotspot_before_its_parents(helper, quarter):
    own = ReportCategory.objects.get(code="abfall-wilder-muell")
    lat, lon = NEAR[0]
    place = {"quarter": quarter, "latitude": lat, "longitude": lon, "radius_m": 50}
    parents = Hotspot.objects.create(category=own.parent, **place)
    new = dumping_report(helper, *NEAR[1])  # the hook links it to the parent's hotspot
    assert list(parents.reports.all()) == [new]
    owns = Hotspot.objects.create(category=own, **place)
    newer = dumping_report(helper, *NEAR[2])
    assert list(owns.reports.all()) == [newer]
    assert list(parents.reports.all()) == [new]
    parents.resolved_at = owns.resolved_at = parents.created_at
    parents.save()
    owns.save()
    assert actions.link_report_to_hotspots(report=dumping_report(helper, *NEAR[0])) is False
