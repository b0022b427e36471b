"""Persona fixtures shared by every test: one user per role, with the demo quarters."""

import pytest
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.test import Client

from quartier.accounts.models import Role, User


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    # Tasks run in-process in tests; test_worker.py uses the real database worker.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DEMO_MODE = False
    settings.MAP_TILE_URL = ""
    # Production hashes static file names after `collectstatic`; tests find them unhashed.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def quarters(db):
    """The eight demo quarters and their bases, keyed by slug."""
    from quartier.areas import demo
    from quartier.areas.models import Quarter

    demo.load()
    return {q.slug: q for q in Quarter.objects.all()}


@pytest.fixture
def quarter(quarters):
    return quarters["hardenbergviertel"]


@pytest.fixture
def other_quarter(quarters):
    return quarters["samtweberviertel"]


def make_user(username, role, quarters=(), **extra):
    """A user with password "quartier-test"; staff with access to personal data get TOTP."""
    user = User.objects.create_user(
        username=username,
        password="quartier-test",
        role=role,
        email=f"{username}@example.org",
        **extra,
    )
    if quarters:
        user.quarters.set(quarters)
    if user.needs_mfa:
        user.totp_secret = generate_totp_secret()
        TOTP.activate(user, user.totp_secret)
    return user


def totp_code(user) -> str:
    """The current six-digit code of a persona's authenticator app."""
    counter = next(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(user.totp_secret, counter))


@pytest.fixture
def helper(quarter):
    return make_user("helferin", Role.HELPER, [quarter], first_name="Hanna")


@pytest.fixture
def other_helper(other_quarter):
    return make_user("helfer2", Role.HELPER, [other_quarter], first_name="Peter")


@pytest.fixture
def coordinator(quarters):
    return make_user("koordination", Role.COORDINATOR)


@pytest.fixture
def privacy_officer(quarters):
    return make_user("datenschutz", Role.PRIVACY_OFFICER)


@pytest.fixture
def admin_user(quarters):
    return make_user("admin", Role.ADMIN, is_staff=True, is_superuser=True)


@pytest.fixture
def outsider(db):
    """An account with no role-specific rights: deactivated, as after leaving the programme."""
    return make_user("ehemalig", Role.HELPER, is_active=False)


@pytest.fixture
def client_for(db):
    """client_for(user) -> a Django test client logged in as that user (None: anonymous)."""

    def make(user):
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture
def wegweiser(quarters):
    """The demo Wegweiser (about twenty Krefeld senior services), keyed by name."""
    import importlib

    from django.apps import apps

    from quartier.directory import demo
    from quartier.directory.models import DirectoryEntry
    from quartier.residents.models import Topic

    if not Topic.objects.exists():
        # Live-server tests flush the database after each test, and with it the needs
        # taxonomy that a data migration loaded: put it back the same way.
        taxonomy = importlib.import_module("quartier.residents.migrations.0002_load_needs_taxonomy")
        taxonomy.load(apps, None)
    demo.load()
    return {entry.name: entry for entry in DirectoryEntry.objects.all()}
