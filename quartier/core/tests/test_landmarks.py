"""All content of a page sits in a landmark: the demo notice belongs to the page header."""


def test_demo_banner_is_inside_the_header(client, db, settings):
    settings.DEMO_MODE = True
    page = client.get("/seiten/impressum/").content.decode()
    header = page[page.index("<header") : page.index("</header>")]
    assert "Demo-Betrieb: alle Daten sind Beispiele." in header
    before_main = page[page.index("</header>") : page.index("<main")]
    assert "demo-banner" not in before_main
