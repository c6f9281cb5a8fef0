"""The stable topic ids shared by content, NLU intents, buttons and counts (DESIGN.md)."""

from __future__ import annotations

LANGUAGES: tuple[str, ...] = ("en", "fr")

REQUIRED_TOPICS: tuple[str, ...] = (
    "about",
    "privacy",
    "risks_overview",
    "risks_desert",
    "risks_sea",
    "risks_trafficking",
    "risks_detention",
    "risks_smugglers",
    "legal_pathways",
    "avr_overview",
    "avr_eligibility",
    "avr_process",
    "avr_cost",
    "avr_documents",
    "avr_family",
    "avr_arrival",
    "reintegration_overview",
    "reintegration_economic",
    "reintegration_health",
    "reintegration_stories",
    "joint_initiative",
    "intake",
    "urgent_help",
    "greeting",
    "thanks",
    "help",
    "language",
    "out_of_scope",
)

# Topics added in December 2026: stable ids from then on (counts and old buttons rely on
# them), though a project may leave them out.
ADDED_TOPICS: tuple[str, ...] = (
    "return_fears",
    "debt",
    "mental_health",
    "family_contact",
    "asylum",
    "avr_voluntary",
    "migrate_again",
    "trafficking_signs",
    "child_alone",
    "health_access",
    "sexual_violence",
    "urgent_sea",
    "urgent_desert",
    "urgent_detention",
    "urgent_trafficking",
    "emergency_numbers",  # asked for calmly ("the police number in Tunis, just in case")
    "self_harm",  # added on 2026-12-07: someone who wants to end their life
)

URGENT_HELP = "urgent_help"
INTAKE = "intake"
OUT_OF_SCOPE = "out_of_scope"
LANGUAGE = "language"
GREETING = "greeting"
PRIVACY = "privacy"
HELP = "help"
EMERGENCY_NUMBERS = "emergency_numbers"
SELF_HARM = "self_harm"
CHILD_ALONE = "child_alone"
SEXUAL_VIOLENCE = "sexual_violence"

# What to do in one kind of emergency, with that kind's numbers first: topic → the kind
# of contact (``for:`` in contacts.yml). Each is also a button under urgent help.
URGENT_KINDS: dict[str, str] = {
    "urgent_sea": "sea",
    "urgent_desert": "desert",
    "urgent_detention": "detention",
    "sexual_violence": "sexual_violence",
    "urgent_trafficking": "trafficking",
    "child_alone": "child",
    "self_harm": "mental_health",
}
# The pages that put the emergency numbers first: urgent help and its kinds.
URGENT_PAGES: frozenset[str] = frozenset({URGENT_HELP, *URGENT_KINDS})
# Pages that show the emergency numbers: those, and the numbers asked for calmly.
NUMBERS_PAGES: frozenset[str] = URGENT_PAGES | {EMERGENCY_NUMBERS}
# Pages reached without the model: the urgent kinds by their buttons and the danger words,
# the numbers asked for calmly by the words of content/safety.yml (numbers:).
WITHOUT_INTENT: frozenset[str] = frozenset({*URGENT_KINDS, EMERGENCY_NUMBERS})

# Kinds of danger (content/safety.yml) and the urgent page each brings first. "calls" is
# a plain cry for help: a clear question in the same message is answered first.
CALLS = "calls"
NOT_NOW = "not_now"  # "…two years ago", "just asking": the danger is not the person's now
# Words that are no danger but say how to read one (content/safety.yml):
NOW = "now"  # "we are…", "since two days": the writer tells of their own situation
ASKING = "asking"  # "is it true…", "I want to know": a question, not a situation
SELF = "self"  # "I", "we", "my brother": a question without them is about people in general
NUMBERS = "numbers"  # "what is the emergency number?": the urgent page is the answer asked for
# "if the boat sinks…", "si la pirogue se renverse…": just before danger words, they make
# them a supposition, not a danger (the words count only where no "if" comes before)
IF = "if"
# "my phone is dying", "je suis mort de rire": danger words inside these are said, not meant
FIGURES = "figures"
# "my little brother", "j'ai 15 ans": without them the model's guess of a child alone is
# not taken (an age under 18 counts too: bot/engine/reading.py)
YOUNG = "young"
READING_KINDS: frozenset[str] = frozenset(
    {NOT_NOW, NOW, ASKING, SELF, NUMBERS, IF, FIGURES, YOUNG}
)
DANGER_PAGES: dict[str, str] = {
    "self_harm": "self_harm",  # a life at stake: its page first, whatever else is said
    "sexual_violence": "sexual_violence",
    "held": "urgent_detention",
    "sea": "urgent_sea",
    "desert": "urgent_desert",
    "forced": "urgent_trafficking",
    "child": "child_alone",
    "danger": URGENT_HELP,
    "violence": URGENT_HELP,
    "dying": URGENT_HELP,
    "hurt": URGENT_HELP,
    CALLS: URGENT_HELP,
}  # in this order: the first kind found in a message picks the page

# Topics where a wrong guess can hurt: never answered on a low-confidence guess.
SAFETY_TOPICS: frozenset[str] = frozenset(
    {URGENT_HELP, "risks_trafficking", "risks_detention", *URGENT_KINDS}
)

# Answers about the dangers of the journey: general information, no use to someone who is
# in the danger now (after the emergency numbers, the engine does not add them).
RISK_TOPICS: frozenset[str] = frozenset(t for t in REQUIRED_TOPICS if t.startswith("risks_"))

# NLU examples that are no topic: everyday life told calmly ("no water in the shower this
# morning", "this waiting is killing me"). Only the danger-now classifier learns from them,
# as calm; the intent model ignores them (``ignored_intents`` in nlu/<lang>/config.yml).
CALM_ONLY_INTENTS: frozenset[str] = frozenset({"everyday"})

# Topics that are conversation, not information: no feedback buttons, no source line.
CONVERSATION_TOPICS: frozenset[str] = frozenset({GREETING, "thanks", HELP, LANGUAGE, OUT_OF_SCOPE})
