"""The steps of a crisis-aid request: the scheme, the company, its figures, the bank account
and the sworn statement. The figures' labels name the scheme's months (form_kwargs)."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from stdnum import iban

from accounts.validators import validate_siret

from ..display import MoneyField
from ..errors import ErrorLink
from . import rules
from .constants import LegalForm, Reference
from .filed import earlier_request
from .models import AidScheme


def open_schemes():
    return [(str(scheme.pk), scheme.name) for scheme in AidScheme.objects.open()]


class SchemeField(forms.ChoiceField):
    """An open scheme, by id; a scheme closed since the draft was opened is refused by name."""

    def validate(self, value):
        forms.Field.validate(self, value)
        is_id = value.isdigit() and len(value) <= 18  # (a longer one is no id, nor an int)
        scheme = AidScheme.objects.filter(pk=value).first() if is_id else None
        if scheme is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice",
                                  params={"value": value})
        if not scheme.is_open:
            raise ValidationError(
                _("The scheme “%(name)s” is closed: it no longer accepts requests. If another "
                  "scheme is open, choose it instead."),
                code="closed", params={"name": scheme.name})


class SchemeForm(forms.Form):
    """The scheme; one request per company and scheme, a second refused with a link to the
    first (`siret`: the company's, from the earlier step)."""

    scheme = SchemeField(label=_("Which aid do you ask for?"), choices=open_schemes,
                         widget=forms.RadioSelect)

    def __init__(self, *args, siret=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.siret = siret

    def clean_scheme(self):
        scheme = self.cleaned_data["scheme"]
        first = earlier_request(self.siret, scheme) if self.siret else None
        if first:
            self.fields["scheme"].error_link = ErrorLink(
                reverse("procedures:case", args=[first.public_id]),
                _("Follow request %(reference)s") % {"reference": first.reference})
            raise ValidationError(
                _("Your company has already filed a request for this aid: %(reference)s. "
                  "There is one request per company and scheme."),
                params={"reference": first.reference}, code="duplicate")
        return scheme


naf_code = RegexValidator(
    r"^\d{2}\.\d{2}[A-Z]$",
    _("A NAF (APE) code is 4 digits and a letter, as on your INSEE notice: 56.10A."))


class CompanyForm(forms.Form):
    siret = forms.CharField(label=_("SIRET"), disabled=True, validators=[validate_siret])
    name = forms.CharField(label=_("Company name"), disabled=True)
    legal_form = forms.ChoiceField(label=_("Legal form"), choices=LegalForm.choices)
    naf_code = forms.CharField(label=_("NAF (APE) code"), max_length=8,
                               help_text=_("As on your INSEE notice, e.g. 56.10A."))
    employees = forms.IntegerField(
        label=_("Number of employees"), min_value=0, max_value=1_000_000,
        help_text=_("Your employees on the last day of the month of loss, the manager not "
                    "counted."))

    def clean_naf_code(self):
        """Typed as "5610a" or "56.10A": checked once normalised."""
        code = self.cleaned_data["naf_code"].upper()
        code = f"{code[:2]}.{code[2:]}" if len(code) == 5 and "." not in code else code
        naf_code(code)
        return code


def euros(label, **kwargs):
    return MoneyField(label=label, **kwargs)


class FiguresForm(forms.Form):
    last_year_turnover = euros(_("Turnover of the last closed financial year (€)"),
                               min_value=0)
    taxable_profit = euros(
        _("Taxable profit of the last closed financial year (€)"),
        help_text=_("Increased by the sums paid to the manager, if any; a loss is negative."))
    administrative_closure = forms.BooleanField(
        label=_("The company was closed to the public by an administrative decision during "
                "the month of loss"), required=False)
    reference = forms.ChoiceField(label=_("Compared with"), choices=Reference.choices,
                                  widget=forms.RadioSelect)
    reference_turnover = euros(_("Reference turnover (€)"), min_value=0)
    crisis_turnover = euros(_("Turnover of the month of loss (€)"), min_value=0)

    def __init__(self, *args, scheme=None, **kwargs):
        super().__init__(*args, **kwargs)
        if scheme is None:
            return
        month, reference = scheme.loss_month_label, scheme.reference_month_label
        fields = self.fields
        fields["crisis_turnover"].label = _("Turnover of %(month)s (€)") % {"month": month}
        fields["reference"].choices = [
            (Reference.SAME_MONTH, _("The turnover of %(month)s") % {"month": reference}),
            (Reference.AVERAGE, _("The average monthly turnover from the company’s creation "
                                  "to the month before %(month)s (a company created after "
                                  "%(month)s)") % {"month": reference}),
        ]

    def clean_reference_turnover(self):
        value = self.cleaned_data["reference_turnover"]
        if not value:
            raise ValidationError(str(rules.MissingReferenceTurnover()), code="missing")
        return value


class IbanField(forms.CharField):
    """An IBAN typed with or without spaces, checked (country format and check digits) by
    python-stdnum, kept in groups of four."""

    def to_python(self, value):
        return iban.compact(super().to_python(value))

    def validate(self, value):
        super().validate(value)
        if value and not iban.is_valid(value):
            raise ValidationError(
                _("This IBAN is not valid: check it against your bank details (RIB); a French "
                  "IBAN starts with FR and has 27 characters."), code="invalid_iban")

    def clean(self, value):
        return iban.format(super().clean(value))


class BankForm(forms.Form):
    iban = IbanField(label=_("IBAN"), max_length=42,
                     help_text=_("The company’s account, as on its bank details (RIB)."))
    holder = forms.CharField(label=_("Account holder"), max_length=150)
    bank = forms.CharField(label=_("Bank"), max_length=150)


class StatementForm(forms.Form):
    sworn = forms.BooleanField(label=_(
        "I certify on my honour that the information given is accurate, that the company meets "
        "the conditions of the scheme (activity started before the month of loss, no "
        "insolvency proceedings) and that the account given is the company’s."))
