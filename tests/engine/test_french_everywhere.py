"""Nothing shown to a French user is in English: every path, every page, f-strings too.

The same walk through the bot (every menu and button, the urgent pages of every country,
the referral, the counsellor's replies, mistakes) in English and in French: a line of
three words or more that comes out the same in both is English left in the French bot
(a string the catalogs never saw), unless it is a name.
"""

from __future__ import annotations

import datetime as dt
import re

from bot.content.hours import parse_hours
from bot.content.markup import strip_html
from bot.engine import Engine, actions
from bot.engine.caseviews import case_ended, case_failed, case_opened, counsellor_label
from tests.dialogue import Dialogue

WORD = re.compile(r"[A-Za-zÀ-ÿ']{2,}")
# Names and lines that are the same in both languages on purpose.
SAME = re.compile(
    r"Alarm Phone|Alarme Phone|Trace the Face|Choose your language|Choisis ta langue|"
    r"English|Français|CESVI|UNHCR|HASSMAR|NAATIP|NAPTIP|MINAS|SURPIN|Cece Yara|ONDE|UNFM|"
    r"ONPPE|CONAREF|INLTP|w2eu|Equal Times|InfoMigrants|Seneweb|Guinee360|Tuniscope|"
    r"Kapitalis|Challenge|Journal du Mali|Lefaso|Sidwaya|AcoNews|Madar|Rapide Info|AMSME|"
    r"Alwihda|Portail|Djamena|Algérie360|El Moudjahid|Maghreb Emergent|Vanguard|ThisDay|"
    r"Technology Times|News Diary|Punch|Camertop|Actu Cameroun|Guardian Post|Sitchoma|"
    r"MINPROFF|Abidjan\.net|AIP|Mandat Express|African Development Bank|Kerr Fatou|"
    r"The Voice|The Standard|New Global Media|Dakaractu|Laguinee|Yaoundé Info|"
    r"Observateur Paalga|Alliance Sahel|Ocamer|African Manager|Niger Migration Response|"
    r"Gobierno|Ministère|Observatoire|Lefaso\.net|IOM|OIM"
)
ADDRESSES = re.compile(r"Plateaux Vallon|Almadies|Elig-Essono|Pinède|Souissi")
PUBLISHED_BY = re.compile(r"\((?:[^()]|\([^()]*\))*\)")  # "(Seneweb, 2022)": a name


async def walk(engine: Engine, lang: str) -> list[str]:
    """Every reply of a long walk through the bot, as plain lines."""
    chat = Dialogue(engine, language_code=lang)
    lines: list[str] = []

    async def keep(turn) -> None:
        for reply in turn.replies:
            lines.extend(strip_html(reply.html).splitlines())
            lines.extend(b.label for row in reply.buttons for b in row)
        if turn.toast:
            lines.append(turn.toast)

    for command in ("start", "menu", "help", "privacy", "language", "end", "nothing"):
        await keep(await chat.say(f"/{command}"))
    for menu in engine.content.menus:
        await keep(await chat.press_data(actions.encode("m", menu)))
    for topic in engine.content.topics:
        await keep(await chat.press_data(actions.encode("t", topic)))
    for code in engine.content.countries:
        await keep(await chat.press_data(actions.encode("u", code, "urgent_sea")))
        await keep(await chat.press_data(actions.encode("i", "c", code)))
    for data in ("1:i:yes", "1:i:c:other", "1:i:k:no", "1:c:end", "1:fb:up:avr_cost", "bad"):
        await keep(await chat.press_data(data))
    await keep(await chat.send_other("sticker"))
    await keep(await chat.say("the weather in paris"))
    views = engine.views(lang)
    hours = parse_hours("mon-fri 08:00-16:00", "Africa/Niamey")
    for reply in (
        case_opened(views, hours, dt.datetime(2026, 12, 5, 20, 0, tzinfo=dt.UTC)),
        case_opened(views, None, dt.datetime(2026, 12, 5, 20, 0, tzinfo=dt.UTC)),
        case_failed(views),
        *(case_ended(views, by) for by in ("person", "staff", "expired", "unreachable")),
    ):
        lines.extend(strip_html(reply.html).splitlines())
    lines.append(strip_html(counsellor_label(views)))
    return [line.strip() for line in lines if line.strip()]


async def test_no_english_line_reaches_a_french_user(engine: Engine) -> None:
    english = set(await walk(engine, "en"))
    french = await walk(engine, "fr")
    leaks = sorted(
        {
            line
            for line in french
            if line in english
            and not ADDRESSES.search(line)
            and len(WORD.findall(SAME.sub("", PUBLISHED_BY.sub("", line)))) >= 3
        }
    )
    assert not leaks, f"English shown to French users: {leaks}"


async def test_french_answers_all_fit_a_phone_screen(engine: Engine) -> None:
    for topic in engine.content.topics:
        for lang in ("en", "fr"):
            answer = engine.content.answer(topic, lang)
            if "{emergency_numbers}" in answer.html:
                continue  # measured with every country's numbers in test_urgent_pages
            assert len(strip_html(answer.html)) <= 700, (topic, lang)
