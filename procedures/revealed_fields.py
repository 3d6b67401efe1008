"""Fields asked only for one answer of another field (the postal address, only for delivery by
post). A form declares them in `revealed`: {field name: (controlling field, value)}.

Such a field is required when the controlling field has that value, and ignored (kept empty)
otherwise: the server decides, so it works without JavaScript. The page shows the field under
the choice; with JavaScript (static/js/guichet.js) it is hidden until that value is chosen."""

from django import forms


class RevealedFieldsForm(forms.Form):
    revealed: dict[str, tuple[str, str]] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.revealed:
            if self.is_bound and not self.reveals(name):
                self.fields[name].required = False

    def reveals(self, name):
        """Whether the bound data chose the answer that asks the field `name`."""
        controller, value = self.revealed[name]
        return self.data.get(self.add_prefix(controller)) == value

    def clean(self):
        data = super().clean()
        for name in self.revealed:
            if name in self.fields and not self.reveals(name):
                data[name] = ""  # not kept: typed before another answer was chosen
                self._errors.pop(name, None)
        return data

    def revealed_when(self, name):
        """For the page: "<controlling input's name>=<value>" for a revealed field, else ""."""
        if name not in self.revealed:
            return ""
        controller, value = self.revealed[name]
        return f"{self.add_prefix(controller)}={value}"
