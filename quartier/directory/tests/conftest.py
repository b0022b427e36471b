"""Fixtures shared by the Wegweiser tests."""

import pytest


@pytest.fixture
def helper_with_base(helper, quarter):
    """A helper with a base and a phone number, as printed on handouts."""
    helper.base = quarter.bases.first()
    helper.phone = "0151 000 111 22"
    helper.save()
    return helper
