from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal import ratelimit
from procedures import antivirus
from procedures.uploads import DEFAULT_TYPES, DocumentField

from . import claims, lockout, outbox
from .constants import AccountEmailKind, ClaimStatus
from .models import CompanyClaim, User


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class SignUpForm(auth_forms.BaseUserCreationForm):
    class Meta:
        model = User
        fields = ["email", "first_name", "last_name"]
        help_texts = {"email": _("We will send you a link to confirm it.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_name"].required = True
        self.fields["last_name"].required = True
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        # No autofocus: people using a screen reader or the keyboard start at the page title.
        self.fields["email"].widget.attrs.pop("autofocus", None)

    def clean_email(self):
        return self.cleaned_data["email"].lower()

    def validate_unique(self):
        """Not here: an address already registered gets the same answer as a new one (the
        view e-mails its owner instead), so the form tells no one who has an account."""


class LoginForm(auth_forms.AuthenticationForm):
    # max_length here, not only set by AuthenticationForm (an attribute, no validator): a longer
    # address reached django-axes' record of the failure, a 255-character column (a 500).
    username = auth_forms.UsernameField(
        label=_("E-mail address"), max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.pop("autofocus", None)
    error_messages = {
        "invalid_login": _("Wrong e-mail address or password. Check both and try again."),
        "inactive": _("This account is disabled."),
        "unverified": _(
            "Confirm your e-mail address first: open the link we sent you. "
            "You can ask for a new link below."
        ),
    }

    def clean(self):
        email = (self.cleaned_data.get("username") or "").lower()
        reason = lockout.refusal(self.request, email)
        if reason:
            raise forms.ValidationError(reason, code="throttled")
        try:
            return super().clean()
        except forms.ValidationError as error:
            if error.code == "invalid_login":
                lockout.failed(self.request, email,
                               User.objects.filter(email__iexact=email).first())
            raise

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if not user.email_verified:
            raise forms.ValidationError(self.error_messages["unverified"], code="unverified")


class PasswordResetForm(auth_forms.PasswordResetForm):
    def save(self, **kwargs):
        """An outbox row per account of the address (the task builds the link); at most
        RATE_LIMITS["account-email-target"] an hour for one address, the same answer beyond."""
        for user in self.get_users(self.cleaned_data["email"]):
            if not ratelimit.hit("account-email-target", user.email):
                outbox.queue(user, AccountEmailKind.PASSWORD_RESET)


class ResendVerificationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))


class LoginLinkForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"),
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = [
            "first_name", "last_name", "birth_date", "birth_place",
            "address", "postal_code", "city", "phone",
        ]
        widgets = {"birth_date": DateInput()}
        help_texts = {"phone": _("Format: 06 12 34 56 78")}

    VERIFIED_FIELDS = ("first_name", "last_name", "birth_date")

    def __init__(self, *args, verified_by=None, **kwargs):
        """`verified_by`: the provider that certified the identity; its fields are read-only."""
        super().__init__(*args, **kwargs)
        if verified_by:
            for name in self.VERIFIED_FIELDS:
                self.fields[name].disabled = True
                self.fields[name].help_text = _(
                    "Given by %(provider)s: it cannot be changed here.") % {"provider": verified_by}

    def clean_birth_date(self):
        birth_date = self.cleaned_data["birth_date"]
        if birth_date and birth_date > timezone.localdate():
            raise forms.ValidationError(_("The date of birth cannot be in the future."))
        return birth_date


class SiretField(forms.CharField):
    """A SIRET typed as people copy it (with spaces), stored as 14 digits."""

    def to_python(self, value):
        return "".join(super().to_python(value).split())


class CompanyClaimForm(forms.ModelForm):
    """What a person states to act for a company, and the document that proves it."""

    siret = SiretField(
        label=_("SIRET"), max_length=20, help_text=_("14 digits, as on your Kbis extract.")
    )
    proof = DocumentField(label=_("Kbis extract or mandate"), allowed_types=DEFAULT_TYPES)

    class Meta:
        model = CompanyClaim
        fields = ["siret", "name", "address", "postal_code", "city", "role"]
        widgets = {"role": forms.RadioSelect}
        labels = {"role": _("You act for this company as")}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["role"].choices = [
            choice for choice in self.fields["role"].choices if choice[0]]

    def clean_proof(self):
        """Scanned before it is kept, fail-closed: a claim's proof has no "being checked"
        state, so clamd down refuses it for now."""
        proof = self.cleaned_data["proof"]
        if not settings.CLAMD_URL:  # the embedded default (production refuses to start so)
            return proof
        try:
            proof.seek(0)
            virus = antivirus.scan(proof)
        except antivirus.ScannerUnavailable:
            raise forms.ValidationError(
                _("Your file cannot be checked by the antivirus just now: nothing was kept. "
                  "Try again in a few minutes."), code="scanner_unavailable") from None
        finally:
            proof.seek(0)
        if virus:
            raise forms.ValidationError(
                _("The antivirus found a virus in this file: it was not kept. Send another "
                  "file."), code="virus")
        return proof

    def clean_siret(self):
        """Only the claimant's own claims are named here: whether others claim or represent
        the company is never told."""
        siret = self.cleaned_data["siret"]
        own = claims.live_claim(self.user, siret)
        if own and own.status == ClaimStatus.ACCEPTED:
            raise forms.ValidationError(_("You already act for this company."), code="own")
        if own:
            raise forms.ValidationError(
                _("You already asked to act for this company: your request is being checked."),
                code="own")
        return siret
