import pytest

from quartier.operations import demo
from quartier.operations.models import ActionItem, Hotspot, ShiftPattern, SmallJob

pytestmark = pytest.mark.django_db


def test_demo_loads_twice_without_change(quarters):
    from quartier.accounts import demo as accounts_demo
    from quartier.routing import demo as routing_demo

    accounts_demo.load()
    routing_demo.load()
    demo.load()
    counts = [m.objects.count() for m in (ShiftPattern, SmallJob, Hotspot, ActionItem)]
    assert counts[0] == 11 * 5 and counts[2] == 1 and counts[1] >= 3 and counts[3] == 2
    demo.load()
    assert [m.objects.count() for m in (ShiftPattern, SmallJob, Hotspot, ActionItem)] == counts
