"""The content as rows of the workbook's sheets, each cell with the lines it comes from.

The same reading serves the export (what to write), the import (what the files hold now,
to see what a person changed) and the problems found after an import (a file's line back
to a sheet, row and column).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.content.loader import CONTACTS_FILE, MENU_FILE, SAFETY_FILE, SPELLING_FILE
from bot.content.wording import _
from bot.content.workbook import layout
from bot.content.workbook.textedit import compose, find, last_line, load
from bot.content.yamlfile import read_text
from bot.topics import LANGUAGES

FRONT = "---"
ANSWER_KEYS = ("title", "related", "source", "last_reviewed")


class Unreadable(Exception):
    """A file the workbook cannot be made from: ``path``, ``line``, and why."""

    def __init__(self, path: Path, line: int, why: str) -> None:
        super().__init__(f"{path}:{line}: {why}")
        self.path, self.line, self.why = path, line, why


@dataclass(frozen=True)
class Lines:
    """Where a value is written: a file and its first and last lines (1-based)."""

    path: Path
    first: int
    last: int

    def holds(self, path: Path, line: int) -> bool:
        """True when ``line`` of ``path`` is one of these lines."""
        return path == self.path and self.first <= line <= self.last


@dataclass
class Row:
    """One row of a sheet: its values by column key, and where each comes from."""

    values: dict[str, str]
    identity: tuple[Any, ...] = ()
    cells: dict[str, Lines] = field(default_factory=dict)
    span: Lines | None = None  # every line of the entry (a problem on none of its cells)
    number: int = 0  # the row in the sheet (2 is the first under the headers)

    def get(self, key: str) -> str:
        """The value of column ``key`` ("" when empty)."""
        return self.values.get(key, "")


Sheets = dict[str, list[Row]]


def as_text(value: Any) -> str:
    """A value of a file as one cell shows it."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(as_text(item) for item in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def clean(text: str, kind: str = layout.TEXT) -> str:
    """A cell's text as compared and written: no stray spaces, Excel's line ends undone."""
    text = text.replace("_x000D_", "").replace("\r\n", "\n").replace("\r", "\n")
    if kind == layout.MULTILINE:
        lines = [line.rstrip() for line in text.split("\n")]
        while lines and not lines[0]:
            lines.pop(0)
        while lines and not lines[-1]:
            lines.pop()
        return "\n".join(lines)
    text = text.strip()
    if kind == layout.LIST:
        return ", ".join(part.strip() for part in text.split(",") if part.strip())
    return text


def read_rows(content: Path, nlu: Path, languages: tuple[str, ...] = LANGUAGES) -> Sheets:
    """Every sheet's rows, from the files (Unreadable when one cannot be read)."""
    contacts = _yaml(content / CONTACTS_FILE)
    sheets: Sheets = {layout.ANSWERS.name: answer_rows(content, languages)}
    for lang in languages:
        sheets[layout.EXAMPLES[lang].name] = example_rows(nlu / lang / "data")
    sheets[layout.MENUS.name] = menu_rows(content / MENU_FILE)
    sheets[layout.NUMBERS.name] = list(number_rows(content / CONTACTS_FILE, contacts))
    sheets[layout.OFFICES.name] = list(office_rows(content / CONTACTS_FILE, contacts))
    sheets[layout.COUNTRIES.name] = list(country_rows(content / CONTACTS_FILE, contacts))
    sheets[layout.DANGER.name] = danger_rows(content / SAFETY_FILE)
    sheets[layout.SPELLING.name] = spelling_rows(content / SPELLING_FILE)
    return sheets


# Answers ------------------------------------------------------------------------------


@dataclass
class AnswerFile:
    """An answer file taken apart: its front matter's values and lines, and its body."""

    path: Path
    text: str
    meta: dict[str, Any]
    key_lines: dict[str, int]  # 1-based
    front: yaml.Node | None
    front_start: int  # where the front matter's text starts in ``text``
    body_start: int  # where the body starts in ``text``
    body_line: int  # 1-based line of the body's first line

    @property
    def body(self) -> str:
        """The body as a cell shows it."""
        return clean(self.text[self.body_start :], layout.MULTILINE)

    def cells(self) -> dict[str, str]:
        """The values of one language's cells: the front matter's, then ``body``."""
        found = {key: as_text(self.meta.get(key)) for key in ANSWER_KEYS}
        found["body"] = self.body
        return found


