"""Understanding free text: Rasa in its own process, one model per language.

The bot reaches it only through ``NluProcess`` (``await parse(text, lang)``); training
and cross-validation run ``python -m nlu_worker`` in Rasa's environment too.
"""

from bot.nlu.parse import Parse
from bot.nlu.process import NluProcess, NluStatus, NluTuning
from bot.nlu.training import model_path, train

__all__ = ["NluProcess", "NluStatus", "NluTuning", "Parse", "model_path", "train"]
