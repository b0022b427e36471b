import pytest

from quartier.core.audit import audit
from quartier.core.models import AppendOnlyError, AuditEntry


def test_audit_records_actor_action_and_object_without_content(helper, quarter):
    entry = audit(helper, "quarter.view", quarter)
    assert (entry.actor, entry.actor_label, entry.action) == (helper, "helferin", "quarter.view")
    assert (entry.object_type, entry.object_id) == ("areas.quarter", str(quarter.pk))


def test_audit_entries_cannot_be_changed_or_deleted(helper):
    entry = audit(helper, "something.done", object_type="x", object_id=1)
    entry.action = "something.else"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.update(action="x")
    assert AuditEntry.objects.get(pk=entry.pk).action == "something.done"


def test_logins_and_failed_logins_are_in_the_security_log(client, helper):
    client.post("/accounts/login/", {"login": "helferin", "password": "wrong-password"})
    client.post("/accounts/login/", {"login": "helferin", "password": "quartier-test"})
    actions = list(
        AuditEntry.objects.filter(action__startswith="account.")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["account.login_failed", "account.login"]


def test_privacy_officer_sees_the_audit_log_and_reading_it_is_logged(
    client_for, privacy_officer, helper
):
    audit(helper, "report.submit", object_type="reports.report", object_id=7)
    response = client_for(privacy_officer).get("/datenschutz/protokoll/")
    assert response.status_code == 200
    assert "report.submit" in response.content.decode()
    assert AuditEntry.objects.filter(action="audit_log.view", actor=privacy_officer).exists()


@pytest.mark.parametrize("persona", ["helper", "coordinator"])
def test_other_roles_get_403_for_the_audit_log(request, client_for, persona):
    response = client_for(request.getfixturevalue(persona)).get("/datenschutz/protokoll/")
    assert response.status_code == 403
    assert "Kein Zugriff" in response.content.decode()


def test_visitors_are_sent_to_the_login(client, db):
    response = client.get("/datenschutz/protokoll/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_refused_pages_are_in_the_security_log(client_for, helper):
    client_for(helper).get("/datenschutz/protokoll/")
    entry = AuditEntry.objects.get(action="access.denied")
    assert (entry.actor, entry.object_type) == (helper, "core:audit_log")