def read_answer_file(path: Path) -> AnswerFile:
    """Take an answer file apart (Unreadable when its front matter cannot be read)."""
    try:
        text = read_text(path)
    except UnicodeDecodeError:
        raise Unreadable(path, 1, _("this file is not UTF-8 text")) from None
    return parse_answer(path, text)


def parse_answer(path: Path, text: str) -> AnswerFile:
    """Take the text of an answer file apart."""
    lines = text.splitlines(keepends=True)
    ends = [i for i, line in enumerate(lines) if line.strip() == FRONT]
    if len(ends) < 2 or ends[0] != 0:
        raise Unreadable(path, 1, _("the file does not start with its front matter"))
    front_start = len(lines[0])
    body_start = sum(len(line) for line in lines[: ends[1] + 1])
    front_text = text[front_start : body_start - len(lines[ends[1]])]
    try:
        front = compose(front_text)
        meta = load(front_text) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 2
        raise Unreadable(path, line, _("the front matter is not valid")) from None
    key_lines = {}
    if isinstance(front, yaml.MappingNode):
        key_lines = {str(k.value): k.start_mark.line + 2 for k, _v in front.value}
    meta = meta if isinstance(meta, dict) else {}
    return AnswerFile(path, text, meta, key_lines, front, front_start, body_start, ends[1] + 2)


def answer_rows(content: Path, languages: tuple[str, ...]) -> list[Row]:
    """One row per topic, both languages side by side."""
    files: dict[str, dict[str, AnswerFile]] = {}
    for lang in languages:
        for path in sorted((content / lang).glob("*.md")):
            files.setdefault(path.stem, {})[lang] = read_answer_file(path)
    rows = []
    for topic in topic_order(content, files):
        row = Row({"topic": topic}, ("answer", topic))
        for lang, answer in files[topic].items():
            _answer_cells(row, lang, answer)
        rows.append(row)
    return rows


def _answer_cells(row: Row, lang: str, answer: AnswerFile) -> None:
    for key, value in answer.cells().items():
        row.values[f"{key}:{lang}"] = value
    for key in ANSWER_KEYS:
        line = answer.key_lines.get(key, 1)
        row.cells[f"{key}:{lang}"] = Lines(answer.path, line, line)
    last = max(answer.body_line, answer.text.count("\n"))
    row.cells[f"body:{lang}"] = Lines(answer.path, answer.body_line, last)
    row.cells[f"topic:{lang}"] = Lines(answer.path, 1, 1)


def topic_order(content: Path, topics: Any) -> list[str]:
    """Topics in the order the menus show them, then the others alphabetically."""
    order: list[str] = []
    try:
        menus = _yaml(content / MENU_FILE)
    except Unreadable:
        menus = None
    data = _data(menus)
    seen: set[str] = set()
    queue = ["main"] if isinstance(data, dict) else []
    while queue:
        menu = data.get(queue.pop(0))
        items = menu.get("items") if isinstance(menu, dict) else None
        for item in items if isinstance(items, list) else []:
            item = str(item)
            if item in seen:
                continue
            seen.add(item)
            if item in data:
                queue.append(item)
            elif item in topics:
                order.append(item)
    return order + sorted(t for t in topics if t not in order)


# Training examples --------------------------------------------------------------------


@dataclass
class Block:
    """An ``- intent:`` block: its name, lines, and its examples (line, text)."""

    intent: str
    path: Path
    first: int  # 0-based line of "- intent:"
    last: int  # 0-based last line of its examples
    indent: str  # spaces before each example's "- "
    examples: list[tuple[int, str]] = field(default_factory=list)  # 0-based line, text


def nlu_blocks(path: Path) -> list[Block]:
    """Every intent block of a Rasa file, with the text of each example as written."""
    text = read_text(path)
    root = compose(text)
    lines = text.splitlines()
    items = find(root, ("nlu",))
    blocks = []
    for item in items.value if isinstance(items, yaml.SequenceNode) else []:
        intent, examples = find(item, ("intent",)), find(item, ("examples",))
        if not isinstance(intent, yaml.ScalarNode) or not isinstance(examples, yaml.ScalarNode):
            continue
        block = Block(str(intent.value), path, item.start_mark.line, last_line(item), "    ")
        first = examples.start_mark.line + (1 if examples.style in ("|", ">") else 0)
        for number in range(first, min(last_line(examples), len(lines) - 1) + 1):
            stripped = lines[number].strip()
            if stripped.startswith("- ") or stripped == "-":
                block.examples.append((number, stripped[2:].strip()))
                block.indent = lines[number][: len(lines[number]) - len(lines[number].lstrip())]
        blocks.append(block)
    return blocks


