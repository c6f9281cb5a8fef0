"""Menus, numbers, offices and countries back into ``menu.yml`` and ``contacts.yml``.

A value that changed is rewritten where it is written; a number or office added at the
bottom of a sheet goes after the last of its country's. Deleting a number, an office, a
country or a menu is refused: it is done in the file itself, where the guide says how.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from bot.content.loader import CONTACTS_FILE, MENU_FILE
from bot.content.model import TO_CONFIRM
from bot.content.wording import Named, _
from bot.content.workbook import layout
from bot.content.workbook.plan import Plan, TextFile, is_blank, values
from bot.content.workbook.rows import Row, as_text, contact_lists, field_keys
from bot.content.workbook.textedit import (
    Edits,
    add_key,
    compose,
    find,
    flow_list,
    flow_texts,
    item_indent,
    key_node,
    last_line,
    load,
    scalar,
)
from bot.topics import LANGUAGES

Keys = tuple[Any, ...]
SOURCE_KEYS = ("url", "publisher", "published", "last_verified")
ALWAYS = {
    "emergency": ("service", *SOURCE_KEYS),
    "intake": ("office", "city", "address", "phone", "hours", "bring", *SOURCE_KEYS),
}
LANGUAGE_NAMES = {
    "en": Named({"en": "English", "fr": "anglais"}),
    "fr": Named({"en": "French", "fr": "français"}),
}


class YamlEdit:
    """A YAML file of the temporary copy: its text, nodes, data and pending edits."""

    def __init__(self, path: Path) -> None:
        self.file = TextFile(path)
        self.root = compose(self.file.text)
        self.data = load(self.file.text)
        self.edits = Edits(self.file.text)

    def save(self, plan: Plan) -> None:
        """Write the file when something changed."""
        if self.edits.changed:
            self.file.save(self.edits.result(), plan)

    def set_value(self, keys: Keys, rendered: str) -> bool:
        """Write ``rendered`` as the value at ``keys``, adding the key when it is absent."""
        node = find(self.root, keys)
        if node is not None:
            if isinstance(node, yaml.CollectionNode) and not node.flow_style:
                key = key_node(self.root, keys)
                if key is None:
                    return False
                end = self.edits.line_end(last_line(node))
                self.edits.replace(key.end_mark.index, end, f": {rendered}\n")
            else:
                self.edits.set_node(node, rendered)
            return True
        parent = find(self.root, keys[:-1])
        if isinstance(parent, yaml.MappingNode) and parent.value:
            add_key(self.edits, parent, str(keys[-1]), rendered)
            return True
        return False

    def set_texts(self, keys: Keys, new: dict[str, str]) -> bool:
        """A text per language at ``keys``: each language's value where it is written."""
        node = find(self.root, keys)
        if not any(new.values()):
            return self.set_value(keys, "null") if node is not None else True
        if not (isinstance(node, yaml.MappingNode) and node.flow_style and node.value):
            return self.set_value(keys, flow_texts(new))
        for lang, text in new.items():
            inner = find(node, (lang,))
            if inner is None:
                add_key(self.edits, node, lang, scalar(text, flow=True, quote='"'))
            elif text != str(inner.value):
                self.edits.set_node(inner, scalar(text, flow=True, quote=_quote(inner) or '"'))
        return True


def _quote(node: yaml.Node | None) -> str | None:
    style = getattr(node, "style", None)
    return style if style in ("'", '"') else None


def render(kind: str, text: str, node: yaml.Node | None) -> str:
    """A cell's text as the YAML value of a column of this ``kind``."""
    if not text:
        return "null"
    if kind == layout.PHONE:
        return text if text == TO_CONFIRM else scalar(text, quote='"')
    if kind == layout.LIST:
        return flow_list([item.strip() for item in text.split(",") if item.strip()])
    if kind in (layout.PUBLISHED, layout.DATE, layout.NUMBER) and _reads_back(text):
        return text
    return scalar(text, quote=_quote(node))


def _reads_back(text: str) -> bool:
    try:
        return as_text(load(f"k: {text}")["k"]) == text
    except (yaml.YAMLError, TypeError, KeyError):
        return False


