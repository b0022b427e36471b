"""Single sign-on for staff through the city's identity provider (OpenID Connect, or SAML 2.0
through allauth's SAML provider; SAML logins always give the platform's own second factor).

- Only existing accounts log in: the identity provider's verified e-mail address is matched to
  the account an admin created; nobody is created on the fly. Roles and quarters stay managed
  in the platform (Verwaltung → Benutzer).
- The second factor is delegated to the identity provider when its ID token says it checked
  one (`amr` values such as "mfa", "otp", "hwk", or an `acr` the city lists, settings
  SSO_MFA_AMR_VALUES / SSO_MFA_ACR_VALUES); otherwise the platform asks for its own TOTP code,
  as after a password login.
- Every ID token's signature is checked against the provider's key set, also when it came
  straight from the token endpoint (allauth skips that check there; `callback`).
- Failed sign-ons (expired token, wrong audience, foreign signature, unknown account) are
  refused with a German explanation and audited as "SSO-Anmeldung abgelehnt: <reason>".
"""

from __future__ import annotations

import jwt
from allauth.account.internal.decorators import login_not_required
from allauth.mfa.stages import AuthenticateStage
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.internal import jwtkit
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.oauth2.views import OAuth2CallbackView
from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter
from django.conf import settings
from django.http import Http404
from django.utils.translation import gettext as _

from quartier.core.audit import audit

# In the session: True while the current login's second factor was done by the provider.
IDP_MFA_SESSION_KEY = "sso_mfa_by_identity_provider"


def idp_did_mfa(id_token: dict) -> bool:
    """True if the ID token says the identity provider checked a second factor."""
    amr = id_token.get("amr") or []
    if isinstance(amr, str):
        amr = [amr]
    if set(amr) & set(settings.SSO_MFA_AMR_VALUES):
        return True
    acr = id_token.get("acr") or ""
    return bool(acr) and acr in settings.SSO_MFA_ACR_VALUES


def second_factor_done_by_idp(request) -> bool:
    return bool(getattr(request, "session", {}).get(IDP_MFA_SESSION_KEY))


def refusal_reason(exception) -> str:
    """Why an ID token was refused, in German, from allauth's error and its cause."""
    cause = getattr(exception, "__cause__", None)
    reasons = [
        (jwt.ExpiredSignatureError, _("das Anmelde-Token ist abgelaufen")),
        (jwt.InvalidAudienceError, _("das Anmelde-Token ist für einen anderen Dienst bestimmt")),
        (jwt.InvalidIssuerError, _("das Anmelde-Token stammt von einem anderen Aussteller")),
        (jwt.InvalidSignatureError, _("die Signatur des Anmelde-Tokens ist ungültig")),
    ]
    for kind, reason in reasons:
        if isinstance(cause, kind):
            return reason
    if "kid" in str(exception):  # signed with a key the provider does not publish
        return _("die Signatur des Anmelde-Tokens ist ungültig")
    if exception is None:
        return _("der Identitätsdienst hat die Anmeldung nicht bestätigt")
    return _("das Anmelde-Token ist ungültig")


def saml_refusal_reason(error: str) -> str:
    """Why a SAML response was refused, in German, from python3-saml's reason."""
    text = error.casefold()
    if "deprecated signature algorithm" in text:
        return _("die SAML-Antwort ist mit einem veralteten Verfahren signiert")
    if "signature" in text or "signed" in text:
        return _("die Signatur der SAML-Antwort ist ungültig")
    if "expired" in text or "notonorafter" in text:
        return _("die SAML-Antwort ist abgelaufen")
    if "audience" in text:
        return _("die SAML-Antwort ist für einen anderen Dienst bestimmt")
    return _("die SAML-Antwort ist ungültig")


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """Sign-on for existing staff accounts only."""

    def is_open_for_signup(self, request, sociallogin) -> bool:
        audit(None, "sso.unknown_account", object_type="sso", object_id=sociallogin.provider.id)
        return False

    def pre_social_login(self, request, sociallogin) -> None:
        id_token = (sociallogin.account.extra_data or {}).get("id_token") or {}
        request.session[IDP_MFA_SESSION_KEY] = idp_did_mfa(id_token)

    def on_authentication_error(
        self, request, provider, error=None, exception=None, extra_context=None
    ):
        saml_error = (extra_context or {}).get("saml_last_error_reason")
        reason = saml_refusal_reason(saml_error) if saml_error else refusal_reason(exception)
        audit(
            None, "sso.login_failed", object_type="sso", object_id=provider.id[:64], detail=reason
        )
        if extra_context is not None:
            extra_context["refusal_reason"] = reason
        return super().on_authentication_error(
            request, provider, error=error, exception=exception, extra_context=extra_context
        )


class DelegatingAuthenticateStage(AuthenticateStage):
    """allauth's TOTP step, skipped when the identity provider already checked a factor."""

    def _should_handle(self, request) -> bool:
        if second_factor_done_by_idp(request):
            return False
        return super()._should_handle(request)


class VerifyingOIDCAdapter(OpenIDConnectOAuth2Adapter):
    """allauth's OpenID Connect adapter, checking the ID token's signature every time."""

    def _decode_id_token(self, app: SocialApp, id_token: str) -> dict:
        return jwtkit.verify_and_decode(
            credential=id_token,
            keys_url=self.openid_config["jwks_uri"],
            issuer=self.openid_config["issuer"],
            audience=app.client_id,
            lookup_kid=jwtkit.lookup_kid_jwk,
            verify_signature=True,
        )


@login_not_required
def callback(request, provider_id):
    """The provider's redirect back to us (same URL as allauth's, which it replaces)."""
    try:
        view = OAuth2CallbackView.adapter_view(VerifyingOIDCAdapter(request, provider_id))
        return view(request)
    except SocialApp.DoesNotExist as missing:
        raise Http404 from missing
