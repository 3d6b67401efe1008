"""French is the default language: every string of the catalogue is translated, and the
compiled catalogue in the repository says the same as the source one."""

from pathlib import Path

import polib

PO = Path(__file__).resolve().parents[2] / "locale" / "fr" / "LC_MESSAGES" / "django.po"


def test_every_french_string_is_translated():
    catalogue = polib.pofile(PO)
    assert [entry.msgid for entry in catalogue.untranslated_entries()] == []
    assert [entry.msgid for entry in catalogue.fuzzy_entries()] == []


def test_the_compiled_catalogue_matches_the_source():
    source = {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural)
              for e in polib.pofile(PO).translated_entries()}
    compiled = {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural)
                for e in polib.mofile(PO.with_suffix(".mo")) if e.msgid}
    assert compiled == source
