"""Discovery, service list and service definitions in JSON and XML."""

from quartier.open311.tests.conftest import BASE, read


def test_discovery_lists_both_formats(client, db, fmt):
    data = read(client.get(f"{BASE}/discovery.{fmt}"), fmt)
    endpoint = data["endpoints"][0]
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["url"].endswith("/open311/v2/")
    assert set(endpoint["formats"]) == {"text/xml", "application/json"}
    assert data["key_service"]


def test_services_are_the_public_active_leaf_categories(client, categories, fmt):
    data = read(client.get(f"{BASE}/services.{fmt}"), fmt)
    assert [s["service_code"] for s in data] == ["wilder-muell", "laterne"]
    muell, laterne = data
    assert muell == {
        "service_code": "wilder-muell",
        "service_name": "Wilder Müll",
        "description": "Wilder Müll",
        "metadata": "false",
        "type": "realtime",
        "keywords": "Wilder Müll, Abfall",
        "group": "Abfall",
        "groups": ["Abfall"],
    }
    assert laterne["metadata"] == "true"
    assert laterne["group"] == "Beleuchtung"


def test_a_category_without_group_is_a_service_and_an_inactive_group_hides_its_children(
    client, categories
):
    from quartier.reports.models import ReportCategory

    ReportCategory.objects.update_or_create(
        code="sonstiges", defaults={"name": "Sonstiges", "order": 9, "is_active": True}
    )
    categories["abfall"].is_active = False
    categories["abfall"].save()
    data = client.get(f"{BASE}/services.json").json()
    assert [(s["service_code"], s["group"]) for s in data] == [
        ("laterne", "Beleuchtung"),
        ("sonstiges", ""),
    ]


def test_service_definition_lists_the_attributes(client, categories, fmt):
    data = read(client.get(f"{BASE}/services/laterne.{fmt}"), fmt)
    assert data["service_code"] == "laterne"
    mast, art = data["attributes"]
    assert mast == {
        "variable": "true",
        "code": "lamp_post_number",
        "datatype": "string",
        "required": "true",
        "datatype_description": "",
        "order": "1",
        "description": "Mastnummer",
        "values": [],
    }
    assert art["order"] == "2"
    assert art["datatype"] == "singlevaluelist"
    assert art["values"] == [
        {"key": "aus", "name": "Leuchtet nicht"},
        {"key": "flackert", "name": "flackert"},
    ]


def test_a_service_without_attributes_has_an_empty_definition(client, categories, fmt):
    data = read(client.get(f"{BASE}/services/wilder-muell.{fmt}"), fmt)
    assert data == {"service_code": "wilder-muell", "attributes": []}


def test_unknown_hidden_and_inactive_service_codes_are_404(client, categories, fmt):
    for code in ["gibt-es-nicht", "menschen-in-not", "spritzenfund", "alt", "abfall"]:
        response = client.get(f"{BASE}/services/{code}.{fmt}")
        assert response.status_code == 404, code
        [error] = read(response, fmt)
        assert error["code"] == "404"
        assert code in error["description"]


def test_jurisdiction_krefeld_is_accepted_and_others_are_404(client, categories, fmt):
    ok = client.get(f"{BASE}/services.{fmt}", {"jurisdiction_id": "krefeld.de"})
    assert ok.status_code == 200
    empty = client.get(f"{BASE}/services.{fmt}", {"jurisdiction_id": ""})
    assert empty.status_code == 200
    other = client.get(f"{BASE}/services.{fmt}", {"jurisdiction_id": "koeln.de"})
    assert other.status_code == 404
    assert read(other, fmt)[0]["code"] == "404"


def test_unknown_format_and_unknown_paths_are_404_in_the_spec_format(client, db):
    for path in ["services.yaml", "discovery.html", "requests.csv"]:
        response = client.get(f"{BASE}/{path}")
        assert response.status_code == 404
        assert read(response, "json")[0]["code"] == "404"
    response = client.get(f"{BASE}/no/such/thing.xml")
    assert response.status_code == 404
    assert read(response, "xml")[0]["code"] == "404"


def test_the_openapi_schema_is_served_without_a_docs_page(client, db):
    schema = client.get(f"{BASE}/openapi.json").json()
    assert "/open311/v2/requests.{format}" in schema["paths"]
    content = schema["paths"]["/open311/v2/services.{format}"]["get"]["responses"]["200"]["content"]
    assert set(content) == {"application/json", "text/xml"}
    assert client.get(f"{BASE}/docs").status_code == 404


def test_the_service_list_needs_one_query(client, categories, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert len(client.get(f"{BASE}/services.json").json()) == 2


def test_a_service_is_found_by_code_exactly_when_it_is_listed(db, categories):
    from quartier.open311.access import get_public_category, public_categories
    from quartier.reports.models import ReportCategory

    listed = {category.code for category in public_categories()}
    assert listed
    for category in ReportCategory.objects.all():
        found = get_public_category(category.code)
        assert (found is not None) == (category.code in listed), category.code
