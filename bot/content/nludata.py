"""Read a Rasa NLU project's training data with the file and line of every example.

Rasa keeps an intent's examples in one block (``examples: |``), so a YAML parser gives
the block, not its lines: each example's line is counted from the block's first line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bot.content.problems import Problem, warning
from bot.content.wording import _
from bot.content.yamlfile import not_utf8, parse, read_text, syntax_error

ANNOTATION = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\{[^}]*\})")


@dataclass(frozen=True)
class Example:
    """One training example (or held-out question) and where it is written."""

    text: str
    intent: str
    path: Path
    line: int


@dataclass(frozen=True)
class IntentBlock:
    """An ``- intent: name`` block and where it starts."""

    name: str
    path: Path
    line: int


@dataclass
class NluData:
    """Every intent block and example of one language, in file order."""

    lang: str
    blocks: list[IntentBlock] = field(default_factory=list)
    examples: list[Example] = field(default_factory=list)
    unreadable: list[Path] = field(default_factory=list)

    @property
    def intents(self) -> set[str]:
        """The names of every intent."""
        return {block.name for block in self.blocks}

    def first_block(self, intent: str) -> IntentBlock | None:
        """Where ``intent`` is first declared, or None."""
        return next((b for b in self.blocks if b.name == intent), None)

    def examples_of(self, intent: str) -> list[Example]:
        """The examples of ``intent``, across every file."""
        return [e for e in self.examples if e.intent == intent]


def read_nlu_data(data_dir: Path, lang: str) -> tuple[NluData, list[Problem]]:
    """Read every ``*.yml`` file of ``data_dir`` (a project's ``data/`` folder)."""
    data = NluData(lang)
    problems: list[Problem] = []
    if not data_dir.is_dir():
        fix = _("create it with one .yml file per subject, as in the other language's folder")
        message = _("this folder is missing")
        return data, [Problem(data_dir, 1, message, fix, code="nlu-missing")]
    for path in sorted(data_dir.glob("*.yml")):
        problems += read_nlu_file(path, data)
    return data, problems


def read_nlu_file(path: Path, into: NluData) -> list[Problem]:
    """Add the intents and examples of one Rasa file to ``into``; return its problems."""
    text = ""
    try:
        text = read_text(path)
        root = parse(text)[0]
    except UnicodeDecodeError:
        into.unreadable.append(path)
        return [not_utf8(path)]
    except yaml.YAMLError as exc:
        into.unreadable.append(path)
        problem = syntax_error(path, text, exc)
        if problem.code == "tab":
            return [problem]
        fix = _(
            "check the indentation: '- intent:' at the start of the line, "
            "'examples: |' under it, and each example indented with '- '"
        )
        return [Problem(path, problem.line, problem.message, fix, code="yaml")]
    items = _nlu_items(root)
    if items is None:
        fix = _("start the file with 'version: \"3.1\"' and 'nlu:', as the other files do")
        message = _("this file has no 'nlu:' list")
        return [Problem(path, 1, message, fix, code="nlu-format")]
    problems: list[Problem] = []
    for item in items:
        problems += _read_block(path, item, into)
    return problems


def _nlu_items(root: yaml.Node | None) -> list[yaml.Node] | None:
    if not isinstance(root, yaml.MappingNode):
        return None
    for key, value in root.value:
        if key.value == "nlu":
            return list(value.value) if isinstance(value, yaml.SequenceNode) else None
    return None


def _read_block(path: Path, item: yaml.Node, into: NluData) -> list[Problem]:
    if not isinstance(item, yaml.MappingNode):
        return []
    keys = {key.value: (key, value) for key, value in item.value}
    if "intent" not in keys:
        return []  # synonyms, regexes and lookup tables: not intents
    key, value = keys["intent"]
    name = str(value.value).strip() if isinstance(value, yaml.ScalarNode) else ""
    block = IntentBlock(name, path, key.start_mark.line + 1)
    into.blocks.append(block)
    if "examples" not in keys:
        fix = _("add 'examples: |' under it, then one example a line, each starting with '- '")
        message = _("intent '{intent}' has no examples", intent=name)
        return [Problem(path, block.line, message, fix, code="nlu-format")]
    examples_node = keys["examples"][1]
    if not isinstance(examples_node, yaml.ScalarNode):
        fix = _("write 'examples: |' (with the bar) and the examples indented under it")
        line = keys["examples"][0].start_mark.line + 1
        message = _("the examples are not a text block")
        return [Problem(path, line, message, fix, code="nlu-format")]
    problems = []
    for line, text in _block_lines(examples_node):
        if not text.strip():
            continue
        if not text.lstrip().startswith("- "):
            problems.append(
                warning(
                    path,
                    line,
                    _("this line is not an example"),
                    _("start it with '- '"),
                    "nlu-format",
                )
            )
            continue
        into.examples.append(Example(_plain(text.lstrip()[2:]), name, path, line))
    return problems


def _block_lines(node: yaml.ScalarNode) -> Iterator[tuple[int, str]]:
    """Each line of a scalar with its 1-based line in the file."""
    # A block scalar ("|") starts on the line after its indicator; others where they start.
    first = node.start_mark.line + (2 if node.style in ("|", ">") else 1)
    for offset, text in enumerate(str(node.value).splitlines()):
        yield first + offset, text


def _plain(text: str) -> str:
    """The example without Rasa's entity marks: ``[Niger](country)`` → ``Niger``."""
    return ANNOTATION.sub(r"\1", text).strip()
