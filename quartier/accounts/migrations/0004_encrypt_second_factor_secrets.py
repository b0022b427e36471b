# TOTP secrets and recovery-code seeds stored before encryption was introduced are encrypted
# in place. Idempotent: values that are already encrypted are left alone. Migrating back leaves
# them encrypted (nothing is ever written in clear text again).

from django.db import migrations

# The stored field of each second-factor type that holds a secret.
SECRET_FIELDS = {"totp": "secret", "recovery_codes": "seed"}


def encrypt_plain_secrets(apps, schema_editor):
    from quartier.accounts.adapter import encrypt_secret, is_encrypted

    Authenticator = apps.get_model("mfa", "Authenticator")
    for authenticator in Authenticator.objects.filter(type__in=SECRET_FIELDS).iterator():
        field = SECRET_FIELDS[authenticator.type]
        value = (authenticator.data or {}).get(field)
        if isinstance(value, str) and value and not is_encrypted(value):
            authenticator.data = {**authenticator.data, field: encrypt_secret(value)}
            authenticator.save(update_fields=["data"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_api_client_moves_to_routing"),
        ("mfa", "0003_authenticator_type_uniq"),
    ]

    operations = [
        migrations.RunPython(encrypt_plain_secrets, migrations.RunPython.noop, elidable=False),
    ]
