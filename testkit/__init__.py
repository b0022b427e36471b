"""Shared test kit: personas, factories and test images for unit and browser tests.

Fixtures live in the root `conftest.py` (personas, quarters, Wegweiser) and in each app's
`tests/conftest.py`; the plain functions they and the tests call live here, once.
"""
