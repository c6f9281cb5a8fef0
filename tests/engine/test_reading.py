"""How a message is read before deciding: over, in general, or a danger told now."""

from __future__ import annotations

from datetime import date

import pytest

from bot.content import ContentStore
from bot.engine import Engine
from bot.engine.reading import Reader
from bot.i18n import Catalogs
from bot.nlu import Parse
from bot.topics import URGENT_HELP
from tests.dialogue import URGENT_PAGES, Dialogue, FixedReading
from tests.emergency_sets import URGENT_BUTTON

TODAY = date(2026, 12, 2)


@pytest.fixture
def reader(content: ContentStore) -> Reader:
    return Reader.of(content)


@pytest.mark.parametrize(
    ("lang", "text", "over"),
    [
        ("en", "i was kidnapped in 2023 in libya, now i am safe in niamey", True),
        ("en", "they beat me two years ago, is there a doctor", True),
        ("en", "do women face rape on the road?", True),  # a question, no "I" or "we"
        ("en", "they want 2000 dollars or they will kill me", False),  # an amount, no year
        ("en", "they beat me, what do i do?", False),  # a question, but of the writer
        ("en", "i am held in a house in sabha in 2026", False),  # this year
        ("fr", "j'ai été enlevé en 2022, maintenant je suis à bamako", True),
        ("fr", "est-ce que les femmes sont violées sur la route ?", True),
        ("fr", "ils demandent 2000 euros sinon ils me tuent", False),
        ("fr", "ce soir jme jette a la mer c fini", False),
        ("fr", "au secours le bateau coule, et c gratuit le retour ?", False),  # a situation
    ],
)
def test_over_or_in_general(reader: Reader, lang: str, text: str, over: bool) -> None:
    assert reader.over_or_general(text, lang, TODAY) is over


