"""Categories, reports and API keys for the Open311 tests, and a reader for both formats."""

import json
from xml.etree import ElementTree as ET  # noqa: S405  (parses our own responses only)

import pytest

from quartier.accounts.actions import issue_api_key
from quartier.open311.formats import ITEM_NAMES
from quartier.reports.actions import submit_report
from quartier.reports.models import ReportCategory

API_KEY = "test-partner-key-0123456789"
# Inside the Hardenbergviertel demo quarter.
LAT, LON = 51.318012, 6.568034
BASE = "/open311/v2"


@pytest.fixture
def categories(quarters):
    abfall = ReportCategory.objects.create(name="Abfall", code="abfall", order=1)
    licht = ReportCategory.objects.create(name="Beleuchtung", code="beleuchtung", order=2)
    soziales = ReportCategory.objects.create(
        name="Soziales", code="soziales", order=3, is_public=False
    )
    made = {
        "abfall": abfall,
        "wilder-muell": ReportCategory.objects.create(
            name="Wilder Müll", code="wilder-muell", parent=abfall, default_authority_hint="GSAK"
        ),
        "laterne": ReportCategory.objects.create(
            name="Straßenlaterne defekt",
            code="laterne",
            parent=licht,
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
        "alt": ReportCategory.objects.create(
            name="Alte Kategorie", code="alt", parent=abfall, is_active=False
        ),
        "spritzen": ReportCategory.objects.create(
            name="Spritzenfund", code="spritzenfund", parent=soziales
        ),
        "menschen-in-not": ReportCategory.objects.create(
            name="Menschen in Not", code="menschen-in-not", is_public=False
        ),
    }
    return made


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
