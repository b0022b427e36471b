"""Categories, reports and API keys for the Open311 tests, and a reader for both formats."""

import json
from xml.etree import ElementTree as ET  # noqa: S405  (parses our own responses only)

import pytest

from quartier.open311.formats import ITEM_NAMES
from quartier.reports.actions import submit_report
from quartier.reports.models import ReportCategory
from quartier.routing.actions import issue_api_key

API_KEY = "test-partner-key-0123456789"
# Inside the Hardenbergviertel demo quarter.
LAT, LON = 51.318012, 6.568034
BASE = "/open311/v2"


def category(code, **fields):
    """Create or take over a category (default categories may come from a data migration)."""
    values = {"parent": None, "is_public": True, "is_active": True, "attributes": []}
    values.update(fields)
    return ReportCategory.objects.update_or_create(code=code, defaults=values)[0]


@pytest.fixture
def categories(quarters):
    # Only the categories below are active, whatever default categories exist.
    ReportCategory.objects.update(is_active=False)
    abfall = category("abfall", name="Abfall", order=1)
    licht = category("beleuchtung", name="Beleuchtung", order=2)
    soziales = category("soziales", name="Soziales", order=3, is_public=False)
    return {
        "abfall": abfall,
        "wilder-muell": category(
            "wilder-muell", name="Wilder Müll", parent=abfall, default_authority_hint="GSAK"
        ),
        "laterne": category(
            "laterne",
            name="Straßenlaterne defekt",
            parent=licht,
            default_authority_hint="",
            attributes=[
                {
                    "code": "lamp_post_number",
                    "label": "Mastnummer",
                    "datatype": "string",
                    "required": True,
                },
                {
                    "code": "art",
                    "label": "Art des Schadens",
                    "datatype": "singlevaluelist",
                    "required": False,
                    "values": [{"key": "aus", "name": "Leuchtet nicht"}, "flackert"],
                },
            ],
        ),
        "alt": category("alt", name="Alte Kategorie", parent=abfall, is_active=False),
        "spritzen": category("spritzenfund", name="Spritzenfund", parent=soziales),
        "menschen-in-not": category(
            "menschen-in-not", name="Menschen in Not", is_public=False, order=4
        ),
    }


@pytest.fixture
def make_report(categories, helper):
    def make(code="wilder-muell", **extra):
        values = {"latitude": LAT, "longitude": LON, "description": "Sperrmüll am Gehweg"}
        values.update(extra)
        report, _ = submit_report(reporter=helper, category=categories[code], **values)
        return report

    return make


@pytest.fixture
def api_client_key(db):
    issue_api_key(actor=None, name="KBK Mängelmelder", raw_key=API_KEY)
    return API_KEY


@pytest.fixture
def valid(api_client_key, categories):
    """A valid POST requests form: a known partner's key, an offered service, in Krefeld."""
    return {
        "api_key": api_client_key,
        "service_code": "wilder-muell",
        "lat": str(LAT),
        "long": str(LON),
        "description": "Matratzen an der Ecke",
    }


@pytest.fixture
def key_client(api_client_key):
    """The ApiClient behind API_KEY (reports it created are the ones its key reads updates of)."""
    from quartier.routing.models import ApiClient

    return ApiClient.objects.for_key(api_client_key).get()


def _scalar(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def normalise(value):
    """JSON data with every scalar as the string XML would carry."""
    if isinstance(value, dict):
        return {k: normalise(v) for k, v in value.items()}
    if isinstance(value, list):
        return [normalise(v) for v in value]
    return _scalar(value)


def _from_xml(element):
    if element.tag in ITEM_NAMES:
        return [_from_xml(child) for child in element]
    if len(element):
        return {child.tag: _from_xml(child) for child in element}
    return element.text or ""


def read(response, fmt):
    """The body as plain data (all scalars strings), the same for JSON and XML."""
    if fmt == "xml":
        assert response["Content-Type"] == "text/xml; charset=utf-8"
        assert response.content.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
        return _from_xml(ET.fromstring(response.content))  # noqa: S314  (our own output)
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return normalise(json.loads(response.content))


@pytest.fixture(params=["json", "xml"])
def fmt(request):
    return request.param
