"""The NLU process's protocol, in Rasa's environment: what goes in, what comes out.

The bot's side of the same protocol (start, crash, restart, degraded answers) is tested
in tests/test_nlu_process.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import warnings

import pytest

from nlu_worker.models import Models
from nlu_worker.serve import answer
from nlu_worker.tests.conftest import ROOT, newest_model

SLASHED = [
    "/ écris-moi à someone@mail.com",
    "/مرحبا أريد العودة {",
    "/start mon nom est Awa {",
    '/avr_cost@1.0{"x": 1} is the return free',
]


def test_a_question_gets_its_ranking(models: Models) -> None:
    reply = answer(models, json.dumps({"id": 4, "lang": "en", "text": "is the return free?"}))
    assert reply["id"] == 4
    assert reply["ranking"][0][0] == "avr_cost" and reply["ranking"][0][1] > 0.5
    confidences = [c for _, c in reply["ranking"]]
    assert confidences == sorted(confidences, reverse=True)


@pytest.mark.parametrize(
    ("line", "error"),
    [
        ("not json", "BadRequest"),
        ("[1, 2]", "BadRequest"),
        ('{"id": 5}', "BadRequest"),
        ('{"id": 6, "lang": "de", "text": "Ist die Rückkehr kostenlos?"}', "KeyError"),
        ('{"id": 7, "load": {"en": "/nowhere/en.tar.gz"}}', None),
    ],
)
def test_a_bad_request_gets_the_kind_of_error_only(
    models: Models, line: str, error: str | None
) -> None:
    reply = answer(models, line)
    assert set(reply) == {"id", "error"}
    if error:
        assert reply["error"] == error
    assert "Rückkehr" not in json.dumps(reply) and "nowhere" not in json.dumps(reply)


@pytest.mark.parametrize("text", SLASHED)
def test_slash_texts_are_words_and_raise_no_warning(models: Models, text: str) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ranking = models.parse("fr", text)
    assert not [w for w in caught if "rasa" in w.filename], [str(w.message) for w in caught]
    assert len(ranking) > 3, "the model ranked every intent, as for any words"


def test_the_process_writes_only_the_protocol_on_stdout_and_never_a_text() -> None:
    secret = "Awa Traoré +22376123456 {"
    requests = [
        {"id": 1, "lang": "en", "text": "is the return free?"},
        {"id": 2, "lang": "fr", "text": f"/{secret}"},
        {"id": 3, "lang": "xx", "text": secret},
    ]
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "nlu_worker",
            "serve",
            f"--model=en={newest_model('en')}",
            f"--model=fr={newest_model('fr')}",
        ],
        input="".join(json.dumps(r) + "\n" for r in requests),
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=300,
        check=True,
    )
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert lines[0]["ready"] is True and set(lines[0]["models"]) == {"en", "fr"}
    assert [line["id"] for line in lines[1:]] == [1, 2, 3]
    assert lines[1]["ranking"][0][0] == "avr_cost"
    assert lines[3] == {"id": 3, "error": "KeyError"}
    for stream in (done.stdout, done.stderr):
        assert "Awa" not in stream and "22376123456" not in stream


def test_a_model_that_cannot_load_is_said_and_ends_the_process(tmp_path) -> None:
    broken = tmp_path / "en-broken.tar.gz"
    broken.write_bytes(b"not a model")
    done = subprocess.run(
        [sys.executable, "-m", "nlu_worker", "serve", f"--model=en={broken}"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=300,
        check=False,
    )
    assert done.returncode == 3
    hello = json.loads(done.stdout.splitlines()[0])
    assert hello["ready"] is False and hello["lang"] == "en" and hello["error"]
