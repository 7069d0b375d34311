"""What a number counts: currency, percent, measurement unit or counted noun, plus the
qualifier words around it ("more than", "or more"), read into a `Read`.

A `Read` is a number phrase with its unit, kind, qualifier and token span, before
`figures.py` turns it into a `Figure`.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from claimcheck import numbers as nb
from claimcheck.phrases import UNIT_POS, Num, glued

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


@dataclasses.dataclass
class Read:
    """A number with its unit, qualifier and span, before it becomes a `Figure`."""

    num: Num
    start: int  # token span including qualifier, currency and adjacent unit words
    end: int
    kind: str
    unit: str
    qualifier: str = "exact"
    concept: str | None = None
    low: float | None = None
    high: float | None = None
    iso: str | None = None  # a date's ISO value


def currency_before(doc: Doc, num: Num) -> tuple[str | None, int]:
    """A currency symbol or code right before the number: "$", "US$", "US $", "EUR"."""
    if num.currency:
        return num.currency, num.start
    k = num.start - 1
    if k < 0:
        return None, num.start
    text = doc[k].text
    code = nb.CURRENCY_PREFIX.get(text.lower())
    if code is None or (text.isalpha() and not text.isupper() and text.lower() != "rs"):
        return None, num.start
    if text == "$" and k > 0 and doc[k - 1].text.isupper() and doc[k - 1].lower_ in nb.DOLLAR_COUNTRY:
        return nb.DOLLAR_COUNTRY[doc[k - 1].lower_], k - 1
    return code, k


def unit_after(doc: Doc, num: Num) -> tuple[str, str, int] | None:
    """Percent, currency names and sub-units written after the number: (kind, unit, end)."""
    j = num.end
    suffix = (num.suffix or "").lower()
    if suffix == "%":
        return "percent", "percent", j
    if suffix in nb.SUBUNIT and num.suffix != "P":
        return "money", nb.SUBUNIT[suffix], j
    if suffix == "pc":
        return "percent", "percent", j  # "5pc"
    measure = measure_at(doc, num)
    if measure is not None:
        return "quantity", *measure
    if j >= len(doc) or num.suffix:
        return None
    w = doc[j].lower_
    w2 = doc[j + 1].lower_ if j + 1 < len(doc) else ""
    if w in ("%", "percent", "pct", "pc") or (w == "per" and w2 == "cent"):
        end = j + 2 if w == "per" else j + 1
        if end < len(doc) and doc[end].lower_ in ("point", "points"):
            return "percent", "percentage points", end + 1
        return "percent", "percent", end
    if w == "percentage" and w2 in ("point", "points"):
        return "percent", "percentage points", j + 2
    if w == "basis" and w2 in ("point", "points"):
        return "percent", "basis points", j + 2
    if w in nb.CURRENCY_NAME and doc[j].pos_ != "VERB":
        return "money", nb.CURRENCY_NAME[w], j + 1
    if w in ("pounds", "pound") and w2 == "sterling":
        return "money", "GBP", j + 2
    if w in ("us", "u.s.", "american", "australian", "canadian", "hong", "singapore") and w2 in ("dollars", "dollar"):
        code = {"australian": "AUD", "canadian": "CAD", "singapore": "SGD"}.get(w, "USD")
        return "money", code, j + 2
    if w in ("cents", "cent", "pence"):
        return "money", nb.SUBUNIT[w], j + 1
    return None


def measure_at(doc: Doc, num: Num) -> tuple[str, int] | None:
    """A unit symbol glued to or after the number: "640bhp", "8.5 kW", "185-hp", "1520 sq m"."""
    j = num.end
    if num.suffix:
        unit = nb.measure_unit(num.suffix)
        degrees = num.suffix.lower() in ("deg", "°")
        if degrees and j < len(doc) and doc[j].text in ("C", "F"):
            degree_unit = nb.measure_unit(f"deg {doc[j].text}")
            if degree_unit:
                return degree_unit, j + 1  # "1.19deg C"
        return (unit, j) if unit else None
    if j < len(doc) - 1 and doc[j].text == "-" and glued(doc[j - 1], doc[j]) and glued(doc[j], doc[j + 1]):
        j += 1  # "185-hp"
    if j >= len(doc):
        return None
    if j + 1 < len(doc):
        two = nb.measure_unit(f"{doc[j].text} {doc[j + 1].text}")
        if two:
            return two, j + 2
    unit = nb.measure_unit(doc[j].text)
    if unit is None or doc[j].pos_ == "VERB":
        return None
    return unit, j + 1


def noun_unit(doc: Doc, num: Num) -> tuple[str, str | None, int] | None:
    """The noun the number counts, from the parse: (unit, concept, span end)."""
    last = doc[num.end - 1]
    j = num.end
    if j < len(doc) - 1 and doc[j].text == "-" and doc[j + 1].lower_ in ("year", "years"):
        j += 1  # "65-year-old"
    if j < len(doc) - 2 and doc[j].lower_ in ("year", "years") and doc[j + 1].text == "-" and doc[j + 2].lower_ == "old":
        return "years of age", None, j + 3
    if j < len(doc) - 1 and doc[j].lower_ in ("years", "year") and doc[j + 1].lower_ == "old":
        return "years of age", None, j + 2
    j = num.end + 1 if num.end < len(doc) and doc[num.end].text == "+" else num.end
    if j < len(doc) - 1 and doc[j].text == "-" and doc[j + 1].lower_ in nb.TIME_UNITS and glued(last, doc[j]):
        j += 1  # "15-year deal"
    head: Token | None  # the parse's head first, else the next noun
    head = last.head
    if not (head.i >= j and head.pos_ in UNIT_POS and head.i - j <= 4):
        head = doc[j] if j < len(doc) and doc[j].pos_ in UNIT_POS else None
        k = j
        while head is None and k < min(j + 4, len(doc) - 1) and (doc[k].pos_ in ("ADJ", "CCONJ") or doc[k].tag_ == "VBN"):
            k += 1  # fmt: skip
            head = doc[k] if doc[k].tag_ == "NNS" else None  # "2.7m combined digital and physical sales"
        # "256 GB", "40 yard line": the next noun when the parse hangs it elsewhere
        if head is not None and (head.is_title and head.pos_ == "PROPN" and not head.is_upper):
            head = None
    if head is not None and head.i >= j and not head.text[:1].isdigit():
        between = doc[j : head.i]
        if all(t.pos_ in ("ADJ", "NOUN", "PROPN", "ADV", "VERB", "PUNCT", "NUM", "CCONJ") and t.text not in (",", ";", "(") for t in between):
            unit_tok = head
            if any(t.like_num or nb.parse_num_token(t.text) for t in between):
                return head.lower_, None, num.end  # "eight million 250ml bottles": 250ml is its own
            if head.i > j and (doc[j].lower_ in nb.TIME_UNITS or doc[j].tag_ == head.tag_ == "NN"):
                unit_tok = doc[j]  # "15 year-old skull", "a 12 page document": the first noun
            if nb.month_number(unit_tok.text) or unit_tok.lower_ in nb.VAGUE:
                return None
            end = head.i + 1
            unit = unit_tok.lower_.strip("-")
            if end + 1 < len(doc) and doc[end].lower_ == "per" and doc[end + 1].pos_ in UNIT_POS:
                unit, end = f"{unit} per {doc[end + 1].lower_}", end + 2
            concept = doc[j:end].text if unit_tok is head else None
            return unit, concept, end
    if j + 1 < len(doc) and doc[j].lower_ == "of":
        pobj = next((c for c in doc[j].children if c.dep_ == "pobj"), None)
        if pobj is not None and pobj.pos_ in UNIT_POS and pobj.i - j <= 5:
            words = [t for t in doc[j + 1 : pobj.i + 1] if t.pos_ not in ("DET", "PRON", "NUM")]
            concept = " ".join(t.text for t in words) if words else None
            return pobj.lower_, concept, num.end
    return None


def qualifier_before(doc: Doc, start: int) -> tuple[str, int]:
    """Qualifier words right before the number span: ("lower_bound", new start)."""
    best = ("exact", start)
    for qualifier, phrases in nb.QUALIFIER_BEFORE.items():
        for phrase in phrases:
            words = phrase.split()
            k = start - len(words)
            if k >= 0 and [t.lower_ for t in doc[k:start]] == words and k < best[1]:
                best = (qualifier, k)
    return best


def _qualifier_after(doc: Doc, end: int) -> tuple[str | None, int]:
    if end < len(doc) and doc[end].text == "+":
        return "lower_bound", end + 1
    if end + 1 < len(doc):
        pair = f"{doc[end].lower_} {doc[end + 1].lower_}"
        if pair in nb.QUALIFIER_AFTER:
            return nb.QUALIFIER_AFTER[pair], end + 2
    return None, end


def read_number(doc: Doc, num: Num) -> Read:
    """Unit, kind, qualifier and span of one number phrase."""
    currency, start = currency_before(doc, num)
    end = num.end
    kind, unit, concept = "count", "count", None
    after = unit_after(doc, num)
    if currency:
        kind, unit = "money", currency
        if after is not None and after[0] == "money" and after[1] == currency:
            end = after[2]
        concept = _money_concept(doc, num)
    elif after is not None:
        kind, unit, end = after
        if kind == "money":
            concept = _money_concept(doc, num)
    elif num.suffix:
        unit = num.suffix
        kind = "duration" if num.suffix.lower() in nb.TIME_UNITS else "quantity"
        if kind == "duration":
            unit = nb.TIME_UNITS[num.suffix.lower()]
    elif num.shared_unit is not None:
        word = doc[num.shared_unit].lower_
        unit = nb.measure_unit(word) or nb.TIME_UNITS.get(word) or word
        kind = "duration" if word in nb.TIME_UNITS else "quantity"
    else:
        found = noun_unit(doc, num)
        if found is not None:
            unit, concept, end = found
            end = max(end, num.end)
            if unit in nb.TIME_UNITS:
                kind, unit = "duration", nb.TIME_UNITS[unit]
            elif unit == "years of age":
                kind = "duration"
            elif glued(doc[num.end - 1], doc[num.end]) or nb.is_measure(unit):
                kind = "quantity"  # "37m", "256GB": a unit symbol, not a counted noun
    qualifier, start = qualifier_before(doc, start)
    if num.approx:
        qualifier = "approx"
    q_after, q_end = _qualifier_after(doc, end if kind != "count" or unit == "count" else num.end)
    if q_after is not None:
        qualifier = q_after
        end = max(end, q_end)
    return Read(num, start, end, kind, unit, qualifier, concept)


def _money_concept(doc: Doc, num: Num) -> str | None:
    """The thing paid or valued when the amount modifies a noun: "a $1.5 billion settlement"."""
    for tok in doc[num.start - 1 : num.end] if num.start > 0 else doc[num.start : num.end]:
        head = tok.head
        if (
            tok.dep_ in ("compound", "nmod", "amod", "nummod", "quantmod") and head.i >= num.end
            and head.pos_ == "NOUN" and head.i - num.end <= 3 and head.lower_ not in nb.CURRENCY_NAME
        ):  # fmt: skip
            return head.lemma_.lower()
    return None
