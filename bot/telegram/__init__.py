"""The Telegram front.

PTB handlers around the engine (``build_application``), our own poller and webhook
server, and ``python -m bot run``.
"""
