"""Lock-out per account, no takeover before MFA, TOTP secrets encrypted at rest."""

from allauth.mfa.models import Authenticator

from quartier.accounts.adapter import ENCRYPTED_PREFIX
from quartier.core.models import AuditEntry
from testkit.personas import totp_code


def test_lock_out_counts_username_and_email_together(client, helper):
    for login in ["helferin", "HELFERIN@example.org", "helferin", "helferin@example.org", "x"]:
        client.post("/accounts/login/", {"login": login, "password": "falsch-falsch"})
    client.post("/accounts/login/", {"login": "helferin", "password": "falsch-falsch"})
    response = client.post(
        "/accounts/login/", {"login": "helferin@example.org", "password": "quartier-test"}
    )
    assert "Zu viele" in response.content.decode()
    assert not AuditEntry.objects.filter(action="account.login").exists()


def test_another_account_is_not_locked_out(client, helper, other_helper):
    for _ in range(6):
        client.post("/accounts/login/", {"login": "helferin", "password": "falsch-falsch"})
    response = client.post("/accounts/login/", {"login": "helfer2", "password": "quartier-test"})
    assert response.status_code == 302


def test_staff_cannot_change_email_or_password_before_mfa(client_for, coordinator):
    Authenticator.objects.filter(user=coordinator).delete()
    client = client_for(coordinator)
    for url in ["/accounts/email/", "/accounts/password/change/"]:
        assert client.get(url)["Location"] == "/accounts/2fa/totp/activate/"
    response = client.post(
        "/accounts/password/change/",
        {
            "oldpassword": "quartier-test",
            "password1": "neu-neu-neu-1",
            "password2": "neu-neu-neu-1",
        },
    )
    assert response.status_code == 302
    coordinator.refresh_from_db()
    assert coordinator.check_password("quartier-test")


def test_staff_with_mfa_may_change_their_password(client_for, coordinator):
    assert client_for(coordinator).get("/accounts/password/change/").status_code == 200


def test_totp_secrets_are_encrypted_at_rest_and_still_work(client, coordinator):
    stored = Authenticator.objects.get(user=coordinator, type=Authenticator.Type.TOTP)
    assert stored.data["secret"].startswith(ENCRYPTED_PREFIX)
    assert coordinator.totp_secret not in str(stored.data)
    client.post("/accounts/login/", {"login": "koordination", "password": "quartier-test"})
    client.post("/accounts/2fa/authenticate/", {"code": totp_code(coordinator)})
    assert client.session["_auth_user_id"] == str(coordinator.pk)


def test_the_mfa_setup_explains_what_it_needs(client_for, coordinator):
    Authenticator.objects.filter(user=coordinator).delete()
    page = client_for(coordinator).get("/accounts/2fa/totp/activate/").content.decode()
    assert "Authenticator-App" in page
    assert "Wiederherstellungscodes" in page
