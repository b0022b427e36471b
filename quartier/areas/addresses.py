"""The offline geocoder: typed addresses to points and points to the nearest address.

Works on the official address register (`AddressPoint`, loaded by `import_addresses`),
without any network service. An in-memory index per process is built on first use and
rebuilt when a new register is loaded (`AddressImport`):

- streets by normalised name ("Hardenbergstr." = "Hardenberg-Straße" = "hardenbergstrasse"),
  a sorted key list for prefix search (autocomplete) and rapidfuzz for typos;
- the points in an STRtree (shapely) for the nearest address.

docs/geocoder.md describes the matching rules and the figures of bench/bench_geocoder.py.
"""

from __future__ import annotations

import bisect
import math
import re
import threading
import time
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from rapidfuzz import fuzz, process
from shapely import Point, STRtree, points

from quartier.areas.geo import KREFELD_CENTRE, distance_m
from quartier.areas.models import AddressImport, AddressPoint

HOUSE = "house"  # the address point itself
NEARBY = "nearby"  # the house number is not in the register: a neighbouring number
STREET = "street"  # no house number: the middle of the street, accuracy = its half length
HOUSE_ACCURACY_M = 10
NEARBY_ACCURACY_M = 50
MIN_STREET_ACCURACY_M = 50
FUZZY_CUTOFF = 82
SUGGESTIONS = 8
MAX_NEAREST_M = 250
VERSION_CHECK_SECONDS = 1.0
# Shrinks longitudes so that distances in the tree are roughly metres apart in both axes.
_X_SCALE = math.cos(math.radians(KREFELD_CENTRE[0]))

_UMLAUTS = str.maketrans({"ß": "ss", "ä": "ae", "ö": "oe", "ü": "ue"})
_ENDINGS = (("str", "strasse"), ("strase", "strasse"), ("pl", "platz"))
_TOKENS = {"sankt": "st", "saint": "st"}
_POSTCODE = re.compile(r"\b(\d{5})\b")
_CITY = re.compile(r"\bkrefeld\b", re.IGNORECASE)
_NUMBER = re.compile(
    r"^(?P<street>.*?\D)\s*(?P<number>\d{1,4}\s*[a-zA-Z]?(?:\s*[-/]\s*\d{0,4}\s*[a-zA-Z]?)?)\s*$"
)


def street_key(name: str) -> str:
    """A street name for matching: lower case, umlauts spelt out, "Str." = "Straße",
    without spaces, dashes and dots."""
    text = name.casefold().translate(_UMLAUTS)
    tokens = [_TOKENS.get(t, t) for t in re.split(r"[^a-z0-9]+", text) if t]
    key = "".join(tokens)
    for short, full in _ENDINGS:
        if key.endswith(short) and not key.endswith(full):
            return key[: -len(short)] + full
    return key


def number_key(number: str) -> str:
    """ "12 A" -> "12a"; "12-14" stays a range."""
    return re.sub(r"\s+", "", number).casefold()


def _leading_number(number: str) -> int | None:
    match = re.match(r"\d+", number)
    return int(match.group()) if match else None


@dataclass(frozen=True)
class ParsedAddress:
    street: str
    number: str
    postcode: str


def parse(text: str) -> ParsedAddress:
    """ "Hardenbergstr. 12a, 47799 Krefeld" -> street, number "12a", postcode "47799"."""
    text = re.sub(r"\([^)]*\)?", " ", " ".join((text or "").split())[:200])
    postcode_match = _POSTCODE.search(text)
    postcode = postcode_match.group(1) if postcode_match else ""
    text = _CITY.sub(" ", _POSTCODE.sub(" ", text))
    parts = [p.strip() for p in text.split(",") if re.search(r"[^\W\d_]", p)]
    first = parts[0] if parts else ""
    match = _NUMBER.match(first)
    if match:
        return ParsedAddress(match["street"].strip(" ,."), number_key(match["number"]), postcode)
    return ParsedAddress(first.strip(" ,."), "", postcode)


