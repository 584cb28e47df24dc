"""What the synthetic corpus is made of: the sizes and mixes measured on the real corpus, and the
words, names and sentence frames its texts are written from."""

from __future__ import annotations

import random
import re
from typing import Any

#: Per theatre: the size of the real corpus (5 articles, 86 actors, 103 relations, 60 events,
#: 197 claims with 814 quotes, 6 key questions), measured when this module was written.
ARTICLES = 5
ACTORS = 86
RELATIONS = 103
EVENTS = 60
CLAIMS = 197
QUESTIONS = 6
SEED = 8
#: Written next to the records, so that `synth` only ever overwrites a corpus it wrote itself.
MARKER = "SYNTHETIC.json"

# -- mixes of the real corpus (value: weight) ---------------------------------------------------------

STANCE_MIX = {"supports": 518, "qualifies": 175, "mentions": 91, "disputes": 30}
QUOTES_PER_CLAIM = {1: 32, 2: 42, 3: 27, 4: 31, 5: 17, 6: 14, 7: 12, 8: 9, 9: 3, 10: 1, 11: 4, 13: 1, 17: 2, 19: 1, 21: 1}
ARTICLES_PER_CLAIM = {1: 44, 2: 62, 3: 48, 4: 32, 5: 11}
ACTORS_PER_CLAIM = {0: 1, 1: 7, 2: 70, 3: 53, 4: 31, 5: 22, 6: 8, 7: 2, 8: 1, 9: 1, 10: 1}
EVENTS_PER_CLAIM = {0: 72, 1: 81, 2: 33, 3: 9, 4: 2}
TAGS_PER_CLAIM = {1: 9, 2: 44, 3: 78, 4: 51, 5: 8, 6: 7}
ALIASES_PER_ACTOR = {0: 12, 1: 37, 2: 17, 3: 8, 4: 4, 5: 4, 6: 3, 8: 1}
AFFILIATIONS_PER_ACTOR = {0: 26, 1: 55, 2: 5}
TAGS_PER_ACTOR = {1: 49, 2: 33, 3: 4}
ACTOR_KINDS = {
    "person": 31,
    "state-body": 13,
    "state": 12,
    "group-of-people": 9,
    "armed-group": 7,
    "think-tank": 5,
    "media": 3,
    "international-body": 2,
    "organisation": 2,
    "political-movement": 1,
    "alliance": 1,
}
RELATION_TYPES = {
    "leads": 16,
    "works-for": 15,
    "attacked": 14,
    "supports": 12,
    "member-of": 12,
    "opposes": 11,
    "coordinates-with": 7,
    "funds": 5,
    "hosts": 4,
    "arms": 2,
    "trains": 2,
    "allied-with": 2,
    "directs": 1,
}
CLAIMS_PER_RELATION = {1: 63, 2: 33, 3: 7}
ACTORS_PER_EVENT = {1: 7, 2: 24, 3: 21, 4: 4, 5: 2, 6: 1, 7: 1}
TAGS_PER_EVENT = {1: 5, 2: 39, 3: 16}
EVENT_PRECISION = {"approximate": 33, "day": 11, "month": 10, "year": 6}
SPEAKER_SHARE = 0.33
PERIOD_SHARE = 0.30
#: Share of claims, relations and evidence items that reach into another theatre.
CROSS_THEATRE = 0.04
#: Relative length of the five articles of a theatre (the real ones run from 7 to 19 thousand characters).
ARTICLE_WEIGHTS = (2.6, 2.0, 1.0, 1.0, 1.2)
ARTICLE_KINDS = ("analysis", "compilation", "analysis", "news-report", "news-report")
TAGS_PER_THEATRE = 27
GLOBAL_TAGS = (
    "funding",
    "weapons",
    "training",
    "escalation",
    "deterrence",
    "diplomacy",
    "ceasefire",
    "casualties",
    "history",
    "statement",
    "alliance",
    "sanctions",
    "intelligence",
    "hostages",
    "militias",
    "proxies",
    "normalization",
    "elections",
    "economy",
    "borders",
)
TOPIC_WORDS = (
    "ports",
    "drones",
    "smuggling",
    "tunnels",
    "shipping",
    "refugees",
    "grain",
    "pipelines",
    "airspace",
    "prisoners",
    "militia-pay",
    "rockets",
    "border-crossings",
    "aid-convoys",
    "oil",
    "talks",
    "mediation",
    "strikes",
    "assassinations",
    "recruitment",
    "propaganda",
    "cyber",
    "naval-patrols",
    "reconstruction",
    "succession",
    "protests",
    "water",
    "mines",
    "courts",
    "budgets",
)

# -- words --------------------------------------------------------------------------------------------

