from django import template

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
