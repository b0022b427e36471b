"""API clients moved from `accounts` to `routing`: keys issued before the move still work, also
after the table is renamed after its app (`routing_apiclient`)."""

import pytest
from django.db import connection


@pytest.mark.slow(seconds=7)
@pytest.mark.django_db(transaction=True)
def test_keys_issued_before_the_move_still_authenticate(migrations):
    from quartier.routing.models import ApiClient, hash_api_key

    old = migrations.to(
        [
            ("accounts", "0002_api_clients"),
            ("routing", "0005_authority_english_name"),
        ]
    )
    authority = old.get_model("routing", "Authority").objects.create(
        name="Kommunalbetrieb Krefeld", short_name="KBK"
    )
    old.get_model("accounts", "ApiClient").objects.create(
        name="KBK Mängelmelder",
        authority=authority,
        key_hash=hash_api_key("vorher-ausgestellt"),
        key_prefix="vorher-a",
    )
    new = migrations.to([("accounts", "0003_api_client_moves_to_routing")])
    client = new.get_model("routing", "ApiClient").objects.get()
    assert (client.name, client.authority.short_name) == ("KBK Mängelmelder", "KBK")
    migrations.to_latest()  # the table is then renamed after its app (routing 0007)
    assert ApiClient._meta.db_table == "routing_apiclient"
    assert ApiClient.objects.active().for_key("vorher-ausgestellt").get().name == client.name
    assert "accounts_apiclient" not in connection.introspection.table_names()