_ONSETS = ("b", "d", "f", "g", "h", "k", "l", "m", "n", "r", "s", "t", "v", "z", "sh", "kh", "q", "j", "y", "br", "dr", "tr")
_VOWELS = ("a", "e", "i", "o", "u", "a", "i", "ay", "ou")
_CODAS = ("", "", "", "n", "r", "l", "m", "s", "d", "t", "h", "k")
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
KIND_NAMES: dict[str, tuple[str, ...]] = {
    "state-body": (
        "Ministry of Defence of {s}",
        "Foreign Ministry of {s}",
        "Interior Ministry of {s}",
        "{s} General Staff",
        "{s} Intelligence Directorate",
        "{s} Revolutionary Council",
        "{s} Border Guard",
        "Parliament of {s}",
    ),
    "group-of-people": ("{s} refugees", "{s} civilians", "{s} officials", "{s} negotiators", "{s} fighters", "{s} prisoners"),
    "armed-group": ("{p} Brigades", "{p} Front", "{p} Martyrs Battalion", "{p} Movement Guard", "{p} Resistance Forces"),
    "think-tank": ("{p} Institute", "{p} Centre for Strategic Studies", "{p} Policy Forum", "{p} Foundation"),
    "media": ("{p} Television", "{p} Daily", "{p} Broadcasting", "{p} Press Agency"),
    "international-body": ("{p} Council", "{p} Commission", "{p} Relief Agency", "{p} Monitoring Mission"),
    "organisation": ("{p} Relief Society", "{p} Charitable Trust", "{p} Trading Company", "{p} Union"),
    "political-movement": ("{p} Party", "{p} Popular Movement", "{p} National Bloc"),
    "alliance": ("{p} Pact", "{p} Axis", "{p} Coalition"),
}
ROLES = ("leader", "spokesperson", "commander", "member", "adviser", "envoy", "founder", "deputy leader", "financier", "negotiator")
PREDICATES: dict[str, tuple[str, str]] = {
    # relation type -> (verb of the statement, hedged verb of a qualifying sentence)
    "funds": ("funds", "may have funded"),
    "arms": ("supplies weapons to", "may have supplied weapons to"),
    "trains": ("trains fighters of", "may have trained fighters of"),
    "supports": ("backs", "may have backed"),
    "directs": ("directs the operations of", "may have directed the operations of"),
    "leads": ("leads", "may have led"),
    "member-of": ("belongs to", "may have belonged to"),
    "works-for": ("works for", "may have worked for"),
    "allied-with": ("is allied with", "may have been allied with"),
    "coordinates-with": ("coordinates its moves with", "may have coordinated its moves with"),
    "opposes": ("opposes", "may have opposed"),
    "attacked": ("attacked", "may have attacked"),
    "hosts": ("hosts envoys of", "may have hosted envoys of"),
    "rivals": ("competes with", "may have competed with"),
}
CLAIM_DETAILS = (
    "through intermediaries in neighbouring countries",
    "despite repeated public denials",
    "in exchange for political cover",
    "as part of a wider regional strategy",
    "with money routed through charities",
    "on a scale larger than before the war",
    "under pressure from its own members",
    "without the knowledge of its allies",
    "in the months before the ceasefire talks",
    "to deter a wider war",
    "while keeping a measure of independence",
    "at the request of senior commanders",
)
ATTRIBUTIONS = ("{name} said", "{name} told reporters", "according to {name}", "{name} said in a statement", "{name} told the outlet")
SAY_VERBS = ("said", "told reporters", "said in a statement", "insisted", "claimed", "argued")
#: Clause frames per stance; ``{core}`` states the claim, ``{hedged}`` states it with "may have".
FRAMES = {
    "supports": ("{core} {tail}", "{core} {tail}", "By all accounts {core} {tail}", "Records show that {core} {tail}"),
    "qualifies": ("{hedged} {tail}, but only in part", "{hedged} {tail}, on a smaller scale than first thought", "In part {core} {tail}"),
    "disputes": ("There is no evidence that {core} {tail}", "It is false that {core} {tail}", "Claims that {core} {tail} are unfounded"),
    "mentions": ("Whether {core} {tail} is unclear", "Some ask whether {core} {tail}", "Reports that {core} {tail} circulated"),
}
TAILS = ("near {place}", "in {place}", "around {place}", "via {place}", "from {place}", "with some {count} {unit} in {place}")
UNITS = ("fighters", "rockets", "advisers", "trucks", "families", "tonnes of supplies", "detainees", "dollars a month")
FILLERS = (
    "The region has seen several such episodes in recent years.",
    "Officials in several capitals declined to comment.",
    "The picture remains incomplete.",
    "Analysts disagree on what comes next.",
    "Much depends on decisions not yet taken.",
)
OUTLET_FORMS = ("The {p} Review", "{p} Post", "{p} Herald", "{p} Observer", "{p} Monitor", "{p} Times", "War and {p}", "{p} Report")
SOURCE_TITLES = (
    "{a} and {b}: An Uneasy Partnership",
    "What {a} Wants From {b}",
    "How {a} Built Its Network Around {b}",
    "{a} Raises Pressure on {b}, Officials Say",
    "Inside the Ties Between {a} and {b}",
)
EVENT_TITLES = (
    "{a} strike on positions near {place}",
    "Talks between {a} and {b} in {place}",
    "{a} announces new measures against {b}",
    "Clashes between {a} and {b} near {place}",
    "Meeting of {a} and {b} leaders in {place}",
    "{a} visit to {place}",
)
HYPOTHESES = (
    "{a} acts on its own account.",
    "{a} follows the lead of {b}.",
    "{a} and {b} coordinate as equals.",
    "{a} has no decisive role.",
)


def _weighted(rng: random.Random, mix: dict[Any, int]) -> Any:
    return rng.choices(list(mix), weights=list(mix.values()))[0]


def _deck(rng: random.Random, mix: dict[Any, int], count: int) -> list[Any]:
    """``count`` values in the proportions of ``mix`` (largest remainders), shuffled: a theatre then
    has the real corpus's exact mix, not just its expected value."""
    total = sum(mix.values())
    shares = {value: weight * count / total for value, weight in mix.items()}
    counts = {value: int(share) for value, share in shares.items()}
    short = count - sum(counts.values())
    for value in sorted(shares, key=lambda value: shares[value] - counts[value], reverse=True)[:short]:
        counts[value] += 1
    deck = [value for value, number in counts.items() for _ in range(number)]
    rng.shuffle(deck)
    return deck


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