@pytest.mark.parametrize(
    ("lang", "text", "told"),
    [
        ("en", "smugglers left us in the sand since yesterday, nobody came back", True),
        ("en", "is the desert dangerous", False),  # a question
        ("en", "we are planning to cross the desert next month", False),  # a plan
        ("en", "my cousin says the desert is easy", False),  # no situation of the writer's
        ("fr", "on est dans le sable depuis hier le chauffeur est parti", True),
        ("fr", "est ce que le désert est dangereux", False),
        ("fr", "la mer et le desert c lequel le plus dangereux", False),  # "et la", no "là"
        ("en", "the sea and the desert, we are asking which one is more dangerous", False),
        (
            "fr",
            "on est restés trois jours dans le sable vers Dirkou en 2021, j'en rêve encore",
            False,
        ),
    ],
)
def test_a_danger_told_rather_than_asked(reader: Reader, lang: str, text: str, told: bool) -> None:
    read_as_the_desert = Parse((("risks_desert", 0.7), ("avr_overview", 0.1)))
    assert reader.tells_of_danger(text, lang, read_as_the_desert) is told
    not_a_risk = Parse((("avr_overview", 0.7),))
    assert not reader.tells_of_danger(text, lang, not_a_risk), "only a risk topic is a danger"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "i was kidnapped in 2023 in libya, now i am safe in niamey, can i go home"),
        ("en", "i survived the sea crossing in 2022, now i am in italy and want to go back"),
        ("fr", "j'ai été enlevé en libye en 2022, maintenant je suis à bamako, je veux rentrer"),
        ("en", "i am scared of the police in rabat but nothing happened, what are my rights"),
        (
            "fr",
            "on est restés trois jours sans eau dans le désert vers Dirkou en 2021, "
            "j'en rêve encore",
        ),
        (  # danger words ("tabassé") told of last month: calm
            "fr",
            "mon voisin a été tabassé par des bandits à Tunis le mois dernier, il est guéri, "
            "il veut rentrer maintenant",
        ),
    ],
)
async def test_a_danger_that_is_over_gets_the_answer_with_urgent_help_one_tap_away(
    engine: Engine, lang: str, text: str
) -> None:
    chat = Dialogue(engine, language_code=lang)
    await chat.say(text)
    assert not URGENT_PAGES & set(chat.topics), chat.topics
    assert URGENT_BUTTON in [b.action for b in chat.buttons], "urgent help one tap away"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "they kidnapped me and want 2000 dollars from my family or they will kill me"),
        ("en", "he raped me last night, what do i do?"),
        ("fr", "il m'a violée cette nuit, je fais comment ?"),
        ("fr", "ils veulent 2000 euros sinon ils me tuent"),
        ("fr", "les ravisseurs veulent 300 000 francs de mes parents avant lundi"),  # 3rd person
        ("fr", "ma soeur dit qu'elle va se tuer, elle est enfermée dans sa chambre à sfax"),
        ("fr", "g plus de ventoline et je respire tres mal depuis ce matin"),
        ("fr", "je sais pas où je suis, la voiture nous a laissés dans le sable"),
        ("fr", "le patron a pris mon passeport, je travaille la nuit sans être payé"),
        ("en", "my friend just died beside me in the desert i dont know what to do"),
        ("fr", "mon frère vient de mourir à côté de moi dans le désert je sais pas quoi faire"),
        # unsure, the emergency second among the guesses, no question: the numbers briefly
        ("fr", "mon pote est mort devant moi dans le sable je sais plus quoi faire"),
        ("fr", "je me suis coupé encore une fois et c'est très profond"),
        # the numbers asked for while telling of danger now: the urgent page, not the calm one
        ("en", "we are stuck in the desert since two days, who do i call if the car no come"),
        ("fr", "nous sommes bloqués dans le désert depuis hier, j'appelle qui si personne vient"),
        # wanting to die is never over, whatever past the message names
        ("en", "i survived the desert two years ago but now i want to kill myself"),
        ("en", "i came back home last year and now i want to end my life"),
        ("fr", "j'ai survécu à la mer en 2022 mais maintenant je veux mourir"),
        ("fr", "je suis rentré au pays l'année dernière et depuis je pense à me tuer"),
        # words of the past hold for their own part of the message, not for a danger now
        ("en", "my friend died in the sea in 2021, now my brother's boat is sinking near Zuwara"),
        ("en", "last year i crossed safely but now we are lost in the desert without water"),
        ("en", "i was kidnapped in 2023 and now they took me again, they want money"),
        ("fr", "mon ami est mort en mer en 2021, maintenant le bateau de mon frère prend l'eau"),
        ("fr", "l'an passé j'ai traversé sans problème mais là on est perdus dans le désert"),
        ("fr", "j'ai été enlevé en 2023 et là ils m'ont repris, ils demandent de l'argent"),
    ],
)
async def test_a_danger_now_still_brings_the_numbers_first(
    engine: Engine, lang: str, text: str
) -> None:
    chat = Dialogue(engine, language_code=lang)
    await chat.say(text)
    assert chat.urgent_first, chat.topics


@pytest.mark.parametrize(
    ("lang", "text", "country_shown"),
    [
        ("en", "what is the emergency number in libya?", "Libya"),
        ("en", "police number in tunisia, just in case", "Tunisia"),
        ("fr", "quel est le numéro d'urgence au maroc ?", "Maroc"),
        ("fr", "on appelle qui si ya un probleme dans le desert ?", None),
    ],
)
async def test_the_numbers_asked_for_calmly_are_the_answer_without_an_alarm(
    engine: Engine, lang: str, text: str, country_shown: str | None
) -> None:
    chat = Dialogue(engine, language_code=lang)
    await chat.say(text)
    assert chat.topics == ["emergency_numbers"], chat.topics
    assert not any(e.name == "urgent_help" for e in chat.last.events), "counted as an alarm"
    assert "📞" in chat.text
    if country_shown:
        assert country_shown in chat.text.split("\n\n")[2], "the named country's numbers first"
    assert URGENT_BUTTON in [b.action for b in chat.buttons], "urgent help one tap away"


