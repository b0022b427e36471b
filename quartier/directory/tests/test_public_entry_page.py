"""The page behind a handout's QR code: public, no login, never the helpers' notes."""

from django.urls import reverse


def public_url(entry, language=""):
    url = reverse("directory:public", args=[entry.external_id])
    return f"{url}?sprache={language}" if language else url


def test_residents_open_an_entry_without_login(client, wegweiser):
    entry = wegweiser["Wohngeldstelle"]
    entry.notes = "Nur für Helfer*innen: Frau X fragt nach"
    entry.save()
    response = client.get(public_url(entry))
    body = response.content.decode()
    assert response.status_code == 200
    assert entry.name in body and entry.phone in body
    assert "Nur für Helfer*innen" not in body


def test_the_page_shows_the_translation_with_german_fallback(client, wegweiser):
    entry = wegweiser["Wohngeldstelle"]
    entry.translations = {"tr": {"name": "Konut yardımı ofisi"}}
    entry.save()
    assert "Konut yardımı ofisi" in client.get(public_url(entry, "tr")).content.decode()
    # No Ukrainian translation: the German text stands under the Ukrainian labels.
    response = client.get(public_url(entry, "uk"))
    assert response.status_code == 200 and entry.name in response.content.decode()


def test_inactive_or_guessed_entries_are_not_found(client, wegweiser):
    entry = wegweiser["Wohngeldstelle"]
    entry.is_active = False
    entry.save()
    assert client.get(public_url(entry)).status_code == 404
    assert client.get("/wegweiser/angebot/00000000-0000-0000-0000-000000000000/").status_code == 404
    assert client.get(f"/wegweiser/{entry.pk}/").status_code == 302  # the staff page needs login
