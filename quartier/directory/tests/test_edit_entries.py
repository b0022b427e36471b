"""Coordinators and admins keep the Wegweiser up to date on its own pages."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from quartier.core.models import AuditEntry
from quartier.directory.models import DirectoryEntry


def form_data(**overrides):
    data = {
        "name": "Repair-Café Süd",
        "provider": "Nachbarschaftsverein",
        "description": "Gemeinsam reparieren",
        "topics": [],
        "address": "Beispielweg 1",
        "quarter": "",
        "phone": "02151 123",
        "email": "",
        "website": "",
        "opening_hours": "Sa 10–13 Uhr",
        "language_list": ["de", "tr"],
        "accessibility": "",
        "cost": "kostenlos",
        "notes": "",
        "is_active": "on",
        "name_tr": "Tamir Kafesi",
        "description_ar": "",
    }
    data.update(overrides)
    return data


def test_coordinator_creates_an_entry_with_topics_and_a_translation(
    client_for, coordinator, quarters
):
    from quartier.taxonomy.models import Topic

    repairs = Topic.objects.get(code="everyday-repairs")
    data = form_data(topics=[repairs.pk], quarter=quarters["bleichpfad"].pk)
    response = client_for(coordinator).post(reverse("directory:create"), data)
    entry = DirectoryEntry.objects.get(name="Repair-Café Süd")
    assert response.status_code == 302
    assert response["Location"] == entry.get_absolute_url()
    assert list(entry.topics.all()) == [repairs]
    assert entry.quarter == quarters["bleichpfad"]
    assert entry.languages == "de,tr"
    assert entry.translations == {"tr": {"name": "Tamir Kafesi"}}
    assert AuditEntry.objects.filter(action="directory.create", object_id=entry.pk).exists()


def test_coordinator_edits_and_deactivates_an_entry(client_for, coordinator, wegweiser):
    entry = wegweiser["Wohngeldstelle"]
    client = client_for(coordinator)
    assert client.get(reverse("directory:edit", args=[entry.pk])).status_code == 200
    data = form_data(name="Wohngeldstelle (neu)")
    data.pop("is_active")
    client.post(reverse("directory:edit", args=[entry.pk]), data)
    entry.refresh_from_db()
    assert entry.name == "Wohngeldstelle (neu)"
    assert not entry.is_active
    assert AuditEntry.objects.filter(action="directory.update", object_id=entry.pk).exists()


def test_invalid_entry_form_shows_errors_and_saves_nothing(client_for, coordinator, quarters):
    response = client_for(coordinator).post(
        reverse("directory:create"), form_data(name="", email="kaputt")
    )
    assert response.status_code == 200
    assert response.context["form"].errors.keys() >= {"name", "email"}
    assert DirectoryEntry.objects.count() == 0


@pytest.mark.parametrize("url_name", ["directory:manage", "directory:create", "directory:import"])
def test_helpers_cannot_edit_the_wegweiser(client_for, helper, url_name):
    assert client_for(helper).get(reverse(url_name)).status_code == 403


def test_manage_list_needs_a_constant_number_of_queries(
    client_for, admin_user, wegweiser, django_assert_max_num_queries
):
    client = client_for(admin_user)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("directory:manage"))
    assert response.status_code == 200


@pytest.mark.slow
def test_demo_wegweiser_loads_twice_without_duplicates(db, short_demo_history):
    call_command("load_demo")
    first = DirectoryEntry.objects.count()
    call_command("load_demo")
    assert DirectoryEntry.objects.count() == first >= 20
    assert all(entry.is_example_data for entry in DirectoryEntry.objects.all())
    assert DirectoryEntry.objects.filter(name__startswith="Quartiersbüro").count() == 2
