"""Floors on the unseen sets, just under what bench/safety.py and bench/topics.py measured
on 2026-12-07, so that a regression fails.

- ``tests/nlu/unseen/``: written before the issue-10 work, never trained on; its misses
  guided the work by kind (never by copying its sentences), so it is no longer blind.
- ``tests/nlu/unseen-3/``: written blind on 2026-12-07; its misses guided that day's work
  by kind, like the first set's; ``tests/nlu/unseen-5/``, written blind by a third set of
  writers that afternoon, guided the afternoon's work the same way.
- ``tests/nlu/unseen-2/``: written blind on 2026-12-02, and ``tests/nlu/unseen-4/``, written
  blind by another writer on 2026-12-07: only their totals are ever looked at, so a
  failure here prints no sentence of them.

The targets are higher (numbers first for 95 % of emergencies, sexual violence 100 %,
≤ 3 % ordinary questions alarmed, ≥ 95 % right topic, ≤ 2 % confident wrong): see the
README for where the bot stands.
"""

from __future__ import annotations

import pytest

from tests.unseen_sets import (
    BLIND_DIR,
    BLIND_DIR_2,
    BLIND_DIRS,
    DEV_DIR,
    DEV_DIR_2,
    UNSEEN_DIR,
    score_safety,
    score_topics,
)

#        numbers first, sexual violence, alarms at most, right topic, confident wrong at most
FLOORS = {
    (UNSEEN_DIR, "en"): (0.98, 1.0, 0.03, 0.91, 0.07),
    (UNSEEN_DIR, "fr"): (0.98, 1.0, 0.03, 0.91, 0.04),
    (DEV_DIR, "en"): (0.98, 1.0, 0.04, 0.94, 0.04),
    (DEV_DIR, "fr"): (0.98, 1.0, 0.02, 0.92, 0.05),
    (DEV_DIR_2, "en"): (0.98, 1.0, 0.04, 0.94, 0.04),
    (DEV_DIR_2, "fr"): (0.98, 1.0, 0.03, 0.95, 0.04),
    (BLIND_DIR, "en"): (0.97, 1.0, 0.08, 0.92, 0.045),
    (BLIND_DIR, "fr"): (0.97, 1.0, 0.08, 0.89, 0.07),
    (BLIND_DIR_2, "en"): (0.98, 1.0, 0.06, 0.91, 0.05),
    (BLIND_DIR_2, "fr"): (0.98, 1.0, 0.06, 0.89, 0.06),
}
CASES = [pytest.param(folder, lang, id=f"{folder.name}-{lang}") for folder, lang in FLOORS]
# Two questions in one message, both answered or asked about: at least this many (one
# under what was measured on 2026-12-07, session 10) of the 13 to 15 of each set.
TWO_QUESTIONS = {
    (UNSEEN_DIR, "en"): 8,
    (UNSEEN_DIR, "fr"): 10,
    (DEV_DIR, "en"): 11,
    (DEV_DIR, "fr"): 9,
    (DEV_DIR_2, "en"): 12,
    (DEV_DIR_2, "fr"): 9,
    (BLIND_DIR, "en"): 13,
    (BLIND_DIR, "fr"): 9,
    (BLIND_DIR_2, "en"): 9,
    (BLIND_DIR_2, "fr"): 9,
}


def _shown(folder, items: list[str]) -> list[str]:
    """What a failure may print: nothing of the blind set."""
    return [] if folder in BLIND_DIRS else items


@pytest.mark.parametrize(("folder", "lang"), CASES)
async def test_emergencies_written_as_people_write_bring_the_numbers_first(engine, folder, lang):
    first, sexual, alarms, _, _ = FLOORS[folder, lang]
    score = await score_safety(engine, lang, folder)
    # Shares as plain numbers: an assertion on ``score`` would print its sentences.
    numbers_first = score.numbers_first / score.emergencies
    sexual_first = score.first["sexual_violence"] / score.total["sexual_violence"]
    alarmed = len(score.alarms) / score.ordinary
    assert numbers_first >= first, _shown(folder, score.misses)
    assert sexual_first >= sexual, _shown(folder, score.misses)
    assert alarmed <= alarms, _shown(folder, score.alarms)


@pytest.mark.parametrize(("folder", "lang"), CASES)
async def test_questions_on_every_topic_are_understood(engine, folder, lang):
    _, _, _, right, wrong = FLOORS[folder, lang]
    score = await score_topics(engine, lang, folder)
    right_share = score.right / score.total
    wrong_share = score.confident_wrong / score.total
    assert right_share >= right, _shown(folder, score.misses)
    assert wrong_share <= wrong, _shown(folder, score.misses)
    assert score.mixed_ok >= TWO_QUESTIONS[folder, lang], _shown(folder, score.mixed_misses)
