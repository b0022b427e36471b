"""When the identity provider's ID token counts as a second factor (the browser test in
e2e/test_single_sign_on.py signs on against a real provider)."""

import pytest

from quartier.accounts.sso import idp_did_mfa


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        ({"amr": ["pwd", "otp"]}, True),
        ({"amr": ["mfa"]}, True),
        ({"amr": "hwk"}, True),
        ({"amr": ["pwd"]}, False),
        ({}, False),
        ({"acr": "urn:stadt:loa:hoch"}, False),
    ],
)
def test_amr_values_say_whether_the_provider_checked_a_second_factor(settings, token, expected):
    assert idp_did_mfa(token) is expected


def test_the_city_can_name_its_acr_for_strong_logins(settings):
    settings.SSO_MFA_ACR_VALUES = ["urn:stadt:loa:hoch"]
    assert idp_did_mfa({"acr": "urn:stadt:loa:hoch", "amr": ["pwd"]})


def test_the_login_page_offers_single_sign_on_only_when_configured(client, db, settings):
    assert "Dienstkonto" not in client.get("/accounts/login/").content.decode()
    from quartier.settings import sso_providers

    settings.SOCIALACCOUNT_PROVIDERS = sso_providers(
        "https://sso.krefeld.example/realms/stadt", "qh", "geheim", "Dienstkonto der Stadt"
    )
    page = client.get("/accounts/login/").content.decode()
    assert "Anmelden mit: Dienstkonto der Stadt" in page
