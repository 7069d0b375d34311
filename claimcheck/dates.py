"""Dates in a sentence: absolute ("Feb. 23, 2026"), modified ("late 2024") and relative.

Token-level readers return a `DateSpan` (token offsets, ISO value or None, qualifier);
`figures.py` turns them into figures. Relative dates ("last year", "on Monday",
"February 11") get their value later, in `resolve_relative`, from the article date, which
the spaCy component cannot see. The calendar arithmetic itself is in `numbers.py`.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from claimcheck import numbers as nb
from claimcheck.models import Figure

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_DATE_MODIFIERS = {"late": "approx", "early": "approx", "mid": "approx", "end": "approx"}


@dataclasses.dataclass(frozen=True)
class DateSpan:
    """A date over tokens [start, end); `value` is ISO, or None until resolved."""

    start: int
    end: int
    value: str | None
    qualifier: str


def date_at(doc: Doc, i: int) -> DateSpan | None:
    """ "September 2025", "Feb. 23, 2026", "23 February 2026"; "May" alone is no date."""
    tok = doc[i]
    month = nb.month_number(tok.text)
    if month is None or not tok.text[0].isupper() or tok.pos_ in ("AUX", "VERB"):
        return None
    start, end = i, i + 1
    day = year = None
    if end < len(doc) and day_of(doc[end].text):
        day, end = day_of(doc[end].text), end + 1
        if end + 1 < len(doc) and doc[end].text in ("-", "–") and day_of(doc[end + 1].text):
            end += 2  # "Sept. 20-24": the first day stands for the span
    elif i > 0 and day_of(doc[i - 1].text) and doc[i - 1].pos_ == "NUM":
        day, start = day_of(doc[i - 1].text), i - 1
    k = end + 1 if end < len(doc) and doc[end].text in (",", "of") else end
    if k < len(doc) and nb.is_year_digits(doc[k].text):
        year, end = int(doc[k].text), k + 1
    if year is None and day is None:
        return None
    value = None if year is None else f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")
    return DateSpan(start, end, value, "exact" if value else "vague")


def day_of(text: str) -> int | None:
    """A day of the month as written: "23", "23rd", "1st."."""
    digits = text.rstrip(".").removesuffix("st").removesuffix("nd").removesuffix("rd").removesuffix("th")
    if digits.isdigit() and 1 <= int(digits) <= 31 and len(digits) <= 2:
        return int(digits)
    return None


def modifier_start(doc: Doc, start: int) -> int | None:
    """Where "late", "mid-", "the end of" begins before a date at `start`, or None."""
    k = start - 1
    if k >= 0 and doc[k].text == "-":
        k -= 1
    if k >= 0 and doc[k].lower_ == "of":
        k -= 1
    if k >= 0 and doc[k].lower_ in _DATE_MODIFIERS:
        return k
    return None


def relative_at(doc: Doc, i: int) -> DateSpan | None:
    """ "last year", "this week", "yesterday", "Monday": resolved later against the article date."""
    w = doc[i].lower_
    nxt = doc[i + 1].lower_ if i + 1 < len(doc) else ""
    if w in ("last", "this", "next", "past", "current", "coming") and nxt in ("year", "month", "week"):
        end = i + 2
    elif w in ("yesterday", "today", "tomorrow") or (w in nb.WEEKDAYS and doc[i].is_title):
        end = i + 1
    else:
        return None
    return DateSpan(i, end, None, "vague")


def resolve_relative(doc: Doc, fig: Figure, anchor: object) -> Figure:
    """Give "last year", "on Monday", "February 11" a value from the article date."""
    import datetime as dt

    if not isinstance(anchor, dt.date):
        return fig
    span = doc.char_span(fig.start, fig.end, alignment_mode="expand")
    if span is None:
        return fig
    words = [t.text for t in span]
    month = next((nb.month_number(w) for w in words if nb.month_number(w)), None)
    if month is not None:
        day = next((d for w in words if (d := day_of(w))), None)
        value = f"{anchor.year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")
        return dataclasses.replace(fig, value=value, low=value, high=value, qualifier="exact")
    resolved = nb.relative_date(words, anchor, _tense(span.root))
    if resolved is None:
        return fig
    value, low, high = resolved
    qualifier = "exact" if low == high or value.count("W") else "range"
    return dataclasses.replace(fig, value=value, low=low, high=high, qualifier=qualifier)


def _tense(tok: Token) -> str | None:
    """Past or future of the verb governing a date ("met on Monday", "will meet on Monday")."""
    verb = tok
    while verb.pos_ not in ("VERB", "AUX") and verb.head is not verb:
        verb = verb.head
    if any(c.lower_ in ("will", "'ll", "shall") for c in verb.children):
        return "future"
    if "Past" in verb.morph.get("Tense"):
        return "past"
    return None