def example_rows(data_dir: Path) -> list[Row]:
    """One row per training example, in file order."""
    rows = []
    for path in sorted(data_dir.glob("*.yml")):
        try:
            blocks = nlu_blocks(path)
        except (yaml.YAMLError, UnicodeDecodeError) as exc:
            raise _unreadable(path, exc) from None
        counts: dict[str, int] = {}
        for block in blocks:
            for i, (number, text) in enumerate(block.examples):
                k = counts.get(block.intent, 0)
                counts[block.intent] = k + 1
                where = Lines(path, number + 1, number + 1)
                row = Row(
                    {"topic": block.intent, "example": text, "file": path.name},
                    ("example", path.name, block.intent, k),
                    {"example": where},
                    where,
                )
                if i == 0:  # the block's heading: problems of the whole intent
                    row.cells["topic"] = Lines(path, block.first + 1, number)
                rows.append(row)
    return rows


# YAML files ---------------------------------------------------------------------------


@dataclass
class YamlDoc:
    """A YAML file's text, node tree and data."""

    path: Path
    text: str
    root: yaml.Node | None
    data: Any

    def line(self, keys: tuple[Any, ...]) -> int:
        """1-based line where the value at ``keys`` starts (1 when absent)."""
        node = find(self.root, keys)
        return node.start_mark.line + 1 if node is not None else 1

    def lines(self, keys: tuple[Any, ...]) -> Lines:
        """Every line of the value at ``keys``."""
        node = find(self.root, keys)
        if node is None:
            return Lines(self.path, 1, 1)
        return Lines(self.path, node.start_mark.line + 1, last_line(node) + 1)


def _yaml(path: Path) -> YamlDoc | None:
    if not path.is_file():
        return None
    try:
        text = read_text(path)
        root = compose(text)
        return YamlDoc(path, text, root, load(text))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise _unreadable(path, exc) from None


def _unreadable(path: Path, exc: Exception) -> Unreadable:
    if isinstance(exc, UnicodeDecodeError):
        return Unreadable(path, 1, _("this file is not UTF-8 text"))
    mark = getattr(exc, "problem_mark", None)
    return Unreadable(path, mark.line + 1 if mark is not None else 1, _("the YAML is broken"))


def _data(doc: YamlDoc | None) -> dict[Any, Any]:
    return doc.data if doc is not None and isinstance(doc.data, dict) else {}


def _texts(row: Row, doc: YamlDoc, keys: tuple[Any, ...], column: str, raw: Any) -> None:
    """A per-language value (``{en: …, fr: …}``) into ``column:en``, ``column:fr``."""
    for lang in LANGUAGES:
        value = raw.get(lang) if isinstance(raw, dict) else (raw if lang == "en" else None)
        row.values[f"{column}:{lang}"] = as_text(value)
        inner = (*keys, lang) if isinstance(raw, dict) and lang in raw else keys
        row.cells[f"{column}:{lang}"] = doc.lines(inner)


def menu_rows(path: Path) -> list[Row]:
    """One row per menu."""
    doc = _yaml(path)
    rows = []
    for menu, raw in _data(doc).items():
        assert doc is not None
        raw = raw if isinstance(raw, dict) else {}
        row = Row({"menu": str(menu)}, ("menu", str(menu)), span=doc.lines((menu,)))
        row.cells["menu"] = Lines(path, doc.line((menu,)), doc.line((menu,)))
        _texts(row, doc, (menu, "label"), "label", raw.get("label"))
        row.values["items"] = as_text(raw.get("items"))
        row.cells["items"] = doc.lines((menu, "items"))
        rows.append(row)
    return rows


def contact_lists(data: dict[Any, Any], kind: str) -> Iterator[tuple[str, tuple[Any, ...], Any]]:
    """(place, keys of the list, the list) for numbers (``emergency``) or offices."""
    if kind == "emergency":
        for section in ("international", "elsewhere"):
            yield section, (section,), data.get(section)
    countries = data.get("countries")
    for code, country in countries.items() if isinstance(countries, dict) else []:
        if isinstance(country, dict):
            yield str(code), ("countries", code, kind), country.get(kind)


