"""Dates, times and file sizes as the French pages write them ("1er décembre 2026 à 20 h 21",
"5 Mo"), and the English ones ("1 December 2026, 20:21", "5 MB")."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from portal.wording import date_format, file_size
from procedures.constants import DelayUnit
from procedures.models import ProcedureSettings

EVENING = datetime.datetime(2026, 12, 1, 20, 21, tzinfo=timezone.get_current_timezone())


def render(template, **context):
    return Template(template).render(Context(context))


@pytest.mark.parametrize(("language", "day", "expected"), [
    ("fr", datetime.date(2026, 12, 1), "1er décembre 2026"),
    ("fr", datetime.date(2026, 12, 2), "2 décembre 2026"),
    ("fr", datetime.date(2026, 12, 11), "11 décembre 2026"),
    ("fr", datetime.date(2026, 12, 21), "21 décembre 2026"),
    ("en", datetime.date(2026, 12, 1), "1 December 2026"),
])
def test_dates(language, day, expected):
    with translation.override(language):
        assert date_format(day) == expected
        assert render('{{ day|date:"DATE_FORMAT" }}', day=day) == expected


@pytest.mark.parametrize(("language", "format", "expected"), [
    ("fr", "DATETIME_FORMAT", "1er décembre 2026 à 20 h 21"),
    ("fr", "TIME_FORMAT", "20 h 21"),
    ("fr", "SHORT_DATETIME_FORMAT", "01/12/2026 20 h 21"),
    ("fr", "j/n/Y", "1/12/2026"),  # no ordinal where the month is no word
    ("en", "DATETIME_FORMAT", "1 December 2026, 20:21"),
    ("en", "TIME_FORMAT", "20:21"),
])
def test_times(language, format, expected):
    with translation.override(language):
        assert render("{{ moment|date:format }}", moment=EVENING, format=format) == expected


def test_the_template_filter_shows_the_local_time():
    utc = EVENING.astimezone(datetime.UTC)
    with translation.override("fr"):
        assert render('{{ moment|date:"TIME_FORMAT" }}', moment=utc) == "20 h 21"


@pytest.mark.parametrize(("size", "french", "english"), [
    (0, "0 octet", "0 bytes"),
    (900, "900 octets", "900 bytes"),
    (300 * 1024, "300\xa0ko", "300\xa0kB"),
    (5 * 1024 * 1024, "5\xa0Mo", "5\xa0MB"),
    (5 * 1024 * 1024 + 1, "5,1\xa0Mo", "5.1\xa0MB"),  # just over a limit: not "5 Mo"
    (int(10.5 * 1024 * 1024), "10,5\xa0Mo", "10.5\xa0MB"),
    (2 * 1024 ** 3, "2\xa0Go", "2\xa0GB"),
])
def test_file_sizes(size, french, english):
    with translation.override("fr"):
        assert file_size(size) == french
    with translation.override("en"):
        assert file_size(size) == english


@pytest.mark.parametrize(("delay", "unit", "expected"), [
    (1, DelayUnit.WORKING_DAYS, "1 jour ouvré"),
    (10, DelayUnit.WORKING_DAYS, "10 jours ouvrés"),
    (1, DelayUnit.CALENDAR_DAYS, "1 jour"),
    (30, DelayUnit.CALENDAR_DAYS, "30 jours"),
])
def test_a_delay_reads_in_the_singular_or_the_plural(delay, unit, expected):
    settings = ProcedureSettings(procedure="civil_status", delay=delay, delay_unit=unit)
    assert settings.delay_text == expected
