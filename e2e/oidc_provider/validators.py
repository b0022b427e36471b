import os

from oauth2_provider.oauth2_validators import OAuth2Validator


class Validator(OAuth2Validator):
    """Adds the e-mail address and the authentication methods (`amr`) to the ID token."""

    oidc_claim_scope = None  # every claim in every token, like many directory services

    def get_additional_claims(self, request):
        return {
            "email": request.user.email,
            "email_verified": True,
            "name": request.user.get_full_name() or request.user.username,
            "amr": os.environ.get("IDP_AMR", "pwd").split(","),
        }
