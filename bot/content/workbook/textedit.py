"""Edit a YAML text in place: only the values that changed, comments and layout kept.

A value is replaced where it is written (its span in the text), an item is removed or
added as its own line, a missing key is added beside its siblings. Nothing else of the
file moves, so a reviewer's diff shows only what changed, and the comments staff rely on
stay where they are. The caller re-reads the result and compares it with what it meant to
write (``bot.content.workbook.apply``), so a slip here can never reach a file unseen.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import yaml

from bot.content.yamlfile import FAST_LOADER, SAFE_LOADER

Keys = tuple[Any, ...]


def compose(text: str) -> yaml.Node | None:
    """The node tree of ``text``, with positions (dates left as text, as the readers do).

    libyaml's positions count characters as Python's do; PyYAML's own parser says what is
    wrong when the text is broken.
    """
    return _run(text, lambda loader: loader.get_single_node())


def load(text: str) -> Any:
    """The data of ``text``, read as the project's readers read it."""
    return _run(text, lambda loader: loader.get_single_data())


def _run(text: str, step: Any) -> Any:
    for loader_class in (FAST_LOADER, SAFE_LOADER):
        loader = loader_class(text)
        try:
            return step(loader)
        except yaml.YAMLError:
            if loader_class is SAFE_LOADER:
                raise
        finally:
            loader.dispose()
    raise AssertionError("unreachable")


def find(node: yaml.Node | None, keys: Keys) -> yaml.Node | None:
    """The node at ``keys`` (mapping keys and sequence indexes), or None."""
    for key in keys:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == key), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int):
            node = node.value[key] if 0 <= key < len(node.value) else None
        else:
            return None
    return node


def key_node(node: yaml.Node | None, keys: Keys) -> yaml.Node | None:
    """The key node of the last of ``keys`` (its mapping's entry), or None."""
    parent = find(node, keys[:-1])
    if not isinstance(parent, yaml.MappingNode):
        return None
    return next((k for k, _v in parent.value if k.value == keys[-1]), None)


def scalar(value: Any, flow: bool = False, quote: str | None = None) -> str:
    """``value`` written as YAML, plain when that reads back the same, else double-quoted.

    ``quote`` keeps the style of the value it replaces (``'"'`` or ``"'"``).
    """
    if value is None:
        return "null"
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise TypeError(f"cannot write {type(value).__name__} here")
    if isinstance(value, int):
        return str(value)
    if quote == "'" and "\n" not in value:
        return "'" + value.replace("'", "''") + "'"
    if quote != '"' and _plain_reads_back(value, flow):
        return value
    return json.dumps(value, ensure_ascii=False)


def flow_list(items: list[str]) -> str:
    """``[a, b, c]``."""
    return "[" + ", ".join(scalar(item, flow=True) for item in items) + "]"


def flow_texts(texts: dict[str, str]) -> str:
    """``{en: "…", fr: "…"}``: a text per language, in quotes as the files write them."""
    return (
        "{"
        + ", ".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in texts.items())
        + "}"
    )


def _plain_reads_back(value: str, flow: bool) -> bool:
    if not value or value != value.strip() or "\n" in value or "\t" in value:
        return False
    tests: list[tuple[str, Any]] = [(f"k: {value}", {"k": value})]
    if flow:
        tests += [(f"k: [{value}]", {"k": [value]}), (f"k: {{a: {value}}}", {"k": {"a": value}})]
    for text, expected in tests:
        try:
            if load(text) != expected:
                return False
        except yaml.YAMLError:
            return False
    return True


@dataclass
class Edits:
    """Changes to one text, each a span (start, end) and what replaces it."""

    text: str
    spans: list[tuple[int, int, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._starts = [0]
        for i, char in enumerate(self.text):
            if char == "\n":
                self._starts.append(i + 1)

    @property
    def changed(self) -> bool:
        """True when there is something to change."""
        return bool(self.spans)

    def replace(self, start: int, end: int, new: str) -> None:
        """Replace ``text[start:end]`` by ``new``."""
        self.spans.append((start, end, new))

    def line_start(self, line: int) -> int:
        """Where 0-based ``line`` starts (the end of the text after the last line)."""
        return self._starts[line] if line < len(self._starts) else len(self.text)

    def line_end(self, line: int) -> int:
        """Just after the newline of 0-based ``line`` (or the end of the text)."""
        if line + 1 < len(self._starts):
            return self._starts[line + 1]
        return len(self.text)

    def line_text(self, line: int) -> str:
        """The text of 0-based ``line`` without its newline."""
        return self.text[self.line_start(line) : self.line_end(line)].rstrip("\n")

    def delete_lines(self, first: int, last: int) -> None:
        """Remove 0-based lines ``first`` to ``last``, newlines included."""
        self.replace(self.line_start(first), self.line_end(last), "")

    def insert_lines(self, before: int, lines: list[str]) -> None:
        """Put ``lines`` before 0-based line ``before`` (at the end when past the last)."""
        position = self.line_start(before)
        prefix = "" if position == 0 or self.text[position - 1] == "\n" else "\n"
        self.replace(position, position, prefix + "".join(f"{line}\n" for line in lines))

    def set_node(self, node: yaml.Node, new: str) -> None:
        """Replace a value where it is written."""
        start, end = node.start_mark.index, node.end_mark.index
        if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
            raise ValueError("a block text cannot be replaced as one value")
        self.replace(start, end, new)

    def result(self) -> str:
        """The text with every change made (spans must not overlap).

        Insertions at the same place keep the order they were asked in.
        """
        text = self.text
        last = len(text) + 1
        order = sorted(enumerate(self.spans), key=lambda s: (s[1][0], s[1][1], s[0]), reverse=True)
        for _seq, (start, end, new) in order:
            if end > last:
                raise ValueError("two changes overlap")
            text = text[:start] + new + text[end:]
            last = start
        return text


def add_key(edits: Edits, mapping: yaml.MappingNode, key: str, value: str) -> None:
    """Add ``key: value`` to a mapping: inside its braces, or on a line after its last key."""
    if mapping.flow_style:
        close = mapping.end_mark.index - 1
        separator = ", " if mapping.value else ""
        edits.replace(close, close, f"{separator}{key}: {value}")
        return
    first_key = mapping.value[0][0]
    indent = " " * first_key.start_mark.column
    edits.insert_lines(last_line(mapping) + 1, [f"{indent}{key}: {value}"])


def last_line(node: yaml.Node) -> int:
    """The 0-based line where a node's written text ends (block collections included)."""
    if isinstance(node, yaml.MappingNode) and not node.flow_style and node.value:
        return max(last_line(node.value[-1][1]), node.value[-1][0].end_mark.line)
    if isinstance(node, yaml.SequenceNode) and not node.flow_style and node.value:
        return last_line(node.value[-1])
    end = node.end_mark
    if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">") and end.column == 0:
        return end.line - 1
    return end.line


def item_indent(edits: Edits, item: yaml.Node) -> str:
    """The spaces before the ``- `` of a block sequence item."""
    line = edits.line_text(item.start_mark.line)
    return line[: len(line) - len(line.lstrip(" "))]
