"""The answers sheet back into ``content/<lang>/<topic>.md``: only what changed."""

from __future__ import annotations

import re
from pathlib import Path

from bot.content.wording import Named, _
from bot.content.workbook import layout
from bot.content.workbook.plan import Plan, TextFile, is_blank, values
from bot.content.workbook.rows import ANSWER_KEYS, Row, clean, parse_answer, read_answer_file
from bot.content.workbook.textedit import Edits, find, flow_list, scalar
from bot.topics import LANGUAGES

SHEET = layout.ANSWERS
TOPIC_ID = re.compile(r"^[a-z][a-z0-9_]*$")
FIELDS = (*ANSWER_KEYS, "body")
LANGUAGE_NAMES = {
    "en": Named({"en": "English", "fr": "anglais"}),
    "fr": Named({"en": "French", "fr": "français"}),
}


def apply_answers(rows: list[Row], current: list[Row], content: Path, plan: Plan) -> None:
    """Edit, or create, each answer file whose cells changed; refuse deleted topics."""
    now = {row.identity[1]: row for row in current}
    seen: dict[str, Row] = {}
    for row in rows:
        if is_blank(row):
            continue
        topic = _topic(row, seen, plan)
        if topic is None:
            continue
        seen[topic] = row
        cells = values(row, SHEET)
        cells["topic"] = topic
        for lang in LANGUAGES:
            _apply_language(row, cells, lang, content / lang / f"{topic}.md", plan)
        if not plan.failed(SHEET.name, row):
            plan.place(SHEET.name, ("answer", topic), row, cells)
    for topic in now:
        if topic not in seen:
            message = _("the row of topic '{topic}' is missing (deleted?)", topic=topic)
            fix = _(
                "put the row back (copy it from a new export): a topic is deleted by removing "
                "its files, never from the workbook"
            )
            plan.problem(SHEET.name, None, None, message, fix)


def _topic(row: Row, seen: dict[str, Row], plan: Plan) -> str | None:
    topic = clean(row.get("topic")).lower()
    if not topic:
        message = _("this row has no topic")
        fix = _("write the topic id (the answer file's name, like avr_cost) in this cell")
        plan.problem(SHEET.name, row, "topic", message, fix)
        return None
    if not TOPIC_ID.match(topic):
        message = _("'{topic}' cannot be a topic id", topic=topic)
        fix = _("use small letters, digits and _ only, like avr_cost")
        plan.problem(SHEET.name, row, "topic", message, fix)
        return None
    if topic in seen:
        message = _(
            "topic '{topic}' is also on row {other}", topic=topic, other=seen[topic].number
        )
        fix = _("keep one row per topic: delete one of them")
        plan.problem(SHEET.name, row, "topic", message, fix)
        return None
    return topic


def _apply_language(row: Row, cells: dict[str, str], lang: str, path: Path, plan: Plan) -> None:
    new = {key: cells[f"{key}:{lang}"] for key in FIELDS}
    if not path.is_file():
        if any(new.values()):
            _create(row, new, lang, path, plan)
        return
    answer = read_answer_file(path)
    old = {key: clean(text, _kind(key)) for key, text in answer.cells().items()}
    changed = {key: value for key, value in new.items() if value != old[key]}
    empty = [key for key, value in changed.items() if not value]
    for key in empty:
        message = _(
            "the {what} in {language} is empty", what=_what(key), language=LANGUAGE_NAMES[lang]
        )
        fix = _("write it again (the file still has it: see a new export)")
        plan.problem(SHEET.name, row, f"{key}:{lang}", message, fix)
    if changed and not empty:
        TextFile(path).save(edit_answer(answer.text.replace("\r\n", "\n"), path, changed), plan)


def _kind(key: str) -> str:
    return SHEET.column(f"{key}:en").kind


def _what(key: str) -> Named:
    column = SHEET.column(f"{key}:en")
    english = column.english.rsplit(" ", 1)[0].lower()
    french = column.french.rsplit(" ", 1)[0].lower()
    return Named({"en": english, "fr": french})


def _create(row: Row, new: dict[str, str], lang: str, path: Path, plan: Plan) -> None:
    missing = [key for key, value in new.items() if not value]
    for key in missing:
        message = _(
            "a new answer needs its {what} in {language}",
            what=_what(key),
            language=LANGUAGE_NAMES[lang],
        )
        fix = _("fill in title, answer, source, related topics and last reviewed")
        plan.problem(SHEET.name, row, f"{key}:{lang}", message, fix)
    if missing:
        return
    front = "".join(f"{key}: {_front_value(key, new[key], None)}\n" for key in ANSWER_KEYS)
    TextFile(path).save(f"---\n{front}---\n{new['body']}\n", plan)


def edit_answer(text: str, path: Path, changed: dict[str, str]) -> str:
    """``text`` with the changed front matter values and body, the rest as it was."""
    answer = parse_answer(path, text)
    edits = Edits(text)
    for key, value in changed.items():
        if key == "body":
            raw = text[answer.body_start :]
            lead = raw[: len(raw) - len(raw.lstrip("\n"))]
            trail = raw[len(raw.rstrip("\n")) :] or "\n"
            edits.replace(answer.body_start, len(text), lead + value + trail)
            continue
        node = find(answer.front, (key,))
        if node is None:
            closing = answer.body_start - len(text[: answer.body_start].splitlines(True)[-1])
            edits.replace(closing, closing, f"{key}: {_front_value(key, value, None)}\n")
            continue
        start = answer.front_start + node.start_mark.index
        end = answer.front_start + node.end_mark.index
        style = getattr(node, "style", None)
        edits.replace(start, end, _front_value(key, value, style))
    return edits.result()


def _front_value(key: str, value: str, style: str | None) -> str:
    if key == "related":
        return flow_list([item.strip() for item in value.split(",") if item.strip()])
    return scalar(value, quote=style if style in ("'", '"') else None)
