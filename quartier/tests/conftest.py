import pytest


@pytest.fixture(scope="session")
def rendered_page_store() -> dict:
    """The pages `rendered_pages` (test_permission_matrix.py) requested, kept for the
    process: the tests that read every page render them once."""
    return {}
