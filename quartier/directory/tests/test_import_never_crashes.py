"""Whatever a file contains, parsing ends in entries or a clear DirectoryImportError."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quartier.directory.actions import import_entries
from quartier.directory.csv_format import COLUMNS, DirectoryImportError, parse_csv
from quartier.directory.hsds_import import parse_hsds

FUZZ = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
cells = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=30)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=20,
)


def outcome(parse, raw):
    try:
        return parse(raw)
    except DirectoryImportError as error:
        assert error.errors and all(isinstance(message, str) for message in error.errors)
        return None


@pytest.mark.django_db
@FUZZ
@given(raw=st.binary(max_size=400))
def test_random_bytes_as_csv(quarters, raw):
    outcome(parse_csv, raw)


@pytest.mark.django_db
@FUZZ
@given(rows=st.lists(st.lists(cells, min_size=1, max_size=len(COLUMNS) + 2), max_size=5))
def test_random_csv_rows_under_a_valid_header(quarters, rows):
    lines = [";".join(COLUMNS)] + [";".join(row) for row in rows]
    entries = outcome(parse_csv, "\r\n".join(lines).encode())
    if entries:  # whatever passes validation can be stored
        import_entries(actor=None, entries=entries, source="csv")


@pytest.mark.django_db
@FUZZ
@given(document=json_values)
def test_random_json_as_hsds(quarters, document):
    outcome(parse_hsds, json.dumps(document).encode())


service_fields = st.fixed_dictionaries(
    {"id": st.uuids().map(str), "name": st.text(min_size=1, max_size=20)},
    optional={
        key: json_values
        for key in (
            "organization",
            "phones",
            "schedules",
            "languages",
            "service_areas",
            "service_at_locations",
            "attributes",
            "email",
            "url",
            "status",
            "x_translations",
        )
    },
)


@pytest.mark.django_db
@FUZZ
@given(services=st.lists(service_fields, min_size=1, max_size=3))
def test_services_with_random_nested_values(quarters, services):
    entries = outcome(parse_hsds, json.dumps({"contents": services}).encode())
    if entries:
        import_entries(actor=None, entries=entries, source="hsds")


@pytest.mark.django_db
def test_a_quote_that_never_closes_in_the_header_is_an_import_error(quarters):
    with pytest.raises(DirectoryImportError, match="Zeile 1"):
        parse_csv(b'"name;adresse\n')
