from django.core import mail

from quartier.core.models import AuditEntry


def test_coordinator_without_totp_is_sent_to_mfa_setup(client_for, coordinator):
    from allauth.mfa.models import Authenticator

    Authenticator.objects.filter(user=coordinator).delete()
    response = client_for(coordinator).get("/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"


def test_demo_mode_lets_staff_in_without_mfa(client_for, coordinator, settings):
    from allauth.mfa.models import Authenticator

    Authenticator.objects.filter(user=coordinator).delete()
    settings.DEMO_MODE = True
    assert client_for(coordinator).get("/").status_code == 200


def test_helpers_do_not_need_mfa(client_for, helper):
    assert client_for(helper).get("/").status_code == 200


def test_login_is_rate_limited_with_a_clear_message(client, helper):
    for _ in range(5):
        client.post("/accounts/login/", {"login": "helferin", "password": "wrong-password"})
    response = client.post("/accounts/login/", {"login": "helferin", "password": "quartier-test"})
    assert "Zu viele" in response.content.decode()
    assert AuditEntry.objects.filter(action="account.login").count() == 0


def test_password_reset_sends_an_email(client, helper, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/password/reset/", {"email": "helferin@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def test_nobody_can_sign_up(client, db):
    response = client.get("/accounts/signup/")
    assert "Registrierung geschlossen" in response.content.decode() or response.status_code == 404


def test_coordinator_with_totp_needs_the_code_to_log_in(client, coordinator):
    from testkit.personas import totp_code

    response = client.post(
        "/accounts/login/", {"login": "koordination", "password": "quartier-test"}
    )
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert client.get("/").status_code == 200 and "_auth_user_id" not in client.session
    response = client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    assert "_auth_user_id" not in client.session
    client.post("/accounts/2fa/authenticate/", {"code": totp_code(coordinator)})
    assert client.session["_auth_user_id"] == str(coordinator.pk)
