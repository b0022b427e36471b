"""The routing preview takes a typed address instead of coordinates."""

from quartier.areas.demo_addresses import load as load_demo_addresses


def test_the_preview_resolves_a_messy_address(coordinator, client_for, category):
    load_demo_addresses()
    client = client_for(coordinator)
    query = {"category": category("menschen-in-not").pk, "address": "dionysiusstr 20"}
    page = client.get("/weiterleitung/testen/", query).content.decode()
    assert "Dionysiusstraße 20, 47798 Krefeld (± 10 m)" in page
    assert "Wohnungslosenhilfe Krefeld" in page
    street = client.get("/weiterleitung/testen/", {**query, "address": "Dionysiusstraße"})
    assert "Straßenmitte, keine Hausnummer" in street.content.decode()
    unknown = client.get("/weiterleitung/testen/", {**query, "address": "Mondweg 1"})
    assert "im Adressbestand nicht bekannt" in unknown.content.decode()
