"""What the models are taught: each training example, and the same words as the model reads them.

Before the model reads a message, the engine reads its SMS and phonetic spellings as
standard words (``content/spelling.yml``: "jveu rentré o pays" reaches the model as "je
veux rentre au pays") and takes off its accents, which people often leave out ("je suis
arrete"): ``Spelling.for_model``. An example written otherwise would teach the model
words it never reads. So each such example is taught twice: as written, and as the
model will read it. The files under ``nlu/<lang>/data/`` stay as staff wrote them; the
file Rasa trains on is written here, into a scratch folder, for each training.

Only intents' examples are taught (the pipeline has no entity extractor and no regex
features: synonyms, regexes and lookup tables would change nothing).

Measured on 2026-12-07 with ``bench/replies.py`` on every set, against the examples as
written only: both forms taught, spellings only: a blind French emergency of sexual
violence given its page and its numbers (the last one missed), questions on every topic
+6 on the French development sets, two more ordinary French questions of the blind sets
alarmed; teaching only the standard form did worse. Then accents taken off, on top:
two more blind French emergencies given the numbers first, one blind alarm fewer, +1
topic on the development sets.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from bot.content.loader import read_spelling
from bot.content.nludata import Example, NluData, read_nlu_data
from bot.errors import NluError
from bot.nlu.evaluate.folds import write_training_file


class ModelReading:
    """How the model reads text: ``content/spelling.yml`` (none when it is missing), no accents."""

    def __init__(self, path: Path) -> None:
        from bot.engine.spelling import Spelling  # here: the engine imports bot.nlu (Parse)

        forms, problems = read_spelling(path)
        errors = [p for p in problems if p.is_error]
        if errors:
            raise NluError(
                f"{errors[0]}: the models are taught the spellings of {path.name}; "
                "run `python -m bot content check` and fix it first"
            )
        self._spelling = Spelling(forms)

    def read(self, text: str, lang: str) -> str:
        """``text`` as the model reads it (the engine's ``Spelling.for_model``)."""
        return self._spelling.for_model(text, lang)


def taught(examples: Iterable[Example], reading: ModelReading, lang: str) -> list[Example]:
    """Each example, followed by the same words as the model reads them when they differ."""
    found: list[Example] = []
    for example in examples:
        found.append(example)
        read = reading.read(example.text, lang)
        if read != example.text:
            found.append(Example(read, example.intent, example.path, example.line))
    return found


def training_data(project: Path, lang: str) -> NluData:
    """The examples of the NLU project ``project`` (``nlu/<lang>``).

    Raises:
        NluError: the training data has errors (``python -m bot content check`` says which).
    """
    data, problems = read_nlu_data(project / "data", lang)
    if any(p.is_error for p in problems):
        raise NluError(f"the {lang} training data has errors: run `python -m bot content check`")
    return data


def write_taught(project: Path, lang: str, reading: ModelReading, out: Path) -> Path:
    """The training file for the NLU project ``project``, written to ``out``."""
    examples = training_data(project, lang).examples
    return write_training_file(taught(examples, reading, lang), out)
