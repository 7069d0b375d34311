"""Numbers that are not figures: model names, sections, list numbers, footnotes, clock
times ("Claude 3.5", "Section 427", "9 am") and the pronoun "one" ("no one", "one another").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from claimcheck import numbers as nb
from claimcheck.phrases import UNIT_POS, Num, glued
from claimcheck.units import measure_at

if TYPE_CHECKING:
    from spacy.tokens import Doc

_TIME_OF_DAY = {"am", "pm", "a.m.", "p.m.", "gmt", "et", "est", "bst", "pt", "utc", "h"}
_IDIOM_ONE = {"another", "day", "point", "time", "way", "hand", "thing"}
_INDEX_WORDS = {"index", "indices", "indexes", "futures", "e", "e-minis", "e-mini"}
_NAME_LABELS = {"PRODUCT", "ORG", "WORK_OF_ART", "LAW", "FAC", "EVENT"}


def is_identifier(doc: Doc, num: Num) -> bool:
    """Model names, sections, list numbers, footnotes, clock times: numbers but not figures."""
    first, last = doc[num.start], doc[num.end - 1]
    prev = doc[num.start - 1] if num.start > 0 else None
    nxt = doc[num.end] if num.end < len(doc) else None
    if ":" in first.text or (num.suffix or "").lower() in _TIME_OF_DAY | nb.ORDINAL_SUFFIXES:
        return True
    if measure_at(doc, num) is not None and num.currency is None:
        return False  # "Lamborghini's 640bhp", "an 8.5 kW system"
    if nxt is not None and nxt.lower_ in _TIME_OF_DAY and nxt.lower_ != "h":
        return True
    if prev is not None and prev.text == "[" and nxt is not None and nxt.text == "]":
        return True
    if num.start == first.sent.start and nxt is not None and nxt.text in (".", ")"):
        return True
    if prev is not None and prev.lower_ in ("no.", "#", "nos.", "number"):
        return True
    if prev is not None and nxt is not None and prev.text in ("/", "-") and glued(prev, first):
        before = doc[num.start - 2] if num.start > 1 else None
        if before is not None and before.is_alpha and glued(before, prev):
            return True  # "GPT-4" split by an odd tokenisation
    if (
        nxt is not None and nxt.pos_ == "PROPN" and nxt.is_title and nxt.ent_type_ != "NORP"
        and last.head.i >= nxt.i and last.head.pos_ == "PROPN" and last.head.is_title
        and len(last.head.text) > 2 and num.currency is None and nxt.i > nxt.sent.start
        and nb.month_number(nxt.text) is None and not num.year
    ):
        return True  # "575 Wilbraham Road", "787 Dreamliner"
    if prev is not None and nxt is not None and nxt.lower_ in _INDEX_WORDS and num.currency is None and (
        prev.pos_ == "PROPN" or prev.is_upper or "&" in prev.text
    ):
        return True  # "the Stoxx 600 index", "Nasdaq 100 e-minis", "S&P 500 futures"
    if nxt is not None and nxt.text == "/" and glued(last, nxt):
        return True  # "24/7"
    if first.ent_type_ in _NAME_LABELS and num.currency is None and not num.year:
        ent = next((e for e in first.doc.ents if e.start <= first.i < e.end), None)
        if ent is not None and any(t.is_alpha and t.pos_ == "PROPN" for t in ent):
            return True  # inside a name the NER found: "Claude 3.5 Sonnet"
    if (
        prev is not None and prev.text == "(" and nxt is not None and nxt.text == ")" and num.start > 1
        and doc[num.start - 2].pos_ == "PROPN" and num.currency is None
    ):
        return True  # a shirt number: "Dak Prescott (4)"
    if (
        prev is not None and nxt is not None and prev.pos_ == "PROPN" and nxt.pos_ == "PROPN"
        and any(c.isupper() for c in prev.text) and nxt.is_title and num.currency is None and not num.year
    ):
        return True  # "iPhone 11 Pro", "S&P 500 Index"
    return (  # "Claude 3.5", "Section 427", "Game 6"
        prev is not None
        and prev.pos_ in UNIT_POS
        and prev.text[:1].isalpha()
        and nb.month_number(prev.text) is None
        and prev.lower_ not in nb.CURRENCY_PREFIX
        and num.currency is None
        and (last.head.i == prev.i or prev.is_title and prev.pos_ == "PROPN")
        and first.pos_ == "NUM"
        and not num.year
        and not (nxt is not None and nxt.pos_ in UNIT_POS and last.head.i == nxt.i)
    )


def is_pronoun_one(doc: Doc, num: Num) -> bool:
    """ "one coder asked" counts; "no one", "each one", "one another", "at one point" do not."""
    if num.end - num.start != 1 or doc[num.start].lower_ != "one":
        return False
    prev = doc[num.start - 1].lower_ if num.start > 0 else ""
    nxt = doc[num.start + 1].lower_ if num.start + 1 < len(doc) else ""
    if prev in ("no", "each", "any", "every", "the", "this", "that", "which", "another", "at", "someone"):
        return True
    if nxt in _IDIOM_ONE or nxt in ("'s", "who", "that", "which"):
        return True
    tok = doc[num.start]
    return tok.dep_ != "nummod" and nxt != "of"
