"""Single sign-on for staff through the city's identity provider (OpenID Connect).

- Only existing accounts log in: the identity provider's verified e-mail address is matched to
  the account an admin created; nobody is created on the fly. Roles and quarters stay managed
  in the platform (Verwaltung → Benutzer).
- The second factor is delegated to the identity provider when its ID token says it checked
  one (`amr` values such as "mfa", "otp", "hwk", or an `acr` the city lists, settings
  SSO_MFA_AMR_VALUES / SSO_MFA_ACR_VALUES); otherwise the platform asks for its own TOTP code,
  as after a password login.
- Failed sign-ons (expired token, wrong audience, unknown account) are audit entries.
"""

from __future__ import annotations

from allauth.mfa.stages import AuthenticateStage
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings

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
        audit(None, "sso.login_failed", object_type="sso", object_id=provider.id[:64])
        return super().on_authentication_error(
            request, provider, error=error, exception=exception, extra_context=extra_context
        )


class DelegatingAuthenticateStage(AuthenticateStage):
    """allauth's TOTP step, skipped when the identity provider already checked a factor."""

    def _should_handle(self, request) -> bool:
        if second_factor_done_by_idp(request):
            return False
        return super()._should_handle(request)
