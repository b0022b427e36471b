"""Open311 keys administered in the platform: issued once visible, revoked after asking,
last use shown; admins only, audited."""

import pytest
from django.urls import reverse

from quartier.core.models import AuditEntry
from quartier.routing.models import ApiClient


def test_admin_issues_a_key_and_sees_it_once(client_for, admin_user, routing_demo):
    client = client_for(admin_user)
    response = client.post(reverse("routing_admin:api_keys"), {"name": "Mängelmelder Krefeld"})
    page = response.content.decode()
    api_client = ApiClient.objects.get(name="Mängelmelder Krefeld")
    key = page.split('<code class="api-key">')[1].split("</code>")[0]
    assert key.startswith(api_client.key_prefix) and len(key) > 30
    assert key not in client.get(reverse("routing_admin:api_keys")).content.decode()
    assert AuditEntry.objects.filter(action="api_key.issue", actor=admin_user).exists()


def test_revoking_asks_first(client_for, admin_user, routing_demo):
    from quartier.routing.actions import issue_api_key

    api_client, _key = issue_api_key(actor=admin_user, name="Altsystem")
    client = client_for(admin_user)
    url = reverse("routing_admin:api_key_revoke", args=[api_client.pk])
    asked = client.post(url)
    assert "Zugang „Altsystem“ sperren?" in asked.content.decode()
    api_client.refresh_from_db()
    assert api_client.is_active
    client.post(url, {"confirm": "1"})
    api_client.refresh_from_db()
    assert not api_client.is_active and api_client.revoked_at


def test_last_use_is_the_newest_report_sent_with_the_key(client_for, admin_user, helper):
    from quartier.routing.actions import issue_api_key
    from testkit.factories import categories, make_report

    api_client, _key = issue_api_key(actor=admin_user, name="Partner-App")
    report = make_report(helper, categories()["abfall-wilder-muell"])
    type(report).objects.filter(pk=report.pk).update(api_client_ref=api_client.pk)
    page = client_for(admin_user).get(reverse("routing_admin:api_keys")).content.decode()
    assert "noch keine Meldung" not in page


@pytest.mark.parametrize("persona", ["helper", "coordinator", "privacy_officer"])
def test_only_admins_see_api_keys(request, client_for, persona):
    response = client_for(request.getfixturevalue(persona)).get(reverse("routing_admin:api_keys"))
    assert response.status_code == 403
