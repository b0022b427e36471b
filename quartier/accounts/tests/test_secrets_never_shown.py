"""Second-factor secrets, recovery-code seeds and single sign-on secrets appear on no page of
the read-only data view: every registered model's list and every record's page is checked."""

from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.socialaccount.models import SocialAccount, SocialApp, SocialToken
from django.contrib import admin
from django.urls import reverse

from quartier.accounts.adapter import decrypt_secret


def _secrets(admin_user) -> list[str]:
    RecoveryCodes.activate(admin_user)
    stored = [a.data for a in Authenticator.objects.filter(user=admin_user)]
    app = SocialApp.objects.create(
        provider="openid_connect", name="Stadt", client_id="qh", secret="client-geheim-4711"
    )
    account = SocialAccount.objects.create(user=admin_user, provider="openid_connect", uid="1")
    SocialToken.objects.create(app=app, account=account, token="zugang-0815", token_secret="t-s")
    plain = [admin_user.totp_secret, decrypt_secret(stored[1]["seed"])]
    encrypted = [value for data in stored for value in data.values() if isinstance(value, str)]
    return [*plain, *encrypted, "client-geheim-4711", "zugang-0815"]


def test_no_page_of_the_data_view_shows_a_secret(client_for, admin_user):
    secrets = _secrets(admin_user)
    client = client_for(admin_user)
    pages = [reverse("admin:index")]
    for model in admin.site._registry:
        opts = model._meta
        pages.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
        for pk in model._default_manager.values_list("pk", flat=True)[:20]:
            pages.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[pk]))
    assert len(pages) > 20
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert not [s for s in secrets if s in body], url


def test_second_factor_and_sign_on_records_are_not_in_the_data_view(client_for, admin_user):
    client = client_for(admin_user)
    for path in ["mfa/authenticator/", "socialaccount/socialapp/", "socialaccount/socialtoken/"]:
        assert client.get(f"/verwaltung/daten/{path}").status_code == 404
