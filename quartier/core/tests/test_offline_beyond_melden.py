"""Offline beyond "Melden": the service worker knows "Mein Tag", the Wegweiser and a German page
for everything else; that page lists what works without network."""

import json


def sw_config(client) -> dict:
    body = client.get("/sw.js").content.decode()
    return json.loads(body.split("const CONFIG = ", 1)[1].split(";\n", 1)[0])


def test_service_worker_caches_my_day_wegweiser_and_the_offline_page(client, db):
    config = sw_config(client)
    assert {
        "/meldungen/neu/",
        "/bewohner/kontakt/neu/",
        "/einsatz/mein-tag/",
        "/wegweiser/",
    } <= set(config["pages"])
    assert config["fallback"] == "/ohne-netz/"
    assert "/static/js/directory-offline.js" in config["static"]


def test_offline_page_says_what_works_in_german(client_for, helper):
    page = client_for(helper).get("/ohne-netz/").content.decode()
    assert "Gerade kein Netz" in page
    for link in ("/meldungen/neu/", "/einsatz/mein-tag/", "/wegweiser/", "/bewohner/kontakt/neu/"):
        assert f'href="{link}"' in page


def test_service_worker_keeps_wegweiser_entries_and_handouts_once_opened(client, db):
    import re

    config = sw_config(client)
    patterns = [re.compile(p) for p in config["visited"]]

    def kept(path):
        return any(p.search(path) for p in patterns)

    assert kept("/wegweiser/12/")
    assert kept("/wegweiser/12/handzettel/")
    assert kept("/wegweiser/12/handzettel.pdf")
    assert not kept("/wegweiser/pflege/")
    assert not kept("/wegweiser/12/handzettel/x")
    assert not kept("/bewohner/personen/12/")
    assert {"/static/css/handout.css", "/static/js/handout.js"} <= set(config["static"])
