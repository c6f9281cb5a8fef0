"""Sheets of one line per entry (training examples, danger words, spellings) back into files.

Rows are grouped as the file groups them (an intent block, a kind of danger, a language);
within a group the rows are compared with the file's lines in order, and only the lines
that differ are replaced, removed or added. A group whose every line was removed goes,
with its heading; a new group is added after the others.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot.content.loader import SAFETY_FILE, SPELLING_FILE
from bot.content.wording import _
from bot.content.workbook import layout
from bot.content.workbook.plan import Plan, TextFile, is_blank, values
from bot.content.workbook.rows import Block, Row, as_text, nlu_blocks
from bot.content.workbook.textedit import (
    Edits,
    compose,
    find,
    item_indent,
    last_line,
    load,
    scalar,
)
from bot.topics import LANGUAGES

NEW_NLU_FILE = 'version: "3.1"\nnlu:\n'


@dataclass
class Old:
    """One entry as the file has it: its text, its 0-based line, and what it belongs to."""

    text: Any
    line: int
    owner: Any = None  # the block (or heading) that goes when all its entries go
    node: yaml.Node | None = None


@dataclass
class Group:
    """The entries of one group, in the file and in the sheet."""

    old: list[Old]
    new: list[tuple[Row, Any]]


def diff_lines(
    edits: Edits,
    group: Group,
    render: Callable[[Any], str],
    replace: Callable[[Old, Any], None],
    append_at: int,
) -> set[Any]:
    """Make the file's entries of ``group`` the sheet's, line by line.

    ``render`` writes a new entry's line; ``replace`` changes one entry in place;
    ``append_at`` is the 0-based line before which entries go when added at the end.
    Returns the owners (blocks) left with no entry, to be removed whole.
    """
    old_texts = [o.text for o in group.old]
    new_texts = [text for _row, text in group.new]
    matcher = difflib.SequenceMatcher(a=old_texts, b=new_texts, autojunk=False)
    kept: set[int] = set()
    inserted_before: set[int] = set()
    deleted: list[int] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            kept.update(range(i1, i2))
            continue
        pairs = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        for k in range(pairs):
            replace(group.old[i1 + k], new_texts[j1 + k])
            kept.add(i1 + k)
        deleted += range(i1 + pairs, i2)
        added = [render(text) for text in new_texts[j1 + pairs : j2]]
        if added:
            before = i1 + pairs
            at = group.old[before].line if before < len(group.old) else append_at
            if before < len(group.old):
                inserted_before.add(before)
            edits.insert_lines(at, added)
    emptied = _emptied(group, kept | inserted_before)
    for i in deleted:
        if group.old[i].owner not in emptied:
            edits.delete_lines(group.old[i].line, group.old[i].line)
    return emptied


def _emptied(group: Group, alive: set[int]) -> set[Any]:
    owners = {o.owner for o in group.old if o.owner is not None}
    alive_owners = {group.old[i].owner for i in alive}
    return owners - alive_owners


# Training examples --------------------------------------------------------------------


def apply_examples(lang: str, rows: list[Row], data_dir: Path, plan: Plan) -> None:
    """Each language's examples sheet back into ``nlu/<lang>/data/*.yml``."""
    sheet = layout.EXAMPLES[lang]
    files = {path.name: nlu_blocks(path) for path in sorted(data_dir.glob("*.yml"))}
    first_file: dict[str, str] = {}
    for name, blocks in files.items():
        for block in blocks:
            first_file.setdefault(block.intent, name)
    wanted: dict[tuple[str, str], list[tuple[Row, Any]]] = {}
    for row in rows:
        found = _example(row, sheet, files, first_file, data_dir, plan)
        if found is not None:
            name, topic, text = found
            wanted.setdefault((name, topic), []).append((row, text))
    for name in sorted(set(files) | {name for name, _topic in wanted}):
        blocks = files.get(name, [])
        groups = [*dict.fromkeys([b.intent for b in blocks] + [t for n, t in wanted if n == name])]
        _apply_examples_file(data_dir / name, blocks, groups, wanted, plan)
        for (file_name, topic), entries in wanted.items():
            if file_name == name:
                for k, (row, text) in enumerate(entries):
                    cells = {"topic": topic, "example": text, "file": name}
                    plan.place(sheet.name, ("example", name, topic, k), row, cells)


