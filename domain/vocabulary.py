"""One vocabulary: every programme the bot knows, once, and each part's view of them.

A programme (业务) is one of the five the manuals describe. Its id is written with underscores
(``mutual_aid``); the hyphenated spelling (``mutual-aid``) is the command line's and the calculator
buttons' and is read here (``canonical``), nowhere else.

Each part of the bot groups programmes its own way, and the groups are listed here rather than in
each module: the calendar's programmes (reminder subscriptions store them), the status machines
(processes, some finer than a programme), the guides' folders, the answer engine's topics (the
knowledge base's files) and the calculators' data sections. Where a vocabulary spells the same
programme differently, the spelling is persisted data (see ``SPELLINGS``) and it is mapped here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Programme:
    id: str
    manual: str  # the source tag of the manual that describes it
    name: str  # what it is (for developers; what people read is in locales/)


PROGRAMMES = (
    Programme("member_card", "003", "工会会员服务卡: applications and card batches"),
    Programme("member_protection", "001", "会员专享基本保障, member-card channel (集中参保 / 即时参保)"),
    Programme("ss_card", "000", "社保卡即时参保: member protection through the social-security card"),
    Programme("mutual_aid", "002", "上海职工互助保障项目2020"),
    Programme("retiree", "004", "退休住院计划"),
)
IDS = tuple(p.id for p in PROGRAMMES)

# Each vocabulary, in the order its screens list it.
CALENDAR = ("member_protection", "ss_card", "mutual_aid", "retiree", "member_card")
# member_protection is the member-card channel of member protection ([001]) in every vocabulary; the
# service card itself ([003]) is member_card, and its batches' process the machine and guide card_batch.
MACHINES = ("mutual_aid", "retiree", "enrollment_code", "member_protection", "ss_card", "card_batch")
GUIDES = ("members", "card_batch", "member_protection", "ss_card", "mutual_aid", "retiree")
ANSWERS = ("general", "member_card", "card_enrollment", "ss_card", "mutual_aid", "retiree")
CALCULATORS = ("member_basic", "mutual_aid", "retiree")

# Spellings of another vocabulary and the programme (or answer topic) they mean. Each stays because
# data is stored under it: card_enrollment names the knowledge base's files and faq-program-*
# messages; member_basic is the section of domain/data/programs/<year>.yaml (and of the rates an
# admin loaded); card_batch and members are processes of a programme (status machine, guide folder).
ANSWER_TOPIC = {"members": "general", "card_batch": "member_card", "member_protection": "card_enrollment",
                "member_basic": "card_enrollment"}
# guides whose answer topic differs from their folder's programme
GUIDE_TOPIC = {"member_card_grassroots": "card_enrollment", "member_card_district": "card_enrollment",
               "roster_upkeep": "general", "card_batch": "member_card"}
CALC_SECTION = {"mutual_aid": "mutual_aid", "member_basic": "member_basic", "retiree": "retiree"}
# the coverage calculator's programme of an answer topic (the instant enrollments use member_basic's rules)
COVERAGE_CALC = {"mutual_aid": "mutual_aid", "retiree": "retiree", "card_enrollment": "member_basic",
                 "ss_card": "member_basic"}


def canonical(name: str | None) -> str | None:
    """The underscore spelling of a programme or calculator name (``mutual-aid`` -> ``mutual_aid``)."""
    return name.replace("-", "_") if name else name


def hyphenated(name: str) -> str:
    """The command line's and the calculator buttons' spelling (``mutual_aid`` -> ``mutual-aid``)."""
    return name.replace("_", "-")


def answer_topic(name: str | None) -> str:
    """The answer engine's topic of any vocabulary's programme ("general" when none fits)."""
    value = ANSWER_TOPIC.get(name or "general", name or "general")
    return value if value in ANSWERS else "general"


def calc_section(name: str) -> str:
    """The data section of a calculator's programme, in either spelling (unknown names pass through,
    for the caller to refuse)."""
    return CALC_SECTION.get(canonical(name), name)
