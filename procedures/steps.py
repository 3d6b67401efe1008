"""The steps of a procedure's wizard, declared as data: a plain form (`Step`) or a repeatable
block of rows (`FormsetStep`), each with an optional condition over the earlier answers.

A step's answers are stored on the case as JSON: a dict for a `Step`, a list of row dicts for a
`FormsetStep`. A step binds itself to those answers (for the review, the checks, the answers
kept at submission) or to a POST; the wizard view does not need to know which kind it has."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import ClassVar, NamedTuple

from django import forms
from django.forms import formset_factory
from django.utils.functional import Promise
from django.utils.translation import gettext, ngettext_lazy
from django.utils.translation import gettext_lazy as _

from .display import display_value
from .errors import LinkedMessage
from .field_messages import say_what_is_needed, summary_lines

Answers = dict  # {step name: dict (a Step) or list of dicts (a FormsetStep)}


class Table(NamedTuple):
    headers: list
    rows: list  # [[display value, …], …]


class Section(tuple):
    """A step in the summary: (step, [(label, display value), …]), and for a repeatable block
    a `table` too (its rows are then one line per row: "Child 2", "Léa, 2018")."""

    def __new__(cls, step, rows, table=None):
        section = super().__new__(cls, (step, rows))
        section.table = table
        return section

    step = property(lambda self: self[0])
    rows = property(lambda self: self[1])


@dataclass(frozen=True)
class Step:
    """One page of the wizard: a plain Django form. `condition(answers) -> bool` sees the
    answers of the earlier steps that apply; without one, the step always applies."""

    name: str
    form_class: type[forms.Form]
    title: str | Promise
    condition: Callable[[Answers], bool] | None = None

    repeated: ClassVar[bool] = False

    def applies(self, earlier_answers):
        return self.condition is None or bool(self.condition(earlier_answers))

    def unbound(self, initial, form_kwargs):
        return say_what_is_needed(self.form_class(initial=initial, **form_kwargs))

    def posted(self, data, files, initial, form_kwargs):
        return say_what_is_needed(self.form_class(data, files, initial=initial, **form_kwargs))

    def bound(self, given, form_kwargs):
        """Bound to the stored answers. Uploaded files are kept as {"document": id, "name": …}:
        passed as `initial` too, a file field accepts them without a new upload."""
        given = given or {}
        return say_what_is_needed(self.form_class(data=given, initial=given, **form_kwargs))

    @staticmethod
    def combine(prefilled, saved):
        """What the step shows: the prefill, and the saved answers over it, field by field."""
        return {**(prefilled or {}), **(saved or {})}

    def cleaned(self, bound):
        return bound.cleaned_data

    def typed(self, bound, saved):
        """What was typed, as it is (the step being invalid): the raw value of each field; a
        file field keeps a new upload that passed its checks, else what was saved before."""
        typed = {}
        for name, form_field in bound.fields.items():
            if isinstance(form_field, forms.FileField):
                value = bound.cleaned_data.get(name) or (saved or {}).get(name)
                if value:
                    typed[name] = value
            else:
                typed[name] = bound[name].data
        return typed

    def messages(self, bound):
        """The errors of a bound step, each naming its field."""
        return _form_messages(bound)

    def kept(self, bound, given):
        """The answers to the fields the step asks now (a field an earlier change made
        irrelevant, a spouse's name once the record is a birth, is dropped)."""
        return {name: value for name, value in given.items() if name in bound.fields}

    def section(self, bound, given):
        rows = []
        for name, form_field in bound.fields.items():
            value = given.get(name)
            if value in (None, "", [], {}):
                continue
            rows.append((str(form_field.label or name), display_value(form_field, value)))
        return Section(self, rows)


@dataclass(frozen=True)
class FormsetStep(Step):
    """A repeatable block (goods items, children, members): one `form_class` per row, at least
    `min_num` and at most `max_num` rows. Its answers are a list of row dicts. A row left blank
    beyond the first `min_num` is ignored. Rows hold no file field (put uploads in a Step)."""

    min_num: int = 0
    max_num: int = 100
    row_title: str | Promise = field(default=_("Row"))

    repeated: ClassVar[bool] = True

    def formset_class(self):
        return formset_factory(self.form_class, extra=0, min_num=self.min_num,
                               validate_min=True, max_num=self.max_num, validate_max=True)

    def _formset(self, data=None, files=None, initial=None, form_kwargs=None):
        formset = self.formset_class()(
            data, files, prefix=self.name, initial=initial, form_kwargs=form_kwargs or {},
            error_messages={
                "too_few_forms": ngettext_lazy("Give at least %(num)d row.",
                                               "Give at least %(num)d rows.", "num"),
                "too_many_forms": ngettext_lazy("Give at most %(num)d row.",
                                                "Give at most %(num)d rows.", "num"),
            })
        for form in formset.forms:
            say_what_is_needed(form)
        return formset

    def unbound(self, initial, form_kwargs):
        return self._formset(initial=initial or [], form_kwargs=form_kwargs)

    def posted(self, data, files, initial, form_kwargs):
        data = data.copy()  # every row is new to the formset: a blank one past min_num is ignored
        data[f"{self.name}-INITIAL_FORMS"] = "0"
        return self._formset(data, files, form_kwargs=form_kwargs)

    def bound(self, given, form_kwargs):
        return self._formset(rows_data(self.name, given or []), form_kwargs=form_kwargs)

    @staticmethod
    def combine(prefilled, saved):
        """Saved rows replace the prefilled ones."""
        return list(saved if saved is not None else prefilled or [])

    def cleaned(self, bound):
        return [form.cleaned_data for form in bound.forms if form.has_changed()]

    def typed(self, bound, saved):
        return [{name: form[name].data for name in form.fields} for form in bound.forms]

    def messages(self, bound):
        messages = list(bound.non_form_errors())
        for number, form in enumerate(bound.forms, start=1):
            messages += [gettext("%(row)s %(number)s — %(message)s") % {
                "row": self.row_title, "number": number, "message": message}
                for message in _form_messages(form)]
        return messages

    def kept(self, bound, given):
        names = bound.empty_form.fields
        return [{name: value for name, value in row.items() if name in names} for row in given]

    def section(self, bound, given):
        fields = bound.empty_form.fields
        table = Table(
            headers=[str(form_field.label or name) for name, form_field in fields.items()],
            rows=[[display_value(form_field, row.get(name))
                   if row.get(name) not in (None, "", [], {}) else ""
                   for name, form_field in fields.items()] for row in given],
        )
        lines = [(f"{self.row_title} {number}", ", ".join(value for value in row if value))
                 for number, row in enumerate(table.rows, start=1)]
        return Section(self, lines, table)


def rows_data(prefix, rows):
    """A formset's POST data for these row dicts."""
    data = {f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": "0"}
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{name}": value for name, value in row.items()})
    return data


def _form_messages(form):
    result = []
    for name, messages in form.errors.items():
        link = getattr(form.fields.get(name), "error_link", None)
        lines = summary_lines(form[name]) if name in form.fields else messages
        for number, text in enumerate(lines):
            result.append(LinkedMessage(text, link) if link and number == 0 else text)
    return result
