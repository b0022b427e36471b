"""Demo and test data for residents: the needs taxonomy (idempotent).

The taxonomy is created by a data migration; tests that flush the database (browser tests with
a live server) and fresh demo installations call `load()` to have it again.
"""

from quartier.taxonomy import needs


def load() -> None:
    needs.load()
