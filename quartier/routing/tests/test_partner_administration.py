"""Partners (authorities) are kept in the platform: created, named in English, switched off and
on again, each as an audit entry of its own; a new rule can start from the partner's page."""

from quartier.core.models import AuditEntry
from quartier.routing.models import Authority

PARTNER = {
    "name": "Tiefbauamt Test",
    "name_en": "Civil engineering office (test)",
    "channel": "email",
    "emails": "tiefbau@example.org,  leitstelle@example.org",
    "sla_working_days": "4",
    "send_photo_links": "on",
    "is_active": "on",
    "open311_format": "json",
}


def _actions(partner):
    entries = AuditEntry.objects.filter(object_type="routing.authority", object_id=str(partner.pk))
    return list(entries.order_by("pk").values_list("action", flat=True))


def test_partner_is_created_switched_off_and_on_with_one_audit_entry_each(client_for, coordinator):
    client = client_for(coordinator)
    client.post("/weiterleitung/partner/neu/", PARTNER)
    partner = Authority.objects.get(name="Tiefbauamt Test")
    assert partner.name_en == "Civil engineering office (test)"
    assert partner.emails == "tiefbau@example.org, leitstelle@example.org"

    switched_off = {k: v for k, v in PARTNER.items() if k != "is_active"}
    client.post(f"/weiterleitung/partner/{partner.pk}/", switched_off)
    client.post(f"/weiterleitung/partner/{partner.pk}/", {**PARTNER, "sla_working_days": "6"})
    client.post(f"/weiterleitung/partner/{partner.pk}/", {**PARTNER, "sla_working_days": "7"})
    assert _actions(partner) == [
        "routing.authority.create",
        "routing.authority.deactivate",
        "routing.authority.activate",
        "routing.authority.update",
    ]


def test_bad_addresses_and_a_missing_open311_address_are_named_at_their_fields(
    client_for, coordinator
):
    page = client_for(coordinator).post(
        "/weiterleitung/partner/neu/", {**PARTNER, "emails": "kein-mail", "channel": "open311"}
    )
    html = page.content.decode()
    assert 'id="id_emails_error"' in html
    assert 'id="id_open311_endpoint_error"' in html
    assert "data-error-summary" in html
    assert not Authority.objects.filter(name="Tiefbauamt Test").exists()


def test_new_rule_from_the_partner_page_starts_with_that_partner(client_for, coordinator):
    client = client_for(coordinator)
    client.post("/weiterleitung/partner/neu/", PARTNER)
    partner = Authority.objects.get(name="Tiefbauamt Test")
    html = client.get(f"/weiterleitung/partner/{partner.pk}/").content.decode()
    assert f'href="/weiterleitung/regeln/neu/?partner={partner.pk}"' in html
    form = client.get(f"/weiterleitung/regeln/neu/?partner={partner.pk}").content.decode()
    assert f'<option value="{partner.pk}" selected>' in form
    assert "---------" not in form
