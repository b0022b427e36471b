"""The handout PDF is tagged PDF/UA-1: title, German as document language, the second language
marked on its parts, and the reading order of the page (entry first, the QR code last)."""

from django.urls import reverse

from quartier.core.tests.tagged_pdf import assert_accessible_pdf


def handout_pdf(client, entry, language):
    url = reverse("directory:handout_pdf", args=[entry.pk])
    response = client.get(url, {"sprache": language})
    assert response.status_code == 200
    return response.content


def test_arabic_handout_is_tagged_with_arabic_parts_marked(
    client_for,
    helper_with_base,
    wegweiser,
):
    entry = wegweiser["Migrationsberatung für Erwachsene"]
    content = handout_pdf(client_for(helper_with_base), entry, "ar")
    pdf = assert_accessible_pdf(content, lang="de", title=entry.name)
    assert pdf.languages() >= {"de", "ar"}
    arabic = [n for n in pdf.root.walk() if n.lang == "ar"]
    assert any(n.role == "P" for n in arabic), "the Arabic name/description is not marked"


def test_handout_reads_entry_then_helper_then_qr_code(
    client_for,
    helper_with_base,
    wegweiser,
):
    entry = wegweiser["Pflegeberatung"]
    pdf = assert_accessible_pdf(
        handout_pdf(client_for(helper_with_base), entry, "tr"), lang="de", title=entry.name
    )
    order = [r for r in pdf.roles() if r in {"H1", "H2", "Figure"}]
    assert order == ["H1", "H2", "Figure"]
    figure = next(n for n in pdf.root.walk() if n.role == "Figure")
    assert figure.alt == "QR-Code mit der Adresse dieses Eintrags"
    assert "tr" in pdf.languages()


def test_german_handout_is_tagged(client_for, helper_with_base, wegweiser):
    entry = wegweiser["Pflegeberatung"]
    pdf = assert_accessible_pdf(
        handout_pdf(client_for(helper_with_base), entry, "de"), lang="de", title=entry.name
    )
    assert pdf.languages() == {"de"}
