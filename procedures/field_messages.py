"""What a step's error says when a required field is left empty: what to do ("Indiquez « Prénoms »",
"Choisissez une réponse pour « Quel document ? »"), from the field's kind and label, instead of
Django's "Ce champ est obligatoire". A field says it better with its own
`error_messages={"required": …}` ("Indiquez vos prénoms"): that one is kept."""

from django import forms
from django.utils.translation import gettext as _

DJANGO_REQUIRED = forms.Field.default_error_messages["required"]


def required_message(field):
    """The message for `field` left empty, in the active language (a form is built per request)."""
    label = field.label or ""
    if isinstance(field, forms.FileField):
        return _("Add the file “%(label)s”.") % {"label": label}
    if isinstance(field, forms.BooleanField):
        return _("Tick “%(label)s” to go on.") % {"label": label}
    if isinstance(field, forms.MultipleChoiceField):
        return _("Choose at least one answer for “%(label)s”.") % {"label": label}
    if isinstance(field, forms.ChoiceField):
        return _("Choose an answer for “%(label)s”.") % {"label": label}
    return _("Enter “%(label)s”.") % {"label": label}


def say_what_is_needed(form):
    """Give each field of `form` that keeps Django's "This field is required." a message that
    says what to do. Returns the form."""
    for form_field in form.fields.values():
        if str(form_field.error_messages.get("required")) == str(DJANGO_REQUIRED):
            form_field.error_messages["required"] = required_message(form_field)
    return form


def summary_lines(bound_field):
    """The error summary's lines for a field: each error after the field's label ("Date de
    naissance : Indiquez aussi l'année."), except a missing value's that says already what to
    enter ("Indiquez les prénoms.", not Django's "Ce champ est obligatoire.")."""
    errors = bound_field.form.errors.as_data().get(bound_field.name, [])
    return [
        message if error.code == "required" and message != str(DJANGO_REQUIRED)
        else _("%(field)s: %(error)s") % {"field": bound_field.label, "error": message}
        for error in errors for message in error
    ]
