"""Schemathesis against the served OpenAPI schema, through the WSGI app (no network).

Every operation gets valid and invalid generated requests (25 each); every response must be
documented (status, content type, JSON schema) and no input may cause a server error.
"""

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, assume, given, settings
from schemathesis.generation import GenerationMode

from quartier.open311.formats import Open311Error
from quartier.open311.params import MAX_WINDOW, parse_datetime
from quartier.open311.tests.conftest import API_KEY
from quartier.wsgi import application

EXAMPLES_PER_OPERATION = 25


@pytest.fixture
def keep_test_connection():
    """Like Django's test client: the WSGI app must not close the test's DB connection."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema(make_report, api_client_key, keep_test_connection):
    for code in ["wilder-muell", "laterne", "menschen-in-not"]:
        make_report(code, attributes={"lamp_post_number": "K-1"})
    return schemathesis.openapi.from_wsgi("/open311/v2/openapi.json", application)


def with_valid_key(case) -> None:
    """Valid data should reach past the key check, so positive cases carry a real key."""
    if isinstance(case.body, dict) and "api_key" in case.body:
        case.body["api_key"] = API_KEY
    if case.query and "api_key" in case.query:
        case.query["api_key"] = API_KEY


def window_is_possible(case) -> bool:
    """A window over 90 days (or reversed) is a documented 400 the schema cannot express."""
    query = case.query or {}
    try:
        start = parse_datetime(str(query.get("start_date", "")), "start_date")
        end = parse_datetime(str(query.get("end_date", "")), "end_date")
    except Open311Error:
        return True  # not both given (or invalid: then the server must say 400 anyway)
    return start <= end and end - start <= MAX_WINDOW


def fuzz(operation, mode: GenerationMode) -> None:
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    def run(case):
        if mode is GenerationMode.POSITIVE:
            assume(window_is_possible(case))
            with_valid_key(case)
        case.call_and_validate()

    run()


@pytest.mark.slow(seconds=4)
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_every_operation_keeps_to_its_schema(api_schema, mode):
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) == 9
    for operation in operations:
        fuzz(operation, mode)
