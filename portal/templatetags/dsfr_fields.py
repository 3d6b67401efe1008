from django import template

from portal import wording
from procedures import field_messages

register = template.Library()


@register.filter
def describedby(field):
    """The ids an input is described by: its hint (Django's `_helptext` id) and its errors."""
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}_helptext")
    if field.errors:
        ids.append(f"{field.auto_id}_error")
    return " ".join(ids)


@register.filter
def revealed_when(field):
    """"<input name>=<value>" when the field is asked only for that answer (see
    procedures.revealed_fields), else ""."""
    revealed = getattr(field.form, "revealed_when", None)
    return revealed(field.name) if revealed else ""


@register.filter
def file_size(size):
    """A size in bytes as a person reads it: "5 Mo" (see portal.wording)."""
    return wording.file_size(size or 0)


@register.filter
def summary_lines(field):
    """The error summary's lines for a field (see procedures.field_messages)."""
    return field_messages.summary_lines(field)
