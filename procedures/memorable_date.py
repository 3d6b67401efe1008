"""A date a person knows by heart (a date of birth), typed as day, month and year in three
fields, as the DSFR recommends for memorable dates, rather than picked from a calendar.

The value is a date, stored as an ISO string like any DateField's. The widget also reads the
field's own name from the data (the stored answers bind a form again: an ISO date, or the three
parts as they were typed), so a post of "birth_date=1990-07-14" works too."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class DayMonthYearWidget(forms.MultiWidget):
    """Drawn by dsfr_crispy/field.html as one fieldset with a legend and three labelled inputs
    (it tells by `memorable_date`)."""

    memorable_date = True
    part_labels = (_("Day"), _("Month"), _("Year"))
    part_hints = (_("Between 1 and 31"), _("Between 1 and 12"), _("For example: 1990"))

    def __init__(self, attrs=None):
        def part(length):
            return forms.TextInput(attrs={"inputmode": "numeric", "maxlength": length})
        super().__init__([part(2), part(2), part(4)], attrs)

    def decompress(self, value):
        if isinstance(value, str):
            try:
                value = datetime.date.fromisoformat(value)
            except ValueError:
                return [None, None, None]
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        return [None, None, None]

    def value_from_datadict(self, data, files, name):
        if name in data:
            return data[name]
        return super().value_from_datadict(data, files, name)

    def value_omitted_from_data(self, data, files, name):
        return name not in data and super().value_omitted_from_data(data, files, name)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for subwidget, label, hint in zip(context["widget"]["subwidgets"], self.part_labels,
                                          self.part_hints, strict=True):
            subwidget["label"], subwidget["hint"] = label, hint
        return context


class MemorableDateField(forms.DateField):
    widget = DayMonthYearWidget
    default_error_messages = {
        "invalid": _("Enter a real date, for example 14 7 1990."),
        "incomplete": _("Enter the day, the month and the year."),
        "no_day": _("The date must include a day."),
        "no_month": _("The date must include a month."),
        "no_year": _("The date must include a year."),
        "short_year": _("Enter the year with 4 digits, for example 1990."),
    }

    def to_python(self, value):
        if not isinstance(value, list | tuple):
            return super().to_python(value)
        day, month, year = (str(part if part is not None else "").strip()
                            for part in (list(value) + [None] * 3)[:3])
        if not (day or month or year):
            return None
        missing = [code for code, part in (("no_day", day), ("no_month", month),
                                           ("no_year", year)) if not part]
        if missing:
            code = missing[0] if len(missing) == 1 else "incomplete"
            raise ValidationError(self.error_messages[code], code=code)
        if not (day.isdigit() and month.isdigit() and year.isdigit()):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        if len(year) != 4:
            raise ValidationError(self.error_messages["short_year"], code="short_year")
        try:
            return datetime.date(int(year), int(month), int(day))
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
