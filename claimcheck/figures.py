"""Figures: the numbers a news sentence states, normalised into `Figure` records.

A spaCy component (`claimcheck_figures`) walks the tokens once after the parser and NER:
it reads number phrases (digits, words, glued scales and currencies: `phrases.py`), drops
the ones that name rather than count (`identifiers.py`), then uses the parse to find what
they count and the qualifier words around them (`units.py`), ranges and coordination
(`ranges.py`), and dates (`dates.py`). NER labels are one signal (DATE, QUANTITY), never
the only one. `find_figures` adds what needs context the component cannot see: the
article date (for "last year", via `dates.py`) and entity mentions (the subject, via
`subjects.py`).

Imports flow one way: figures -> ranges -> identifiers -> units -> phrases -> numbers.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING

from claimcheck import dates
from claimcheck import numbers as nb
from claimcheck.identifiers import is_identifier, is_pronoun_one
from claimcheck.models import Figure, Mention
from claimcheck.phrases import UNIT_POS, Num, glued, number_at
from claimcheck.ranges import (
    bare_units,
    read_range,
    share_conversion,
    share_coordination,
)
from claimcheck.subjects import figure_subject
from claimcheck.units import (
    Read,
    currency_before,
    measure_at,
    noun_unit,
    qualifier_before,
    read_number,
    unit_after,
)

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

COMPONENT = "claimcheck_figures"


def add_figure_components(nlp: Language) -> None:
    """Register the figure component and the `Doc._.figures` slot, then append it."""
    from spacy.language import Language
    from spacy.tokens import Doc

    if not Doc.has_extension("figures"):
        Doc.set_extension("figures", default=None)
    if not Language.has_factory(COMPONENT):
        Language.component(COMPONENT, func=_figures_component)
    if COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(COMPONENT, last=True)


def _figures_component(doc: Doc) -> Doc:
    """Context-free figures, stored on the doc so `find_figures` need not re-read it."""
    doc._.figures = extract_figures(doc)
    return doc


def find_figures(
    doc: Doc, *, article_date: str | None = None, mentions: Sequence[Mention] = ()
) -> list[Figure]:
    """All figures in `doc`, sorted by start, with relative dates and subjects resolved."""
    from spacy.tokens import Doc

    stored = doc._.figures if Doc.has_extension("figures") else None
    figures = list(stored) if stored is not None else extract_figures(doc)
    anchor = nb.parse_iso(article_date)
    out = []
    for fig in figures:
        if fig.kind == "date" and fig.value is None:
            fig = dates.resolve_relative(doc, fig, anchor)
        if mentions:
            subject, subjects = figure_subject(doc, fig, mentions)
            fig = dataclasses.replace(fig, subject=subject, subjects=subjects)
        out.append(fig)
    return sorted(out, key=lambda f: (f.start, f.end))


# -- vague amounts and dates ------------------------------------------------------------


def _date_read(doc: Doc, span: dates.DateSpan | None, modified: bool) -> Read | None:
    """A date from `dates.py` as a read; `modified` widens it over "late", "mid-", "end of"."""
    if span is None:
        return None
    num = Num(span.start, span.end, 0.0, 0.0, year=True)
    read = Read(num, span.start, span.end, "date", "date", span.qualifier, iso=span.value)
    return _date_modifier(doc, read) if modified else read


def _date_modifier(doc: Doc, read: Read) -> Read:
    """ "late 2024", "mid-2025", "the end of 2024": an approximate date."""
    k = dates.modifier_start(doc, read.start)
    if k is not None:
        read.start, read.qualifier = k, "approx"
    return read


def _vague_at(doc: Doc, i: int) -> Read | None:
    """ "hundreds of accounts", "tens of thousands of dollars": no value, an interval."""
    low_word = doc[i].lower_
    if low_word not in nb.VAGUE or i + 1 >= len(doc) or doc[i + 1].lower_ != "of":
        return None
    low, high = nb.VAGUE[low_word]
    j = i + 2
    if j + 1 < len(doc) and doc[j].lower_ in ("thousands", "millions", "billions") and doc[j + 1].lower_ == "of":
        scale = nb.VAGUE[doc[j].lower_][0]
        low, high, j = low * scale, high * scale, j + 2
    num = Num(i, j - 1, float("nan"), 0.0)
    pobj = next((c for c in doc[j - 1].children if c.dep_ == "pobj"), None)
    kind, unit, concept, end = "count", "count", None, j - 1
    if pobj is not None and pobj.pos_ == "PROPN" and any(t.pos_ == "NOUN" for t in doc[j : pobj.i]):
        pobj = next(t for t in reversed(doc[j : pobj.i]) if t.pos_ == "NOUN")  # "man-hours Anthropic spent"
    if pobj is not None and pobj.pos_ in UNIT_POS and pobj.i - j <= 4:
        end = pobj.i + 1
        if pobj.lower_ in nb.CURRENCY_NAME:
            kind, unit = "money", nb.CURRENCY_NAME[pobj.lower_]
        else:
            unit = pobj.lower_
            if pobj.i - 2 >= j and doc[pobj.i - 1].text == "-" and glued(doc[pobj.i - 2], doc[pobj.i - 1]):
                unit = doc[pobj.i - 2 : pobj.i + 1].text.lower()  # "man-hours"
            concept = " ".join(t.text for t in doc[j:end] if t.pos_ not in ("DET", "PRON"))
    return Read(num, i, end, kind, unit, "vague", concept, low, high)


# -- the whole doc ----------------------------------------------------------------------


def extract_figures(doc: Doc) -> list[Figure]:
    """Every figure in the doc without outside context (no article date, no mentions)."""
    claimed = [False] * len(doc)
    reads: list[Read] = []

    def take(read: Read) -> None:
        reads.append(read)
        for t in range(read.start, read.end):
            claimed[t] = True

    for i in range(len(doc)):  # dates and vague amounts first: they own their numbers
        if claimed[i]:
            continue
        read = _date_read(doc, dates.date_at(doc, i), True) or _date_read(doc, dates.relative_at(doc, i), False)
        read = read or _vague_at(doc, i)
        if read is not None and not any(claimed[read.start : read.end]):
            take(read)
    i = 0
    while i < len(doc):
        num = None if claimed[i] else number_at(doc, i)
        if num is None or any(claimed[max(num.start, i) : num.end]):
            i += 1
            continue
        if is_identifier(doc, num) or is_pronoun_one(doc, num):
            i = num.end
            continue
        if num.year and _is_year(doc, num):
            read = read_range(doc, Read(num, num.start, num.end, "date", "date")) or Read(
                num, num.start, num.end, "date", "date", iso=str(int(num.value))
            )
            read = _date_modifier(doc, read) if read.qualifier == "exact" else read
        else:
            read = read_number(doc, num)
            read = read_range(doc, read) or read
        if any(claimed[read.start : read.end]):
            read.start = num.start
        take(read)
        i = max(read.end, i + 1)
    reads = sorted((r for r in reads if r.kind != "score"), key=lambda r: r.start)
    share_coordination(doc, [r for r in reads if r.kind != "date"])
    share_conversion(doc, [r for r in reads if r.kind != "date"])
    bare_units(doc, [r for r in reads if r.kind != "date"])
    return [_to_figure(doc, r) for r in reads]


def _is_year(doc: Doc, num: Num) -> bool:
    """A four-digit number read as a year: "in 2016", "the 1988 film", not "2000 employees"."""
    tok = doc[num.start]
    prev = doc[num.start - 1].lower_ if num.start > 0 else ""
    nxt = doc[num.end] if num.end < len(doc) else None
    if nxt is not None and nxt.text in ("-", "–", "to") and num.end + 1 < len(doc):
        other = number_at(doc, num.end + 1)
        after = doc[other.end] if other is not None and other.end < len(doc) else None
        if other is not None and not other.year and len(doc[num.end + 1].text) != 2:
            return False  # "2000 - 2500 calories"
        if other is not None and after is not None and after.tag_ == "NNS" and after.pos_ == "NOUN":
            return False  # "from 1000 to 2000 hires"
    if measure_at(doc, num) is not None:
        return False  # "the 1520 sq m centre", "the 1000 hp barrier"
    if (
        nxt is not None and nxt.pos_ == "PROPN" and nxt.is_title and nxt.tag_ == "NNP" and nxt.ent_type_ != "NORP"
        and nb.month_number(nxt.text) is None
    ):  # fmt: skip
        return True  # "the 2013 Iron Bowl", "the 2016 Olympics"
    if qualifier_before(doc, num.start)[0] != "exact" and prev not in ("by", "before", "after"):
        return False  # "about 1000", "more than 1500"
    if nxt is not None and nxt.tag_ == "NN" and nxt.pos_ == "NOUN":
        return True  # "the 2019 review": no count of 2019 of a singular thing
    if prev in ("in", "since", "by", "until", "till", "from", "of", "before", "after", "during", "between", "through", "and", "to", "early", "late", "mid", "-"):
        return True
    if tok.ent_type_ == "DATE":
        return True
    return noun_unit(doc, num) is None and unit_after(doc, num) is None and currency_before(doc, num)[0] is None


def _to_figure(doc: Doc, r: Read) -> Figure:
    """A `Figure` with character offsets and the interval its qualifier asserts."""
    start_char = doc[r.start].idx
    last = doc[r.end - 1]
    end_char = last.idx + len(last.text)
    if last.text.endswith(".") and last.lower_.rstrip(".") in nb.SCALES:
        end_char -= 1  # "75m." at a sentence end: the period is not part of the figure
    sent = doc[r.num.start].sent
    value: float | str | None
    low: float | str | None
    high: float | str | None
    precision: float | None = r.num.precision or None
    if r.kind == "date":
        precision = None
        if r.qualifier == "range" and r.low is not None and r.high is not None:
            value, low, high = str(int(r.low)), str(int(r.low)), str(int(r.high))
        else:
            value = r.iso
            low = high = value
    elif r.qualifier in ("range", "vague"):
        value = r.low if r.qualifier == "range" else None
        low, high = r.low, r.high
    else:
        value = r.num.value
        low = None if r.qualifier == "upper_bound" else value
        high = None if r.qualifier == "lower_bound" else value
    return Figure(
        text=doc.text[start_char:end_char], start=start_char, end=end_char, value=value,
        unit=r.unit, kind=r.kind, qualifier=r.qualifier, low=low, high=high,
        concept=r.concept or None, sentence_start=sent.start_char, sentence_end=sent.end_char,
        precision=precision,
    )  # fmt: skip
