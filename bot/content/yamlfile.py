"""Read a YAML file and keep the line of every key, so problems can name their line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from bot.content.problems import Problem
from bot.content.wording import _

KeyPath = tuple[Any, ...]
TIMESTAMP = "tag:yaml.org,2002:timestamp"


def _without_dates(loader: Any) -> Any:
    """A loader that leaves dates as text: the readers check them and name the line.

    PyYAML turns ``2026-02-30`` into a traceback (``day is out of range``) before any
    check could say which file and line is wrong.
    """
    resolvers = {
        first: [(tag, regex) for tag, regex in items if tag != TIMESTAMP]
        for first, items in loader.yaml_implicit_resolvers.items()
    }
    return type(f"Dateless{loader.__name__}", (loader,), {"yaml_implicit_resolvers": resolvers})


FAST_LOADER = _without_dates(getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # libyaml: faster
SAFE_LOADER = _without_dates(yaml.SafeLoader)


class YamlFile:
    """A parsed YAML file: ``data``, and ``line(*keys)`` for where a value starts."""

    def __init__(self, path: Path, data: Any, lines: dict[KeyPath, int]) -> None:
        self.path = path
        self.data = data
        self._lines = lines

    def line(self, *keys: Any) -> int:
        """The 1-based line of the value at ``keys``, or of its nearest parent."""
        while keys and keys not in self._lines:
            keys = keys[:-1]
        return self._lines.get(keys, 1)


def read_yaml(path: Path) -> tuple[YamlFile | None, list[Problem]]:
    """Parse ``path``; a syntax error becomes a Problem with its line."""
    try:
        text = read_text(path)
        node, data = parse(text)
    except FileNotFoundError:
        return None, [Problem(path, 1, _("this file is missing"), _("restore it from git"))]
    except UnicodeDecodeError:
        return None, [not_utf8(path)]
    except yaml.YAMLError as exc:
        return None, [syntax_error(path, text, exc)]
    lines: dict[KeyPath, int] = {}
    if node is not None:
        _index(node, (), lines)
    return YamlFile(path, data, lines), []


def read_text(path: Path) -> str:
    """The text of ``path``, UTF-8, a byte-order mark at the start ignored."""
    return path.read_bytes().decode("utf-8-sig")


def not_utf8(path: Path) -> Problem:
    """The problem of a file that is not UTF-8 text."""
    return Problem(
        path,
        1,
        _("this file is not UTF-8 text"),
        _("save it as UTF-8 (in Notepad: Save as, Encoding: UTF-8)"),
        code="encoding",
    )


def tab_problem(path: Path, line: int) -> Problem:
    """A tab in the indentation of a YAML line: an error, the file cannot be read."""
    return Problem(
        path,
        line,
        _("this line has a tab: YAML cannot read tabs in the indentation"),
        _("replace the tab with spaces, lined up with the lines above"),
        code="tab",
    )


def syntax_error(path: Path, text: str, exc: yaml.YAMLError, first_line: int = 1) -> Problem:
    """A YAML syntax error as staff can act on it; a tab in the indentation said as such.

    ``first_line`` is the file's line where ``text`` starts (a front matter starts on 2).
    """
    mark = getattr(exc, "problem_mark", None)
    offset = mark.line if mark is not None else 0
    lines = text.splitlines()
    tabbed = [i for i in (offset, offset - 1) if 0 <= i < len(lines) and "\t" in lines[i]]
    if tabbed:
        return tab_problem(path, tabbed[0] + first_line)
    what = getattr(exc, "problem", None) or _("the YAML is broken")
    return Problem(
        path,
        offset + first_line,
        _("YAML syntax error: {what}", what=what),
        _("check the indentation and the quotes on this line and the one above"),
        code="yaml",
    )


def parse(text: str) -> tuple[yaml.Node | None, Any]:
    """The document's node tree (with lines) and its data, parsed once.

    A syntax error is raised by PyYAML's own parser, whose messages are the clearest.
    """
    try:
        return _parse(text, FAST_LOADER)
    except yaml.YAMLError:
        return _parse(text, SAFE_LOADER)


def _parse(text: str, loader_class: Any) -> tuple[yaml.Node | None, Any]:
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    finally:
        loader.dispose()


def _index(node: yaml.Node, keys: KeyPath, lines: dict[KeyPath, int]) -> None:
    lines[keys] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value
            path = keys + (key,)
            _index(value_node, path, lines)
            lines[path] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _index(item, keys + (i,), lines)
