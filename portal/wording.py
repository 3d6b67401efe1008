"""How dates and file sizes read in the active language, where Django's own formatting falls
short of how a French public service writes them: "1er décembre" (the first day of a month is
an ordinal), "5 Mo" rather than "5,0 Mio"."""

import math
import re

from django.utils import dateformat, formats
from django.utils.translation import get_language, ngettext, pgettext

# The day number of a format that writes it before the month's name ("j F"), not escaped.
DAY_BEFORE_MONTH = re.compile(r"(?<!\\)j(?= F)")


def date_format(value, format="DATE_FORMAT"):
    """django.utils.formats.date_format, with "1er" for the first day of a month in French.
    `format` is a format's name (DATE_FORMAT…) or a format string."""
    pattern = formats.get_format(format)  # a format's name, or a format string as it is
    if getattr(value, "day", None) == 1 and (get_language() or "").startswith("fr"):
        pattern = DAY_BEFORE_MONTH.sub(r"j\\e\\r", pattern)
    return dateformat.format(value, pattern)


def file_size(size):
    """A size in bytes as a person reads it: "5 Mo", "1,5 Mo", "300 ko" ("5 MB" in English).
    A megabyte is 1 048 576 bytes, as file managers count them; a size is rounded up (a file
    just over a 5 Mo limit weighs "5,1 Mo", not "5 Mo")."""
    units = ((1024 ** 3, pgettext("file size", "GB")), (1024 ** 2, pgettext("file size", "MB")),
             (1024, pgettext("file size", "kB")))
    for unit, symbol in units:
        if size >= unit:
            amount = math.ceil(size * 10 / unit) / 10
            decimals = 0 if amount == int(amount) else 1
            number = formats.number_format(amount, decimal_pos=decimals, use_l10n=True)
            return f"{number}\N{NO-BREAK SPACE}{symbol}"
    return ngettext("%(number)s byte", "%(number)s bytes", size) % {"number": size}