@pytest.mark.parametrize(
    ("lang", "text", "topics"),
    [
        (
            "en",
            "how much does the return cost or can my family come with me",
            ["avr_cost", "avr_family"],
        ),
        (
            "fr",
            "le retour c'est gratuit ? et ma femme peut venir avec moi ?",
            ["avr_cost", "avr_family"],
        ),
        # detention and trafficking need the model surer (0.7) than other topics, not more
        (
            "en",
            "what happens in the detention centres in libya, and how dangerous is the sea",
            ["risks_detention", "risks_sea"],
        ),
        (
            "fr",
            "c'est quoi la traite, et comment savoir si une offre de travail est fausse",
            ["risks_trafficking", "trafficking_signs"],
        ),
        # thanks around a question: the question's answer, not "you are welcome"
        (
            "fr",
            "merci beaucoup, et après le retour il y a un psychologue pour nous ?",
            ["reintegration_health"],
        ),
        (
            "en",
            "thank you so much. and after i go back is there a doctor for my trauma",
            ["reintegration_health"],
        ),
        # beside the numbers, only what was asked (the model read the cost of the return in
        # "he is still outside the door", the family in "les enfants pleurent")
        ("en", "He raped me tonight and he is still outside the door", ["sexual_violence"]),
        (
            "fr",
            "le chauffeur nous a laissés dans le désert il y a deux jours, plus d'eau, les "
            "enfants pleurent",
            ["urgent_desert"],
        ),
        (
            "fr",
            "ma femme accouche et elle saigne beaucoup, il y a un médecin qui soigne sans "
            "papiers ?",
            ["urgent_help", "health_access"],
        ),
        # another language asked for beside a question: the answer, then the choice
        ("en", "pls speak french, and who pays for the ticket home", ["avr_cost", "language"]),
        (
            "fr",
            "en anglais svp, et qui paie le billet pour rentrer",
            ["avr_cost", "language"],
        ),
    ],
)
async def test_every_question_of_a_message_is_answered_and_nothing_else(
    engine: Engine, lang: str, text: str, topics: list[str]
) -> None:
    chat = Dialogue(engine, language_code=lang)
    await chat.say(text)
    assert chat.topics == topics


def _read(*ranking: tuple[str, float]) -> Parse:
    return Parse(tuple(ranking), 0.0)


@pytest.mark.parametrize(
    ("whole", "parts", "subjects"),
    [
        # the whole reads as a third subject: both parts very sure, both answered…
        (
            _read(("reintegration_overview", 0.95)),
            [_read(("avr_process", 0.99)), _read(("reintegration_economic", 0.91))],
            ["avr_process", "reintegration_economic"],
        ),
        # …one part less sure: the whole message's reading decides
        (
            _read(("reintegration_overview", 0.95)),
            [_read(("avr_process", 0.99)), _read(("reintegration_economic", 0.8))],
            [],
        ),
        # a part on detention counts when the model is as sure as it must be to answer it
        (
            _read(("risks_sea", 0.6), ("risks_detention", 0.4)),
            [_read(("risks_detention", 0.75)), _read(("risks_sea", 0.99))],
            ["risks_detention", "risks_sea"],
        ),
        (
            _read(("risks_sea", 0.6), ("risks_detention", 0.4)),
            [_read(("risks_detention", 0.6)), _read(("risks_sea", 0.99))],
            [],
        ),
        # an urgent page is never one of the subjects: it has its own path
        (
            _read(("avr_cost", 0.4)),
            [_read(("urgent_help", 0.99)), _read(("avr_cost", 0.99))],
            [],
        ),
    ],
)
def test_which_parts_of_a_message_are_subjects(
    engine: Engine, whole: Parse, parts: list[Parse], subjects: list[str]
) -> None:
    assert engine._subjects(whole, parts) == subjects


