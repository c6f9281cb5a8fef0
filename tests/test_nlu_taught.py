"""What the models are taught: the examples as written, and as the model reads them."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.config import Settings
from bot.errors import NluError
from bot.nlu import training
from bot.nlu.taught import ModelReading, write_taught

SPELLING = "fr:\n  jveu: je veux\n  bato: bateau\n  o: au\nen:\n  abeg: please\n"


def project(root: Path, lang: str, examples: dict[str, list[str]]) -> Path:
    folder = root / "nlu" / lang
    (folder / "data").mkdir(parents=True)
    blocks = "".join(
        f"- intent: {intent}\n  examples: |\n" + "".join(f"    - {t}\n" for t in texts)
        for intent, texts in examples.items()
    )
    (folder / "data" / "topics.yml").write_text(f'version: "3.1"\nnlu:\n{blocks}')
    (folder / "config.yml").write_text(f"language: {lang}\n")
    return folder


def spelling_file(root: Path, text: str = SPELLING) -> Path:
    path = root / "spelling.yml"
    path.write_text(text, encoding="utf-8")
    return path


def taught_texts(path: Path) -> dict[str, list[str]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {block["intent"]: block["examples"].splitlines() for block in data["nlu"]}


def test_an_sms_example_is_also_taught_as_the_model_reads_it(tmp_path):
    folder = project(
        tmp_path,
        "fr",
        {
            "avr_overview": ["jveu rentré o pays", "je veux rentrer chez moi"],
            "risks_sea": ["le bato pr litali c facile?"],
        },
    )
    out = write_taught(folder, "fr", ModelReading(spelling_file(tmp_path)), tmp_path / "t.yml")
    assert taught_texts(out) == {
        "avr_overview": [
            "- jveu rentré o pays",
            "- je veux rentre au pays",  # right after the form written
            "- je veux rentrer chez moi",  # already as the model reads it: taught once
        ],
        "risks_sea": ["- le bato pr litali c facile?", "- le bateau pr litali c facile?"],
    }


def test_an_example_with_accents_is_also_taught_without(tmp_path):
    folder = project(tmp_path, "fr", {"risks_detention": ["détenu à Zaouïa, ça se passe où ?"]})
    reading = ModelReading(spelling_file(tmp_path))
    out = write_taught(folder, "fr", reading, tmp_path / "t.yml")
    assert taught_texts(out) == {
        "risks_detention": [
            "- détenu à Zaouïa, ça se passe où ?",
            "- detenu a Zaouia, ca se passe ou ?",
        ]
    }


def test_only_the_languages_own_spellings_are_used(tmp_path):
    folder = project(tmp_path, "en", {"help": ["abeg o", "jveu help"]})
    out = write_taught(folder, "en", ModelReading(spelling_file(tmp_path)), tmp_path / "t.yml")
    assert taught_texts(out) == {"help": ["- abeg o", "- please o", "- jveu help"]}


def test_without_a_spelling_list_the_examples_are_taught_as_written(tmp_path):
    folder = project(tmp_path, "fr", {"avr_overview": ["jveu rentrer o pays"]})
    out = write_taught(folder, "fr", ModelReading(tmp_path / "none.yml"), tmp_path / "t.yml")
    assert taught_texts(out) == {"avr_overview": ["- jveu rentrer o pays"]}


def test_a_broken_spelling_list_stops_training_and_names_the_file(tmp_path):
    broken = spelling_file(tmp_path, "fr:\n  jveu: je veux\n bato: [bateau\n")
    with pytest.raises(NluError, match=r"spelling\.yml.*content check"):
        ModelReading(broken)


def test_broken_training_data_stops_training(tmp_path):
    folder = project(tmp_path, "fr", {"avr_overview": ["jveu rentré o pays"]})
    (folder / "data" / "broken.yml").write_text('version: "3.1"\nnlu:\n- intent: x\n')
    with pytest.raises(NluError, match="content check"):
        write_taught(folder, "fr", ModelReading(spelling_file(tmp_path)), tmp_path / "t.yml")


def test_a_changed_spelling_retrains(tmp_path):
    folder = project(tmp_path, "fr", {"avr_overview": ["jveu rentré o pays"]})
    spelling = spelling_file(tmp_path)
    before = training.inputs_hash(folder, spelling)
    spelling.write_text(SPELLING + "  koi: quoi\n", encoding="utf-8")
    assert training.inputs_hash(folder, spelling) != before


def test_the_models_are_taught_the_contents_spelling_list():
    settings = Settings.from_env({"CONTENT_DIR": "/somewhere/content"})
    assert settings.spelling_file == Path("/somewhere/content/spelling.yml")
