"""Contract tests for what real Open311 clients (FixMyStreet, georeport, dashboards) expect.

One test (in JSON and XML where the answer has a body) per deviation that an outside check
with FixMyStreet's client, `georeport` and the specification found.
"""

import datetime as dt

import pytest
from django.utils import timezone

from quartier.open311.tests.conftest import BASE, LAT, LON, category, read
from quartier.reports.actions import record_status
from quartier.reports.models import Report, ReportStatus
from quartier.routing.actions import forward_report, issue_api_key
from quartier.routing.models import Authority, Channel

FORM = "application/x-www-form-urlencoded"


def created(response, fmt) -> Report:
    assert response.status_code == 200, response.content
    return Report.objects.get(pk=read(response, fmt)[0]["service_request_id"])


def error_of(response, fmt, status):
    assert response.status_code == status
    [error] = read(response, fmt)
    assert error["code"] == str(status)
    return error["description"]


# 1 -------------------------------------------------------------------------------------------


def test_1_a_multi_choice_attribute_is_taken_in_both_forms(client, valid, categories, fmt):
    category(
        "schaden",
        name="Schaden",
        parent=categories["abfall"],
        attributes=[
            {
                "code": "art",
                "datatype": "multivaluelist",
                "values": [{"key": "glas", "name": "Glas"}, {"key": "holz", "name": "Holz"}],
            }
        ],
    )
    valid["service_code"] = "schaden"
    spec = client.post(f"{BASE}/requests.{fmt}", {**valid, "attribute[art][]": ["glas", "holz"]})
    fms = client.post(f"{BASE}/requests.{fmt}", {**valid, "attribute[art]": ["glas", "holz"]})
    assert created(spec, fmt).attributes == {"art": ["glas", "holz"]}
    assert created(fms, fmt).attributes == {"art": ["glas", "holz"]}
    wrong = client.post(f"{BASE}/requests.{fmt}", {**valid, "attribute[art]": ["glas", "stein"]})
    assert "not in the list" in error_of(wrong, fmt, 400)


# 2 -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed, label, kind",
    [
        ("Hardenbergstr. 12", "Hardenbergstraße 12, 47799 Krefeld", "house"),
        ("hardenbrgstrasse 12, Krefeld", "Hardenbergstraße 12, 47799 Krefeld", "house"),
        ("Hardenbergstraße", "Hardenbergstraße, 47799 Krefeld", "street"),
    ],
)
def test_2_a_request_with_only_an_address_string_is_placed(client, valid, fmt, typed, label, kind):
    from quartier.areas import addresses
    from quartier.areas.demo_addresses import load

    load()
    del valid["lat"], valid["long"]
    report = created(client.post(f"{BASE}/requests.{fmt}", {**valid, "address_string": typed}), fmt)
    expected = addresses.resolve(label)
    assert report.address == label
    assert (report.latitude, report.longitude) == (expected.latitude, expected.longitude)
    assert report.accuracy_m == expected.accuracy_m
    assert (expected.kind, report.quarter.slug) == (kind, "hardenbergviertel")
    unknown = client.post(f"{BASE}/requests.{fmt}", {**valid, "address_string": "Mondweg 1"})
    assert "address register" in error_of(unknown, fmt, 400)


def test_2_a_request_with_gps_gets_the_nearest_address(client, valid, fmt):
    from quartier.areas.demo_addresses import demo_rows, load

    load()
    [row] = [r for r in demo_rows() if r.street == "Josefstraße" and r.house_number == "5"]
    valid.update(lat=str(row.latitude), long=str(row.longitude + 0.0004))
    report = created(client.post(f"{BASE}/requests.{fmt}", valid), fmt)
    [shown] = read(client.get(f"{BASE}/requests/{report.pk}.{fmt}"), fmt)
    assert shown["address"].startswith("bei Josefstraße ")
    assert shown["address"].endswith(" m)")


# 3 -------------------------------------------------------------------------------------------


def _body(form: dict, text: str) -> str:
    fields = "&".join(f"{k}={v}" for k, v in form.items() if k != "description")
    return f"{fields}&description={text}"


def post_bytes(client, fmt, body: bytes, content_type: str):
    """The body exactly as given (the test client's post() would re-encode it)."""
    return client.generic("POST", f"{BASE}/requests.{fmt}", body, content_type=content_type)


