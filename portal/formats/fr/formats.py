"""Dates and times as a French public service writes them: "1er décembre 2026 à 20 h 21" (the
"1er" is added by portal.wording, which no format character writes)."""

DATE_FORMAT = "j F Y"
TIME_FORMAT = r"H \h i"
DATETIME_FORMAT = r"j F Y à H \h i"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = r"d/m/Y H \h i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
