from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Company

from .uploads import DocumentField


class MessageForm(forms.Form):
    body = forms.CharField(label=_("Your message"), widget=forms.Textarea(attrs={"rows": 5}),
                           max_length=5000)
    attachment = DocumentField(label=_("Attachment"), required=False)


class CompanyChoiceForm(forms.Form):
    company = forms.ModelChoiceField(label=_("For which company do you file this procedure?"),
                                     queryset=None, empty_label=None, widget=forms.RadioSelect)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["company"].queryset = Company.objects.represented_by(user)


class CatalogueFilterForm(forms.Form):
    q = forms.CharField(label=_("Search a procedure"), required=False)
    audience = forms.ChoiceField(
        label=_("For"), required=False,
        choices=[("", _("Everyone")), ("citizen", _("Citizens")), ("company", _("Companies"))],
    )
