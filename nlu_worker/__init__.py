"""Rasa's side of the bot: runs in its own Python 3.10 environment and process.

Nothing here imports the bot, and the bot never imports this package: they talk through
``python -m nlu_worker`` (a pipe for ``serve``, files for ``train`` and ``crossval``).
"""
