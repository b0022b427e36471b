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
