"""The workbook's sheets and columns: names staff see, in English and French.

Every sheet has one header row; a column is found by its header (English or French
line), so a column moved by hand is still read. ``ref`` columns say which entry of a file
a row is; staff leave them alone (blank on a row they add).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.topics import LANGUAGES

TEXT = "text"  # plain text
MULTILINE = "multiline"  # an answer's body: several lines in one cell
LIST = "list"  # several words, comma-separated in one cell
PHONE = "phone"  # a phone number: must stay text (a leading + or 0)
DATE = "date"  # YYYY-MM-DD, or empty
PUBLISHED = "published"  # YYYY, YYYY-MM, YYYY-MM-DD or undated
NUMBER = "number"  # a whole number (a Telegram group id)
ID = "id"  # an identifier: lowercase, no spaces (topics, kinds, languages, refs)


@dataclass(frozen=True)
class Column:
    """One column: the key the code uses, its header in both languages, width, kind."""

    key: str
    english: str
    french: str
    width: int = 20
    kind: str = TEXT

    @property
    def header(self) -> str:
        """The header cell: English above, French below."""
        return self.english if self.english == self.french else f"{self.english}\n{self.french}"


@dataclass(frozen=True)
class Sheet:
    """One sheet: its name and columns."""

    name: str
    columns: tuple[Column, ...]
    note: str = ""  # one line under the name in the instructions
    names: tuple[str, ...] = field(default=())  # other names it may be found under

    def column(self, key: str) -> Column:
        """The column with ``key``."""
        return next(c for c in self.columns if c.key == key)


def per_language(
    key: str, english: str, french: str, width: int = 20, kind: str = TEXT
) -> tuple[Column, ...]:
    """One column per language: ``title:en`` "Title EN", ``title:fr`` "Title FR"."""
    return tuple(
        Column(
            f"{key}:{lang}", f"{english} {lang.upper()}", f"{french} {lang.upper()}", width, kind
        )
        for lang in LANGUAGES
    )


INSTRUCTIONS = "Read me - Lisez-moi"
MANIFEST = "_export"  # hidden: each file's fingerprint when the workbook was written

ANSWERS = Sheet(
    "Answers - Réponses",
    (
        Column("topic", "Topic", "Sujet", 22, ID),
        *per_language("title", "Title", "Titre", 26),
        *per_language("body", "Answer", "Réponse", 70, MULTILINE),
        *per_language("source", "Source", "Source", 28),
        *per_language("related", "Related topics", "Sujets liés", 30, LIST),
        *per_language("last_reviewed", "Last reviewed", "Relue le", 14, DATE),
    ),
)

EXAMPLES = {
    lang: Sheet(
        f"Examples {lang.upper()}" if lang == "en" else f"Exemples {lang.upper()}",
        (
            Column("topic", "Topic", "Sujet", 24, ID),
            Column("example", "Example", "Exemple", 70),
            Column("file", "File", "Fichier", 18, ID),
        ),
    )
    for lang in LANGUAGES
}

MENUS = Sheet(
    "Menus",
    (
        Column("menu", "Menu", "Menu", 16, ID),
        *per_language("label", "Label", "Libellé", 30),
        Column("items", "Items (topics or menus)", "Éléments (sujets ou menus)", 90, LIST),
    ),
)

SOURCE_COLUMNS = (
    Column("url", "Page (url)", "Page (url)", 40),
    Column("publisher", "Publisher", "Publié par", 18),
    Column("published", "Published", "Date de la page", 14, PUBLISHED),
    Column("last_verified", "Last verified", "Vérifié le", 14, DATE),
)

NUMBERS = Sheet(
    "Numbers - Numéros",
    (
        Column("ref", "Ref", "Réf", 14, ID),
        Column("place", "Country", "Pays", 14, ID),
        *per_language("service", "Service", "Service", 34),
        Column("phone", "Phone", "Téléphone", 20, PHONE),
        Column("web", "Web", "Web", 20),
        Column("for", "For", "Pour", 22, LIST),
        Column("where", "Only near", "Seulement près de", 18, LIST),
        *per_language("note", "Note", "Note", 28),
        *SOURCE_COLUMNS,
    ),
)

OFFICES = Sheet(
    "Offices - Bureaux",
    (
        Column("ref", "Ref", "Réf", 10, ID),
        Column("place", "Country", "Pays", 10, ID),
        *per_language("office", "Office", "Bureau", 30),
        Column("city", "City", "Ville", 14),
        *per_language("address", "Address", "Adresse", 28),
        Column("phone", "Phone", "Téléphone", 18, PHONE),
        *per_language("hours", "Hours", "Heures", 24),
        *per_language("bring", "Bring", "À apporter", 28),
        *per_language("note", "Note", "Note", 24),
        *SOURCE_COLUMNS,
        Column("staff_chat", "Caseworkers' group", "Groupe des conseillers", 18, NUMBER),
        Column("staff_hours", "Group's hours", "Heures du groupe", 22),
    ),
)

COUNTRIES = Sheet(
    "Countries - Pays",
    (
        Column("code", "Code", "Code", 8, ID),
        *per_language("name", "Name", "Nom", 22),
        Column("aliases", "Other spellings", "Autres écritures", 34, LIST),
        Column("places", "Towns", "Villes", 70, LIST),
        Column("timezone", "Time zone", "Fuseau horaire", 18),
    ),
)

DANGER = Sheet(
    "Danger words - Mots danger",
    (
        Column("lang", "Language", "Langue", 10, ID),
        Column("kind", "Kind", "Sorte", 16, ID),
        Column("phrase", "Words", "Mots", 50),
    ),
)

SPELLING = Sheet(
    "Spellings - Écritures",
    (
        Column("lang", "Language", "Langue", 10, ID),
        Column("written", "Written", "Écrit", 20),
        Column("standard", "Read as", "Lu comme", 30),
    ),
)

SHEETS: tuple[Sheet, ...] = (
    ANSWERS,
    *EXAMPLES.values(),
    MENUS,
    NUMBERS,
    OFFICES,
    COUNTRIES,
    DANGER,
    SPELLING,
)
