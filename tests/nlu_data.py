"""Rasa NLU files (training data and held-out questions) as {intent: [examples]}.

A thin view over the project's own reader (``bot.content.nludata``), so tests, benchmarks
and the content check read NLU files the same way.
"""

from __future__ import annotations

from pathlib import Path

from bot.content.nludata import NluData, read_nlu_file


def read_examples(paths: list[Path]) -> dict[str, list[str]]:
    """Every intent's examples across ``paths``; a broken file fails loudly."""
    data = NluData(lang="")
    for path in paths:
        problems = [p for p in read_nlu_file(path, data) if p.is_error]
        assert not problems, problems
    examples: dict[str, list[str]] = {block.name: [] for block in data.blocks}
    for example in data.examples:
        examples[example.intent].append(example.text)
    return examples
