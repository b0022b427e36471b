import json
import os
import time

from jwcrypto import jwk, jwt
from oauth2_provider.oauth2_validators import OAuth2Validator

# Test accounts whose ID tokens this provider deliberately spoils, so that the platform's
# checks are exercised through the real login flow: an expired token, a token for another
# client (audience), and a token signed with a key the provider does not publish.
FAULTY_TOKENS = {
    "abgelaufen": "expired",
    "fremder-dienst": "audience",
    "falsch-signiert": "signature",
}


class Validator(OAuth2Validator):
    """Adds the e-mail address and the authentication methods (`amr`, `acr`) to the ID token."""

    oidc_claim_scope = None  # every claim in every token, like many directory services

    def get_additional_claims(self, request):
        claims = {
            "email": request.user.email,
            "email_verified": True,
            "name": request.user.get_full_name() or request.user.username,
            "amr": os.environ.get("IDP_AMR", "pwd").split(","),
        }
        if os.environ.get("IDP_ACR"):
            claims["acr"] = os.environ["IDP_ACR"]
        return claims

    def finalize_id_token(self, id_token, token, token_handler, request):
        serialized = super().finalize_id_token(id_token, token, token_handler, request)
        fault = FAULTY_TOKENS.get(request.user.username)
        if fault is None:
            return serialized
        return spoil(serialized, fault, request.client.jwk_key)


def spoil(serialized: str, fault: str, key: jwk.JWK) -> str:
    """The same token, expired, for another audience, or signed with a foreign key."""
    claims = json.loads(jwt.JWT(jwt=serialized, key=key).claims)
    now = int(time.time())
    if fault == "expired":
        claims.update(iat=now - 900, exp=now - 600)
    elif fault == "audience":
        claims["aud"] = "ein-anderer-dienst"
    signing_key = jwk.JWK.generate(kty="RSA", size=2048) if fault == "signature" else key
    header = {"typ": "JWT", "alg": "RS256", "kid": key.thumbprint()}
    token = jwt.JWT(header=header, claims=claims)
    token.make_signed_token(signing_key)
    return token.serialize()
