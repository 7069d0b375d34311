"""Records passed between pipeline stages: text -> extraction -> RDF -> checks.

Plain frozen dataclasses; this module imports nothing of ours, so every stage can use it.
Offsets are character offsets into `SourceDoc.body` (half-open: body[start:end]).
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Qualifiers a figure can carry; `vague` is "hundreds of", "millions of" (no usable value).
QUALIFIERS = ("exact", "approx", "lower_bound", "upper_bound", "range", "vague")
# Kinds of figure; the unit family used by the checks.
FIGURE_KINDS = ("count", "money", "percent", "date", "duration", "quantity")
# How a mention's surface form relates to the entity's preferred label.
VARIANTS = ("alias", "case", "misspelling")


@dataclass(frozen=True)
class SourceDoc:
    """One article as read from disk; `body` is verbatim, offsets point into it."""

    id: str
    body: str
    content_hash: str
    filename: str = ""
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    date: str | None = None  # ISO 8601 (YYYY, YYYY-MM or YYYY-MM-DD) or None
    url: str | None = None
    media_type: str = "text/markdown"


@dataclass(frozen=True)
class Figure:
    """A number as stated in the text, normalised.

    `value` is a float for quantities and an ISO 8601 string for dates. `low`/`high` is
    the interval the statement asserts (None = unbounded on that side), so checks can
    compare statements like "about 24,000" and "more than 24,000".

    `unit` of a duration is the plural English unit name whatever the number: "seconds",
    "minutes", "hours", "days", "weeks", "months", "years", "decades", "centuries" ("1 year"
    and "15 years" both read "years"; an age is "years of age"). The singular "year" is
    never a duration unit, so a reader can tell a duration from a date.
    """

    text: str
    start: int
    end: int
    value: float | str | None
    unit: str  # ISO 4217 code, "percent", "date", a duration unit, or the counted noun
    kind: str  # one of FIGURE_KINDS
    qualifier: str  # one of QUALIFIERS
    low: float | str | None = None
    high: float | str | None = None
    concept: str | None = None  # the thing counted or measured: "fraudulent accounts"
    subject: str | None = None  # canonical name of what the figure is about: "MiniMax"
    sentence_start: int = 0
    sentence_end: int = 0
    precision: float | None = None  # rounding step implied by the text: 1e6 for "16 million"
    subjects: tuple[str, ...] = ()  # every name when the subject is a group ("A, B and C")


@dataclass(frozen=True)
class Mention:
    """A name in the text and the entity it resolves to."""

    text: str
    start: int
    end: int
    canonical: str  # preferred label of the entity
    entity_id: str  # stable key of the entity (slug of the canonical name)
    type: str  # ORG, PERSON, GPE, NORP, PRODUCT
    variant: str | None = None  # one of VARIANTS, None for the preferred label itself
    confidence: float = 1.0


@dataclass(frozen=True)
class Claim:
    """A statement (a sentence) that carries figures, with who it is attributed to."""

    text: str
    start: int
    end: int
    attribution: str | None = None  # canonical name of the cited origin: "Anthropic"
    attribution_text: str | None = None  # the words that cite it: "according to Anthropic"
    figures: tuple[Figure, ...] = ()
    subjects: tuple[str, ...] = ()  # canonical names of entities named in the sentence


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one document."""

    doc: SourceDoc
    claims: tuple[Claim, ...] = ()
    mentions: tuple[Mention, ...] = ()
    figures: tuple[Figure, ...] = field(default=())  # every figure, also outside claims


@dataclass(frozen=True)
class FlaggedClaim:
    """One statement a flag rests on."""

    source: str
    text: str  # the figure's surface text (or the mention's, for name variants)
    sentence: str
    value: float | str | None
    unit: str | None
    qualifier: str | None
    start: int
    end: int
    claim_iri: str | None = None


@dataclass(frozen=True)
class Flag:
    """A finding of the cross-source checks."""

    id: str
    kind: str  # value_conflict, qualifier_mismatch, unit_mismatch, date_conflict,
    # parts_whole, arithmetic, single_source, attribution, name_variant, corroboration
    severity: str  # high, medium, low, info
    subject: str | None
    slot: str | None
    message: str
    claims: tuple[FlaggedClaim, ...] = ()