def test_3_a_declared_latin1_form_is_decoded(client, valid, fmt):
    for charset in ("iso-8859-1", "ISO-8859-1", "windows-1252", "latin1"):
        body = _body(valid, "Stra%DFe+voller+M%FCll").encode("ascii")
        response = post_bytes(client, fmt, body, f"{FORM}; charset={charset}")
        assert created(response, fmt).description == "Straße voller Müll"
    raw = _body(valid, "Stra\xdfe").encode("latin-1")  # not even percent-encoded
    response = post_bytes(client, fmt, raw, f"{FORM}; charset=latin1")
    assert created(response, fmt).description == "Straße"


def test_3_unknown_charsets_and_undeclared_latin1_are_a_400(client, valid, fmt):
    body = _body(valid, "Stra%DFe").encode("ascii")
    bogus = post_bytes(client, fmt, body, f"{FORM}; charset=klingon")
    assert "charset" in error_of(bogus, fmt, 400)
    undeclared = post_bytes(client, fmt, body, FORM)
    assert "not valid utf-8" in error_of(undeclared, fmt, 400)
    assert not Report.objects.exists()
    utf8 = _body(valid, "Stra%C3%9Fe").encode("ascii")
    ok = post_bytes(client, fmt, utf8, f"{FORM}; charset=UTF-8")
    assert created(ok, fmt).description == "Straße"


def test_3_nul_characters_are_dropped_not_a_database_error(client, valid, fmt):
    # PostgreSQL cannot store NUL; a fuzzer found the 500 this used to be.
    body = _body(valid, "M%C3%BCll%00").encode("ascii")
    response = post_bytes(client, fmt, body, f"{FORM}; charset=UTF-8")
    assert created(response, fmt).description == "Müll"
    coded = client.post(f"{BASE}/requests.{fmt}", {**valid, "service_code": "\x00"})
    assert coded.status_code in (400, 404)
    listed = client.get(f"{BASE}/requests.{fmt}", {"service_code": "\x00wilder-muell"})
    assert listed.status_code == 200
    assert Report.objects.count() == 1


def test_3_a_date_far_in_the_future_is_a_clear_400(client, categories, fmt):
    for value in ("9999-12-31T23:00:00Z", "0001-01-01T00:00:00Z"):
        response = client.get(f"{BASE}/requests.{fmt}", {"start_date": value})
        assert "between the years 2000 and 2999" in error_of(response, fmt, 400)
        response = client.get(f"{BASE}/requests.{fmt}", {"end_date": value})
        assert error_of(response, fmt, 400)


# 4 -------------------------------------------------------------------------------------------