async def test_the_subject_of_the_whole_message_comes_before_its_context(engine: Engine) -> None:
    # The first part alone reads as family contact (a relative gone away); the message
    # as a whole asks about the desert: that answer comes first.
    chat = Dialogue(engine, language_code="fr")
    await chat.say("mon cousin est parti au Maroc, c'est quoi les dangers dans le désert ?")
    assert chat.topics[0] == "risks_desert", chat.topics


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "is there a free doctor in Sfax? and what is the police number there"),
        ("fr", "je peux voir un médecin gratuit à Oran ? et c'est quoi le numéro d'urgence"),
    ],
)
async def test_the_numbers_asked_beside_a_question_come_with_its_answer(
    engine: Engine, lang: str, text: str
) -> None:
    chat = Dialogue(engine, language_code=lang)
    await chat.say(text)
    assert chat.topics == ["emergency_numbers", "health_access"]


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("le bato coule", "le bateau coule"),
        ("le batô coule", "le bateau coule"),  # a form written with accents, as written
        ("cé grave", "c'est grave"),
        # "cé" is "c'est", but the everyday "ce" and "e" stay what they are
        ("ce que on fait aux femmes", "ce que on fait aux femmes"),
        ("ce soir on part", "ce soir on part"),
        ("jvèu rentrer", "je veux rentrer"),  # a plain form matches whatever the accents
        ("c dur", "c'est dur"),
        ("c'est sûr, qu'il vienne", "c'est sûr, qu'il vienne"),  # "c'" is no "c"
        ("c’est loin", "c’est loin"),
    ],
)
def test_sms_spellings_are_read_as_standard_words(reader: Reader, text: str, read: str) -> None:
    assert reader.standard(text, "fr") == read


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("jsui arrêté à  Sfax,\n on fait koi ?", "je suis arrete a Sfax, on fait quoi ?"),
        ("Ça coûte combien, le retour ?", "Ca coute combien, le retour ?"),  # capitals kept
        ("rapatrié de Zaouïa", "rapatrie de Zaouia"),
        ("i dey for Agadez", "i dey for Agadez"),
    ],
)
def test_the_model_reads_standard_words_without_accents(
    reader: Reader, text: str, read: str
) -> None:
    """As the models are taught (bot/nlu/taught.py): people often leave the accents out."""
    assert reader.for_model(text, "fr") == read


READ_AS_URGENT = (("urgent_help", 0.9), ("risks_sea", 0.08), ("avr_overview", 0.02))


@pytest.mark.parametrize(
    ("now", "urgent"),
    [(0.02, False), (0.6, True), (None, True)],  # None: a model without the classifier
)
async def test_a_question_about_a_danger_read_as_urgent_is_answered_calmly(
    content: ContentStore, catalogs: Catalogs, now: float | None, urgent: bool
) -> None:
    """No danger word, the model reads urgent help, its second classifier reads calm.

    "if the coast guard catch us, where do they take us": the answer on the sea, urgent
    help one tap away; when the second classifier reads a danger now, or says nothing,
    the numbers first as before.
    """
    engine = Engine(content, FixedReading(Parse(READ_AS_URGENT, now)), catalogs)
    chat = Dialogue(engine, language_code="en")
    await chat.say("if the coast guard catch us where do they take us")
    if urgent:
        assert chat.topics[0] in URGENT_PAGES
    else:
        assert chat.topics == ["risks_sea"]
        assert URGENT_BUTTON in [b.action for b in chat.buttons], "urgent help one tap away"