def _example(
    row: Row,
    sheet: layout.Sheet,
    files: dict[str, list[Block]],
    first_file: dict[str, str],
    data_dir: Path,
    plan: Plan,
) -> tuple[str, str, str] | None:
    if is_blank(row):
        return None
    cells = values(row, sheet)
    topic, text, name = cells["topic"].lower(), cells["example"], cells["file"]
    text = text[2:].strip() if text.startswith("- ") else text
    problems = len(plan.problems)
    if not text:
        plan.problem(
            sheet.name,
            row,
            "example",
            _("this row has no example"),
            _("write the example, or delete the row"),
        )
    elif "\n" in text:
        message = _("an example is one line, this cell has several")
        fix = _("write it on one line, or put each line on a row of its own")
        plan.problem(sheet.name, row, "example", message, fix)
    if not topic:
        message = _("which topic is this example for?")
        fix = _("write its topic id in this cell, as on the rows above (avr_cost, risks_sea …)")
        plan.problem(sheet.name, row, "topic", message, fix)
    if name and not name.endswith(".yml"):
        name += ".yml"
    if name and name not in files:
        message = _(
            "there is no file '{file}' in {folder}",
            file=name,
            folder=f"nlu/{data_dir.parent.name}/data",
        )
        fix = _(
            "leave the cell empty (the example goes with its topic), or write one of: {files}",
            files=", ".join(files),
        )
        plan.problem(sheet.name, row, "file", message, fix)
    if len(plan.problems) > problems:
        return None
    return name or first_file.get(topic) or f"{topic}.yml", topic, text


def _apply_examples_file(
    path: Path,
    blocks: list[Block],
    groups: list[str],
    wanted: dict[tuple[str, str], list[tuple[Row, Any]]],
    plan: Plan,
) -> None:
    file = TextFile(path)
    edits = Edits(file.text if file.exists else NEW_NLU_FILE)
    end = len(edits.text.splitlines())
    emptied: set[Any] = set()
    for topic in groups:
        mine = [b for b in blocks if b.intent == topic]
        old = [Old(text, line, owner=id(block)) for block in mine for line, text in block.examples]
        new = wanted.get((path.name, topic), [])
        if not mine:
            edits.insert_lines(end, _new_block(blocks, topic, [text for _row, text in new]))
            continue
        indent = mine[-1].indent

        def render(text: str, indent: str = indent) -> str:
            return f"{indent}- {text}"

        def replace(entry: Old, text: str, indent: str = indent) -> None:
            edits.replace(
                edits.line_start(entry.line), edits.line_end(entry.line), render(text) + "\n"
            )

        last = mine[-1].examples[-1][0] if mine[-1].examples else mine[-1].last
        gone = diff_lines(edits, Group(old, new), render, replace, last + 1)
        emptied |= gone
        for block in mine:
            if id(block) in gone:
                edits.delete_lines(block.first, block.last)
    if edits.changed:
        file.save(edits.result(), plan)


def _new_block(blocks: list[Block], topic: str, examples: list[str]) -> list[str]:
    indent = blocks[0].indent if blocks else "    "
    return [f"- intent: {topic}", "  examples: |", *(f"{indent}- {text}" for text in examples)]


# Danger words -------------------------------------------------------------------------


def apply_danger(rows: list[Row], content: Path, plan: Plan) -> None:
    """The danger words sheet back into ``content/safety.yml``."""
    sheet = layout.DANGER
    file = TextFile(content / SAFETY_FILE)
    root = compose(file.text)
    wanted: dict[tuple[str, str], list[tuple[Row, Any]]] = {}
    for row in rows:
        if is_blank(row):
            continue
        cells = values(row, sheet)
        lang, kind, phrase = cells["lang"].lower(), cells["kind"].lower(), cells["phrase"]
        if not _language(sheet, row, lang, plan) or not _filled(sheet, row, cells, plan):
            continue
        wanted.setdefault((lang, kind), []).append((row, phrase))
    edits = Edits(file.text)
    languages = [str(lang.value) for lang, _kinds in _pairs(root)]
    for lang in dict.fromkeys(lang for lang, _kind in wanted if lang not in languages):
        lines = [f"{lang}:"]
        for (language, kind), entries in wanted.items():
            if language == lang:
                lines += [f"  {kind}:", *(f"    - {scalar(text)}" for _row, text in entries)]
        edits.insert_lines(len(edits.text.splitlines()), lines)
    kinds = [
        (str(lang.value), str(kind.value))
        for lang, kinds in _pairs(root)
        for kind, _v in _pairs(kinds)
    ]
    for lang, kind in [*kinds, *(k for k in wanted if k not in kinds)]:
        _apply_phrases(edits, root, lang, kind, wanted.get((lang, kind), []))
    for (lang, kind), entries in wanted.items():
        for k, (row, phrase) in enumerate(entries):
            plan.place(
                sheet.name,
                ("danger", lang, kind, k),
                row,
                {"lang": lang, "kind": kind, "phrase": phrase},
            )
    if edits.changed:
        file.save(edits.result(), plan)


