"""Read a YAML file and keep the line of every key, so problems can name their line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from bot.content.problems import Problem

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
        text = path.read_text(encoding="utf-8")
        node, data = parse(text)
    except FileNotFoundError:
        return None, [Problem(path, 1, "this file is missing", "restore it from git")]
    except UnicodeDecodeError:
        return None, [Problem(path, 1, "this file is not UTF-8 text", "save it as UTF-8")]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        what = getattr(exc, "problem", None) or "the YAML is broken"
        return None, [
            Problem(
                path,
                line,
                f"YAML syntax error: {what}",
                "check the indentation and the quotes on this line and the one above",
            )
        ]
    lines: dict[KeyPath, int] = {}
    if node is not None:
        _index(node, (), lines)
    return YamlFile(path, data, lines), []


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
