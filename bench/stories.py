"""Stories for the synthetic corpus: who did what, and the true figures behind it.

A story is the fact pattern several outlets report. Its figures are kept as `Fact`s (the
value an outlet states when it gets it right); `parts` are figures that add up to a total
(per company, per country, per division), so an outlet can also get the arithmetic wrong.
Everything is drawn from a `random.Random` the caller seeds, so a seed gives one corpus.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

KINDS = ("abuse", "breach", "layoffs", "settlement", "funding")

OUTLETS = (
    "The Daily Ledger", "Metro Tribune", "TechWire", "Harbor Post", "The Northern Courier",
    "Capital Observer", "Signal & Noise", "The Evening Standard-Herald", "Valley Gazette",
    "Circuit Weekly", "The Market Desk", "Coastline Times", "Riverside Chronicle",
    "Byte Report", "The Policy Review", "Summit News", "Frontier Dispatch", "Global Wire Service",
    "The Commons Journal", "Lakeside Examiner", "Digital Frontier", "The Atlas Review",
    "Plainview Register", "Cityline Daily", "The Morning Bulletin", "Open Source Times",
    "Ironbridge Post", "Westgate Herald", "Data Desk Asia", "The Continental",
)
FIRST_NAMES = (
    "Maria", "James", "Aiko", "Daniel", "Priya", "Tomas", "Leila", "Samuel", "Grace", "Omar",
    "Elena", "Victor", "Hannah", "Kwame", "Sofia", "Lucas", "Mei", "Andre", "Nadia", "Peter",
    "Ingrid", "Rafael", "Chloe", "Dmitri", "Amara", "Jonas", "Rosa", "Felix", "Yuki", "Helen",
)
LAST_NAMES = (
    "Alvarez", "Brennan", "Chen", "Dubois", "Eriksen", "Fischer", "Gupta", "Hartley", "Ivanova",
    "Jensen", "Kowalski", "Lindqvist", "Moreau", "Nakamura", "Okafor", "Petrov", "Quinn",
    "Rossi", "Schmidt", "Tanaka", "Underwood", "Vasquez", "Whitfield", "Yamamoto", "Zielinski",
    "Adeyemi", "Bergstrom", "Castillo", "Delacroix", "Fontaine",
)
COUNTRIES = (
    "the United States", "Canada", "the United Kingdom", "Germany", "France", "Japan",
    "Brazil", "India", "Australia", "Spain", "Mexico", "South Korea",
)
DIVISIONS = ("cloud", "hardware", "advertising", "retail", "consumer", "research", "payments", "logistics")
PRODUCTS = ("Aria", "Beacon", "Cortex", "Delta", "Echo", "Fable", "Atlas", "Nimbus", "Orbit", "Prism")
_HEADS = ("Vel", "Nor", "Quan", "Arc", "Lum", "Zen", "Ori", "Kal", "Tess", "Brio", "Cor", "Fen",
          "Hal", "Iso", "Jun", "Mer", "Nex", "Oct", "Pol", "Rav", "Sol", "Tor", "Ul", "Vex", "Wyn",
          "Xan", "Yor", "Zeph", "Ald", "Bex", "Cal", "Dor", "Eld", "Gal", "Hex", "Ivo", "Kor", "Lyr",
          "Mag", "Nim", "Opt", "Pyr", "Quor", "Rho", "Syl", "Tam", "Umb", "Vir", "Wex", "Zor", "Amb",
          "Bry", "Cyg", "Dex", "Eos", "Fal", "Gry", "Hyp", "Ith", "Jas", "Kyr", "Lux", "Myr", "Nav",
          "Ost", "Pax", "Riv", "Sab", "Tal", "Ven")
_MIDS = ("a", "i", "o", "e", "u", "")
_TAILS = ("trix", "vian", "lytic", "dex", "nova", "gen", "mark", "sys", "flow", "bit", "ware",
          "wave", "path", "core", "sphere", "lane", "forge", "mind", "tica", "quest", "ora", "lume",
          "stone", "field", "grid", "scope", "vista", "bridge", "point", "cast", "shift", "nest",
          "loop", "peak", "rise", "tide", "vault", "works", "yard", "zone")
_FORMS = ("Labs", "AI", "Systems", "Technologies", "Robotics", "Health", "Bank", "Energy",
          "Networks", "Logistics", "Media", "Capital")
COMPANY_POOL = 600  # companies a seed invents; fixed so a corpus of N is a prefix of N + 1


@dataclass(frozen=True)
class Fact:
    """A figure as outlets state it: value, how it is qualified, and its paraphrases."""

    value: float
    kind: str  # count | money | percent
    qualifier: str  # exact | approx | lower
    concepts: tuple[str, ...] = ()  # what is counted, in several words; [0] is the usual one


@dataclass
class Story:
    id: str
    kind: str
    date: str  # ISO date of the event
    subject: str  # the company the story is about
    others: tuple[str, ...]  # companies, countries, divisions or investors the parts belong to
    person: str  # a spokesperson quoted by the outlets
    product: str
    facts: dict[str, Fact] = field(default_factory=dict)
    parts: tuple[float, ...] = ()  # add up to facts["total"] (before the outlet's rounding)


def company_pool(seed: int) -> list[str]:
    """Distinct invented company names, none a near-spelling of another.

    Greedy over every head+mid+tail in a seeded order, so it always ends; a misspelling
    planted in one name must not be closer to another catalogued name.
    """
    rng = random.Random(f"{seed}:companies")
    candidates = sorted({h + m + t for h in _HEADS for m in _MIDS for t in _TAILS if len(h + m + t) >= 6})
    rng.shuffle(candidates)
    names: list[str] = []
    cores: list[str] = []
    for core in candidates:
        if any(_near(core.lower(), other) for other in cores):
            continue
        cores.append(core.lower())
        names.append(core if rng.random() < 0.4 else f"{core} {rng.choice(_FORMS)}")
        if len(names) == COMPANY_POOL:
            return names
    raise ValueError(f"only {len(names)} distinct company names; add heads or tails")


def _near(a: str, b: str) -> bool:
    """Names a reader (or a fuzzy matcher) could take for one another."""
    from rapidfuzz.distance import Levenshtein

    return Levenshtein.normalized_similarity(a, b) >= 0.7


def make_story(index: int, seed: int, pool: list[str]) -> Story:
    """Story `index` of the stream; each kind cycles through its own shuffle of the pool."""
    rng = random.Random(f"{seed}:story:{index}")
    kind = KINDS[index % len(KINDS)]
    order = list(range(len(pool)))
    random.Random(f"{seed}:order:{kind}").shuffle(order)
    subject = pool[order[(index // len(KINDS)) % len(pool)]]
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    story = Story(
        id=f"s{index:05d}",
        kind=kind,
        date=f"{rng.choice((2023, 2024, 2025))}-{month:02d}-{day:02d}",
        subject=subject,
        others=(),
        person=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
        product=rng.choice(PRODUCTS),
    )
    others = [name for name in rng.sample(pool, 4) if name != subject]
    BUILDERS[kind](story, rng, others)
    return story


def _round(value: float, step: float) -> float:
    return max(step, round(value / step) * step)


def _abuse(story: Story, rng: random.Random, others: list[str]) -> None:
    story.others = tuple(others[: rng.choice((2, 3))])
    parts = [_round(rng.uniform(0.1e6, 9e6), 1e5) for _ in story.others]
    parts[0] = _round(rng.uniform(50e3, 400e3), 1e4)  # one small player, as in real reports
    story.parts = tuple(parts)
    total = sum(parts)
    story.facts = {
        "accounts": Fact(_round(rng.uniform(3e3, 90e3), 1e3), "count", rng.choice(("approx", "exact")),
                         ("fraudulent accounts", "fake accounts")),
        # "more than 16 million" for 16.55 million: outlets round the total down.
        "total": Fact((total // 1e6) * 1e6 if total >= 2e6 else (total // 1e5) * 1e5, "count",
                      "lower", ("exchanges", "conversations")),
        "valuation": Fact(_round(rng.uniform(5e9, 400e9), 1e9), "money", "exact", ("valuation",)),
    }


def _breach(story: Story, rng: random.Random, others: list[str]) -> None:
    story.others = tuple(rng.sample(COUNTRIES, rng.choice((2, 3))))
    story.parts = tuple(_round(rng.uniform(0.2e6, 5e6), 1e5) for _ in story.others)
    story.facts = {
        "total": Fact(_round(sum(story.parts), 1e5), "count", "approx", ("customer records", "customer files")),
        "fine": Fact(_round(rng.uniform(2e6, 90e6), 1e6), "money", "exact", ("fine",)),
        "drop": Fact(float(rng.randint(3, 19)), "percent", "exact", ("shares",)),
    }


def _layoffs(story: Story, rng: random.Random, others: list[str]) -> None:
    story.others = tuple(rng.sample(DIVISIONS, rng.choice((2, 3))))
    story.parts = tuple(_round(rng.uniform(100, 2500), 50) for _ in story.others)
    total = sum(story.parts)
    share = rng.randint(4, 18)
    story.facts = {
        "total": Fact(total, "count", "exact", ("jobs", "positions")),
        "share": Fact(float(share), "percent", "approx", ("workforce",)),
        "staff": Fact(_round(total * 100 / share, 500), "count", "approx", ("employees", "staff")),
    }


def _settlement(story: Story, rng: random.Random, others: list[str]) -> None:
    story.others = ("authors", "publishers")
    per_work = float(rng.choice((1500, 2000, 2500, 3000, 4000)))
    works = _round(rng.uniform(50e3, 600e3), 1e4)
    amount = per_work * works
    author_share = _round(amount * rng.uniform(0.5, 0.8), 1e6)
    story.parts = (author_share, amount - author_share)
    story.facts = {
        "total": Fact(amount, "money", "exact", ("settlement",)),
        "per_work": Fact(per_work, "money", "approx", ("per book", "per work")),
        "works": Fact(works, "count", "approx", ("books", "titles")),
    }


def _funding(story: Story, rng: random.Random, others: list[str]) -> None:
    story.others = tuple(others[:2])
    story.parts = (_round(rng.uniform(50e6, 400e6), 10e6), _round(rng.uniform(20e6, 200e6), 10e6))
    story.facts = {
        "total": Fact(sum(story.parts), "money", "exact", ("funding round", "new funding")),
        "valuation": Fact(_round(rng.uniform(1e9, 60e9), 1e8), "money", "approx", ("valuation",)),
        "staff": Fact(_round(rng.uniform(80, 3000), 10), "count", "approx", ("employees", "staff")),
    }


BUILDERS = {"abuse": _abuse, "breach": _breach, "layoffs": _layoffs, "settlement": _settlement, "funding": _funding}
