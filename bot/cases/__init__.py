"""Cases: a person and a caseworkers' forum topic, linked while they talk (DESIGN.md, rule 1).

::

    Case          who talks to whom: the person's chat, the staff group and its topic
    CaseSealer    the link, encrypted with CASE_KEY (Fernet: AES-128-CBC + HMAC-SHA256)
    CaseStore     the open cases: an index in memory, sealed rows in the database
    OfficeHours   when counsellors answer ("mon-fri 08:00-16:00" in a time zone)

Nothing here knows Telegram; ``bot.telegram.cases`` carries the messages.
"""

from bot.cases.model import Case, new_case
from bot.cases.sealing import CaseSealer, sealer_from_key
from bot.cases.store import CaseStore, CaseTable

__all__ = ["Case", "CaseSealer", "CaseStore", "CaseTable", "new_case", "sealer_from_key"]