def test_4_public_reads_allow_any_origin_and_preflights_are_answered(
    client, categories, api_client_key, fmt
):
    for path in ("discovery", "services", "requests", "services/laterne"):
        response = client.get(f"{BASE}/{path}.{fmt}", HTTP_ORIGIN="https://dashboard.example")
        assert response.status_code == 200
        assert response["Access-Control-Allow-Origin"] == "*"
    preflight = client.options(
        f"{BASE}/requests.{fmt}",
        HTTP_ORIGIN="https://dashboard.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    # the key-protected feed is not for browsers on other sites
    updates = client.get(f"{BASE}/servicerequestupdates.{fmt}", {"api_key": api_client_key})
    assert updates.status_code == 200
    assert "Access-Control-Allow-Origin" not in updates


# 5 -------------------------------------------------------------------------------------------


def test_5_w3c_short_dates_are_understood(client, make_report, monkeypatch, fmt):
    moment = dt.datetime(2026, 11, 27, 12, 30, tzinfo=dt.UTC)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    report = make_report()
    for query in (
        {"start_date": "2026-11-27"},
        {"start_date": "2026-11-27T12:00Z"},
        {"start_date": "2026-11", "end_date": "2026-11-28"},
        {"end_date": "2026-11-27T14:00+01:00"},
    ):
        response = client.get(f"{BASE}/requests.{fmt}", query)
        assert response.status_code == 200, (query, response.content)
        assert [r["service_request_id"] for r in read(response, fmt)] == [str(report.pk)]
    later = client.get(f"{BASE}/requests.{fmt}", {"start_date": "2026-11-27T12:31Z"})
    assert read(later, fmt) == []
    assert error_of(client.get(f"{BASE}/requests.{fmt}", {"start_date": "27.11.2026"}), fmt, 400)


# 6 and 12 ------------------------------------------------------------------------------------


@pytest.fixture
def fms_key(db):
    return issue_api_key(actor=None, name="FixMyStreet Krefeld", raw_key="fms-key-0123456789")[1]


def test_6_partner_updates_come_back_as_sent_and_never_to_their_sender(
    client, valid, fms_key, api_client_key, fmt
):
    # FixMyStreet creates a report; the partner system (the other key) was sent it
    report = created(client.post(f"{BASE}/requests.{fmt}", {**valid, "api_key": fms_key}), fmt)
    kbk = Authority.objects.create(
        name="KBK", short_name="KBK", channel=Channel.EMAIL, emails="kbk@example.org"
    )
    from quartier.routing.models import ApiClient

    ApiClient.objects.for_key(api_client_key).update(authority=kbk)
    forward_report(report=report, authority=kbk, actor=None)
    update = {
        "api_key": api_client_key,
        "service_request_id": str(report.pk),
        "status": "INVESTIGATING",
        "description": "Wir sehen uns das am Montag an.",
        "updated_datetime": "2026-06-15T10:00:00+02:00",
        "update_id": "kbk-1",
    }
    assert client.post(f"{BASE}/servicerequestupdates.{fmt}", update).status_code == 200
    # FixMyStreet reads what the partner sent, unchanged, and not its own creation
    rows = read(client.get(f"{BASE}/servicerequestupdates.{fmt}", {"api_key": fms_key}), fmt)
    assert [r["description"] for r in rows] == ["Weitergeleitet", "Wir sehen uns das am Montag an."]
    assert rows[-1]["status"] == "INVESTIGATING"  # as sent, not re-mapped
    assert rows[-1]["updated_datetime"] == "2026-06-15T10:00:00+02:00"
    assert all(r["status"] != "OPEN" for r in rows)
    # the partner does not get its own update echoed back
    own = read(client.get(f"{BASE}/servicerequestupdates.{fmt}", {"api_key": api_client_key}), fmt)
    assert all(r["description"] != "Wir sehen uns das am Montag an." for r in own)


def test_12_a_key_reads_only_what_its_system_sent_or_was_sent(
    client, valid, fms_key, api_client_key, make_report, fmt
):
    mine = created(client.post(f"{BASE}/requests.{fmt}", {**valid, "api_key": fms_key}), fmt)
    theirs = make_report()
    for report in (mine, theirs):
        record_status(report=report, status=ReportStatus.RESOLVED)
    fms_rows = read(client.get(f"{BASE}/servicerequestupdates.{fmt}", {"api_key": fms_key}), fmt)
    assert [r["service_request_id"] for r in fms_rows] == [str(mine.pk)]
    other = client.get(f"{BASE}/servicerequestupdates.{fmt}", {"api_key": api_client_key})
    assert read(other, fmt) == []


# 7 -------------------------------------------------------------------------------------------


def test_7_identical_reports_stay_two_unless_the_client_says_it_retries(client, valid, fmt):
    first = created(client.post(f"{BASE}/requests.{fmt}", valid), fmt)
    second = created(client.post(f"{BASE}/requests.{fmt}", valid), fmt)
    assert first.pk != second.pk
    for retry in (
        {"client_request_id": "abc-1"},
        {"attribute[fixmystreet_id]": "4711"},
    ):
        one = created(client.post(f"{BASE}/requests.{fmt}", {**valid, **retry}), fmt)
        again = created(client.post(f"{BASE}/requests.{fmt}", {**valid, **retry}), fmt)
        assert one.pk == again.pk
    one = created(client.post(f"{BASE}/requests.{fmt}", valid, HTTP_IDEMPOTENCY_KEY="k-9"), fmt)
    again = created(client.post(f"{BASE}/requests.{fmt}", valid, HTTP_IDEMPOTENCY_KEY="k-9"), fmt)
    assert one.pk == again.pk
    assert Report.objects.count() == 5


# 8 -------------------------------------------------------------------------------------------


def test_8_every_method_and_path_answers_in_the_error_format(client, valid, categories, fmt):
    head = client.head(f"{BASE}/services.{fmt}")
    assert head.status_code == 200 and head.content == b""
    assert int(head["Content-Length"]) > 0
    for method in ("put", "delete", "patch"):
        response = getattr(client, method)(f"{BASE}/requests.{fmt}")
        assert "not allowed" in error_of(response, fmt, 405)
        assert "GET" in response["Allow"]
    assert error_of(client.get(f"{BASE}/nichts.{fmt}"), fmt, 404)
    root = client.get(f"{BASE}/")
    assert root.status_code == 404 and root.json()[0]["code"] == 404
    as_json = client.post(f"{BASE}/requests.{fmt}", valid, content_type="application/json")
    assert FORM in error_of(as_json, fmt, 400)


# 9 -------------------------------------------------------------------------------------------


def test_9_an_unknown_service_code_is_an_empty_list(client, categories, fmt):
    response = client.get(f"{BASE}/requests.{fmt}", {"service_code": "raumschiff"})
    assert response.status_code == 200 and read(response, fmt) == []


# 10 ------------------------------------------------------------------------------------------


def test_10_services_describe_themselves_in_several_groups(client, categories, fmt):
    laterne = categories["laterne"]
    laterne.description = "Eine Straßenlaterne leuchtet nicht oder flackert."
    laterne.keywords = "Licht, Laterne, dunkel"
    laterne.extra_groups = ["Straße und Verkehr", "Beleuchtung"]
    laterne.save()
    rows = {s["service_code"]: s for s in read(client.get(f"{BASE}/services.{fmt}"), fmt)}
    row = rows["laterne"]
    assert row["description"] == "Eine Straßenlaterne leuchtet nicht oder flackert."
    assert row["keywords"] == "Licht, Laterne, dunkel"
    assert row["group"] == "Beleuchtung"
    assert row["groups"] == ["Beleuchtung", "Straße und Verkehr"]
    assert rows["wilder-muell"]["keywords"] == "Wilder Müll, Abfall"


# 11 ------------------------------------------------------------------------------------------


def test_11_discovery_names_max_requests_and_services_depend_on_the_place(client, categories, fmt):
    [endpoint] = read(client.get(f"{BASE}/discovery.{fmt}"), fmt)["endpoints"]
    assert endpoint["max_requests"] == "1000"
    here = read(client.get(f"{BASE}/services.{fmt}", {"lat": LAT, "long": LON}), fmt)
    assert [s["service_code"] for s in here] == ["wilder-muell", "laterne"]
    berlin = client.get(f"{BASE}/services.{fmt}", {"lat": "52.52", "long": "13.40"})
    assert read(berlin, fmt) == []


def test_11_requests_by_agency_update_time_radius_and_box(client, make_report, monkeypatch, fmt):
    start = dt.datetime(2026, 6, 1, 9, 0, tzinfo=dt.UTC)
    monkeypatch.setattr(timezone, "now", lambda: start)
    near = make_report()
    far = make_report(latitude=51.33, longitude=6.60)
    gsak = Authority.objects.create(name="GSAK Krefeld", short_name="GSAK", emails="g@x.org")
    monkeypatch.setattr(timezone, "now", lambda: start + dt.timedelta(hours=2))
    forward_report(report=far, authority=gsak, actor=None)

    def ids(**query):
        response = client.get(f"{BASE}/requests.{fmt}", query)
        assert response.status_code == 200, response.content
        return {r["service_request_id"] for r in read(response, fmt)}

    assert ids(agency_responsible="gsak krefeld") == {str(far.pk)}
    assert ids(updated_after="2026-06-01T10:00Z") == {str(far.pk)}
    assert ids(updated_before="2026-06-01T10:00Z") == {str(near.pk)}
    assert ids(lat=LAT, long=LON, radius="300") == {str(near.pk)}
    assert ids(lat=LAT, long=LON, radius="5000") == {str(near.pk), str(far.pk)}
    assert ids(bbox="6.59,51.32,6.61,51.34") == {str(far.pk)}
    assert ids(bbox="6.61,51.34,6.59,51.32") == {str(far.pk)}
    for bad in ({"radius": "0"}, {"radius": "9000"}, {"bbox": "1,2,3"}, {"lat": "x"}):
        assert error_of(client.get(f"{BASE}/requests.{fmt}", bad), fmt, 400)