def _split_texts(
    plan: Plan, sheet: layout.Sheet, row: Row, cells: dict[str, str], key: str
) -> dict[str, str] | None:
    """The per-language texts of ``key``; a problem when some are given and others not."""
    new = {lang: cells[f"{key}:{lang}"] for lang in LANGUAGES}
    if any(new.values()):
        for lang, text in new.items():
            if not text:
                message = _("this text is missing in {language}", language=LANGUAGE_NAMES[lang])
                fix = _(
                    "write it in {language} too (a text is given in every language, or in none)",
                    language=LANGUAGE_NAMES[lang],
                )
                plan.problem(sheet.name, row, f"{key}:{lang}", message, fix)
        if not all(new.values()):
            return None
    return new


def _old_texts(raw: Any) -> dict[str, str]:
    return {
        lang: as_text(raw.get(lang))
        if isinstance(raw, dict)
        else (as_text(raw) if lang == "en" else "")
        for lang in LANGUAGES
    }


def _edit_fields(
    doc: YamlEdit,
    plan: Plan,
    sheet: layout.Sheet,
    row: Row,
    keys: Keys,
    raw: Any,
    cells: dict[str, str],
) -> None:
    """Every changed column of one entry, written at ``keys``."""
    raw = raw if isinstance(raw, dict) else {}
    for key, per_language in field_keys(sheet):
        if per_language:
            new = _split_texts(plan, sheet, row, cells, key)
            if new is not None and new != _old_texts(raw.get(key)):
                doc.set_texts((*keys, key), new)
            continue
        text = cells[key]
        if text == as_text(raw.get(key)) or (not text and key not in raw):
            continue
        column = sheet.column(key)
        doc.set_value((*keys, key), render(column.kind, text, find(doc.root, (*keys, key))))


# Menus --------------------------------------------------------------------------------


def apply_menus(rows: list[Row], content: Path, plan: Plan) -> None:
    """The menus sheet back into ``content/menu.yml``."""
    sheet = layout.MENUS
    doc = YamlEdit(content / MENU_FILE)
    data = doc.data if isinstance(doc.data, dict) else {}
    seen: dict[str, Row] = {}
    added: list[str] = []
    for row in rows:
        if is_blank(row):
            continue
        cells = values(row, sheet)
        menu = cells["menu"].lower()
        if not _key_cell(plan, sheet, row, "menu", menu, seen):
            continue
        labels = _split_texts(plan, sheet, row, cells, "label")
        if menu not in data:
            if labels is None or not all(labels.values()) or not cells["items"]:
                message = _("a new menu needs a label in every language and its items")
                plan.problem(sheet.name, row, "menu", message, _("fill in the row"))
                continue
            added += ["", f"{menu}:", f"  label: {flow_texts(labels)}"]
            added.append(f"  items: {render(layout.LIST, cells['items'], None)}")
        else:
            raw = data[menu] if isinstance(data[menu], dict) else {}
            if labels is not None and labels != _old_texts(raw.get("label")):
                doc.set_texts((menu, "label"), labels)
            if cells["items"] != as_text(raw.get("items")):
                doc.set_value((menu, "items"), render(layout.LIST, cells["items"], None))
        cells["menu"] = menu
        plan.place(sheet.name, ("menu", menu), row, cells)
    _refuse_deleted(plan, sheet, [str(m) for m in data], seen, "menu")
    if added:
        doc.edits.insert_lines(len(doc.edits.text.splitlines()), added)
    doc.save(plan)


def _key_cell(
    plan: Plan, sheet: layout.Sheet, row: Row, key: str, value: str, seen: dict[str, Row]
) -> bool:
    if not value:
        plan.problem(
            sheet.name, row, key, _("this cell is empty"), _("fill it in, or delete the row")
        )
        return False
    if value in seen:
        message = _("'{value}' is also on row {other}", value=value, other=seen[value].number)
        plan.problem(
            sheet.name, row, key, message, _("keep one of the two rows: delete the other")
        )
        return False
    seen[value] = row
    return True


