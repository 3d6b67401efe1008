"""mozilla-django-oidc's backend, for one provider at a time (the callback view tells which).

What it adds: the endpoints come from the provider's discovery document; the ID token's
signature, issuer, audience, expiry and nonce are checked (the library checks only the
signature, expiry and nonce); the account is found by the provider's `sub`, never by e-mail
alone: an existing account with the same address is linked only once its owner confirms."""

import datetime

import jwt
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from django.utils import timezone
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings

from .. import outbox
from ..constants import AccountEmailKind
from . import linking, providers
from .models import ExternalIdentity

ENDPOINTS = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}


class OIDCBackend(OIDCAuthenticationBackend):
    def __init__(self, *args, **kwargs):
        self.UserModel = get_user_model()
        self.provider = None

    def get_settings(self, attr, *args):
        provider = self.provider
        if provider is None:
            return import_from_settings(attr, *args)
        if attr in ENDPOINTS:
            return provider.metadata()[ENDPOINTS[attr]]
        answers = {
            "OIDC_RP_CLIENT_ID": provider.client_id,
            "OIDC_RP_CLIENT_SECRET": provider.client_secret,
            "OIDC_RP_SIGN_ALGO": provider.sign_algo,
            "OIDC_RP_SCOPES": provider.scopes,
            "OIDC_AUTHENTICATION_CALLBACK_URL": provider.callback_url_name,
            "OIDC_USE_NONCE": True,
            "OIDC_STORE_ID_TOKEN": True,  # the logout hands it back to the provider
            "OIDC_VERIFY_SSL": True,
            "OIDC_TIMEOUT": import_from_settings("OIDC_TIMEOUT"),
        }
        return answers[attr] if attr in answers else import_from_settings(attr, *args)

    def authenticate(self, request, nonce=None, code_verifier=None, **kwargs):
        """Only for the callback of a provider (it sets `request.oidc_provider`)."""
        slug = getattr(request, "oidc_provider", None)
        self.provider = slug and providers.get(slug)
        if not self.provider:
            return None
        for attr in ("OIDC_OP_TOKEN_ENDPOINT", "OIDC_OP_USER_ENDPOINT", "OIDC_OP_JWKS_ENDPOINT",
                     "OIDC_RP_CLIENT_ID", "OIDC_RP_CLIENT_SECRET", "OIDC_RP_SIGN_ALGO"):
            setattr(self, attr, self.get_settings(attr))
        self.OIDC_RP_IDP_SIGN_KEY = None
        return super().authenticate(request, nonce=nonce, code_verifier=code_verifier)

    def _verify_jws(self, payload, key):
        header = jwt.get_unverified_header(payload)
        if header.get("alg") != self.OIDC_RP_SIGN_ALGO:
            raise SuspiciousOperation("The token is not signed with the expected algorithm.")
        try:
            return jwt.decode(
                payload, key, algorithms=[self.OIDC_RP_SIGN_ALGO],
                audience=self.provider.client_id, issuer=self.provider.issuer,
                options={"require": ["iss", "aud", "exp", "iat"]}, leeway=30,
            )
        except jwt.PyJWTError as error:
            raise SuspiciousOperation(f"Token refused: {error}") from error

    def verify_token(self, token, **kwargs):
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as error:
            raise SuspiciousOperation(f"Token refused: {error}") from error
        if header.get("alg") != self.OIDC_RP_SIGN_ALGO or "kid" not in header:
            raise SuspiciousOperation("The token is not signed with the provider's key.")
        payload = super().verify_token(token, **kwargs)
        requested = self.provider.acr_values.split()
        if "nonce" in kwargs and requested and payload.get("acr") not in (None, *requested):
            raise SuspiciousOperation("The provider answered with another eIDAS level.")
        return payload

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        if claims.get("sub") != payload.get("sub"):
            raise SuspiciousOperation("The userinfo describes another subject than the ID token.")
        identity = ExternalIdentity.objects.select_related("user").filter(
            provider=self.provider.slug, subject=payload["sub"], confirmed_at__isnull=False
        ).first()
        if identity:
            return record_login(identity, claims)
        email = (claims.get("email") or "").strip().lower()
        if not email:
            self.request.oidc_outcome = "no_email"
            return None
        existing = self.UserModel.objects.filter(email__iexact=email).first()
        if existing:
            linking.ask_owner_to_confirm(existing, self.provider, claims)
            self.request.oidc_outcome = "link_sent"
            return None
        return create_account(self.provider, email, claims)


def create_account(provider, email, claims):
    """A new account from the provider's identity; its address needs no confirmation when
    the provider says it verified it."""
    verified = claims.get("email_verified") is True
    with transaction.atomic():
        user = get_user_model().objects.create_user(
            email=email, password=None, email_verified_at=timezone.now() if verified else None,
            first_name=claims.get("given_name", "")[:150],
            last_name=(claims.get("family_name") or claims.get("usual_name") or "")[:150],
        )
        identity = ExternalIdentity.objects.create(
            user=user, provider=provider.slug, subject=claims["sub"], claims=claims,
            confirmed_at=timezone.now(),
        )
        if not verified:
            outbox.queue(user, AccountEmailKind.VERIFICATION)
    return record_login(identity, claims)


def record_login(identity, claims):
    identity.claims = claims
    identity.last_login_at = timezone.now()
    identity.save(update_fields=["claims", "last_login_at"])
    if identity.provider == providers.FRANCECONNECT:  # the State's record of the person
        apply_verified_identity(identity.user, claims)
    return identity.user


def apply_verified_identity(user, claims):
    """The identity FranceConnect certifies replaces what the user typed."""
    user.first_name = claims.get("given_name", user.first_name)[:150]
    user.last_name = claims.get("family_name", user.last_name)[:150]
    if claims.get("birthdate"):
        try:
            user.birth_date = datetime.date.fromisoformat(claims["birthdate"])
        except ValueError:
            pass  # FranceConnect gives partial dates ("1970-00-00") for some people
    user.save(update_fields=["first_name", "last_name", "birth_date"])