def _apply_phrases(
    edits: Edits, root: yaml.Node | None, lang: str, kind: str, new: list[tuple[Row, Any]]
) -> None:
    items = find(root, (lang, kind))
    if not isinstance(items, yaml.SequenceNode) or not items.value:
        language = find(root, (lang,))
        if new and isinstance(language, yaml.MappingNode) and items is None:
            indent = " " * language.value[0][0].start_mark.column
            lines = [f"{indent}{kind}:", *(f"{indent}  - {scalar(text)}" for _row, text in new)]
            edits.insert_lines(last_line(language) + 1, lines)
        return
    indent = item_indent(edits, items.value[0])
    owner = ("kind", lang, kind)
    old = [Old(as_text(_value(n)), n.start_mark.line, owner, n) for n in items.value]

    def replace(entry: Old, text: str) -> None:
        assert entry.node is not None
        edits.set_node(entry.node, scalar(text, quote=_quote(entry.node)))

    def render(text: str) -> str:
        return f"{indent}- {scalar(text)}"

    gone = diff_lines(edits, Group(old, new), render, replace, last_line(items) + 1)
    if owner in gone:
        key = next(k for k, _v in _pairs(find(root, (lang,))) if k.value == kind)
        edits.delete_lines(key.start_mark.line, last_line(items))


# Spellings ----------------------------------------------------------------------------


def apply_spelling(rows: list[Row], content: Path, plan: Plan) -> None:
    """The spellings sheet back into ``content/spelling.yml``."""
    sheet = layout.SPELLING
    file = TextFile(content / SPELLING_FILE)
    root = compose(file.text) if file.text.strip() else None
    wanted: dict[str, list[tuple[Row, Any]]] = {}
    seen: dict[tuple[str, str], Row] = {}
    for row in rows:
        if is_blank(row):
            continue
        cells = values(row, sheet)
        lang, written = cells["lang"].lower(), cells["written"]
        if not _language(sheet, row, lang, plan) or not _filled(sheet, row, cells, plan):
            continue
        key = (lang, written.casefold())
        if key in seen:
            message = _(
                "'{written}' is also on row {other}", written=written, other=seen[key].number
            )
            fix = _("keep one row for each written form: delete one of them")
            plan.problem(sheet.name, row, "written", message, fix)
            continue
        seen[key] = row
        wanted.setdefault(lang, []).append((row, (written, cells["standard"])))
    edits = Edits(file.text)
    present = [str(k.value) for k, _v in _pairs(root)]
    for lang in present:
        _apply_forms(edits, root, lang, wanted.get(lang, []))
    for lang in [lang for lang in wanted if lang not in present]:
        lines = [f"{scalar(w)}: {scalar(s)}" for _row, (w, s) in wanted[lang]]
        edits.insert_lines(len(edits.text.splitlines()), [f"{lang}:", *(f"  {x}" for x in lines)])
    for lang, entries in wanted.items():
        for row, (written, standard) in entries:
            plan.place(
                sheet.name,
                ("spelling", lang, written),
                row,
                {"lang": lang, "written": written, "standard": standard},
            )
    if edits.changed:
        file.save(edits.result(), plan)


def _apply_forms(
    edits: Edits, root: yaml.Node | None, lang: str, new: list[tuple[Row, Any]]
) -> None:
    forms = find(root, (lang,))
    if not isinstance(forms, yaml.MappingNode) or not forms.value:
        return
    indent = " " * forms.value[0][0].start_mark.column
    old = [
        Old((as_text(_value(k)), as_text(_value(v))), k.start_mark.line, None, v)
        for k, v in forms.value
    ]

    def render(pair: tuple[str, str]) -> str:
        return f"{indent}{scalar(pair[0])}: {scalar(pair[1])}"

    def replace(entry: Old, pair: tuple[str, str]) -> None:
        assert entry.node is not None
        if entry.text[0] == pair[0]:
            edits.set_node(entry.node, scalar(pair[1], quote=_quote(entry.node)))
        else:
            edits.replace(
                edits.line_start(entry.line), edits.line_end(entry.line), render(pair) + "\n"
            )

    diff_lines(edits, Group(old, new), render, replace, last_line(forms) + 1)


# Shared -------------------------------------------------------------------------------


def _value(node: yaml.Node) -> Any:
    """A scalar's value as the readers see it (``on`` is true, ``12`` a number)."""
    if not isinstance(node, yaml.ScalarNode):
        return None
    if node.style or node.tag.endswith(":str"):
        return node.value
    return load(f"k: {node.value}")["k"]


def _pairs(node: yaml.Node | None) -> list[tuple[yaml.Node, yaml.Node]]:
    return list(node.value) if isinstance(node, yaml.MappingNode) else []


def _quote(node: yaml.Node) -> str | None:
    style = getattr(node, "style", None)
    return style if style in ("'", '"') else None


def _language(sheet: layout.Sheet, row: Row, lang: str, plan: Plan) -> bool:
    if lang in LANGUAGES:
        return True
    message = _("'{lang}' is not a language of the bot", lang=lang)
    fix = _("write {languages}", languages=" or ".join(LANGUAGES))
    plan.problem(sheet.name, row, "lang", message, fix)
    return False


def _filled(sheet: layout.Sheet, row: Row, cells: dict[str, str], plan: Plan) -> bool:
    empty = [column for column in sheet.columns if not cells[column.key]]
    for column in empty:
        plan.problem(
            sheet.name,
            row,
            column.key,
            _("this cell is empty"),
            _("fill it in, or delete the row"),
        )
    return not empty
