"""Open311 API keys: issued by admins (command or admin), stored only as a hash, revocable."""

import re

import pytest
from django.core.management import CommandError, call_command

from quartier.core.models import AuditEntry
from quartier.routing.actions import ApiKeyError, issue_api_key
from quartier.routing.models import ApiClient, Authority, hash_api_key


def test_the_command_prints_the_key_once_and_stores_only_its_hash(db, capsys):
    authority = Authority.objects.create(name="Kommunalbetrieb Krefeld", short_name="KBK")
    call_command("issue_api_key", "KBK Mängelmelder", "--authority", "KBK")
    key = capsys.readouterr().out.strip().splitlines()[-1]
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}", key)
    client = ApiClient.objects.get()
    assert client.authority == authority
    assert client.key_hash == hash_api_key(key)
    assert client.key_prefix == key[:8]
    assert key not in str(ApiClient.objects.values().get())
    assert ApiClient.objects.active().for_key(key).get() == client
    assert AuditEntry.objects.filter(action="api_key.issue", object_id=str(client.pk)).exists()


def test_the_command_refuses_unknown_authorities_and_duplicate_names(db):
    with pytest.raises(CommandError, match="Kurznamen"):
        call_command("issue_api_key", "X", "--authority", "GIBTSNICHT")
    call_command("issue_api_key", "Partner A")
    with pytest.raises(CommandError, match="schon"):
        call_command("issue_api_key", "Partner A")
    with pytest.raises(ApiKeyError):
        issue_api_key(actor=None, name="  ")


def test_empty_and_wrong_keys_find_nobody(db):
    issue_api_key(actor=None, name="P", raw_key="richtig")
    assert not ApiClient.objects.for_key("").exists()
    assert not ApiClient.objects.for_key("falsch").exists()


def test_the_read_only_admin_issues_no_keys(admin_user, client_for):
    """Keys are issued by `manage.py issue_api_key` or the in-app pages, never the data view."""
    client = client_for(admin_user)
    response = client.post("/verwaltung/daten/routing/apiclient/add/", {"name": "GSAK"})
    assert response.status_code == 403
    assert not ApiClient.objects.exists()


@pytest.mark.slow
def test_load_demo_prints_the_documented_demo_key(db, short_demo_history, capsys):
    call_command("load_demo")
    assert "demo-open311-key" in capsys.readouterr().out
    call_command("load_demo")
    assert ApiClient.objects.active().for_key("demo-open311-key").count() == 1
