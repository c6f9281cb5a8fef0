"""Understanding free text: one Rasa NLU model per language, trained and loaded in process."""

from bot.nlu.models import NluModels, Parse
from bot.nlu.training import model_path, train

__all__ = ["NluModels", "Parse", "model_path", "train"]
