"""Accounts change only through audited actions, with the separation rule of ADR 0008."""

import re

import pytest
from allauth.mfa.models import Authenticator
from django.core import mail

from conftest import make_user
from quartier.accounts import actions
from quartier.accounts.models import Role, User
from quartier.core.models import AuditEntry


def _entries(user):
    return list(
        AuditEntry.objects.filter(object_type="accounts.user", object_id=str(user.pk))
        .order_by("id")
        .filter(action__startswith="user.")
        .values_list("action", flat=True)
    )


def test_an_admin_invites_a_helper_who_sets_her_password(
    client_for, admin_user, quarter, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(admin_user).post(
            "/verwaltung/benutzer/einladen/",
            {
                "username": "neu.helferin",
                "first_name": "Nele",
                "last_name": "Neu",
                "email": "nele@example.org",
                "role": Role.HELPER,
                "quarters": [quarter.pk],
            },
        )
    user = User.objects.get(username="neu.helferin")
    assert response.status_code == 302
    assert not user.has_usable_password()
    assert list(user.quarters.all()) == [quarter]
    assert _entries(user) == ["user.invite.helper"]
    [message] = mail.outbox
    assert message.to == ["nele@example.org"]
    link = re.search(r"http://\S+/accounts/password/reset/key/\S+/", message.body).group(0)
    path = link.split("//", 1)[1].split("/", 1)[1]
    response = client.get("/" + path, follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else "/" + path
    response = client.post(
        form_url, {"password1": "ein-langes-passwort-1", "password2": "ein-langes-passwort-1"}
    )
    user.refresh_from_db()
    assert user.check_password("ein-langes-passwort-1")


def test_nobody_changes_their_own_role(client_for, admin_user):
    response = client_for(admin_user).post(
        f"/verwaltung/benutzer/{admin_user.pk}/rolle/", {"role": Role.COORDINATOR}, follow=True
    )
    admin_user.refresh_from_db()
    assert admin_user.role == Role.ADMIN
    assert "eigene Konto" in response.content.decode()
    assert not any(a.startswith("user.role") for a in _entries(admin_user))


def test_an_admin_cannot_make_another_admin_a_coordinator(client_for, admin_user):
    colleague = make_user("admin2", Role.ADMIN)
    response = client_for(admin_user).post(
        f"/verwaltung/benutzer/{colleague.pk}/rolle/", {"role": Role.COORDINATOR}
    )
    colleague.refresh_from_db()
    assert colleague.role == Role.ADMIN
    assert "eigenes Konto" in response.content.decode()


def test_a_former_privacy_officer_never_gets_case_access_again(admin_user, helper):
    actions.set_role(actor=admin_user, user=helper, role=Role.PRIVACY_OFFICER)
    actions.set_role(actor=admin_user, user=helper, role=Role.ADMIN)
    with pytest.raises(actions.UserAdminError):
        actions.set_role(actor=admin_user, user=helper, role=Role.HELPER)
    helper.refresh_from_db()
    assert helper.role == Role.ADMIN
    assert _entries(helper) == ["user.role.privacy_officer", "user.role.admin"]


def test_role_and_quarter_changes_are_audited(client_for, admin_user, helper, other_quarter):
    client = client_for(admin_user)
    client.post(f"/verwaltung/benutzer/{helper.pk}/rolle/", {"role": Role.COORDINATOR})
    client.post(f"/verwaltung/benutzer/{helper.pk}/quartiere/", {"quarters": [other_quarter.pk]})
    helper.refresh_from_db()
    assert helper.role == Role.COORDINATOR
    assert list(helper.quarters.all()) == [other_quarter]
    assert _entries(helper) == ["user.role.coordinator", "user.quarters.change"]


def test_deactivating_ends_access_at_once(client_for, admin_user, helper):
    helper_client = client_for(helper)
    assert helper_client.get("/bewohner/personen/").status_code == 200
    client_for(admin_user).post(f"/verwaltung/benutzer/{helper.pk}/aktiv/", {"active": "0"})
    assert helper_client.get("/bewohner/personen/").status_code == 302
    client_for(admin_user).post(f"/verwaltung/benutzer/{helper.pk}/aktiv/", {"active": "1"})
    assert _entries(helper) == ["user.deactivate", "user.reactivate"]


def test_resetting_mfa_asks_first_then_removes_the_second_factor(
    client_for, admin_user, coordinator
):
    client = client_for(admin_user)
    asked = client.post(f"/verwaltung/benutzer/{coordinator.pk}/zwei-faktor/")
    assert "Zwei-Faktor-Anmeldung von" in asked.content.decode()
    assert Authenticator.objects.filter(user=coordinator).exists()
    client.post(f"/verwaltung/benutzer/{coordinator.pk}/zwei-faktor/", {"confirm": "1"})
    assert not Authenticator.objects.filter(user=coordinator).exists()
    assert _entries(coordinator) == ["user.mfa_reset"]
    assert client_for(coordinator).get("/")["Location"] == "/accounts/2fa/totp/activate/"


@pytest.mark.parametrize("persona", ["helper", "coordinator", "privacy_officer"])
def test_only_admins_administer_users(client_for, persona, request, helper):
    user = request.getfixturevalue(persona)
    client = client_for(user)
    assert client.get("/verwaltung/benutzer/").status_code == 403
    response = client.post(f"/verwaltung/benutzer/{helper.pk}/rolle/", {"role": Role.ADMIN})
    assert response.status_code == 403
    helper.refresh_from_db()
    assert helper.role == Role.HELPER


def test_the_django_admin_changes_nothing(client_for, admin_user, helper):
    client = client_for(admin_user)
    page = client.get(f"/verwaltung/daten/accounts/user/{helper.pk}/change/")
    assert page.status_code == 200
    response = client.post(
        f"/verwaltung/daten/accounts/user/{helper.pk}/change/",
        {"username": "helferin", "role": Role.COORDINATOR},
    )
    assert response.status_code == 403
    assert client.get("/verwaltung/daten/accounts/user/add/").status_code == 403
    helper.refresh_from_db()
    assert helper.role == Role.HELPER


def test_the_django_admin_shows_no_second_factor_secrets(client_for, admin_user):
    client = client_for(admin_user)
    assert client.get("/verwaltung/daten/mfa/authenticator/").status_code == 404
    assert admin_user.totp_secret not in client.get("/verwaltung/daten/").content.decode()


def test_the_django_admin_login_is_the_platform_login(client):
    response = client.get("/verwaltung/daten/login/?next=/verwaltung/daten/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