@dataclass(frozen=True)
class Match:
    """A resolved address. `kind` is HOUSE, NEARBY or STREET; `accuracy_m` a radius."""

    street: str
    house_number: str
    postcode: str
    latitude: float
    longitude: float
    kind: str
    accuracy_m: int

    @property
    def label(self) -> str:
        place = f"{self.street} {self.house_number}".strip()
        return f"{place}, {self.postcode} Krefeld" if self.postcode else f"{place}, Krefeld"

    def as_json(self) -> dict:
        return {
            "label": self.label,
            "street": self.street,
            "house_number": self.house_number,
            "postcode": self.postcode,
            "lat": round(self.latitude, 6),
            "lon": round(self.longitude, 6),
            "kind": self.kind,
            "accuracy_m": self.accuracy_m,
        }


@dataclass(frozen=True)
class Nearest:
    """The nearest address to a point and how far it is."""

    match: Match
    distance_m: float

    @property
    def label(self) -> str:
        return f"{self.match.street} {self.match.house_number}".strip()

    def describe(self) -> str:
        """ "Hardenbergstraße 12" or "bei Hardenbergstraße 12 (ca. 30 m)"."""
        metres = round(self.distance_m / 5) * 5
        if metres < 10:
            return self.label
        return _("bei %(address)s (ca. %(metres)d m)") % {"address": self.label, "metres": metres}


@dataclass
class _Street:
    name: str
    postcode: str
    houses: dict[str, int] = field(default_factory=dict)  # number key -> point index
    centre: tuple[float, float] = (0.0, 0.0)
    radius_m: int = MIN_STREET_ACCURACY_M


@dataclass
class _Index:
    version: object
    streets: dict[str, _Street]
    keys: list[str]
    # per point: (street key, number as written, postcode, lat, lon)
    rows: list[tuple[str, str, str, float, float]]
    tree: STRtree | None


def _street_shape(street: _Street, rows) -> None:
    """The street's middle (the point nearest to the mean) and its half length."""
    coords = [(rows[i][3], rows[i][4]) for i in street.houses.values()]
    lat = sum(c[0] for c in coords) / len(coords)
    lon = sum(c[1] for c in coords) / len(coords)
    middle = min(coords, key=lambda c: (c[0] - lat) ** 2 + ((c[1] - lon) * _X_SCALE) ** 2)
    street.centre = middle
    far = max(distance_m(*middle, *c) for c in coords)
    street.radius_m = max(MIN_STREET_ACCURACY_M, round(far))


def build_index(version, records) -> _Index:
    """`records`: (street, house number, postcode, lat, lon, street key) tuples."""
    streets: dict[str, _Street] = {}
    rows = []
    for street, number, postcode, lat, lon, key in records:
        entry = streets.setdefault(key, _Street(name=street, postcode=postcode))
        entry.houses.setdefault(number_key(number), len(rows))
        rows.append((key, number, postcode, lat, lon))
    for entry in streets.values():
        _street_shape(entry, rows)
    geometry = points([(r[4] * _X_SCALE, r[3]) for r in rows]) if rows else None
    tree = STRtree(geometry) if rows else None
    return _Index(version, streets, sorted(streets), rows, tree)


_lock = threading.Lock()
_state: dict = {"index": None, "checked": 0.0}


def _current_version():
    return AddressImport.objects.order_by("-id").values_list("id", "imported_at").first()


def _load(version) -> _Index:
    if version is None:  # no register loaded
        return build_index(version, [])
    records = AddressPoint.objects.order_by("id").values_list(
        "street", "house_number", "postcode", "latitude", "longitude", "street_key"
    )
    return build_index(version, records.iterator(chunk_size=5000))


def current_index() -> _Index:
    """The index of the loaded register. Whether a newer register was imported (by any
    process) is checked at most once per VERSION_CHECK_SECONDS; an import in this process
    drops the index at once (`forget`)."""
    index = _state["index"]
    now = time.monotonic()
    if index is not None and now - _state["checked"] < VERSION_CHECK_SECONDS:
        return index
    version = _current_version()
    if index is None or index.version != version:
        with _lock:
            index = _state["index"]
            if index is None or index.version != version:
                index = _state["index"] = _load(version)
    _state["checked"] = now
    return index


def forget() -> None:
    """Drop this process's index (after an import, and between tests)."""
    _state["index"] = None
    _state["checked"] = 0.0


# --- Forward ---------------------------------------------------------------------------------


