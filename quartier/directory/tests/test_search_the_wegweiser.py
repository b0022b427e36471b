"""Helpers find services by topic, quarter and language."""

import pytest
from django.urls import reverse

from quartier.directory.models import DirectoryEntry

SEARCH = reverse("directory:search")


def names(response):
    return [entry.name for entry in response.context["page_obj"].object_list]


def test_helper_starts_with_her_own_quarter_and_the_citywide_offers(client_for, helper, wegweiser):
    response = client_for(helper).get(SEARCH)
    assert response.status_code == 200
    found = names(response)
    assert "Mittagstisch im Hardenbergviertel" in found
    assert "Pflegeberatung" in found  # city-wide
    assert "Quartiersbüro Schinkenplatz" not in found  # another quarter


def test_top_level_topic_finds_entries_tagged_with_its_children(client_for, helper, wegweiser):
    response = client_for(helper).get(SEARCH, {"thema": "money"})
    assert set(names(response)) == {
        "Schuldnerberatung",
        "Beratung zur Grundsicherung im Alter",
        "Wohngeldstelle",
    }


def test_second_level_topic_narrows_the_search(client_for, helper, wegweiser):
    response = client_for(helper).get(SEARCH, {"thema": "money-debts"})
    assert names(response) == ["Schuldnerberatung"]


def test_quarter_filter_includes_citywide_offers_and_citywide_only_excludes_quarters(
    client_for, helper, wegweiser
):
    client = client_for(helper)
    schinkenplatz = names(client.get(SEARCH, {"quartier": "schinkenplatz"}))
    assert schinkenplatz[0] == "Quartiersbüro Schinkenplatz"  # local offers come first
    assert "Wohngeldstelle" in schinkenplatz
    assert "Quartiersbüro Bleichpfad" not in schinkenplatz
    citywide = names(client.get(SEARCH, {"quartier": "stadtweit"}))
    assert "Wohngeldstelle" in citywide
    assert "Quartiersbüro Schinkenplatz" not in citywide


def test_language_filter_finds_services_in_ukrainian(client_for, helper, wegweiser):
    response = client_for(helper).get(SEARCH, {"sprache": "uk"})
    assert set(names(response)) == {
        "Quartiersbüro Bleichpfad",
        "Migrationsberatung für Erwachsene",
        "Sprachcafé für Ältere",
    }


def test_text_search_combines_with_filters(client_for, helper, wegweiser):
    response = client_for(helper).get(SEARCH, {"q": "smartphone", "sprache": "ru"})
    assert names(response) == ["Smartphone-Sprechstunde für Ältere"]


def test_invalid_filter_values_are_ignored_not_an_error(client_for, helper, wegweiser):
    response = client_for(helper).get(SEARCH, {"thema": "<script>", "quartier": "mars"})
    assert response.status_code == 200
    assert len(names(response)) == 20


def test_deactivated_entries_are_hidden_from_helpers_but_not_from_editors(
    client_for, helper, coordinator, wegweiser
):
    DirectoryEntry.objects.filter(name="Wohngeldstelle").update(is_active=False)
    assert "Wohngeldstelle" not in names(client_for(helper).get(SEARCH, {"q": "Wohngeld"}))
    assert names(client_for(coordinator).get(SEARCH, {"q": "Wohngeld"})) == ["Wohngeldstelle"]
    entry = DirectoryEntry.objects.get(name="Wohngeldstelle")
    assert client_for(helper).get(entry.get_absolute_url()).status_code == 404


def test_search_page_needs_a_constant_number_of_queries(
    client_for, helper, wegweiser, django_assert_max_num_queries
):
    client = client_for(helper)
    with django_assert_max_num_queries(9):
        response = client.get(SEARCH, {"quartier": ""})
    assert len(names(response)) == 20


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("helper", 200),
        ("coordinator", 200),
        ("admin_user", 200),
        ("privacy_officer", 403),
        ("outsider", 302),
        (None, 302),
    ],
)
def test_who_may_use_the_wegweiser(request, client_for, wegweiser, persona, status):
    user = request.getfixturevalue(persona) if persona else None
    assert client_for(user).get(SEARCH).status_code == status