def _entry_rows(path: Path, doc: YamlDoc | None, sheet: layout.Sheet, kind: str) -> Iterator[Row]:
    if doc is None:
        return
    for place, keys, entries in contact_lists(_data(doc), kind):
        for i, raw in enumerate(entries if isinstance(entries, list) else []):
            raw = raw if isinstance(raw, dict) else {}
            ref = f"{place} {i + 1}"
            row = Row({"ref": ref, "place": place}, (kind, place, i), span=doc.lines((*keys, i)))
            first = doc.line((*keys, i))
            row.cells["ref"] = row.cells["place"] = Lines(path, first, first)
            for key, per_language in field_keys(sheet):
                if per_language:
                    _texts(row, doc, (*keys, i, key), key, raw.get(key))
                else:
                    row.values[key] = as_text(raw.get(key))
                    row.cells[key] = doc.lines((*keys, i, key) if key in raw else (*keys, i))
            yield row


def field_keys(sheet: layout.Sheet) -> list[tuple[str, bool]]:
    """The file keys of a contacts sheet's columns, and whether each is per language."""
    keys: dict[str, bool] = {}
    for column in sheet.columns:
        if column.key not in ("ref", "place"):
            key, _sep, lang = column.key.partition(":")
            keys[key] = bool(lang)
    return list(keys.items())


def number_rows(path: Path, doc: YamlDoc | None) -> Iterator[Row]:
    """One row per emergency number (international, elsewhere, then each country's)."""
    return _entry_rows(path, doc, layout.NUMBERS, "emergency")


def office_rows(path: Path, doc: YamlDoc | None) -> Iterator[Row]:
    """One row per intake office."""
    return _entry_rows(path, doc, layout.OFFICES, "intake")


def country_rows(path: Path, doc: YamlDoc | None) -> Iterator[Row]:
    """One row per country: names, other spellings, towns, time zone."""
    if doc is None:
        return
    countries = _data(doc).get("countries")
    for code, raw in countries.items() if isinstance(countries, dict) else []:
        raw = raw if isinstance(raw, dict) else {}
        keys = ("countries", code)
        row = Row({"code": str(code)}, ("country", str(code)), span=doc.lines(keys))
        row.cells["code"] = Lines(path, doc.line(keys), doc.line(keys))
        _texts(row, doc, (*keys, "name"), "name", raw.get("name"))
        for key in ("aliases", "places", "timezone"):
            row.values[key] = as_text(raw.get(key))
            row.cells[key] = doc.lines((*keys, key) if key in raw else keys)
        yield row


def danger_rows(path: Path) -> list[Row]:
    """One row per danger phrase: language, kind, words."""
    doc = _yaml(path)
    rows = []
    for lang, kinds in _data(doc).items():
        assert doc is not None
        first_of_language = True
        for kind, phrases in kinds.items() if isinstance(kinds, dict) else []:
            for i, phrase in enumerate(phrases if isinstance(phrases, list) else []):
                where = doc.lines((lang, kind, i))
                row = Row(
                    {"lang": str(lang), "kind": str(kind), "phrase": as_text(phrase)},
                    ("danger", str(lang), str(kind), i),
                    {"phrase": where},
                    where,
                )
                if i == 0:  # the headings: problems of the whole kind, or language
                    row.cells["kind"] = _heading(doc, (lang, kind))
                if first_of_language:
                    row.cells["lang"] = _heading(doc, (lang,))
                    first_of_language = False
                rows.append(row)
    return rows


def _heading(doc: YamlDoc, keys: tuple[Any, ...]) -> Lines:
    """The line of the key ``keys`` ends with (``sea:`` in ``en: {sea: …}``)."""
    from bot.content.workbook.textedit import key_node

    key = key_node(doc.root, keys)
    line = key.start_mark.line + 1 if key is not None else 1
    return Lines(doc.path, line, line)


def spelling_rows(path: Path) -> list[Row]:
    """One row per spelling: language, the form written, the word it is read as."""
    doc = _yaml(path)
    rows = []
    for lang, forms in _data(doc).items():
        assert doc is not None
        for written, standard in forms.items() if isinstance(forms, dict) else []:
            where = doc.lines((lang, written))
            row = Row(
                {"lang": str(lang), "written": as_text(written), "standard": as_text(standard)},
                ("spelling", str(lang), str(written)),
                {"lang": where, "written": where, "standard": where},
                where,
            )
            rows.append(row)
    return rows
