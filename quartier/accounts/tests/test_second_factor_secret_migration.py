"""Second-factor secrets stored in clear text before encryption was introduced are encrypted by
a data migration; the authenticator apps people already set up keep working."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

from quartier.accounts.adapter import ENCRYPTED_PREFIX, decrypt_secret
from quartier.accounts.models import Role
from testkit.personas import PASSWORD, make_user, totp_code

BEFORE = [("accounts", "0003_api_client_moves_to_routing")]
AFTER = [("accounts", "0004_encrypt_second_factor_secrets")]


@pytest.mark.django_db(transaction=True)
def test_plain_secrets_are_encrypted_and_the_code_still_logs_in(client, migrations):
    migrations.to(BEFORE)
    coordinator = make_user("koordination", Role.COORDINATOR)
    already = make_user("datenschutz", Role.PRIVACY_OFFICER)
    RecoveryCodes.activate(coordinator)
    seed = decrypt_secret(Authenticator.objects.get(type="recovery_codes").data["seed"])
    # As stored before encryption: the secret and the seed in clear text.
    Authenticator.objects.filter(user=coordinator, type="totp").update(
        data={"secret": coordinator.totp_secret}
    )
    Authenticator.objects.filter(type="recovery_codes").update(data={"seed": seed})
    encrypted_before = Authenticator.objects.get(user=already, type="totp").data["secret"]

    migrations.to(AFTER)

    totp = Authenticator.objects.get(user=coordinator, type="totp").data["secret"]
    assert totp.startswith(ENCRYPTED_PREFIX)
    assert coordinator.totp_secret not in totp
    assert decrypt_secret(totp) == coordinator.totp_secret
    stored_seed = Authenticator.objects.get(type="recovery_codes").data["seed"]
    assert stored_seed.startswith(ENCRYPTED_PREFIX) and decrypt_secret(stored_seed) == seed
    # Idempotent: an already encrypted secret is not encrypted a second time.
    assert Authenticator.objects.get(user=already, type="totp").data["secret"] == encrypted_before
    migrations.to(BEFORE)
    migrations.to(AFTER)
    again = Authenticator.objects.get(user=coordinator, type="totp").data["secret"]
    assert again == totp

    migrations.to_latest()
    client.post("/accounts/login/", {"login": "koordination", "password": PASSWORD})
    client.post("/accounts/2fa/authenticate/", {"code": totp_code(coordinator)})
    assert client.session["_auth_user_id"] == str(coordinator.pk)
