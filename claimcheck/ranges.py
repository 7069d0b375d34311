"""Figures read together: ranges ("10-20%", "between 10 and 20"), scores ("ended 2-2"),
and what coordinated or bracketed figures share ("more than 3.4 million and 13 million
exchanges", "100 kilometers (60 miles)"), including a bare number's unit.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from claimcheck import numbers as nb
from claimcheck.identifiers import is_identifier
from claimcheck.phrases import glued, number_at
from claimcheck.units import Read, read_number

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Verbs of change: "rose 5% to 10%" names a change and an end point, not a range.
_CHANGE_VERBS = {"rise", "fall", "climb", "drop", "increase", "decrease", "jump", "gain", "lose",
                 "grow", "slip", "surge", "plunge", "plummet", "cut", "raise", "lower", "boost",
                 "reduce", "add", "shed", "sink", "soar", "tumble", "slide", "decline", "rally",
                 "advance", "retreat", "ease", "narrow", "widen", "slow", "up", "down"}  # fmt: skip


def read_range(doc: Doc, a: Read) -> Read | None:
    """ "10-20%", "between 10 and 20", "from 252 to 287 miles", "$10 to $15 billion"."""
    j = a.end
    if j >= len(doc) - 1:
        return None
    conn = doc[j]
    before = doc[a.start - 1].lower_ if a.start > 0 else ""
    if conn.text in ("-", "–", "—"):
        pass
    elif conn.lower_ == "to" or conn.lower_ == "through":
        change = a.start > 0 and (doc[a.start - 1].lemma_ in _CHANGE_VERBS or before == "by")
        if before not in ("from", "between") and (change or conn.head.lemma_ in _CHANGE_VERBS):
            return None  # "rose 5% to 10%": a change and where it ended, not a range
    elif conn.lower_ == "and":
        if before != "between":
            return None
    else:
        return None
    k = j + 1
    b_num = number_at(doc, k)
    if b_num is None and nb.CURRENCY_PREFIX.get(doc[k].text.lower()) and not doc[k].is_alpha:
        b_num = number_at(doc, k + 1) if k + 1 < len(doc) else None
    if b_num is not None and a.num.year and conn.text == "-" and len(doc[k].text) == 2 and doc[k].text.isdigit():
        century = int(a.num.value) // 100 * 100
        return Read(a.num, a.start, k + 1, "date", "date", "range", low=a.num.value, high=century + b_num.value)
    is_date = a.kind == "date"
    if b_num is None or is_identifier(doc, b_num) or is_date and not b_num.year:
        return None
    b = read_number(doc, b_num)
    if is_date:
        return Read(a.num, a.start, b.end, "date", "date", "range", low=a.num.value, high=b_num.value)
    if _is_score(doc, a, b, conn):
        return Read(a.num, a.start, b.end, "score", "score")
    if a.unit != "count" and b.unit != "count" and (a.kind, a.unit) != (b.kind, b.unit):
        return None
    if a.unit == "count" and b.unit == "count" and a.num.suffix != b.num.suffix:
        return None
    low = a.num.value
    if b_num.scale > 1 and a.num.scale == 1 and low * b_num.scale <= b_num.value:
        low = nb.round_value(low * b_num.scale)  # "four to five thousand"
    kind, unit = (b.kind, b.unit) if b.unit != "count" else (a.kind, a.unit)
    lo, hi = sorted((low, b_num.value))
    start = a.start - 1 if before in ("from", "between") else a.start
    return Read(a.num, start, b.end, kind, unit, "range", b.concept or a.concept, lo, hi)


def _is_score(doc: Doc, a: Read, b: Read, conn: Token) -> bool:
    """ "ended 2-2", "a 9-2 lead": a hyphenated pair not rising is a score, not a range."""
    if conn.text != "-" or not (glued(doc[a.num.end - 1], conn) and glued(conn, doc[b.num.start])):
        return False
    whole = a.num.value == int(a.num.value) and b.num.value == int(b.num.value)
    return whole and a.unit == "count" and b.kind == "count" and a.num.value >= b.num.value and a.start == a.num.start


def share_coordination(doc: Doc, reads: list[Read]) -> None:
    """ "more than 3.4 million and 13 million exchanges": qualifier and unit apply to both."""
    for a, b in itertools.pairwise(reads):
        between = [t.lower_ for t in doc[a.end : b.start]]
        if between not in (["and"], ["or"], [","], [",", "and"], [",", "or"]):
            continue
        if a.unit == "count" and a.kind == "count" and b.kind in ("count", "quantity", "duration", "percent"):
            a.kind, a.unit, a.concept = b.kind, b.unit, b.concept
        if b.qualifier == "exact" and a.qualifier in ("lower_bound", "upper_bound", "approx") and (
            (a.kind, a.unit) == (b.kind, b.unit)
        ):
            b.qualifier = a.qualifier


def share_conversion(doc: Doc, reads: list[Read]) -> None:
    """ "more than 100 kilometers (60 miles)", "under 296 hp (224 kW / 300 PS)": a
    conversion in brackets states the same amount, so it keeps the bound."""
    for a, b in itertools.pairwise(reads):
        between = {t.text for t in doc[a.end : b.start]}
        if b.qualifier != "exact" or a.qualifier not in ("lower_bound", "upper_bound"):
            continue
        opened = between == {"("} or between == {"/"} and any(t.text == "(" for t in doc[a.start - 1 : a.start])
        if opened and a.unit != "count" and b.unit != "count":
            b.qualifier = a.qualifier


def bare_units(doc: Doc, reads: list[Read]) -> None:
    """A bare number takes its unit from the sentence: "Maddon, 66, said" is an age;
    "3.9 million headsets, up from 2.4 million" and "rose 64 points to 4,577" repeat the unit."""
    for k, b in enumerate(reads):
        if b.unit != "count" or b.kind != "count" or b.qualifier == "vague" or b.start == 0:
            continue
        prev, nxt = doc[b.start - 1], doc[b.end] if b.end < len(doc) else None
        after_name = prev.text == "," and b.start > 1 and doc[b.start - 2].ent_type_ == "PERSON"
        if after_name and (nxt is None or nxt.text == ","):
            if b.num.value == int(b.num.value) and 1 <= b.num.value <= 120:
                b.kind, b.unit = "duration", "years of age"
            continue
        if prev.lower_ not in ("to", "from", "with", "than", "versus", "vs", "vs."):
            continue
        sent = doc[b.start].sent
        for a in reversed(reads[:k]):
            if a.start < sent.start:
                break
            if a.kind in ("count", "quantity") and a.unit != "count" and a.qualifier != "vague":
                b.kind, b.unit = a.kind, a.unit
                break