@pytest.mark.parametrize(
    ("lang", "text", "child"),
    [
        ("en", "my cousin 16 wants to go to libya alone, what help exists for him", True),
        ("en", "im 15 alone in sfax", True),
        ("fr", "mon petit frère est parti seul vers le Niger", True),
        ("fr", "j'ai 14 ans, je suis seul à Agadez", True),
        (
            "en",
            "i was detained in zawiya for 6 months in 2023, can i travel without a passport",
            False,
        ),
        ("fr", "il y a 3 ans les policiers m'ont frappé, l'OIM aide pour le suivi ?", False),
    ],
)
def test_a_child_is_named_by_a_word_or_an_age_under_18(
    reader: Reader, lang: str, text: str, child: bool
) -> None:
    assert reader.speaks_of_a_child(text, lang) is child


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("i lost my passport, can i travel", False),
        ("i am 15, i lost my passport, can i travel", True),
    ],
)
async def test_the_models_guess_of_a_child_alone_needs_a_child_in_the_message(
    content: ContentStore, catalogs: Catalogs, text: str, shown: bool
) -> None:
    read_as_a_child = (("child_alone", 0.85), ("avr_documents", 0.14), ("health_access", 0.01))
    engine = Engine(content, FixedReading(Parse(read_as_a_child, 0.01)), catalogs)
    chat = Dialogue(engine, language_code="en")
    await chat.say(text)
    assert ("child_alone" in chat.topics) is shown, chat.topics
    assert shown or chat.topics == ["avr_documents"], chat.topics


@pytest.mark.parametrize(
    ("lang", "text", "numbers"),
    [
        # a question on children who travel alone: the page, the numbers one tap away
        (
            "fr",
            "est-ce que les enfants qui voyagent seuls sont protégés par la loi au Maroc ?",
            False,
        ),
        ("en", "are children who travel alone protected by the law in Italy?", False),
        # a child who tells of being alone, or a child of one's own: the numbers first
        ("en", "i am 16, i travel alone, my parents stay in guinea, can i go back home?", True),
        ("fr", "mon petit frère a 12 ans il est seul à Sabha, qui peut l'aider ?", True),
        ("fr", "j'ai 15 ans je suis seul à Agadez, personne pour m'aider", True),
        ("en", "i am 14 and alone in Tripoli, my parents are not here", True),
    ],
)
async def test_a_question_on_children_alone_gets_their_page_without_a_wall_of_numbers(
    engine: Engine, lang: str, text: str, numbers: bool
) -> None:
    chat = Dialogue(engine, language_code=lang)
    await chat.say(text)
    assert chat.topics[:1] == ["child_alone"]
    assert chat.alarmed is numbers, chat.text
    assert URGENT_BUTTON in [b.action for b in chat.buttons], "urgent help one tap away"
    assert ("Aide urgente" in chat.text or "Urgent help" in chat.text) is not numbers


@pytest.mark.parametrize(("now", "urgent"), [(0.02, False), (0.6, True)])
async def test_an_unsure_statement_gets_the_numbers_only_when_it_may_tell_of_danger_now(
    content: ContentStore, catalogs: Catalogs, now: float, urgent: bool
) -> None:
    """Unsure, urgent help second: the numbers briefly first only if the classifier reads
    a danger now. "j'ai peur de rater le rdv à l'OIM demain" is no question, yet no danger:
    urgent help is then one of the choices, not a wall of numbers.
    """
    unsure = (("intake", 0.45), ("urgent_help", 0.2), ("avr_process", 0.15))
    engine = Engine(content, FixedReading(Parse(unsure, now)), catalogs)
    chat = Dialogue(engine, language_code="fr")
    await chat.say("j'ai peur de rater le rdv à l'OIM demain")
    assert bool(URGENT_PAGES & set(chat.topics)) is urgent, chat.topics
    assert URGENT_HELP in chat.last.suggestions or urgent, "urgent help one tap away"


