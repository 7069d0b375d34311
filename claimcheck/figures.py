"""Figures: the numbers a news sentence states, normalised into `Figure` records.

A spaCy component (`claimcheck_figures`) walks the tokens once after the parser and NER:
it reads number phrases (digits, words, glued scales and currencies, via `numbers.py`),
then uses the parse to find what they count (the noun a number modifies, or "N of the
X"), the qualifier words before them, ranges, coordination, and dates. NER labels are one
signal (DATE, QUANTITY), never the only one. `find_figures` adds what needs context the
component cannot see: the article date (for "last year", via `dates.py`) and entity
mentions (the subject, via `subjects.py`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING

from claimcheck import dates
from claimcheck import numbers as nb
from claimcheck.models import Figure, Mention
from claimcheck.subjects import figure_subject

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

COMPONENT = "claimcheck_figures"
_UNIT_POS = ("NOUN", "PROPN")
_TIME_OF_DAY = {"am", "pm", "a.m.", "p.m.", "gmt", "et", "est", "bst", "pt", "utc", "h"}
_IDIOM_ONE = {"another", "day", "point", "time", "way", "hand", "thing"}
# Verbs of change: "rose 5% to 10%" names a change and an end point, not a range.
_CHANGE_VERBS = {"rise", "fall", "climb", "drop", "increase", "decrease", "jump", "gain", "lose",
                 "grow", "slip", "surge", "plunge", "plummet", "cut", "raise", "lower", "boost",
                 "reduce", "add", "shed", "sink", "soar", "tumble", "slide", "decline", "rally",
                 "advance", "retreat", "ease", "narrow", "widen", "slow", "up", "down"}  # fmt: skip
_INDEX_WORDS = {"index", "indices", "indexes", "futures", "e", "e-minis", "e-mini"}
_NAME_LABELS = {"PRODUCT", "ORG", "WORK_OF_ART", "LAW", "FAC", "EVENT"}


@dataclasses.dataclass
class _Num:
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


# -- reading number phrases -------------------------------------------------------------


def _glued(prev: Token, tok: Token) -> bool:
    return prev.idx + len(prev.text) == tok.idx


def _number_at(doc: Doc, i: int) -> _Num | None:
    """The number phrase starting at token i, or None."""
    tok = doc[i]
    nt = nb.parse_num_token(tok.text)
    if nt is not None:
        num = _Num(i, i + 1, nt.value, nt.precision, nt.currency, nt.suffix, approx=nt.approx)
        prev = doc[i - 1] if i > 0 else None
        if nt.country and prev is not None and prev.text == "$" and _glued(prev, tok):
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
                _glued(tok, nxt) and (nxt.text in nb.STRONG_SCALES or low == "k" or million or after_currency and low == "b")
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
        elif prev is not None and prev.text in ("-", "\u2212") and _glued(prev, tok) and (
            i < 2 or not _glued(doc[i - 2], prev)
        ):
            num.value = -num.value  # "-5 yards", not "GPT -4"
            num.start = i - 1
        num.value = nb.round_value(num.value)
        return num
    return _words_at(doc, i) or _fraction_token_at(doc, i) or _suspended_at(doc, i)


def _fraction_token_at(doc: Doc, i: int) -> _Num | None:
    """ "1/2 pound", "1/16 of a pint": a written fraction before "of" or a singular noun."""
    value = nb.parse_fraction(doc[i].text)
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    if value is None or nxt is None or not (nxt.lower_ == "of" or nxt.tag_ == "NN"):
        return None
    return _Num(i, i + 1, nb.round_value(value), 0.01)


def _suspended_at(doc: Doc, i: int) -> _Num | None:
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
        if doc[k].text == "-" and doc[k + 1].pos_ in _UNIT_POS and numbered:
            return _Num(i, i + 1, float(value), 1.0, shared_unit=k + 1)
    return None


def _counts_after(doc: Doc, k: int) -> bool:
    """After "2.7m": a plural noun or "of" means millions ("2.7m sales"); else metres."""
    while k < len(doc) and (doc[k].pos_ in ("ADJ", "CCONJ") or doc[k].tag_ == "VBN"):
        k += 1
    return k < len(doc) and (doc[k].tag_ in ("NNS", "NNPS") or doc[k].lower_ == "of")


def _words_at(doc: Doc, i: int) -> _Num | None:
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
        if w in nb.UNITS or w in nb.SCALE_WORDS or w == "dozen":
            j += 1
        elif w == "-" and ahead in nb.UNITS and _glued(doc[j - 1], doc[j]):
            j += 1
        elif w == "and" and doc[j - 1].lower_ in ("hundred", "thousand") and ahead in nb.UNITS:
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
    return _Num(i, j, value, nb.value_precision(value), scale=scale)


def _fraction_at(doc: Doc, i: int) -> _Num | None:
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
                return _Num(i, j + 3, 0.5 * scale, 0.1 * scale, scale=scale)
        if after is None or not (after.lower_ == "of" or after.pos_ in ("DET", "PRON")):
            return None
    elif after is None or after.lower_ != "of" or j == i:
        return None
    return _Num(i, j + 1, numerator * nb.FRACTIONS[word], 0.01)


def _is_identifier(doc: Doc, num: _Num) -> bool:
    """Model names, sections, list numbers, footnotes, clock times: numbers but not figures."""
    first, last = doc[num.start], doc[num.end - 1]
    prev = doc[num.start - 1] if num.start > 0 else None
    nxt = doc[num.end] if num.end < len(doc) else None
    if ":" in first.text or (num.suffix or "").lower() in _TIME_OF_DAY | nb.ORDINAL_SUFFIXES:
        return True
    if _measure_at(doc, num) is not None and num.currency is None:
        return False  # "Lamborghini's 640bhp", "an 8.5 kW system"
    if nxt is not None and nxt.lower_ in _TIME_OF_DAY and nxt.lower_ != "h":
        return True
    if prev is not None and prev.text == "[" and nxt is not None and nxt.text == "]":
        return True
    if num.start == first.sent.start and nxt is not None and nxt.text in (".", ")"):
        return True
    if prev is not None and prev.lower_ in ("no.", "#", "nos.", "number"):
        return True
    if prev is not None and nxt is not None and prev.text in ("/", "-") and _glued(prev, first):
        before = doc[num.start - 2] if num.start > 1 else None
        if before is not None and before.is_alpha and _glued(before, prev):
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
    if nxt is not None and nxt.text == "/" and _glued(last, nxt):
        return True  # "24/7"
    if first.ent_type_ in _NAME_LABELS and num.currency is None and not num.year:
        ent = next((e for e in first.doc.ents if e.start <= first.i < e.end), None)
        if ent is not None and any(t.is_alpha and t.pos_ == "PROPN" for t in ent):
            return True  # inside a name the NER found: "Claude 3.5 Sonnet"
    if prev is not None and prev.text == "(" and nxt is not None and nxt.text == ")" and num.start > 1:
        if doc[num.start - 2].pos_ == "PROPN" and num.currency is None:
            return True  # a shirt number: "Dak Prescott (4)"
    if (
        prev is not None and nxt is not None and prev.pos_ == "PROPN" and nxt.pos_ == "PROPN"
        and any(c.isupper() for c in prev.text) and nxt.is_title and num.currency is None and not num.year
    ):
        return True  # "iPhone 11 Pro", "S&P 500 Index"
    if (
        prev is not None
        and prev.pos_ in _UNIT_POS
        and prev.text[:1].isalpha()
        and nb.month_number(prev.text) is None
        and prev.lower_ not in nb.CURRENCY_PREFIX
        and num.currency is None
        and (last.head.i == prev.i or prev.is_title and prev.pos_ == "PROPN")
        and first.pos_ == "NUM"
        and not num.year
        and not (nxt is not None and nxt.pos_ in _UNIT_POS and last.head.i == nxt.i)
    ):
        return True  # "Claude 3.5", "Section 427", "Game 6"
    return False


def _is_pronoun_one(doc: Doc, num: _Num) -> bool:
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


# -- what a number counts ---------------------------------------------------------------


@dataclasses.dataclass
class _Read:
    """A number with its unit, qualifier and span, before it becomes a `Figure`."""

    num: _Num
    start: int  # token span including qualifier, currency and adjacent unit words
    end: int
    kind: str
    unit: str
    qualifier: str = "exact"
    concept: str | None = None
    low: float | None = None
    high: float | None = None
    iso: str | None = None  # a date's ISO value


def _currency_before(doc: Doc, num: _Num) -> tuple[str | None, int]:
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


def _unit_after(doc: Doc, num: _Num) -> tuple[str, str, int] | None:
    """Percent, currency names and sub-units written after the number: (kind, unit, end)."""
    j = num.end
    suffix = (num.suffix or "").lower()
    if suffix == "%":
        return "percent", "percent", j
    if suffix in nb.SUBUNIT and num.suffix != "P":
        return "money", nb.SUBUNIT[suffix], j
    if suffix == "pc":
        return "percent", "percent", j  # "5pc"
    measure = _measure_at(doc, num)
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


def _measure_at(doc: Doc, num: _Num) -> tuple[str, int] | None:
    """A unit symbol glued to or after the number: "640bhp", "8.5 kW", "185-hp", "1520 sq m"."""
    j = num.end
    if num.suffix:
        unit = nb.measure_unit(num.suffix)
        degrees = num.suffix.lower() in ("deg", "°")
        if degrees and j < len(doc) and doc[j].text in ("C", "F"):
            return nb.measure_unit(f"deg {doc[j].text}"), j + 1  # "1.19deg C"
        return (unit, j) if unit else None
    if j < len(doc) - 1 and doc[j].text == "-" and _glued(doc[j - 1], doc[j]) and _glued(doc[j], doc[j + 1]):
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


def _noun_unit(doc: Doc, num: _Num) -> tuple[str, str | None, int] | None:
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
    if j < len(doc) - 1 and doc[j].text == "-" and doc[j + 1].lower_ in nb.TIME_UNITS and _glued(last, doc[j]):
        j += 1  # "15-year deal"
    head = last.head
    if not (head.i >= j and head.pos_ in _UNIT_POS and head.i - j <= 4):
        head = doc[j] if j < len(doc) and doc[j].pos_ in _UNIT_POS else None
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
            if end + 1 < len(doc) and doc[end].lower_ == "per" and doc[end + 1].pos_ in _UNIT_POS:
                unit, end = f"{unit} per {doc[end + 1].lower_}", end + 2
            concept = doc[j:end].text if unit_tok is head else None
            return unit, concept, end
    if j + 1 < len(doc) and doc[j].lower_ == "of":
        pobj = next((c for c in doc[j].children if c.dep_ == "pobj"), None)
        if pobj is not None and pobj.pos_ in _UNIT_POS and pobj.i - j <= 5:
            words = [t for t in doc[j + 1 : pobj.i + 1] if t.pos_ not in ("DET", "PRON", "NUM")]
            concept = " ".join(t.text for t in words) if words else None
            return pobj.lower_, concept, num.end
    return None


def _qualifier_before(doc: Doc, start: int) -> tuple[str, int]:
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


def _read(doc: Doc, num: _Num) -> _Read:
    """Unit, kind, qualifier and span of one number phrase."""
    currency, start = _currency_before(doc, num)
    end = num.end
    kind, unit, concept = "count", "count", None
    after = _unit_after(doc, num)
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
        found = _noun_unit(doc, num)
        if found is not None:
            unit, concept, end = found
            end = max(end, num.end)
            if unit in nb.TIME_UNITS:
                kind, unit = "duration", nb.TIME_UNITS[unit]
            elif unit == "years of age":
                kind = "duration"
            elif _glued(doc[num.end - 1], doc[num.end]) or nb.is_measure(unit):
                kind = "quantity"  # "37m", "256GB": a unit symbol, not a counted noun
    qualifier, start = _qualifier_before(doc, start)
    if num.approx:
        qualifier = "approx"
    q_after, q_end = _qualifier_after(doc, end if kind != "count" or unit == "count" else num.end)
    if q_after is not None:
        qualifier = q_after
        end = max(end, q_end)
    return _Read(num, start, end, kind, unit, qualifier, concept)


def _money_concept(doc: Doc, num: _Num) -> str | None:
    """The thing paid or valued when the amount modifies a noun: "a $1.5 billion settlement"."""
    for tok in doc[num.start - 1 : num.end] if num.start > 0 else doc[num.start : num.end]:
        head = tok.head
        if tok.dep_ in ("compound", "nmod", "amod", "nummod", "quantmod") and head.i >= num.end and head.pos_ == "NOUN":
            if head.i - num.end <= 3 and head.lower_ not in nb.CURRENCY_NAME:
                return head.lemma_.lower()
    return None


# -- ranges, coordination ---------------------------------------------------------------


def _range(doc: Doc, a: _Read) -> _Read | None:
    """ "10-20%", "between 10 and 20", "from 252 to 287 miles", "$10 to $15 billion"."""
    j = a.end if a.end < len(doc) and doc[a.end].text != "+" else a.end
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
    b_num = _number_at(doc, k)
    if b_num is None and nb.CURRENCY_PREFIX.get(doc[k].text.lower()) and not doc[k].is_alpha:
        b_num = _number_at(doc, k + 1) if k + 1 < len(doc) else None
    if b_num is not None and a.num.year and conn.text == "-" and len(doc[k].text) == 2 and doc[k].text.isdigit():
        century = int(a.num.value) // 100 * 100
        return _Read(a.num, a.start, k + 1, "date", "date", "range", low=a.num.value, high=century + b_num.value)
    is_date = a.kind == "date"
    if b_num is None or _is_identifier(doc, b_num) or is_date and not b_num.year:
        return None
    b = _read(doc, b_num)
    if is_date:
        return _Read(a.num, a.start, b.end, "date", "date", "range", low=a.num.value, high=b_num.value)
    if _is_score(doc, a, b, conn):
        return _Read(a.num, a.start, b.end, "score", "score")
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
    return _Read(a.num, start, b.end, kind, unit, "range", b.concept or a.concept, lo, hi)


def _is_score(doc: Doc, a: _Read, b: _Read, conn: Token) -> bool:
    """ "ended 2-2", "a 9-2 lead": a hyphenated pair not rising is a score, not a range."""
    if conn.text != "-" or not (_glued(doc[a.num.end - 1], conn) and _glued(conn, doc[b.num.start])):
        return False
    whole = a.num.value == int(a.num.value) and b.num.value == int(b.num.value)
    return whole and a.unit == "count" and b.kind == "count" and a.num.value >= b.num.value and a.start == a.num.start


def _same_unit_after(doc: Doc, a: _Read, j: int) -> bool:
    """ "a five per cent to 20 per cent rebound": both ends name the same unit."""
    b_num = _number_at(doc, j + 1) if j + 1 < len(doc) else None
    if b_num is None and j + 2 < len(doc) and not doc[j + 1].is_alpha:
        b_num = _number_at(doc, j + 2)
    return b_num is not None and (b := _read(doc, b_num)).unit == a.unit and b.kind == a.kind


def _share_coordination(doc: Doc, reads: list[_Read]) -> None:
    """ "more than 3.4 million and 13 million exchanges": qualifier and unit apply to both."""
    for a, b in zip(reads, reads[1:], strict=False):
        between = [t.lower_ for t in doc[a.end : b.start]]
        if between not in (["and"], ["or"], [","], [",", "and"], [",", "or"]):
            continue
        if a.unit == "count" and a.kind == "count" and b.kind in ("count", "quantity", "duration", "percent"):
            a.kind, a.unit, a.concept = b.kind, b.unit, b.concept
        if b.qualifier == "exact" and a.qualifier in ("lower_bound", "upper_bound", "approx"):
            if (a.kind, a.unit) == (b.kind, b.unit):
                b.qualifier = a.qualifier


def _share_conversion(doc: Doc, reads: list[_Read]) -> None:
    """ "more than 100 kilometers (60 miles)", "under 296 hp (224 kW / 300 PS)": a
    conversion in brackets states the same amount, so it keeps the bound."""
    for a, b in zip(reads, reads[1:], strict=False):
        between = {t.text for t in doc[a.end : b.start]}
        if b.qualifier != "exact" or a.qualifier not in ("lower_bound", "upper_bound"):
            continue
        opened = between == {"("} or between == {"/"} and any(t.text == "(" for t in doc[a.start - 1 : a.start])
        if opened and a.unit != "count" and b.unit != "count":
            b.qualifier = a.qualifier


def _bare_units(doc: Doc, reads: list[_Read]) -> None:
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


# -- vague amounts and dates ------------------------------------------------------------


def _date_read(doc: Doc, span: dates.DateSpan | None, modified: bool) -> _Read | None:
    """A date from `dates.py` as a read; `modified` widens it over "late", "mid-", "end of"."""
    if span is None:
        return None
    num = _Num(span.start, span.end, 0.0, 0.0, year=True)
    read = _Read(num, span.start, span.end, "date", "date", span.qualifier, iso=span.value)
    return _date_modifier(doc, read) if modified else read


def _date_modifier(doc: Doc, read: _Read) -> _Read:
    """ "late 2024", "mid-2025", "the end of 2024": an approximate date."""
    k = dates.modifier_start(doc, read.start)
    if k is not None:
        read.start, read.qualifier = k, "approx"
    return read


def _vague_at(doc: Doc, i: int) -> _Read | None:
    """ "hundreds of accounts", "tens of thousands of dollars": no value, an interval."""
    low_word = doc[i].lower_
    if low_word not in nb.VAGUE or i + 1 >= len(doc) or doc[i + 1].lower_ != "of":
        return None
    low, high = nb.VAGUE[low_word]
    j = i + 2
    if j + 1 < len(doc) and doc[j].lower_ in ("thousands", "millions", "billions") and doc[j + 1].lower_ == "of":
        scale = nb.VAGUE[doc[j].lower_][0]
        low, high, j = low * scale, high * scale, j + 2
    num = _Num(i, j - 1, float("nan"), 0.0)
    pobj = next((c for c in doc[j - 1].children if c.dep_ == "pobj"), None)
    kind, unit, concept, end = "count", "count", None, j - 1
    if pobj is not None and pobj.pos_ == "PROPN" and any(t.pos_ == "NOUN" for t in doc[j : pobj.i]):
        pobj = next(t for t in reversed(doc[j : pobj.i]) if t.pos_ == "NOUN")  # "man-hours Anthropic spent"
    if pobj is not None and pobj.pos_ in _UNIT_POS and pobj.i - j <= 4:
        end = pobj.i + 1
        if pobj.lower_ in nb.CURRENCY_NAME:
            kind, unit = "money", nb.CURRENCY_NAME[pobj.lower_]
        else:
            unit = pobj.lower_
            if pobj.i - 2 >= j and doc[pobj.i - 1].text == "-" and _glued(doc[pobj.i - 2], doc[pobj.i - 1]):
                unit = doc[pobj.i - 2 : pobj.i + 1].text.lower()  # "man-hours"
            concept = " ".join(t.text for t in doc[j:end] if t.pos_ not in ("DET", "PRON"))
    return _Read(num, i, end, kind, unit, "vague", concept, low, high)


# -- the whole doc ----------------------------------------------------------------------


def extract_figures(doc: Doc) -> list[Figure]:
    """Every figure in the doc without outside context (no article date, no mentions)."""
    claimed = [False] * len(doc)
    reads: list[_Read] = []

    def take(read: _Read) -> None:
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
        num = None if claimed[i] else _number_at(doc, i)
        if num is None or any(claimed[max(num.start, i) : num.end]):
            i += 1
            continue
        if _is_identifier(doc, num) or _is_pronoun_one(doc, num):
            i = num.end
            continue
        if num.year and _is_year(doc, num):
            read = _range(doc, _Read(num, num.start, num.end, "date", "date")) or _Read(
                num, num.start, num.end, "date", "date", iso=str(int(num.value))
            )
            read = _date_modifier(doc, read) if read.qualifier == "exact" else read
        else:
            read = _read(doc, num)
            read = _range(doc, read) or read
        if any(claimed[read.start : read.end]):
            read.start = num.start
        take(read)
        i = max(read.end, i + 1)
    reads = sorted((r for r in reads if r.kind != "score"), key=lambda r: r.start)
    _share_coordination(doc, [r for r in reads if r.kind != "date"])
    _share_conversion(doc, [r for r in reads if r.kind != "date"])
    _bare_units(doc, [r for r in reads if r.kind != "date"])
    return [_to_figure(doc, r) for r in reads]


def _is_year(doc: Doc, num: _Num) -> bool:
    """A four-digit number read as a year: "in 2016", "the 1988 film", not "2000 employees"."""
    tok = doc[num.start]
    prev = doc[num.start - 1].lower_ if num.start > 0 else ""
    nxt = doc[num.end] if num.end < len(doc) else None
    if nxt is not None and nxt.text in ("-", "–", "to") and num.end + 1 < len(doc):
        other = _number_at(doc, num.end + 1)
        after = doc[other.end] if other is not None and other.end < len(doc) else None
        if other is not None and not other.year and len(doc[num.end + 1].text) != 2:
            return False  # "2000 - 2500 calories"
        if other is not None and after is not None and after.tag_ == "NNS" and after.pos_ == "NOUN":
            return False  # "from 1000 to 2000 hires"
    if _measure_at(doc, num) is not None:
        return False  # "the 1520 sq m centre", "the 1000 hp barrier"
    if nxt is not None and nxt.pos_ == "PROPN" and nxt.is_title and nxt.tag_ == "NNP" and nxt.ent_type_ != "NORP":
        if nb.month_number(nxt.text) is None:
            return True  # "the 2013 Iron Bowl", "the 2016 Olympics"
    if _qualifier_before(doc, num.start)[0] != "exact" and prev not in ("by", "before", "after"):
        return False  # "about 1000", "more than 1500"
    if nxt is not None and nxt.tag_ == "NN" and nxt.pos_ == "NOUN":
        return True  # "the 2019 review": no count of 2019 of a singular thing
    if prev in ("in", "since", "by", "until", "till", "from", "of", "before", "after", "during", "between", "through", "and", "to", "early", "late", "mid", "-"):
        return True
    if tok.ent_type_ == "DATE":
        return True
    return _noun_unit(doc, num) is None and _unit_after(doc, num) is None and _currency_before(doc, num)[0] is None


def _to_figure(doc: Doc, r: _Read) -> Figure:
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
