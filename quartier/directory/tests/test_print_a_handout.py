"""A helper prints a large-print handout for a resident, German plus a second language."""

from django.urls import reverse

from quartier.core.models import AuditEntry
from quartier.directory.handout_labels import HANDOUT_LANGUAGES, LABELS
from quartier.directory.tests.pdf import pdf_text


def handout(client, entry, language):
    return client.get(reverse("directory:handout", args=[entry.pk]), {"sprache": language})


def test_every_handout_language_has_every_label():
    for code in HANDOUT_LANGUAGES:
        assert set(LABELS[code]) == set(LABELS["de"]), code
        assert all(text.strip() for text in LABELS[code].values()), code


def test_turkish_handout_shows_german_and_turkish_labels_and_translated_name(
    client_for, helper_with_base, wegweiser
):
    entry = wegweiser["Pflegeberatung"]
    response = handout(client_for(helper_with_base), entry, "tr")
    html = response.content.decode()
    assert response.status_code == 200
    for key in ("where", "when", "phone", "cost", "helper", "base"):
        assert LABELS["de"][key] in html
        assert LABELS["tr"][key] in html
    assert "Bakım danışmanlığı" in html
    assert "Jugendzentrum SpieDie" in html  # the helper's base
    assert "0151 000 111 22" in html  # the helper's phone
    assert 'lang="tr"' in html


def test_arabic_labels_are_marked_right_to_left(client_for, helper_with_base, wegweiser):
    html = handout(client_for(helper_with_base), wegweiser["Pflegeberatung"], "ar").content.decode()
    assert 'lang="ar" dir="rtl"' in html
    assert LABELS["ar"]["phone"] in html


def test_entry_without_translation_falls_back_to_german(client_for, helper_with_base, wegweiser):
    entry = wegweiser["Wohngeldstelle"]
    response = handout(client_for(helper_with_base), entry, "uk")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Wohngeldstelle" in html
    assert LABELS["uk"]["phone"] in html  # labels still in Ukrainian


def test_unknown_language_gives_a_german_only_handout(client_for, helper_with_base, wegweiser):
    response = handout(client_for(helper_with_base), wegweiser["Wohngeldstelle"], "xx")
    assert response.status_code == 200
    assert "label-other" not in response.content.decode()


def test_qr_code_points_to_the_entry(client_for, helper_with_base, wegweiser, settings):
    settings.SITE_URL = "https://quartier.example.org"
    entry = wegweiser["Wohngeldstelle"]
    response = handout(client_for(helper_with_base), entry, "de")
    assert response.context["entry_url"] == (
        f"https://quartier.example.org/wegweiser/angebot/{entry.external_id}/"
    )
    assert response.context["qr"].startswith("data:image/png;base64,")


def test_pdf_handout_in_polish_contains_both_languages_and_the_entry(
    client_for, helper_with_base, wegweiser, tmp_path
):
    entry = wegweiser["Seniorenclub rund um St. Josef"]
    url = reverse("directory:handout_pdf", args=[entry.pk])
    response = client_for(helper_with_base).get(url, {"sprache": "pl"})
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content, tmp_path)
    assert "Seniorenclub rund um St. Josef" in text
    assert "Klub seniora przy St. Josef" in text
    assert LABELS["de"]["when"] in text
    assert LABELS["pl"]["when"] in text
    assert "Jugendzentrum SpieDie" in text
    assert AuditEntry.objects.filter(action="directory.handout_pdf", object_id=entry.pk).exists()


def test_pdf_handout_in_arabic_contains_arabic_text(
    client_for, helper_with_base, wegweiser, tmp_path
):
    entry = wegweiser["Migrationsberatung für Erwachsene"]
    url = reverse("directory:handout_pdf", args=[entry.pk])
    text = pdf_text(client_for(helper_with_base).get(url, {"sprache": "ar"}).content, tmp_path)
    assert "Migrationsberatung für Erwachsene" in text
    arabic = [char for char in text if "\u0600" <= char <= "\u06ff"]
    assert len(arabic) > 50
    assert LABELS["de"]["phone"] in text


def test_pdf_handout_without_translation_does_not_crash(client_for, helper, wegweiser, tmp_path):
    entry = wegweiser["Mieterberatung"]
    url = reverse("directory:handout_pdf", args=[entry.pk])
    text = pdf_text(client_for(helper).get(url, {"sprache": "ru"}).content, tmp_path)
    assert "Mieterberatung" in text
    assert LABELS["ru"]["phone"] in text


def test_entry_page_shows_internal_notes_but_the_handout_does_not(
    client_for, helper, wegweiser, django_assert_max_num_queries
):
    entry = wegweiser["Pflegeberatung"]
    client = client_for(helper)
    with django_assert_max_num_queries(8):
        page = client.get(entry.get_absolute_url()).content.decode()
    assert "Hinweise für Helfer*innen" in page
    assert "Telefonnummer sind ausgedacht" in page
    html = handout(client, entry, "de").content.decode()
    assert "Telefonnummer sind ausgedacht" not in html
