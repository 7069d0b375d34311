"""Fact slots: the figures of every source (read from the KB by `claimcheck.checks_rdf`),
grouped by the fact they report (same subject, same measured thing, same time), so the
checks compare like with like.

Blocking first (unit family, then subject), then sentence-encoder similarity inside each
block only; no all-pairs across the corpus. Each distinct concept and sentence is encoded
once per run. The threshold is measured in bench/slot_threshold.py.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from claimcheck.vocab import short_hash

if TYPE_CHECKING:
    import numpy as np

    from claimcheck.nlp import Models

GROUP_BLOCK = "(group)"
# Articles published further apart than this report different events (when both are dated).
NEWS_CYCLE_DAYS = 30  # the block key of figures without a single subject
# Pair score at or above which two figures report one fact (bench/slot_threshold.py).
SLOT_THRESHOLD = 0.56
# Weight of the concept ("fake accounts") against the claim sentence in the pair score.
CONCEPT_WEIGHT = 0.5
# Kinds compared as one family while slotting: the extractor's count/quantity split is
# about the unit's form ("16 million interactions" vs "37m"), not the fact.
_BLOCK_FAMILY = {"count": "amount", "quantity": "amount"}
# Added to the pair score when the two figures' intervals overlap: agreeing values are
# evidence of one fact, so corroboration needs less wording evidence than a conflict does.
AGREEMENT_BONUS = 0.15
# A figure joins a slot when its mean score clears the threshold and no single pair falls
# more than this below it: wording varies more across five outlets than across two.
LINKAGE_SLACK = 0.15
# Words kept on each side of a figure that has no concept, for comparing what it measures.
CONTEXT_WORDS = 5
# How far "about", "roughly" stretch a figure beyond its stated precision.
APPROX_SLACK = 0.1
# What a sum of money is when no noun says so, from the verb of its clause: "the company
# settled the suit with authors for $1.5 billion" is a settlement, as "a $1.5 billion
# settlement" is. The nearest verb before the figure wins.
_MONEY_VERBS = (
    (r"settl(?:e|es|ed|ing)", "settlement"),
    (r"fin(?:e|es|ed)", "fine"),
    (r"rais(?:e|es|ed|ing)", "funding"),
    (r"valu(?:e|es|ed|ing)", "valuation"),
    (r"invest(?:s|ed|ing)?", "investment"),
    (r"(?:acquir|purchas)(?:e|es|ed|ing)|b(?:uys?|ought|uying)", "purchase price"),
    (r"pa(?:ys?|id|ying)", "payment"),
    (r"sp(?:ends?|ent|ending)", "spending"),
    (r"earn(?:s|ed|ing)?", "earnings"),
    (r"los(?:es?|t|ing)", "loss"),
    (r"borrow(?:s|ed|ing)?", "loan"),
    (r"award(?:s|ed|ing)?", "award"),
    (r"donat(?:e|es|ed|ing)", "donation"),
)
_MONEY_VERB = re.compile(r"\b(?:" + "|".join(f"({verb})" for verb, _ in _MONEY_VERBS) + r")\b", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[,;:()\u2013\u2014]")


@dataclass(frozen=True)
class Statement:
    """One figure as one source states it, with what the checks need about its context."""

    iri: str
    source: str
    independence: str  # outlet (or source id): two stories of one outlet are not independent
    text: str
    sentence: str
    start: int
    end: int
    kind: str
    unit: str
    qualifier: str
    value: float | str | None
    low: float | str | None
    high: float | str | None
    precision: float | None
    concept: str | None
    subject: str | None  # entity IRI when the figure is about one entity
    group: tuple[str, ...] = ()  # entity IRIs when it is about several together
    claim: str | None = None
    claim_subjects: tuple[str, ...] = ()
    attribution: str | None = None
    time: str | None = None  # year of a date stated in the same claim
    repeats: tuple[str, ...] = ()  # IRIs of the same sentence repeated in the same article
    topics: tuple[str, ...] = ()  # entity IRIs the article names most: its story, for subjectless figures
    published: int | None = None  # the article's publication day (proleptic ordinal)

    @property
    def family(self) -> str:
        return _BLOCK_FAMILY.get(self.kind, self.kind)

    @property
    def context(self) -> str:
        """The words around the figure: what it measures when no concept was extracted
        ("now valued at $380 billion, is itself facing"), without the rest of the sentence."""
        at = self.sentence.find(self.text)
        if at < 0 or not self.text or self.kind == "date":  # a date's event is the whole sentence
            return self.sentence
        before = self.sentence[:at].split()[-CONTEXT_WORDS:]
        after = self.sentence[at + len(self.text) :].split()[:CONTEXT_WORDS]
        return " ".join([*before, self.text, *after])

    @property
    def concept_text(self) -> str | None:
        if self.concept:
            return self.concept.lower()
        if self.kind in ("count", "quantity") and self.unit != "count":
            return self.unit.lower()
        if self.kind == "money":
            return money_concept(self.sentence, self.text)
        return None


def money_concept(sentence: str, text: str) -> str | None:
    """The noun of the verb that spends or receives a sum ("settled ... for $X": settlement)."""
    at = sentence.find(text) if text else -1
    if at < 0:
        return None
    clause = _CLAUSE_BREAK.split(sentence[:at])[-1]
    found = list(_MONEY_VERB.finditer(clause))
    if not found:
        return None
    last = found[-1]
    return next(noun for index, (_, noun) in enumerate(_MONEY_VERBS) if last.group(index + 1))


@dataclass(frozen=True)
class Slot:
    """A fact several figures report; `members` are sorted by source and offset."""

    id: str
    family: str
    subject: str | None
    group: tuple[str, ...]
    concept: str | None
    time: str | None
    members: tuple[Statement, ...]

    @property
    def sources(self) -> list[str]:
        return sorted({m.source for m in self.members})

    @property
    def kind(self) -> str:
        kinds = sorted(m.kind for m in self.members)
        return max(kinds, key=kinds.count)


@dataclass(frozen=True)
class Corpus:
    """Everything the checks read from the KB, in plain records."""

    statements: tuple[Statement, ...]
    labels: dict[str, str]  # entity IRI -> preferred label
    sources: dict[str, dict[str, object]]  # source id -> date, outlet, origins, claims
    mentions: tuple[dict[str, object], ...]
    attributions: tuple[dict[str, object], ...]
    things: frozenset[str] = frozenset()  # entity IRIs of products and places: not actors


def figure_subject(
    about: Sequence[str], claim_subjects: Sequence[str], origin: str | None, things: frozenset[str] = frozenset()
) -> tuple[str | None, tuple[str, ...]]:
    """What a figure is about: one entity, or a group of organisations and people.

    A product or a place is never a member of a group ("A, Claude and B" are A and B), and
    the origin a claim is attributed to is not what its figure is about when the claim names
    others: "Anthropic ... accusing A, B and C of running 24,000 accounts" is about A, B, C.
    """
    if not about:
        return None, ()
    others = tuple(e for e in claim_subjects if e != origin and e not in things)
    if len(about) == 1:
        if about[0] == origin and len(others) >= 2:
            return None, others
        return about[0], ()
    named = [e for e in about if e not in things]
    if origin in named and len(named) > 1:
        named.remove(origin)
    if len(named) < 2 and len(others) >= 2:
        return None, others
    if len(named) == 1:
        return named[0], ()
    return None, tuple(named) if named else tuple(about)


# --------------------------------------------------------------------------- repeats


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def collapse_repeats(statements: Sequence[Statement]) -> Iterable[Statement]:
    """A sentence an article repeats is one statement: it never corroborates itself."""
    kept: list[Statement] = []
    # Only a figure with the same words in the same source can be a repeat.
    candidates: dict[tuple[str, str], list[int]] = defaultdict(list)
    for statement in statements:
        sentence, key = _norm(statement.sentence), (statement.source, _norm(statement.text))
        for index in candidates[key]:
            other = kept[index]
            earlier = _norm(other.sentence)
            if sentence in earlier or earlier in sentence:
                kept[index] = replace(other, repeats=other.repeats + (statement.iri,))
                break
        else:
            candidates[key].append(len(kept))
            kept.append(statement)
    return kept


# --------------------------------------------------------------------------- intervals


def interval(statement: Statement) -> tuple[float, float] | None:
    """What the statement asserts, as [low, high]; a bare figure allows its rounding."""
    if statement.qualifier == "vague" or statement.value is None:
        return None
    if statement.kind == "date":
        return _date_interval(statement)
    value = float(statement.value)  # type: ignore[arg-type]
    # Trailing zeros say a figure may be rounded ("300" to the hundred), but a reader takes
    # "20%" and "10%" as two claims: rounding is allowed at most a tenth of the figure.
    half = min(statement.precision or 0.0, APPROX_SLACK * abs(value)) / 2
    if statement.qualifier == "approx":
        slack = max(2 * half, APPROX_SLACK * abs(value))
        return value - slack, value + slack
    if statement.qualifier == "lower_bound":
        return value, math.inf
    if statement.qualifier == "upper_bound":
        return -math.inf, value
    if statement.qualifier == "range":
        low = float(statement.low if statement.low is not None else value)  # type: ignore[arg-type]
        high = float(statement.high if statement.high is not None else value)  # type: ignore[arg-type]
        return low - half, high + half
    return value - half, value + half


def _date_interval(statement: Statement) -> tuple[float, float] | None:
    """Days (proleptic ordinals) covered by an ISO year, month or day."""
    texts = [str(statement.low or statement.value), str(statement.high or statement.value)]
    bounds = [_iso_days(text) for text in texts]
    if bounds[0] is None or bounds[1] is None:
        return None
    return float(bounds[0][0]), float(bounds[1][1])


def _iso_days(text: str) -> tuple[int, int] | None:
    match = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", text.strip())
    if not match:
        return None
    year, month, day = int(match[1]), match[2], match[3]
    try:
        if day:
            ordinal = dt.date(year, int(month), int(day)).toordinal()
            return ordinal, ordinal
        if month:
            first = dt.date(year, int(month), 1)
            nxt = dt.date(year + int(month) // 12, int(month) % 12 + 1, 1)
            return first.toordinal(), nxt.toordinal() - 1
        return dt.date(year, 1, 1).toordinal(), dt.date(year, 12, 31).toordinal()
    except ValueError:
        return None


def overlap(intervals: Iterable[tuple[float, float]]) -> tuple[float, float] | None:
    """The common part of all intervals, or None when they cannot all hold."""
    low, high = -math.inf, math.inf
    for a, b in intervals:
        low, high = max(low, a), min(high, b)
    return (low, high) if low <= high else None


# --------------------------------------------------------------------------- slotting


class Similarity:
    """Cosine similarities of concepts and sentences, each text encoded once per run."""

    def __init__(self, models: Models | None, statements: Sequence[Statement], vectors: Mapping[str, np.ndarray] | None = None) -> None:
        texts = sorted(set().union(*(statement_texts(s) for s in statements)))
        if vectors is None:
            assert models is not None, "Similarity needs models or vectors"
            matrix = models.encode(texts)
        else:
            import numpy as np

            matrix = np.stack([vectors[t] for t in texts]) if texts else np.zeros((0, 384), dtype=np.float32)
        self._index = {text: i for i, text in enumerate(texts)}
        self._vectors: np.ndarray = matrix

    def text(self, a: str, b: str) -> float:
        if a == b:
            return 1.0
        return float(self._vectors[self._index[a]] @ self._vectors[self._index[b]])

    def pair(self, a: Statement, b: Statement, concept_weight: float = CONCEPT_WEIGHT) -> float:
        """How surely two figures report one fact: concept and sentence together."""
        ca, cb = a.concept_text, b.concept_text
        if ca and cb:
            return concept_weight * self.text(ca, cb) + (1 - concept_weight) * self.text(a.sentence, b.sentence)
        return self.text(a.context if not ca else a.sentence, b.context if not cb else b.sentence)


def statement_texts(statement: Statement) -> set[str]:
    """The texts a statement is compared by: its sentence, and its concept or context."""
    concept = statement.concept_text
    return {statement.sentence, concept} if concept else {statement.sentence, statement.context}


def pair_score(
    similarity: Similarity, a: Statement, b: Statement, *, concept_weight: float = CONCEPT_WEIGHT, bonus: float = AGREEMENT_BONUS
) -> float:
    """The slotting score: wording similarity, plus a bonus when the values agree."""
    score = similarity.pair(a, b, concept_weight)
    ia, ib = interval(a), interval(b)
    if ia is not None and ib is not None and overlap([ia, ib]) is not None:
        score += bonus
    return score


def block_key(statement: Statement) -> tuple[str, str]:
    """Only figures of one unit family and one subject (or of a group) are ever compared."""
    return statement.family, statement.subject or GROUP_BLOCK


def compatible(a: Statement, b: Statement) -> bool:
    """Hard constraints: one subject (groups are not told apart: the extractor's group
    membership is noisy), not two figures of one sentence or two values of one article,
    no two different stated years, no two articles published a news cycle apart (a
    company's layoffs in March and in September are two facts)."""
    if a.subject != b.subject or (a.claim is not None and a.claim == b.claim):
        return False
    if a.source == b.source:  # one article rarely contradicts itself: two values, two facts
        ia, ib = interval(a), interval(b)
        if ia is None or ib is None or overlap([ia, ib]) is None:
            return False
    if a.published is not None and b.published is not None and abs(a.published - b.published) > NEWS_CYCLE_DAYS:
        return False
    return not (a.time and b.time and a.time != b.time)


def build_slots(statements: Sequence[Statement], similarity: Similarity, threshold: float = SLOT_THRESHOLD) -> list[Slot]:
    """Average-linkage grouping inside each block: a figure joins the slot it matches best
    on average, and no pair in a slot is far below the threshold.

    Figures without a single subject ("The 1,550 jobs are expected to go") share one block
    per unit family; inside it a figure is compared only with slots from articles that
    share one of its article's main entities (`Statement.topics`), or with every slot when
    its article names none, so the block never means all pairs across the corpus.
    """
    blocks: dict[tuple[str, str], list[Statement]] = defaultdict(list)
    for statement in statements:
        if interval(statement) is not None:
            blocks[block_key(statement)].append(statement)
    slots: list[Slot] = []
    for key in sorted(blocks):
        clusters: list[list[Statement]] = []
        by_topic: dict[str, set[int]] = defaultdict(set)  # topic ("*": none) -> cluster indexes
        for statement in blocks[key]:
            if key[1] == GROUP_BLOCK and statement.topics:
                found = by_topic["*"].union(*(by_topic[t] for t in statement.topics))
                candidates: Iterable[int] = sorted(found)
            else:
                candidates = range(len(clusters))
            best, best_score = None, threshold
            for index in candidates:
                cluster = clusters[index]
                if not all(compatible(statement, m) for m in cluster):
                    continue
                scores = [pair_score(similarity, statement, m) for m in cluster]
                mean = sum(scores) / len(scores)
                if min(scores) >= threshold - LINKAGE_SLACK and mean >= best_score:
                    best, best_score = index, mean
            if best is None:
                best = len(clusters)
                clusters.append([statement])
            else:
                clusters[best].append(statement)
            for topic in statement.topics or ("*",):
                by_topic[topic].add(best)
        slots.extend(make_slot(cluster) for cluster in clusters)
    return sorted(slots, key=lambda s: s.id)


def make_slot(members: Sequence[Statement]) -> Slot:
    ordered = tuple(sorted(members, key=lambda s: (s.source, s.start, s.end)))
    concepts = sorted(c for m in ordered if (c := m.concept_text))
    concept = max(concepts, key=concepts.count) if concepts else None
    # The group most sources name: the extractor's group of one sentence can be off.
    groups = sorted({(m.source, m.group) for m in ordered if m.group})
    named = [g for _, g in groups]
    group = max(sorted(set(named)), key=named.count) if named else ()
    times = sorted({m.time for m in ordered if m.time})
    subject = ordered[0].subject
    return Slot(
        id=short_hash("slot", *(m.iri for m in ordered)),
        family=ordered[0].family,
        subject=subject,
        group=group,
        concept=concept,
        time=times[0] if times else None,
        members=ordered,
    )

