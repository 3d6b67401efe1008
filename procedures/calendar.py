"""Announced processing delays: calendar days, or working days that skip weekends and French
public holidays (metropolitan France, from the `holidays` package)."""

import datetime
from functools import lru_cache

import holidays

from .constants import DelayUnit


@lru_cache(maxsize=16)
def _french_holidays(year):
    return frozenset(holidays.France(years=year))


def is_working_day(day):
    return day.weekday() < 5 and day not in _french_holidays(day.year)


def due_date(start, days, unit):
    """The date by which an answer is due, `days` after `start` (a date)."""
    if unit == DelayUnit.CALENDAR_DAYS:
        return start + datetime.timedelta(days=days)
    day = start
    remaining = days
    while remaining:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day
