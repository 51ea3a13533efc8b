"""What each finding is about, as a stable key: findings of one kind on
many sites (a portfolio) are counted together, whatever their numbers.

A finding's ``kind`` is a key of :data:`KINDS`; its ``subject`` (a group
of facilities, a pair of subject types ``"university–finance"``, a
coverage target) tells findings of one kind apart where they name one.
"""

from __future__ import annotations

from ..model.language import N_, tr
from ..model.words import human
from .encounter import PAIR_MARK

NO_SITE = "no_site"
ISLANDS = "walkway_islands"
PARKING_SHORT = "parking_short"
PARKING_IDLE = "parking_idle"
PRIVATE_PARKING = "private_parking"
MISMATCH = "parking_mismatch"
HOURS_SHORT = "hours_short"
QUIET_LOTS = "quiet_lots"
SYNTAX_ZONES = "syntax_zones"
PAIR_APART = "pair_apart"
MORE_PAIRS_APART = "more_pairs_apart"
ZONE_PAIRS_APART = "zone_pairs_apart"
BEST_SPACE = "best_space"
GROUP_LACKING = "group_lacking"
GROUP_MISSING = "group_missing"
COVERAGE = "coverage"
WALK_SCORE = "walk_score"
FEW_INTERSECTIONS = "few_intersections"
INTERSECTIONS = "intersections"
EXCHANGE_FAR = "exchange_far"
EXCHANGE_REACH = "exchange_reach"

#: Each kind in words, ``{subject}`` where the finding names one.
KINDS: dict[str, str] = {
    NO_SITE: N_("no site boundary drawn"),
    ISLANDS: N_("places cut off on walkway islands"),
    PARKING_SHORT: N_("zones short of parking within the walk limit"),
    PARKING_IDLE: N_("zones with idle parking"),
    PRIVATE_PARKING: N_("parking in private lots"),
    MISMATCH: N_("parking mismatch index"),
    HOURS_SHORT: N_("zones short of parking at some hours"),
    QUIET_LOTS: N_("public or shared lots never half full on a weekday"),
    SYNTAX_ZONES: N_("the most and least integrated zones"),
    PAIR_APART: N_("no exchange space within a short walk of both {subject} "
                   "buildings"),
    MORE_PAIRS_APART: N_("more pairs of subject types sharing no exchange "
                         "space"),
    ZONE_PAIRS_APART: N_("zones whose subjects cannot meet other types"),
    BEST_SPACE: N_("the space hosting the most encounters"),
    GROUP_LACKING: N_("{subject} lacking"),
    GROUP_MISSING: N_("no {subject} at all"),
    COVERAGE: N_("{subject} within walking distance"),
    WALK_SCORE: N_("walk score"),
    FEW_INTERSECTIONS: N_("too few intersections (LEED ND minimum)"),
    INTERSECTIONS: N_("intersection density"),
    EXCHANGE_FAR: N_("zones whose innovation subjects are far from "
                     "exchange spaces"),
    EXCHANGE_REACH: N_("innovation subjects within reach of an exchange "
                       "space"),
}

#: The kinds that say something is wrong or missing (the rest state a
#: figure): what a portfolio counts as recurring shortfalls.
SHORTFALLS = frozenset({
    NO_SITE, ISLANDS, PARKING_SHORT, PARKING_IDLE, HOURS_SHORT, QUIET_LOTS,
    PAIR_APART, MORE_PAIRS_APART, ZONE_PAIRS_APART, GROUP_LACKING,
    GROUP_MISSING, FEW_INTERSECTIONS, EXCHANGE_FAR})


def kind_words(kind: str, subject: str = "") -> str:
    """A kind of finding in words in the current language; a kind this
    version does not know (a newer summary's) as its key."""
    if kind not in KINDS:
        return human(kind)
    return tr(KINDS[kind]).format(subject=subject_words(subject))


def subject_words(subject: str) -> str:
    """A finding's subject in words: a pair ``"university–finance"`` as
    'university and finance'."""
    if PAIR_MARK in subject:
        a, b = subject.split(PAIR_MARK, 1)
        return tr("{a} and {b}").format(a=human(a), b=human(b))
    return human(subject) if subject else ""
