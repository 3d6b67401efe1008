"""French is the default language: every string of every catalogue (the project's and each
app's own `locale/`) is translated, and each compiled catalogue says the same as its source."""

from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = sorted(
    path for path in ROOT.glob("**/locale/fr/LC_MESSAGES/django.po")
    if ".venv" not in path.parts
)


def test_the_project_catalogue_is_found():
    assert ROOT / "locale" / "fr" / "LC_MESSAGES" / "django.po" in CATALOGUES


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda path: str(path.relative_to(ROOT)))
def test_every_french_string_is_translated(po):
    catalogue = polib.pofile(po)
    assert [entry.msgid for entry in catalogue.untranslated_entries()] == []
    assert [entry.msgid for entry in catalogue.fuzzy_entries()] == []


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda path: str(path.relative_to(ROOT)))
def test_the_compiled_catalogue_matches_the_source(po):
    source = {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural)
              for e in polib.pofile(po).translated_entries()}
    compiled = {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural)
                for e in polib.mofile(po.with_suffix(".mo")) if e.msgid}
    assert compiled == source