def _find_street(index: _Index, key: str) -> _Street | None:
    if not key:
        return None
    if key in index.streets:
        return index.streets[key]
    found = process.extractOne(key, index.keys, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
    return index.streets[found[0]] if found else None


def _point(index: _Index, street: _Street, i: int, kind: str, accuracy: int) -> Match:
    _key, number, postcode, lat, lon = index.rows[i]
    return Match(street.name, number, postcode, lat, lon, kind, accuracy)


def _nearby_house(street: _Street, number: str) -> int | None:
    """The house with the closest number, on the same side (parity) if there is one."""
    wanted = _leading_number(number)
    if wanted is None:
        return None
    numbered = [(n, i) for k, i in street.houses.items() if (n := _leading_number(k)) is not None]
    if not numbered:
        return None
    same_side = [(n, i) for n, i in numbered if n % 2 == wanted % 2] or numbered
    return min(same_side, key=lambda item: (abs(item[0] - wanted), item[0]))[1]


def resolve(text: str, index: _Index | None = None) -> Match | None:
    """A typed address as a point, or None if the street is unknown.

    A known house number gives the house (HOUSE); an unknown one the nearest number on the
    same side (NEARBY); no number the street's middle with its half length as accuracy
    (STREET). Typos, "Str."/"Straße", case, postcode and "Krefeld" do not matter.
    """
    index = index or current_index()
    parsed = parse(text)
    street = _find_street(index, street_key(parsed.street))
    if street is None:
        return None
    if parsed.number:
        exact = street.houses.get(parsed.number)
        if exact is not None:
            return _point(index, street, exact, HOUSE, HOUSE_ACCURACY_M)
        nearby = street.houses.get(str(_leading_number(parsed.number)))  # "12b" -> 12
        if nearby is None:
            nearby = _nearby_house(street, parsed.number)
        if nearby is not None:
            return _point(index, street, nearby, NEARBY, NEARBY_ACCURACY_M)
    lat, lon = street.centre
    return Match(street.name, "", street.postcode, lat, lon, STREET, street.radius_m)


# --- Autocomplete ----------------------------------------------------------------------------


def _streets_for(index: _Index, key: str, limit: int) -> list[_Street]:
    start = bisect.bisect_left(index.keys, key)
    found = []
    for candidate in index.keys[start:]:
        if not candidate.startswith(key) or len(found) >= limit:
            break
        found.append(candidate)
    if len(found) < limit and len(key) >= 4:
        fuzzy = process.extract(
            key, index.keys, scorer=fuzz.partial_ratio, limit=limit, score_cutoff=FUZZY_CUTOFF
        )
        found += [k for k, _score, _i in fuzzy if k not in found]
    return [index.streets[k] for k in found[:limit]]


def suggest(text: str, limit: int = SUGGESTIONS, index: _Index | None = None) -> list[Match]:
    """Suggestions while typing: streets by prefix (then by similarity), and once a number
    is typed, the houses of the best street whose number starts with it."""
    index = index or current_index()
    parsed = parse(text)
    key = street_key(parsed.street)
    if len(key) < 2:
        return []
    if parsed.number:
        street = _find_street(index, key)
        if street is None:
            return []
        houses = sorted(
            (i for k, i in street.houses.items() if k.startswith(parsed.number)),
            key=lambda i: (_leading_number(index.rows[i][1]) or 0, index.rows[i][1]),
        )
        return [_point(index, street, i, HOUSE, HOUSE_ACCURACY_M) for i in houses[:limit]]
    return [
        Match(s.name, "", s.postcode, *s.centre, STREET, s.radius_m)
        for s in _streets_for(index, key, limit)
    ]


# --- Reverse ---------------------------------------------------------------------------------


def nearest(
    latitude: float, longitude: float, index: _Index | None = None, max_m: float = MAX_NEAREST_M
) -> Nearest | None:
    """The nearest address point within `max_m` metres, with its distance."""
    index = index or current_index()
    if index.tree is None:
        return None
    i = int(index.tree.nearest(Point(longitude * _X_SCALE, latitude)))
    key, number, postcode, lat, lon = index.rows[i]
    distance = distance_m(latitude, longitude, lat, lon)
    if distance > max_m:
        return None
    street = index.streets[key]
    return Nearest(Match(street.name, number, postcode, lat, lon, HOUSE, 0), distance)


def describe_place(latitude: float, longitude: float, address: str = "") -> str:
    """What a person reads as the place of a report: the typed address if there is one,
    else the nearest address with its distance, else ""."""
    if address:
        return address
    found = nearest(latitude, longitude)
    return found.describe() if found else ""
