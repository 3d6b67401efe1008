import logging

from django import forms
from django.contrib.auth import forms as auth_forms
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Company, User

logger = logging.getLogger(__name__)


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
        email = self.cleaned_data["email"].lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                _("An account already uses this address. Log in, or reset your password."),
                code="duplicate_email",
            )
        return email


class LoginForm(auth_forms.AuthenticationForm):
    username = auth_forms.UsernameField(
        label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
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

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if not user.email_verified:
            raise forms.ValidationError(self.error_messages["unverified"], code="unverified")


class PasswordResetForm(auth_forms.PasswordResetForm):
    def send_mail(self, subject_template_name, email_template_name, context, from_email,
                  to_email, html_email_template_name=None):
        """Rendered here, sent by a task: a mail server that does not answer fails nothing."""
        from .tasks import send_password_reset_email

        subject = "".join(render_to_string(subject_template_name, context).splitlines())
        body = render_to_string(email_template_name, context)
        try:
            send_password_reset_email.delay(subject, body, to_email)
        except Exception:  # broker down: the person can ask again
            logger.warning("Could not enqueue a password reset e-mail.")


class ResendVerificationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))


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


class CompanyForm(forms.ModelForm):
    siret = SiretField(
        label=_("SIRET"), max_length=20, help_text=_("14 digits, as on your Kbis extract.")
    )

    class Meta:
        model = Company
        fields = ["siret", "name", "address", "postal_code", "city"]
        error_messages = {"siret": {"unique": _("This company is already registered in Guichet.")}}
