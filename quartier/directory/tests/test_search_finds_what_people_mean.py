"""Wegweiser search matches topics, word forms and synonyms, ranked: "Einsamkeit" used to find
nothing although entries carry that topic."""

from django.urls import reverse

SEARCH = reverse("directory:search")


def found(client, text):
    response = client.get(SEARCH, {"q": text, "quartier": ""})
    return [entry.name for entry in response.context["page_obj"].object_list]


def test_einsamkeit_einsam_and_seniorentreff_find_the_obvious_entries(
    client_for, helper, wegweiser
):
    client = client_for(helper)
    lonely = found(client, "Einsamkeit")
    assert {"Seniorenclub rund um St. Josef", "Besuchsdienst „Zeit schenken“"} <= set(lonely)
    assert found(client, "einsam")[:3] == lonely[:3]
    assert found(client, "Seniorentreff")[0] == "Seniorentreff in der Samtweberei"
    assert "Seniorenclub rund um St. Josef" in found(client, "Seniorentreff")  # a synonym


def test_word_forms_and_umlauts(client_for, helper, wegweiser):
    client = client_for(helper)
    assert "Schuldnerberatung" in found(client, "Schulden")
    assert "Mittagstisch im Hardenbergviertel" in found(client, "aeltere")  # "Ältere"


def test_every_word_must_match_and_nonsense_finds_nothing(client_for, helper, wegweiser):
    client = client_for(helper)
    assert found(client, "Xylophonreparatur") == []
    both = found(client, "Senioren Mittagessen")
    assert "Seniorentreff in der Samtweberei" in both
    assert "Schuldnerberatung" not in both
