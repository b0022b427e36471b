"""English pages show English data labels (categories, topics, partners), German pages German."""

from django.utils import translation

from quartier.routing.models import Authority
from testkit.factories import load_default_categories, load_needs_taxonomy


def test_capture_page_in_english_names_categories_in_english(client_for, helper):
    load_default_categories()
    client = client_for(helper)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get("/meldungen/neu/").content.decode()
    assert "Illegal dumping" in page and "Wilder Müll" not in page
    client.post("/i18n/setlang/", {"language": "de", "next": "/"})
    assert "Wilder Müll" in client.get("/meldungen/neu/").content.decode()


def test_topics_and_partners_have_english_names(db):
    load_needs_taxonomy()
    from quartier.taxonomy.models import Topic

    loneliness = Topic.objects.get(code="social-loneliness")
    authority = Authority.objects.create(name="Kommunalbetrieb", name_en="Municipal services")
    with translation.override("en"):
        assert str(loneliness) == "Loneliness & social contacts → Being alone, loneliness"
        assert authority.label == "Municipal services"
    with translation.override("de"):
        assert authority.label == "Kommunalbetrieb"
