"""Every UI string is translated, the catalogs match the code, and locales are per user."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

from bot.i18n import LOCALE_DIR, Catalogs, negotiate

ROOT = Path(__file__).resolve().parent.parent


def msgids_in_code(tmp_path: Path) -> set[str]:
    pot = tmp_path / "messages.pot"
    pybabel = Path(sys.executable).parent / "pybabel"
    subprocess.run(
        [str(pybabel), "-q", "extract", "-F", "babel.cfg", "-o", str(pot), "."],
        cwd=ROOT,
        check=True,
    )
    with pot.open("rb") as handle:
        return {m.id for m in read_po(handle) if m.id}


def test_every_string_in_the_code_is_translated_into_french(tmp_path: Path) -> None:
    with (LOCALE_DIR / "fr" / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle, locale="fr")
    translated = {m.id for m in catalog if m.id and m.string and not m.fuzzy}
    missing = msgids_in_code(tmp_path) - translated
    assert not missing, f"untranslated (run `make extract`, then translate): {missing}"


def test_translations_are_per_user_not_per_process() -> None:
    catalogs = Catalogs.load()
    assert catalogs.for_lang("fr")("✖ Cancel") == "✖ Annuler"
    assert catalogs.for_lang("en")("✖ Cancel") == "✖ Cancel"


def test_client_language_codes_are_negotiated() -> None:
    assert negotiate("fr-CM") == "fr"
    assert negotiate("en_US") == "en"
    assert negotiate("ar") is None
    assert negotiate("") is None
    assert negotiate("not a locale!") is None
