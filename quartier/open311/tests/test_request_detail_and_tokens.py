"""GET requests/{id} and tokens/{token}."""

import uuid

from quartier.open311.tests.conftest import BASE, read


def test_one_request_comes_wrapped_in_a_list(client, make_report, fmt):
    report = make_report()
    [row] = read(client.get(f"{BASE}/requests/{report.pk}.{fmt}"), fmt)
    assert row["service_request_id"] == str(report.pk)
    assert row["service_code"] == "wilder-muell"


def test_unknown_and_hidden_requests_are_404(client, make_report, fmt):
    hidden = make_report("menschen-in-not")
    for request_id in [hidden.pk, 999999, "abc", "1" * 30]:
        response = client.get(f"{BASE}/requests/{request_id}.{fmt}")
        assert response.status_code == 404
        assert read(response, fmt)[0]["code"] == "404"


def test_exact_coordinates_of_people_in_need_are_never_in_any_answer(
    client, make_report, api_client_key
):
    make_report("menschen-in-not", latitude=51.3181234, longitude=6.5681234, address="Geheim 1")
    for url in [
        f"{BASE}/requests.json",
        f"{BASE}/requests.xml",
        f"{BASE}/services.json",
        f"{BASE}/servicerequestupdates.json?api_key={api_client_key}",
        f"{BASE}/servicerequestupdates.xml?api_key={api_client_key}",
    ]:
        body = client.get(url).content.decode()
        assert "51.318" not in body and "Geheim" not in body and "menschen" not in body.lower()


def test_a_token_resolves_to_its_request(client, make_report, fmt):
    report = make_report()
    [row] = read(client.get(f"{BASE}/tokens/{report.client_id}.{fmt}"), fmt)
    assert row == {"service_request_id": str(report.pk), "token": str(report.client_id)}


def test_unknown_malformed_and_hidden_tokens_are_404(client, make_report, fmt):
    hidden = make_report("menschen-in-not")
    for token in [uuid.uuid4(), "kein-token", hidden.client_id]:
        response = client.get(f"{BASE}/tokens/{token}.{fmt}")
        assert response.status_code == 404
        assert read(response, fmt)[0]["code"] == "404"


def test_people_in_need_stay_hidden_even_if_marked_public_by_mistake(
    client, categories, make_report
):
    category = categories["menschen-in-not"]
    category.is_public = True
    category.save()
    report = make_report("menschen-in-not")
    assert "menschen-in-not" not in client.get(f"{BASE}/services.json").content.decode()
    assert client.get(f"{BASE}/services/menschen-in-not.json").status_code == 404
    assert client.get(f"{BASE}/requests.json").json() == []
    assert client.get(f"{BASE}/requests/{report.pk}.xml").status_code == 404
    assert client.get(f"{BASE}/tokens/{report.client_id}.json").status_code == 404
