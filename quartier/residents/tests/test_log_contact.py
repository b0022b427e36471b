import uuid

import pytest

from quartier.core.models import AuditEntry
from quartier.residents import actions
from quartier.residents.models import Contact
from quartier.taxonomy.models import Topic


def _post(client, where, **extra):
    shopping = Topic.objects.get(code="everyday-shopping")
    data = {
        "quarter": where.pk,
        "place": "street",
        "age_band": "80_plus",
        "language": "tr",
        "is_repeat": "0",
        "topics": [shopping.pk],
        "outcomes": ["information", "handout"],
        **extra,
    }
    return client.post("/bewohner/kontakt/neu/", data, HTTP_ACCEPT="application/json")


def test_helper_logs_an_anonymous_contact_in_her_quarter(client_for, helper, quarter):
    response = _post(client_for(helper), quarter)
    assert response.status_code == 201
    assert response.json()["ok"] is True
    contact = Contact.objects.get()
    assert (contact.quarter, contact.age_band, contact.language) == (quarter, "80_plus", "tr")
    assert contact.outcomes == ["information", "handout"]
    assert AuditEntry.objects.filter(action="contact.log", object_id=str(contact.pk)).exists()


def test_a_replayed_offline_submission_is_stored_once(client_for, helper, quarter):
    client_id = str(uuid.uuid4())
    client = client_for(helper)
    first = _post(client, quarter, client_id=client_id)
    second = _post(client, quarter, client_id=client_id)
    assert first.json()["created"] is True
    assert second.json() == {"ok": True, "id": first.json()["id"], "created": False}
    assert Contact.objects.count() == 1


def test_logging_without_a_topic_is_refused_with_a_german_message(client_for, helper, quarter):
    response = _post(client_for(helper), quarter, topics=[])
    assert response.status_code == 400
    assert "Thema" in str(response.json()["errors"])
    assert not Contact.objects.exists()


@pytest.mark.parametrize(
    "bad", [{"age_band": "99"}, {"place": "moon"}, {"quarter": "x"}, {"client_id": "not-a-uuid"}]
)
def test_malformed_input_is_refused(client_for, helper, quarter, bad):
    response = _post(client_for(helper), quarter, **bad)
    assert response.status_code == 400
    assert not Contact.objects.exists()


def test_helper_cannot_log_for_another_quarter(client_for, helper, other_quarter):
    response = _post(client_for(helper), other_quarter)
    assert response.status_code == 400
    assert not Contact.objects.exists()


def test_action_refuses_a_foreign_quarter(helper, other_quarter):
    with pytest.raises(actions.ResidentDataError):
        actions.log_contact(
            actor=helper,
            quarter=other_quarter,
            place="street",
            age_band="under_65",
            topics=[Topic.objects.first()],
        )


def test_the_form_page_offers_the_needs_taxonomy_as_big_choices(client_for, helper):
    response = client_for(helper).get("/bewohner/kontakt/neu/")
    content = response.content.decode()
    assert "Einsamkeit &amp; soziale Kontakte" in content
    assert "js/outbox.js" in content
    form = content.split('id="contact-form"', 1)[1].split("</form>", 1)[0]
    assert "<textarea" not in form
    assert 'type="text"' not in form


def test_the_contact_form_opens_offline(client_for, helper):
    body = client_for(helper).get("/sw.js").content.decode()
    assert "/bewohner/kontakt/neu/" in body
    assert "js/contact.js" in body