def _refuse_deleted(
    plan: Plan, sheet: layout.Sheet, present: list[str], seen: dict[str, Row], what: str
) -> None:
    for name in present:
        if name not in seen:
            message = _("the row of '{name}' is missing (deleted?)", name=name)
            fix = _(
                "put the row back (copy it from a new export); to remove a {what}, edit the "
                "file itself as the guide says",
                what=what,
            )
            plan.problem(sheet.name, None, None, message, fix)


# Numbers and offices ------------------------------------------------------------------


def apply_contacts(sheets: dict[str, list[Row]], content: Path, plan: Plan) -> None:
    """Numbers, offices and countries back into ``content/contacts.yml``."""
    doc = YamlEdit(content / CONTACTS_FILE)
    data = doc.data if isinstance(doc.data, dict) else {}
    for sheet, kind in ((layout.NUMBERS, "emergency"), (layout.OFFICES, "intake")):
        if sheet.name in sheets:  # a sheet that could not be read is left as the file has it
            _apply_entries(doc, data, sheets[sheet.name], sheet, kind, plan)
    if layout.COUNTRIES.name in sheets:
        _apply_countries(doc, data, sheets[layout.COUNTRIES.name], plan)
    doc.save(plan)


def _apply_entries(
    doc: YamlEdit,
    data: dict[Any, Any],
    rows: list[Row],
    sheet: layout.Sheet,
    kind: str,
    plan: Plan,
) -> None:
    lists = {
        place: (keys, raw if isinstance(raw, list) else [])
        for place, keys, raw in contact_lists(data, kind)
    }
    refs = {
        f"{place} {i + 1}": (place, i)
        for place, (_k, raw) in lists.items()
        for i in range(len(raw))
    }
    seen: dict[str, Row] = {}
    added: dict[str, list[Row]] = {}
    for row in rows:
        if is_blank(row):
            continue
        cells = values(row, sheet)
        ref, place = " ".join(cells["ref"].split()), _place(cells["place"])
        cells["ref"], cells["place"] = ref, place
        if not ref:
            if place not in lists:
                _unknown_place(plan, sheet, row, place, kind)
            else:
                added.setdefault(place, []).append(row)
            continue
        if not _known_ref(plan, sheet, row, ref, refs, seen):
            continue
        old_place, i = refs[ref]
        if place != old_place:
            message = _("'{ref}' belongs to {place}", ref=ref, place=old_place)
            fix = _(
                "write {place} back; for another country, add a new row with an empty Ref",
                place=old_place,
            )
            plan.problem(sheet.name, row, "place", message, fix)
            continue
        keys, raw = lists[place]
        _edit_fields(doc, plan, sheet, row, (*keys, i), raw[i], cells)
        plan.place(sheet.name, (kind, place, i), row, cells)
    missing = [ref for ref in refs if ref not in seen]
    for ref in missing:
        message = _("the row of '{ref}' is missing (deleted?)", ref=ref)
        fix = _(
            "put the row back (copy it from a new export); to stop showing a number, write "
            "TO_CONFIRM as its phone; entries are removed in contacts.yml itself"
        )
        plan.problem(sheet.name, None, None, message, fix)
    for place, new_rows in added.items():
        _append_entries(doc, plan, sheet, kind, lists[place], place, new_rows)


def _place(text: str) -> str:
    text = "".join(text.split())
    return text.upper() if len(text) == 2 else text.lower()


def _known_ref(
    plan: Plan, sheet: layout.Sheet, row: Row, ref: str, refs: dict[str, Any], seen: dict[str, Row]
) -> bool:
    if ref not in refs:
        message = _("there is no '{ref}' in contacts.yml", ref=ref)
        fix = _("leave the Ref of a row you add empty, and never change the Ref of other rows")
        plan.problem(sheet.name, row, "ref", message, fix)
        return False
    if ref in seen:
        message = _("'{ref}' is also on row {other}", ref=ref, other=seen[ref].number)
        fix = _("if this row is a new one, empty its Ref; otherwise delete one of the two rows")
        plan.problem(sheet.name, row, "ref", message, fix)
        return False
    seen[ref] = row
    return True


