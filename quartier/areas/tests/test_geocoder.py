"""The offline geocoder with messy, real-world input: forward, autocomplete and reverse."""

import pytest

from quartier.areas import addresses
from quartier.areas.demo_addresses import demo_rows
from quartier.areas.demo_addresses import load as load_demo_addresses


@pytest.fixture
def register(db):
    load_demo_addresses()
    return addresses.current_index()


def house(name, number):
    [row] = [r for r in demo_rows() if r.street == name and r.house_number == number]
    return row


@pytest.mark.parametrize(
    "typed",
    [
        "Hardenbergstraße 12",
        "Hardenbergstr. 12",
        "hardenbergstr 12",
        "HARDENBERGSTR.12",
        "Hardenberg-Straße 12, 47799 Krefeld",
        "Hardenberg Strasse 12 Krefeld",
        "  Hardenbergstraße   12 ",
        "Hardenbrgstraße 12",  # a letter missing
        "Hardenbergstarße 12",  # two letters swapped
        "Hardenbergstraße 12, Krefeld-Süd",
    ],
)
def test_a_typed_address_finds_the_house(register, typed):
    found = addresses.resolve(typed)
    expected = house("Hardenbergstraße", "12")
    assert (found.street, found.house_number, found.kind) == ("Hardenbergstraße", "12", "house")
    assert (found.latitude, found.longitude) == (expected.latitude, expected.longitude)
    assert found.accuracy_m == addresses.HOUSE_ACCURACY_M
    assert found.label == "Hardenbergstraße 12, 47799 Krefeld"


@pytest.mark.parametrize(
    "typed, street, number",
    [
        ("Koelner Str 20", "Kölner Straße", "20"),
        ("kölner straße 20", "Kölner Straße", "20"),
        ("St.-Anton-Str. 5", "Sankt-Anton-Straße", "5"),
        ("Sankt Anton Straße 5", "Sankt-Anton-Straße", "5"),
        ("Ostwall 50", "Ostwall", "50"),
        ("Bleichpfad 30", "Bleichpfad", "30"),
        ("Lewerentzstrasse 104 (Samtweberei)", "Lewerentzstraße", "104"),
    ],
)
def test_abbreviations_umlauts_and_spellings(register, typed, street, number):
    found = addresses.resolve(typed)
    assert (found.street, found.house_number) == (street, number)


def test_without_a_house_number_the_street_middle_with_a_coarse_accuracy(register):
    found = addresses.resolve("Hardenbergstr.")
    assert (found.kind, found.house_number) == ("street", "")
    # 40 houses, 18 m apart per pair: the street is about 360 m long
    assert 150 <= found.accuracy_m <= 250
    assert found.label == "Hardenbergstraße, 47799 Krefeld"


def test_an_unknown_house_number_gives_the_nearest_one_on_the_same_side(register):
    found = addresses.resolve("Hardenbergstraße 99")
    assert (found.house_number, found.kind) == ("39", "nearby")
    assert found.accuracy_m == addresses.NEARBY_ACCURACY_M
    suffix = addresses.resolve("Hardenbergstraße 12 b")
    assert (suffix.house_number, suffix.kind) == ("12", "nearby")


@pytest.mark.parametrize("typed", ["", "   ", "12", "Raumschiffweg 3", "xyz", ",,, 47799"])
def test_unknown_or_empty_input_resolves_to_nothing(register, typed):
    assert addresses.resolve(typed) is None


def test_suggestions_while_typing(register):
    assert [m.street for m in addresses.suggest("Harden")][:1] == ["Hardenbergstraße"]
    assert [m.street for m in addresses.suggest("kölner")] == ["Kölner Straße"]
    assert addresses.suggest("H") == []
    numbers = [m.house_number for m in addresses.suggest("Hardenbergstr. 1")]
    assert numbers == ["1", "10", "11", "12", "13", "14", "15", "16"]
    # a typo in the middle of the name still suggests the street
    assert "Lewerentzstraße" in [m.street for m in addresses.suggest("Lewerenzstr")]


def test_the_nearest_address_and_its_distance(register):
    row = house("Josefstraße", "5")
    found = addresses.nearest(row.latitude + 0.0002, row.longitude)  # about 22 m north
    assert found.label == "Josefstraße 5" or found.distance_m < 22
    exact = addresses.nearest(row.latitude, row.longitude)
    assert (exact.label, round(exact.distance_m)) == ("Josefstraße 5", 0)
    assert exact.describe() == "Josefstraße 5"
    assert addresses.nearest(51.40, 6.50) is None  # nothing within 250 m
    assert addresses.describe_place(51.40, 6.50) == ""
    assert addresses.describe_place(row.latitude, row.longitude, "Am Kiosk") == "Am Kiosk"


def test_a_nearby_address_is_described_with_its_distance(register):
    row = house("Ostwall", "50")
    found = addresses.nearest(row.latitude, row.longitude + 0.0005)
    assert found.distance_m > 10
    assert found.describe().startswith("bei Ostwall ")
    assert found.describe().endswith(" m)")


def test_without_a_register_nothing_is_resolved(db):
    addresses.forget()
    assert addresses.resolve("Hardenbergstraße 12") is None
    assert addresses.nearest(51.318, 6.568) is None
    assert addresses.suggest("Harden") == []
