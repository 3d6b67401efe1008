from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.hashers import make_password
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import IntegrityError, transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from django.views.generic import CreateView, FormView, TemplateView, UpdateView

from portal import ratelimit
from portal.network import client_ip

from . import claims, lockout, login_links, outbox, verification
from .constants import AccountEmailKind, ClaimStatus
from .forms import (
    CompanyClaimForm,
    LoginForm,
    LoginLinkForm,
    ProfileForm,
    ResendVerificationForm,
    SignUpForm,
)
from .models import Company, CompanyClaim, User
from .oidc import providers
from .oidc.models import verified_identity


def too_many(request, limit):
    """True (counting this request) when the client's address is past the limit `limit`."""
    return ratelimit.hit(limit, client_ip(request))


def too_many_page(request):
    return render(request, "accounts/too_many.html", {"title": _("Too many attempts")},
                  status=429)


class SignUpView(CreateView):
    form_class = SignUpForm
    template_name = "accounts/signup.html"
    extra_context = {"draft_days": settings.DRAFT_RETENTION_DAYS}  # the data notice

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            return redirect("portal:home")
        if request.method == "POST" and too_many(request, "signup-address"):
            return too_many_page(request)
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        """The same answer for a new address and a registered one, whose owner gets an e-mail
        instead of a second account (and the same password-hashing time, so the answer's
        delay tells nothing either)."""
        email = form.cleaned_data["email"]
        try:
            with transaction.atomic():
                existing = User.objects.filter(email__iexact=email).first()
                if existing is None:
                    outbox.queue(form.save(), AccountEmailKind.VERIFICATION)
                else:
                    make_password(form.cleaned_data["password1"])
                    if not ratelimit.hit("account-email-target", email):
                        outbox.queue(existing, AccountEmailKind.SIGNUP_EXISTING)
        except IntegrityError:  # the same address signed up twice at once: one account
            pass
        return render(self.request, "accounts/signup_done.html", {"email": email})


def verify_email(request, token):
    found = verification.read_token(token)
    user = found and User.objects.filter(pk=found[0], email=found[1]).first()
    if not user:
        messages.error(request, _("This confirmation link is invalid or has expired. "
                                  "Ask for a new one below."))
        return redirect("accounts:resend_verification")
    verification.mark_verified(user)
    messages.success(request, _("Your e-mail address is confirmed. You can now log in."))
    return redirect("accounts:login")


@require_http_methods(["GET", "POST"])
def resend_verification(request):
    form = ResendVerificationForm(request.POST or None)
    if form.is_valid():
        if too_many(request, "account-email-address"):
            return too_many_page(request)
        user = User.objects.filter(
            email__iexact=form.cleaned_data["email"], email_verified_at__isnull=True
        ).first()
        if user and not ratelimit.hit("account-email-target", user.email):
            outbox.queue(user, AccountEmailKind.VERIFICATION)
        # Same answer whether or not the address is known: no account enumeration.
        messages.info(request, _("If an unconfirmed account uses this address, "
                                 "a new link is on its way."))
        return redirect("accounts:login")
    return render(request, "accounts/resend_verification.html", {"form": form})


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        lockout.succeeded(self.request, response, form.get_user().email)
        return response

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.has_error("__all__", "throttled"):
            response.status_code = 429
        return response


class PasswordResetView(auth_views.PasswordResetView):
    def form_valid(self, form):
        if too_many(self.request, "account-email-address"):
            return too_many_page(self.request)
        return super().form_valid(form)


@require_http_methods(["GET", "POST"])
def login_link_request(request):
    """Ask for a one-time log-in link: the way in that failed attempts never close."""
    form = LoginLinkForm(request.POST or None)
    if form.is_valid():
        if too_many(request, "account-email-address"):
            return too_many_page(request)
        user = User.objects.filter(email__iexact=form.cleaned_data["email"],
                                   is_active=True).first()
        if user and not ratelimit.hit("account-email-target", user.email):
            outbox.queue(user, AccountEmailKind.LOGIN_LINK)
        messages.info(request, _("If an account uses this address, a log-in link is on its way. "
                                 "It works once, within 15 minutes."))
        return redirect("accounts:login")
    return render(request, "accounts/login_link_request.html", {"form": form})


@require_http_methods(["GET", "POST"])
def login_link(request, token):
    """GET shows a button (a mail scanner following the link spends nothing); POST logs in."""
    user = login_links.read_token(token)
    if user is None:
        messages.error(request, _("This log-in link is invalid, used or expired. "
                                  "Ask for a new one below."))
        return redirect("accounts:login_link_request")
    if request.method == "GET":
        return render(request, "accounts/login_link.html", {"account": user})
    verification.mark_verified(user)  # the link proves the address
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    response = redirect(settings.LOGIN_REDIRECT_URL)
    lockout.succeeded(request, response, user.email)
    return response


class ProfileView(LoginRequiredMixin, UpdateView):
    form_class = ProfileForm
    template_name = "accounts/profile.html"
    success_url = reverse_lazy("accounts:profile")

    def get_object(self, queryset=None):
        self.identity = verified_identity(self.request.user)
        return self.request.user

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(),
                "verified_by": self.identity and providers.LABELS[self.identity.provider]}

    def get_context_data(self, **kwargs):
        return super().get_context_data(identity=self.identity, **kwargs)

    def form_valid(self, form):
        messages.success(self.request, _("Your profile is saved."))
        return super().form_valid(form)


class CompanyListView(LoginRequiredMixin, TemplateView):
    """The companies the user acts for, and their own claims still checked or refused."""

    template_name = "accounts/company_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            companies=Company.objects.represented_by(user),
            claims=user.company_claims.exclude(status=ClaimStatus.ACCEPTED),
            **kwargs)


@method_decorator(login_required, name="dispatch")
class CompanyClaimView(FormView):
    form_class = CompanyClaimForm
    template_name = "accounts/company_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        """The same answer whatever the guichet knows of the SIRET."""
        if ratelimit.hit("claim-account", self.request.user.pk):
            form.add_error(None, _("You sent many requests to act for a company today: try "
                                   "again tomorrow."))
            return self.form_invalid(form)
        try:
            claims.file_claim(self.request.user, proof=form.cleaned_data["proof"],
                              **{name: form.cleaned_data[name] for name in form.Meta.fields})
        except claims.ClaimError:
            form.add_error("siret", _("You already asked to act for this company: your "
                                      "request is being checked."))
            return self.form_invalid(form)
        messages.success(self.request, _(
            "Your request to act for %(name)s is filed. An agent checks your document; we will "
            "tell you the answer by e-mail. Until then, this company cannot file a procedure.")
            % {"name": form.cleaned_data["name"]})
        return redirect("accounts:companies")


@login_required
@require_GET
def claim_proof(request, public_id):
    """A claimant's own proof; anyone else's is a 404, as for a missing one."""
    claim = get_object_or_404(CompanyClaim, public_id=public_id, user=request.user)
    if not claim.proof:
        raise Http404
    return FileResponse(claim.proof.open("rb"), as_attachment=True, filename=claim.proof_name,
                        content_type=claim.proof_type)
