"""Number phrases: where a number starts and ends in the tokens, and what it is worth.

`number_at` reads digits with glued or following scales and currencies ("$30bn", "3.4
million", "2.7m sales"), number words ("twenty-five", "a dozen"), fractions ("two-thirds
of", "1/2 pound") and suspended hyphens ("7- or 8-inch"). The string-level parsing is in
`numbers.py`; this module adds what needs the neighbouring tokens.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from claimcheck import numbers as nb

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

UNIT_POS = ("NOUN", "PROPN")


@dataclasses.dataclass
class Num:
    """A number phrase over tokens [start, end): "3.4 million", "$30bn", "twenty-five"."""

    start: int
    end: int
    value: float
    precision: float
    currency: str | None = None
    suffix: str | None = None
    scale: float = 1.0
    approx: bool = False
    year: bool = False
    shared_unit: int | None = None  # "7- or 8-inch": the token of the unit named later


def glued(prev: Token, tok: Token) -> bool:
    return prev.idx + len(prev.text) == tok.idx


def number_at(doc: Doc, i: int) -> Num | None:
    """The number phrase starting at token i, or None."""
    tok = doc[i]
    nt = nb.parse_num_token(tok.text)
    if nt is not None:
        num = Num(i, i + 1, nt.value, nt.precision, nt.currency, nt.suffix, approx=nt.approx)
        prev = doc[i - 1] if i > 0 else None
        if nt.country and prev is not None and prev.text == "$" and glued(prev, tok):
            num.currency = nb.DOLLAR_COUNTRY[nt.country.lower()]  # "$US55,931,000"
            num.start = i - 1
        elif nt.country:
            return None
        after_currency = num.currency or (prev is not None and prev.lower_ in nb.CURRENCY_PREFIX and not prev.is_alpha)
        nxt = doc[i + 1] if i + 1 < len(doc) else None
        if nt.suffix is None and nxt is not None:
            low = nxt.lower_.rstrip(".") if nxt.lower_ in ("m.", "b.", "bn.", "mn.") else nxt.lower_
            million = low == "m" and (after_currency or _counts_after(doc, i + 2))
            if low in nb.SCALE_WORDS or (nxt.text in ("B", "M", "K") and _counts_after(doc, i + 2)) or (
                glued(tok, nxt) and (nxt.text in nb.STRONG_SCALES or low == "k" or million or after_currency and low == "b")
            ):
                scale = nb.SCALES[low]
                num.value, num.precision, num.scale = nt.value * scale, nt.precision * scale, scale
                num.end = i + 2
                if low == "hundred" and i + 2 < len(doc) and doc[i + 2].lower_ in nb.SCALE_WORDS:
                    scale2 = nb.SCALES[doc[i + 2].lower_]
                    num.value, num.precision, num.scale = num.value * scale2, num.precision * scale2, scale * scale2
                    num.end = i + 3
        elif nt.suffix == "b" and after_currency or nt.suffix == "m" and (after_currency or _counts_after(doc, i + 1)):
            scale = nb.SCALES[nt.suffix]
            num.value, num.precision, num.scale, num.suffix = nt.value * scale, nt.precision * scale, scale, None
        if num.end == i + 1 and nt.suffix is None and nt.currency is None and nb.is_year_digits(tok.text):
            num.year = True
        if prev is not None and prev.lower_ == "minus" and num.value > 0:
            num.value = -num.value
            num.start = i - 1
        elif prev is not None and prev.text in ("-", "\u2212") and glued(prev, tok) and (
            i < 2 or not glued(doc[i - 2], prev)
        ):
            num.value = -num.value  # "-5 yards", not "GPT -4"
            num.start = i - 1
        num.value = nb.round_value(num.value)
        return num
    return _words_at(doc, i) or _fraction_token_at(doc, i) or _suspended_at(doc, i)


def _fraction_token_at(doc: Doc, i: int) -> Num | None:
    """ "1/2 pound", "1/16 of a pint": a written fraction before "of" or a singular noun."""
    value = nb.parse_fraction(doc[i].text)
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    if value is None or nxt is None or not (nxt.lower_ == "of" or nxt.tag_ == "NN"):
        return None
    return Num(i, i + 1, nb.round_value(value), 0.01)


def _suspended_at(doc: Doc, i: int) -> Num | None:
    """ "a 7- or 8-inch screen", "four-, five- and six-cylinder": the unit comes with the last."""
    text = doc[i].text
    if len(text) < 2 or not text.endswith("-") or i + 1 >= len(doc):
        return None
    if doc[i + 1].lower_ not in (",", "or", "and", "to"):
        return None
    nt = nb.parse_num_token(text[:-1])
    plain = nt is not None and nt.suffix is None and nt.currency is None
    value = nt.value if nt is not None and plain else nb.UNITS.get(text[:-1].lower())
    if value is None:
        return None
    for k in range(i + 2, min(i + 9, len(doc) - 2)):
        numbered = doc[k - 1].like_num or doc[k - 1].lower_ in nb.UNITS
        if doc[k].text == "-" and doc[k + 1].pos_ in UNIT_POS and numbered:
            return Num(i, i + 1, float(value), 1.0, shared_unit=k + 1)
    return None


def _counts_after(doc: Doc, k: int) -> bool:
    """After "2.7m": a plural noun or "of" means millions ("2.7m sales"); else metres."""
    while k < len(doc) and (doc[k].pos_ in ("ADJ", "CCONJ") or doc[k].tag_ == "VBN"):
        k += 1
    return k < len(doc) and (doc[k].tag_ in ("NNS", "NNPS") or doc[k].lower_ == "of")


def _words_at(doc: Doc, i: int) -> Num | None:
    """Number words: "twenty-five", "one hundred and fifty", "a million", "a dozen", "half"."""
    tok = doc[i]
    low = tok.lower_
    nxt = doc[i + 1].lower_ if i + 1 < len(doc) else ""
    if low in nb.FRACTIONS or (low in ("a", "one") and nxt in nb.FRACTIONS):
        return _fraction_at(doc, i)
    starts = low in nb.UNITS
    if low in ("a", "an") and (nxt in nb.SCALE_WORDS or nxt == "dozen"):
        starts = True
    if not starts:
        return None
    j = i + 1
    while j < len(doc):
        w = doc[j].lower_
        ahead = doc[j + 1].lower_ if j + 1 < len(doc) else ""
        if (
            w in nb.UNITS or w in nb.SCALE_WORDS or w == "dozen"
            or w == "-" and ahead in nb.UNITS and glued(doc[j - 1], doc[j])
            or w == "and" and doc[j - 1].lower_ in ("hundred", "thousand") and ahead in nb.UNITS
        ):  # fmt: skip
            j += 1
        else:
            break
    words = [t.text for t in doc[i:j]]
    value = nb.words_value(words)
    if value is None:
        return None
    scale = nb.SCALES.get(doc[j - 1].lower_, 1.0)
    k = j + 1 if j < len(doc) - 1 and doc[j].text == "-" else j
    if k < len(doc) and doc[k].lower_ in nb.FRACTIONS and doc[k].lower_.endswith("s"):
        return _fraction_at(doc, i)  # "two thirds", "two-thirds"
    return Num(i, j, value, nb.value_precision(value), scale=scale)


def _fraction_at(doc: Doc, i: int) -> Num | None:
    """ "a third of", "two-thirds of", "half the", "half a million"; ordinals stay out."""
    j = i
    numerator = 1.0
    if doc[j].lower_ in nb.UNITS or doc[j].lower_ in ("a", "one"):
        numerator = float(nb.UNITS.get(doc[j].lower_, 1))
        j += 1
        if j < len(doc) and doc[j].text == "-":
            j += 1
    if j >= len(doc) or doc[j].lower_ not in nb.FRACTIONS:
        return None
    word = doc[j].lower_
    after = doc[j + 1] if j + 1 < len(doc) else None
    if word == "half":
        if i > 0 and (doc[i - 1].pos_ == "ADJ" or doc[i - 1].ent_type_ == "ORDINAL"):
            return None  # "the second half"
        if after is not None and after.lower_ in ("a", "an") and j + 2 < len(doc):
            scale = nb.SCALES.get(doc[j + 2].lower_)
            if scale and doc[j + 2].lower_ in nb.SCALE_WORDS:
                return Num(i, j + 3, 0.5 * scale, 0.1 * scale, scale=scale)
        if after is None or not (after.lower_ == "of" or after.pos_ in ("DET", "PRON")):
            return None
    elif after is None or after.lower_ != "of" or j == i:
        return None
    return Num(i, j + 1, numerator * nb.FRACTIONS[word], 0.01)
