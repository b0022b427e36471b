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


def test_refused_sign_ons_read_as_german_in_the_audit_log(db):
    """The reason is the audit entry's detail; the privacy officer reads a sentence."""
    import jwt
    from allauth.socialaccount.providers.oauth2.client import OAuth2Error

    from quartier.accounts.sso import refusal_reason
    from quartier.core.audit import audit
    from quartier.core.logdisplay import describe

    try:
        raise OAuth2Error("Invalid id_token") from jwt.ExpiredSignatureError("expired")
    except OAuth2Error as error:
        reason = refusal_reason(error)
    assert reason == "das Anmelde-Token ist abgelaufen"
    assert refusal_reason(OAuth2Error("Invalid 'kid': 'x'")).startswith("die Signatur")
    entry = audit(None, "sso.login_failed", object_type="sso", object_id="stadt", detail=reason)
    assert (
        str(describe(entry)) == "System SSO-Anmeldung abgelehnt: das Anmelde-Token ist abgelaufen"
    )


def test_role_changes_read_as_german_in_the_audit_log(db, admin_user, helper):
    from quartier.accounts import actions
    from quartier.core.logdisplay import describe
    from quartier.core.models import AuditEntry

    actions.set_role(actor=admin_user, user=helper, role="coordinator")
    sentence = str(describe(AuditEntry.objects.get(action="user.role.coordinator")))
    assert f"gab Konto #{helper.pk} die Rolle: Koordination" in sentence


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        ("Signature validation failed. SAML Response rejected", "die Signatur"),
        ("Deprecated signature algorithm found: ...#rsa-sha1", "veralteten Verfahren"),
        ("Could not validate timestamp: expired. Check system clock.", "abgelaufen"),
        ("is not a valid audience for this Response", "anderen Dienst"),
        ("The response was received at x instead of y", "ungültig"),
    ],
)
def test_saml_refusals_are_explained_in_german(error, reason):
    from quartier.accounts.sso import saml_refusal_reason

    assert reason in saml_refusal_reason(error)


def test_the_saml_provider_requires_signed_assertions_and_strict_checks():
    from quartier.settings import saml_providers

    assert saml_providers("", "", "", "x") == {"saml": {"APPS": []}}
    [app] = saml_providers("https://idp/", "https://idp/sso", "PEM", "Stadt")["saml"]["APPS"]
    assert app["settings"]["advanced"] == {"want_assertion_signed": True, "strict": True}
    assert app["client_id"] == "stadt-saml"
