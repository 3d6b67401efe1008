"""Signing in and out through a provider, and confirming the link with an existing account."""

import logging
from urllib.parse import urlencode

import requests
from django.contrib import auth, messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from . import linking, providers

logger = logging.getLogger(__name__)
SESSION_PROVIDER = "oidc_provider"
SESSION_LOGOUT_STATE = "oidc_logout_state"


def _provider_or_404(slug):
    provider = providers.get(slug)
    if provider is None:
        raise Http404
    return provider


def _unavailable(request, provider):
    logger.warning("The provider %s did not answer.", provider.slug, exc_info=True)
    messages.error(request, _("%(provider)s is not answering at the moment. Try again later, "
                              "or log in with your e-mail address.") % {"provider": provider.label})
    return redirect("admin:login" if provider.slug == providers.PROCONNECT else "accounts:login")


class ProviderSettings:
    """The library's settings, answered for this view's provider."""

    provider_slug = None

    def get_settings(self, attr, *args):
        provider = self.provider
        answers = {
            "OIDC_RP_CLIENT_ID": provider.client_id,
            "OIDC_RP_SCOPES": provider.scopes,
            "OIDC_AUTHENTICATION_CALLBACK_URL": provider.callback_url_name,
            "OIDC_USE_NONCE": True,
            "LOGIN_REDIRECT_URL": reverse("admin:index" if provider.slug == providers.PROCONNECT
                                          else "procedures:my_space"),
            "LOGIN_REDIRECT_URL_FAILURE": reverse("admin:login"
                                                  if provider.slug == providers.PROCONNECT
                                                  else "accounts:login"),
        }
        return answers[attr] if attr in answers else import_from_settings(attr, *args)


class Start(ProviderSettings, OIDCAuthenticationRequestView):
    """Redirect to the provider's authorization endpoint, with state, nonce and acr_values."""

    def __init__(self, **kwargs):
        super(OIDCAuthenticationRequestView, self).__init__(**kwargs)

    def get(self, request):
        self.provider = _provider_or_404(self.provider_slug)
        try:
            self.OIDC_OP_AUTH_ENDPOINT = self.provider.metadata()["authorization_endpoint"]
        except (requests.RequestException, ValueError, KeyError):
            return _unavailable(request, self.provider)
        self.OIDC_RP_CLIENT_ID = self.provider.client_id
        return super().get(request)

    def get_extra_params(self, request):
        return {"acr_values": self.provider.acr_values} if self.provider.acr_values else {}


class Callback(ProviderSettings, OIDCAuthenticationCallbackView):
    """The provider's answer: the code is exchanged, the tokens checked, the account found."""

    def get(self, request):
        self.provider = _provider_or_404(self.provider_slug)
        request.oidc_provider = self.provider.slug
        try:
            return super().get(request)
        except requests.RequestException:
            return _unavailable(request, self.provider)

    def login_success(self):
        response = super().login_success()
        self.request.session[SESSION_PROVIDER] = self.provider.slug
        return response

    def login_failure(self):
        outcome = getattr(self.request, "oidc_outcome", None)
        label = {"provider": self.provider.label}
        if outcome == "link_sent":
            messages.info(self.request, _(
                "An account already uses the e-mail address %(provider)s gave us. To link them, "
                "open the link we have just sent to that address.") % label)
        elif outcome == "no_email":
            messages.error(self.request, _(
                "%(provider)s did not give us an e-mail address: we cannot create your "
                "account. Create it with your e-mail address instead.") % label)
        else:
            messages.error(self.request, _(
                "The sign-in with %(provider)s did not succeed. Try again, or log in with your "
                "e-mail address.") % label)
        return super().login_failure()


@require_POST
def logout(request):
    """Log out of Guichet and, for a provider's session, of the provider too."""
    provider = providers.get(request.session.get(SESSION_PROVIDER, ""))
    id_token = request.session.get("oidc_id_token")
    auth.logout(request)
    if provider and id_token:
        try:
            end_session = provider.metadata()["end_session_endpoint"]
        except (requests.RequestException, ValueError, KeyError):
            logger.warning("No end-session endpoint for %s.", provider.slug, exc_info=True)
        else:
            state = get_random_string(32)
            request.session[SESSION_LOGOUT_STATE] = state
            back = request.build_absolute_uri(
                reverse("accounts:oidc_logged_out", args=[provider.slug]))
            query = urlencode({"id_token_hint": id_token, "state": state,
                               "post_logout_redirect_uri": back})
            return redirect(f"{end_session}?{query}")
    messages.success(request, _("You are logged out."))
    return redirect("portal:home")


def logged_out(request, slug):
    """Back from the provider's end-session endpoint."""
    provider = _provider_or_404(slug)
    expected = request.session.pop(SESSION_LOGOUT_STATE, None)
    if expected and request.GET.get("state") == expected:
        messages.success(request, _("You are logged out of Guichet and of %(provider)s.")
                         % {"provider": provider.label})
    else:
        messages.success(request, _("You are logged out."))
    return redirect("portal:home")


@require_http_methods(["GET", "POST"])
def confirm_link(request, token):
    identity = linking.pending_identity(token)
    if identity is None:
        messages.error(request, _("This link is invalid, has expired or was already used. "
                                  "Sign in again to get a new one."))
        return redirect("accounts:login")
    provider_label = providers.LABELS[identity.provider]
    if request.method == "POST":
        linking.confirm(identity)
        messages.success(request, _("Your account is now linked to %(provider)s. Sign in with "
                                    "%(provider)s.") % {"provider": provider_label})
        return redirect("admin:login" if identity.provider == providers.PROCONNECT
                        else "accounts:login")
    return render(request, "accounts/oidc/confirm_link.html", {
        "identity": identity, "provider": provider_label,
        "title": _("Link your account to %(provider)s") % {"provider": provider_label},
    })
