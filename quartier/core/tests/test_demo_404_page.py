"""In the demo an unknown address shows the German 404 page, not Django's URL list."""


def test_demo_shows_the_german_404_page(client, db, settings):
    settings.DEBUG = True
    settings.DEMO_MODE = True
    response = client.get("/gibt-es-nicht/")
    page = response.content.decode()
    assert response.status_code == 404
    assert "Seite nicht gefunden" in page
    assert "URLconf" not in page and "meldungen/" not in page


def test_developers_keep_the_technical_page(client, db, settings):
    settings.DEBUG = True
    settings.DEMO_MODE = False
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 404
    assert "URLconf" in response.content.decode()