@pytest.mark.parametrize(
    ("ranking", "now", "first"),
    [
        # a guess, read as no danger now: the general urgent page, not the survivor's
        ((("sexual_violence", 0.5), ("urgent_help", 0.3)), 0.2, "urgent_help"),
        # a guess, read as lived: its page
        ((("sexual_violence", 0.5), ("urgent_help", 0.3)), 0.6, "sexual_violence"),
        # sure: its page, whatever the second classifier says
        ((("sexual_violence", 0.8), ("urgent_help", 0.1)), 0.2, "sexual_violence"),
    ],
)
async def test_the_page_on_sexual_violence_needs_a_sure_model_or_a_danger_now(
    content: ContentStore,
    catalogs: Catalogs,
    ranking: tuple[tuple[str, float], ...],
    now: float,
    first: str,
) -> None:
    """The page speaks to a survivor: the model guessed it for "il fait trop chaud dans la
    chambre" (0.51, read as no danger now at 0.22)."""
    engine = Engine(content, FixedReading(Parse(ranking, now)), catalogs)
    chat = Dialogue(engine, language_code="fr")
    await chat.say("il fait trop chaud dans la chambre ya pas de ventilo")
    assert chat.topics[:1] == [first]


async def test_a_danger_word_always_brings_the_numbers_whatever_the_classifier(
    content: ContentStore, catalogs: Catalogs
) -> None:
    engine = Engine(content, FixedReading(Parse(READ_AS_URGENT, 0.0)), catalogs)
    chat = Dialogue(engine, language_code="en")
    await chat.say("our boat is sinking")
    assert chat.topics[0] in URGENT_PAGES


async def test_the_real_model_says_how_likely_a_danger_now_is(engine: Engine) -> None:
    sinking = await engine.nlu.parse("the boat is sinking, water everywhere", "en")
    asking = await engine.nlu.parse("can iom help me go home", "en")
    assert sinking.now is not None and asking.now is not None
    assert sinking.now > 0.5 > 0.1 > asking.now


@pytest.mark.parametrize("text", ["", " ", "'", "c'", "'c"])
def test_spellings_read_any_text(reader: Reader, text: str) -> None:
    assert reader.standard(text, "fr") == (text if text != "'c" else "'c'est")


@pytest.mark.parametrize(
    ("lang", "text", "danger"),
    [
        ("fr", "si le bato coule au milieu de la mer, qui vient sauver les gens ?", False),
        ("fr", "si la pirogue se renverse on fait comment", False),
        ("en", "what if the boat capsized, who comes?", False),
        ("en", "if the engine stopped in the sea what do we do", False),
        # the same words with no "if" just before them: a danger
        ("fr", "le bato coule au milieu de la mer", True),
        ("fr", "si le bateau coule, mais là le bateau coule vraiment", True),
        ("en", "the engine stopped, if you can help us", True),
        # an "if" farther away does not make a danger a supposition
        ("en", "if nobody comes we are dying", True),
        ("en", "if nobody comes, people are drowning here", True),
        ("fr", "si vous venez pas vite on va mourir", True),
        ("fr", "je suis si malade, on va mourir ici", True),  # "si" alone is no "if"
        # danger words in a figure of speech are said, not meant
        ("en", "my phone is dying, can i finish the registration later", False),
        ("en", "i'm dying to see my mother again, how long does the return take", False),
        ("fr", "ton message d'hier, on va mourir de rire avec les amis", False),
        # the same words outside the figure of speech: a danger
        ("en", "my phone is dying and my friend is dying, he lost too much blood", True),
        ("en", "i am dying, no water since two days", True),
    ],
)
def test_danger_words_after_an_if_or_in_a_figure_of_speech_do_not_count(
    reader: Reader, lang: str, text: str, danger: bool
) -> None:
    assert (reader.danger_in(text, lang) is not None) is danger


async def test_everyday_life_told_calmly_is_no_topic_of_the_model(engine: Engine) -> None:
    # its examples (nlu/<lang>/data/everyday.yml) teach only the danger-now classifier
    parse = await engine.nlu.parse("pas d'eau dans la douche ce matin encore", "fr")
    assert "everyday" not in dict(parse.ranking) and parse.now is not None
