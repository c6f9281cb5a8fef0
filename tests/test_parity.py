"""Every topic has content in both languages and an intent in both NLU projects; nothing extra."""

from __future__ import annotations

import yaml

from bot.config import Settings
from bot.content import ContentStore
from bot.topics import CALM_ONLY_INTENTS, LANGUAGES, REQUIRED_TOPICS, WITHOUT_INTENT
from tests.nlu_data import read_examples


def intents(settings: Settings, lang: str) -> set[str]:
    return set(read_examples(sorted((settings.nlu_dir / lang / "data").glob("*.yml"))))


def test_every_required_topic_has_content_in_every_language(content: ContentStore) -> None:
    for lang in LANGUAGES:
        missing = [t for t in REQUIRED_TOPICS if (t, lang) not in content.answers]
        assert not missing, f"{lang}: no answer for {missing}"


def test_both_languages_have_the_same_topics(content: ContentStore) -> None:
    by_lang = {lang: {t for t, lg in content.answers if lg == lang} for lang in LANGUAGES}
    assert by_lang["en"] == by_lang["fr"]


def test_intents_match_topics_in_both_nlu_projects(
    settings: Settings, content: ContentStore
) -> None:
    for lang in LANGUAGES:
        # The urgent pages are reached by their buttons and the danger words (some also
        # by the model: a child alone), the numbers asked for calmly by their words.
        found = intents(settings, lang) - CALM_ONLY_INTENTS
        assert found <= set(content.topics), lang
        assert set(content.topics) - found <= WITHOUT_INTENT, lang


def test_every_intent_has_enough_examples(settings: Settings) -> None:
    for lang in LANGUAGES:
        examples = read_examples(sorted((settings.nlu_dir / lang / "data").glob("*.yml")))
        thin = {i: len(e) for i, e in examples.items() if len(e) < 20}
        assert not thin, f"{lang}: fewer than 20 examples: {thin}"
        assert len(examples["out_of_scope"]) >= 100


def test_related_buttons_point_to_existing_topics(content: ContentStore) -> None:
    for answer in content.answers.values():
        for topic in answer.related:
            assert content.has_topic(topic), f"{answer.path}: unknown related {topic}"


def test_the_intents_that_are_no_topic_teach_only_the_danger_now_classifier(
    settings: Settings,
) -> None:
    for lang in LANGUAGES:
        config = yaml.safe_load((settings.nlu_dir / lang / "config.yml").read_text("utf-8"))
        (intent_model,) = [c for c in config["pipeline"] if c["name"].endswith("IntentClassifier")]
        assert set(intent_model["ignored_intents"]) == CALM_ONLY_INTENTS, lang
        assert intents(settings, lang) >= CALM_ONLY_INTENTS, lang
