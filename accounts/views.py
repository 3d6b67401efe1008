import logging

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django.views.generic import CreateView, ListView, UpdateView

from . import tasks, verification
from .forms import CompanyForm, LoginForm, ProfileForm, ResendVerificationForm, SignUpForm
from .models import User
from .oidc import providers
from .oidc.models import verified_identity

logger = logging.getLogger(__name__)


def _send_verification(user):
    try:
        tasks.send_verification_email.delay(user.pk, get_language())
    except Exception:  # broker down: the page offers to ask for a new link
        logger.warning("Could not enqueue the verification e-mail of user %s.", user.pk)


class SignUpView(CreateView):
    form_class = SignUpForm
    template_name = "accounts/signup.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            return redirect("portal:home")
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        user = form.save()
        _send_verification(user)
        return render(self.request, "accounts/signup_done.html", {"email": user.email})


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
        user = User.objects.filter(
            email__iexact=form.cleaned_data["email"], email_verified_at__isnull=True
        ).first()
        if user:
            _send_verification(user)
        # Same answer whether or not the address is known: no account enumeration.
        messages.info(request, _("If an unconfirmed account uses this address, "
                                 "a new link is on its way."))
        return redirect("accounts:login")
    return render(request, "accounts/resend_verification.html", {"form": form})


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


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


class CompanyListView(LoginRequiredMixin, ListView):
    template_name = "accounts/company_list.html"
    context_object_name = "companies"

    def get_queryset(self):
        return self.request.user.companies.all()


@method_decorator(login_required, name="dispatch")
class CompanyCreateView(CreateView):
    form_class = CompanyForm
    template_name = "accounts/company_form.html"
    success_url = reverse_lazy("accounts:companies")

    def form_valid(self, form):
        response = super().form_valid(form)
        self.object.representatives.add(self.request.user)
        messages.success(self.request,
                         _("The company %(name)s is added.") % {"name": self.object.name})
        return response