def _unknown_place(plan: Plan, sheet: layout.Sheet, row: Row, place: str, kind: str) -> None:
    if kind == "emergency":
        message = _("'{place}' is not a country of contacts.yml", place=place)
        fix = _(
            "write a code of the Countries sheet (LY, NE …), international or elsewhere; a new "
            "country is added in contacts.yml itself"
        )
    else:
        message = _("'{place}' is not a country of contacts.yml", place=place)
        fix = _(
            "write a code of the Countries sheet (LY, NE …); a new country is added in "
            "contacts.yml itself"
        )
    plan.problem(sheet.name, row, "place", message, fix)


def _append_entries(
    doc: YamlEdit,
    plan: Plan,
    sheet: layout.Sheet,
    kind: str,
    found: tuple[Keys, list[Any]],
    place: str,
    rows: list[Row],
) -> None:
    keys, raw = found
    node = find(doc.root, keys)
    if not isinstance(node, yaml.SequenceNode) or node.flow_style or not node.value:
        for row in rows:
            message = _("{place} has no list to add this to yet", place=place)
            fix = _(
                "add the first one in contacts.yml itself (the guide shows how), then export again"
            )
            plan.problem(sheet.name, row, "place", message, fix)
        return
    indent = item_indent(doc.edits, node.value[0])
    lines: list[str] = []
    for k, row in enumerate(rows):
        cells = values(row, sheet)
        cells["ref"], cells["place"] = f"{place} {len(raw) + k + 1}", place
        entry = _entry_lines(plan, sheet, row, kind, cells)
        if entry is None:
            continue
        lines += [f"{indent}- {entry[0]}", *(f"{indent}  {line}" for line in entry[1:])]
        plan.place(sheet.name, (kind, place, len(raw) + k), row, cells)
    if lines:
        doc.edits.insert_lines(last_line(node) + 1, lines)


def _entry_lines(
    plan: Plan, sheet: layout.Sheet, row: Row, kind: str, cells: dict[str, str]
) -> list[str] | None:
    lines = []
    failed = False
    for key, per_language in field_keys(sheet):
        if per_language:
            texts = _split_texts(plan, sheet, row, cells, key)
            failed |= texts is None
            if texts is not None and (any(texts.values()) or key in ALWAYS[kind]):
                lines.append(f"{key}: {flow_texts(texts) if any(texts.values()) else 'null'}")
        elif cells[key] or key in ALWAYS[kind]:
            lines.append(f"{key}: {render(sheet.column(key).kind, cells[key], None)}")
    return None if failed else lines


# Countries ----------------------------------------------------------------------------


def _apply_countries(doc: YamlEdit, data: dict[Any, Any], rows: list[Row], plan: Plan) -> None:
    sheet = layout.COUNTRIES
    found = data.get("countries")
    countries: dict[Any, Any] = found if isinstance(found, dict) else {}
    seen: dict[str, Row] = {}
    for row in rows:
        if is_blank(row):
            continue
        cells = values(row, sheet)
        code = "".join(cells["code"].split()).upper()
        cells["code"] = code
        if not _key_cell(plan, sheet, row, "code", code, seen):
            continue
        if code not in countries:
            message = _("'{code}' is not a country of contacts.yml", code=code)
            fix = _("a new country is added in contacts.yml itself (the guide shows how)")
            plan.problem(sheet.name, row, "code", message, fix)
            continue
        raw = countries[code] if isinstance(countries[code], dict) else {}
        names = _split_texts(plan, sheet, row, cells, "name")
        if names is not None and names != _old_texts(raw.get("name")):
            doc.set_texts(("countries", code, "name"), names)
        for key in ("aliases", "places", "timezone"):
            if cells[key] != as_text(raw.get(key)):
                node = find(doc.root, ("countries", code, key))
                doc.set_value(
                    ("countries", code, key), render(sheet.column(key).kind, cells[key], node)
                )
        plan.place(sheet.name, ("country", code), row, cells)
    _refuse_deleted(plan, sheet, [str(c) for c in countries], seen, "country")
