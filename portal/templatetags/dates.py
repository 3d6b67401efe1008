"""Django's `date` filter, with "1er" for the first day of a month in French (see
portal.wording). Installed as a template builtin (settings.TEMPLATES), so that every
`{{ value|date:"DATE_FORMAT" }}`, on the pages, in the e-mails and in the PDFs, writes it."""

from django import template
from django.template.defaultfilters import date as django_date

from portal import wording

register = template.Library()


@register.filter(expects_localtime=True, is_safe=False)
def date(value, arg=None):
    if value in (None, "") or not hasattr(value, "day"):
        return django_date(value, arg)
    try:
        return wording.date_format(value, arg or "DATE_FORMAT")
    except AttributeError:
        return ""
