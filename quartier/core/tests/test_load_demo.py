import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from quartier.accounts.models import Role, User
from quartier.areas.models import Base, Quarter
from quartier.routing.models import Authority

pytestmark = pytest.mark.usefixtures("short_demo_history")


def counts():
    return (
        User.objects.count(),
        Quarter.objects.count(),
        Base.objects.count(),
        Authority.objects.count(),
    )


@pytest.mark.slow
def test_demo_data_is_complete_and_loading_twice_duplicates_nothing(db):
    call_command("load_demo")
    first = counts()
    call_command("load_demo")
    assert counts() == first
    assert Quarter.objects.filter(is_demo_geometry=True).count() >= 8
    assert User.objects.filter(role=Role.HELPER).count() == 11
    assert Authority.objects.filter(short_name__in=["GSAK", "KBK", "KOD", "NGN"]).count() == 4


@pytest.mark.slow
def test_demo_accounts_log_in_with_the_documented_password(db):
    call_command("load_demo")
    for username, role in [
        ("helferin", Role.HELPER),
        ("helfer2", Role.HELPER),
        ("koordination", Role.COORDINATOR),
        ("datenschutz", Role.PRIVACY_OFFICER),
        ("admin", Role.ADMIN),
    ]:
        user = authenticate(username=username, password="quartier-demo")
        assert user is not None and user.role == role
    helferin = User.objects.get(username="helferin")
    assert [q.name for q in helferin.quarters.all()] == ["Hardenbergviertel"]
    assert User.objects.get(username="helfer2").quarters.get().slug != "hardenbergviertel"


@pytest.mark.slow
def test_demo_reports_are_routed_like_real_ones(db, django_capture_on_commit_callbacks):
    import uuid

    from django.core import mail

    from quartier.reports.demo import DEMO_NAMESPACE, DEMO_REPORTS
    from quartier.reports.models import Report, ReportStatus

    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo")
    ids = [uuid.uuid5(DEMO_NAMESPACE, str(n)) for n in range(len(DEMO_REPORTS))]
    demo = Report.objects.filter(client_id__in=ids)
    assert demo.count() == 12
    assert demo.filter(status=ReportStatus.FORWARDED).exists()
    assert demo.filter(status=ReportStatus.RESOLVED_BY_HELPER).count() == 1
    assert not Report.objects.filter(quarter=None).exists()
    # Reports still waiting for their partner had their e-mail sent (answered ones not again).
    assert len(mail.outbox) >= demo.filter(status=ReportStatus.FORWARDED).count()
