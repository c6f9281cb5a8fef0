"""Everything ``python -m bot content check`` looks at.

The content, the NLU data of every language, the held-out questions, and dates against
today.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from bot.content.checks.answers import check_review_dates
from bot.content.checks.contacts import check_contacts
from bot.content.checks.danger import check_danger_words
from bot.content.checks.textfiles import check_text_files, text_files
from bot.content.checks.topics import check_example_counts, check_topics
from bot.content.checks.training import check_duplicates
from bot.content.loader import CONTACTS_FILE, SAFETY_FILE, read_content
from bot.content.model import ContentStore
from bot.content.nludata import Example, NluData, read_nlu_data, read_nlu_file
from bot.content.problems import Problem, sort_key
from bot.content.yamlfile import read_yaml
from bot.topics import LANGUAGES

DEFAULT_AGE_DAYS = 365
EMERGENCIES_FILE = "emergencies.yml"  # beside the held-out questions: emergency / ordinary
ORDINARY = "ordinary"
# Replaced by the full topic check, which knows the NLU data.
CONTENT_ONLY_CODES = frozenset({"missing-translation", "missing-answer"})


@dataclass(frozen=True)
class CheckOptions:
    """Where the NLU data and held-out questions are, and how old is too old."""

    nlu_root: Path
    questions_dir: Path | None = None
    review_age_days: int = DEFAULT_AGE_DAYS
    verify_age_days: int = DEFAULT_AGE_DAYS
    today: dt.date = field(default_factory=dt.date.today)
    languages: tuple[str, ...] = LANGUAGES


def check_all(content_root: Path, options: CheckOptions) -> list[Problem]:
    """Every problem in the content and the NLU data, sorted by file and line."""
    store, problems = read_content(content_root, options.languages)
    nlu, nlu_problems = read_all_nlu(options.nlu_root, options.languages)
    problems += nlu_problems
    if store is not None:
        problems = [p for p in problems if p.code not in CONTENT_ONLY_CODES]
        problems += _with_nlu_and_dates(store, content_root, nlu, options)
    problems += _danger_words(content_root, options)
    problems += check_text_files(text_files(content_root, options.nlu_root, options.languages))
    unknown = {p.path for p in problems if p.code == "unknown-topic"}
    problems = [p for p in problems if not (p.code == "menu-reach" and p.path in unknown)]
    return sorted(dict.fromkeys(problems), key=sort_key)  # without repeats, stable


def read_all_nlu(
    nlu_root: Path, languages: tuple[str, ...]
) -> tuple[dict[str, NluData], list[Problem]]:
    """Each language's training data, and the problems found reading it."""
    data, problems = {}, []
    for lang in languages:
        data[lang], found = read_nlu_data(nlu_root / lang / "data", lang)
        problems += found
    return data, problems


def _with_nlu_and_dates(
    store: ContentStore, root: Path, nlu: dict[str, NluData], options: CheckOptions
) -> list[Problem]:
    problems = check_topics(store, root, nlu)
    for data in nlu.values():
        problems += check_example_counts(data)
        problems += check_duplicates(data, options.nlu_root.parent)
    problems += check_review_dates(store, options.today, options.review_age_days)
    contacts, _problems = read_yaml(root / CONTACTS_FILE)
    if contacts is not None:
        dated = check_contacts(contacts, options.today, options.verify_age_days)
        problems += [p for p in dated if p.code == "phone-verified"]
    return problems


def _danger_words(root: Path, options: CheckOptions) -> list[Problem]:
    safety, _problems = read_yaml(root / SAFETY_FILE)
    if safety is None or options.questions_dir is None:
        return []
    questions = read_questions(options.questions_dir, options.languages)
    return check_danger_words(safety, questions, root.parent)


def read_questions(folder: Path, languages: tuple[str, ...]) -> dict[str, list[Example]]:
    """The held-out questions, with the ordinary ones of the emergency set.

    ``<folder>/<lang>.yml`` in Rasa's format, and the ``ordinary`` list of each language
    in ``<folder>/emergencies.yml`` (their intent is ``ordinary``).
    """
    questions: dict[str, list[Example]] = {}
    for lang in languages:
        path = folder / f"{lang}.yml"
        if path.is_file():
            data = NluData(lang)
            read_nlu_file(path, data)
            questions[lang] = data.examples
    emergencies, _problems = read_yaml(folder / EMERGENCIES_FILE)
    if emergencies is not None and isinstance(emergencies.data, dict):
        for lang in languages:
            section = emergencies.data.get(lang)
            items = section.get(ORDINARY) if isinstance(section, dict) else None
            for i, text in enumerate(items if isinstance(items, list) else []):
                line = emergencies.line(lang, ORDINARY, i)
                example = Example(str(text), ORDINARY, emergencies.path, line)
                questions.setdefault(lang, []).append(example)
    return questions
