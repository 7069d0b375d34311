"""Flag finders over the figures: per slot (conflicts, qualifiers, corroboration, single
source) and across slots (unit mismatches, parts against a whole, rate x count = total),
with the wording every flag message shares.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace

from claimcheck.models import Flag, FlaggedClaim
from claimcheck.slots import (
    SLOT_THRESHOLD,
    Corpus,
    Similarity,
    Slot,
    Statement,
    interval,
    overlap,
    pair_score,
)
from claimcheck.vocab import short_hash

# Words after a figure that make it a per-unit rate: "$3,000 for each of the 500,000 books".
_RATE_BEFORE_COUNT = re.compile(r"^\W{0,3}(?:(?:for|to) (?:each|every)(?: one)?(?: of)?|per|a head)\b", re.IGNORECASE)
_RATE_AFTER_COUNT = re.compile(r"^\W{0,3}(?:each|apiece|a piece)\b", re.IGNORECASE)
_QUALIFIER_WORDS = {
    "exact": "as a bare figure", "approx": "as approximate", "lower_bound": "as a lower bound",
    "upper_bound": "as an upper bound", "range": "as a range",
}



# --------------------------------------------------------------------------- per slot


def slot_flags(slot: Slot, namer: Namer, mismatched: set[str]) -> list[Flag]:
    """Conflict, qualifier, corroboration and single-source findings inside one slot."""
    members = [m for m in slot.members if m.iri not in mismatched]
    if not members:
        return []
    flags: list[Flag] = []
    what = namer.what(slot)
    bounds = {m.iri: interval(m) for m in members}
    values = sorted({m.value for m in members}, key=str)
    if overlap(b for b in bounds.values() if b) is None:
        if len(values) > 1:
            kind = "date_conflict" if slot.family == "date" else "value_conflict"
            parts = "; ".join(
                f"{_quoted(ms)} ({_sources(ms)}, read as {fmt_interval(bounds[ms[0].iri] or (0.0, 0.0), ms[0])})"
                for ms in _by_value(members)
            )
            message = f"Sources disagree on {what}: {parts}. These cannot all be true."
            flags.append(make_flag(kind, "high", namer.subject(slot), slot, message, members))
        else:
            message = f"{_upper(what)} is stated as {_quoted(members)} with qualifiers that exclude each other: " + _qualifier_list(members)
            flags.append(make_flag("qualifier_mismatch", "medium", namer.subject(slot), slot, message, members))
    for same in _by_value(members):
        styles = {(m.qualifier, m.precision) for m in same}
        if len(styles) > 1 and len({m.source for m in same}) > 1:
            message = f"{_upper(what)}: {fmt_number(same[0].value, same[0])} is stated " + _qualifier_list(same) + "."
            flags.append(make_flag("qualifier_mismatch", "low", namer.subject(slot), slot, message, same))
    points = {m.iri: stated_value(m) for m in members}
    if overlap(b for b in bounds.values() if b) is not None and overlap(b for b in points.values() if b) is None:
        by_value = _by_value(members)
        parts = "; ".join(f"{_quoted(ms)} ({_sources(ms)})" for ms in by_value)
        message = (f"Sources give different figures for {what}: {parts}. As bounds or approximations they "
                   "can all hold, but they do not say the same thing.")
        flags.append(make_flag("qualifier_mismatch", "medium", namer.subject(slot), slot, message, members))
    agreeing = _agreeing(members, points)
    independent = sorted({m.independence for m in agreeing})
    if len(independent) >= 2:
        message = f"{len(independent)} independent sources agree on {what}: " + "; ".join(
            f"{_quoted([m])} ({m.source})" for m in agreeing
        ) + "."
        flags.append(make_flag("corroboration", "info", namer.subject(slot), slot, message, agreeing))
    if len({m.independence for m in members}) == 1 and _checkable(members[0]):
        message = f"Only {members[0].source} states {what}: {_quoted(members)}; no other source confirms it."
        flags.append(make_flag("single_source", "low", namer.subject(slot), slot, message, members))
    return flags


def stated_value(statement: Statement) -> tuple[float, float] | None:
    """The number a statement names, with its rounding, whatever its qualifier: "over 12
    million" and "over 16 million" can both hold, but they do not corroborate each other."""
    if statement.qualifier in ("lower_bound", "upper_bound"):
        return interval(replace(statement, qualifier="approx"))
    return interval(statement)


def _agreeing(members: Sequence[Statement], bounds: dict[str, tuple[float, float] | None]) -> list[Statement]:
    """The largest set of statements that name the same figure (they share a point)."""
    best: list[Statement] = []
    for anchor in members:
        point = bounds[anchor.iri]
        if point is None:
            continue
        group = [m for m in members if (b := bounds[m.iri]) and overlap([b, point]) is not None]
        common = overlap(b for m in group if (b := bounds[m.iri]))
        if common is not None and len({m.independence for m in group}) > len({m.independence for m in best}):
            best = group
    return best


def _checkable(statement: Statement) -> bool:
    """Single-source notes are for facts a reader could check, not "one reason" or dates."""
    if statement.family == "date":
        return False
    if statement.kind in ("money", "percent"):
        return True
    return isinstance(statement.value, float) and abs(statement.value) >= 10


# --------------------------------------------------------------------------- across slots


def unit_mismatches(slots: Sequence[Slot], similarity: Similarity, namer: Namer, mismatched: set[str]) -> list[Flag]:
    """A figure whose number and wording match a slot of another unit family ("$13 million"
    where others say "13 million exchanges"). Looked up by subject and value, not all-pairs.
    When both sides are stated equally often, the pair is flagged once and neither side is
    reported as a single-source fact."""
    index: dict[tuple[str, str], list[Slot]] = defaultdict(list)
    for slot in slots:
        if slot.family != "date":
            for key in {_value_key(m) for m in slot.members}:
                index[key].append(slot)
    flags = []
    for slot in slots:
        if slot.family == "date" or not _lone(slot):
            continue
        for member in slot.members:
            for other in index.get(_value_key(member), []):
                tie = len(other.members) == len(slot.members)
                if other.family == slot.family or len(other.members) < len(slot.members) or tie and (other.id < slot.id or not _lone(other)):
                    continue
                scores = [pair_score(similarity, member, m) for m in other.members if m.claim != member.claim]
                if not scores or sum(scores) / len(scores) < SLOT_THRESHOLD:
                    continue
                mismatched.add(member.iri)
                if tie:
                    mismatched.update(m.iri for m in other.members)
                    message = (
                        f"{_quoted([member])} ({member.source}) is {_measure(member, slot)} where {_sources(other.members)} "
                        f"states {_quoted(other.members)}, {_measure(other.members[0], other)}: one of the two has the unit wrong."
                    )
                else:
                    message = (
                        f"{_quoted([member])} ({member.source}) is stated as {member.kind} where "
                        f"{_sources(other.members)} state {namer.what(other)} as {other.kind}: {_quoted(other.members)}."
                    )
                flags.append(make_flag("unit_mismatch", "medium", namer.subject(other), other, message, [member, *other.members]))
                break
    return flags


def _lone(slot: Slot) -> bool:
    """A slot that one statement, or one outlet, makes: it may be the one with the wrong unit."""
    return len(slot.members) == 1 or len({m.independence for m in slot.members}) == 1


def _measure(statement: Statement, slot: Slot) -> str:
    """ "an amount of money", "a count of exchanges": what the unit makes a figure."""
    named = {"money": "an amount of money", "percent": "a percentage", "duration": f"a duration in {statement.unit}"}
    concept = slot.concept or statement.concept_text
    return named.get(statement.kind) or (f"a count of {concept}" if concept else "a count")


def _value_key(statement: Statement) -> tuple[str, str]:
    value = statement.value if isinstance(statement.value, float) else 0.0
    return statement.subject or "(group)", f"{value:.2g}"


def parts_whole(slots: Sequence[Slot], similarity: Similarity, namer: Namer) -> list[Flag]:
    """Per-member figures that should add up to a stated group total, with the sum shown."""
    singles: dict[tuple[str, str], list[Slot]] = defaultdict(list)  # by family and subject
    for slot in slots:
        if slot.subject and slot.family not in ("date", "percent"):
            singles[(slot.family, slot.subject)].append(slot)
    flags = []
    for total in slots:
        if total.subject or total.family in ("date", "percent"):
            continue
        members_of_group = {e for m in total.members for e in (*m.group, *m.claim_subjects)}
        parts: dict[str, Slot] = {}
        for entity in sorted(members_of_group):
            part = next((p for p in singles[(total.family, entity)] if _same_concept(p, total, similarity)), None)
            if part is not None:
                parts[entity] = part
        if len(parts) < 2:
            continue
        chosen = [parts[k] for k in sorted(parts, key=namer.label)]
        stated = [p.members[0] for p in chosen]
        low = math.fsum(_part_range(s)[0] for s in stated)
        high = math.fsum(_part_range(s)[1] for s in stated)
        sum_text = " + ".join(f"'{s.text}' ({namer.label(s.subject)})" for s in stated)
        point = math.fsum(float(str(s.value)) for s in stated)
        result = fmt_interval((low, high), stated[0]) if (low, high) != (point, point) else fmt_number(point, stated[0])
        fits = [m for m in total.members if (b := interval(m)) and overlap([b, (low, high)]) is not None]
        misses = [m for m in total.members if m not in fits and interval(m)]
        message = f"Parts of {namer.what(total)}: {sum_text} = {fmt_number(point, stated[0])}"
        message += f" (so {result}, as stated)." if result != fmt_number(point, stated[0]) else "."
        if fits:
            message += f" Fits: {'; '.join(f'{_quoted([m])} ({m.source})' for m in fits)}."
        if misses:
            message += " Does not fit: " + "; ".join(
                f"{_quoted([m])} ({m.source}, read as {fmt_interval(interval(m), m)})" for m in misses  # type: ignore[arg-type]
            ) + "."
        severity = "medium" if misses else "info"
        flags.append(make_flag("parts_whole", severity, namer.subject(total), total, message, [*stated, *total.members]))
    return flags


def _same_concept(part: Slot, total: Slot, similarity: Similarity) -> bool:
    concepts = [(a.concept_text, b.concept_text) for a in part.members for b in total.members]
    scores = [similarity.text(a, b) for a, b in concepts if a and b]
    return bool(scores) and max(scores) >= SLOT_THRESHOLD


def _part_range(statement: Statement) -> tuple[float, float]:
    """A part as stated: its value, open-ended when it says "over" or "up to"."""
    value = float(statement.value)  # type: ignore[arg-type]
    bounds = interval(statement) or (value, value)
    if statement.qualifier == "exact":
        return value, value
    if statement.qualifier == "upper_bound":
        return 0.0, value
    return bounds


def arithmetic(statements: Sequence[Statement], namer: Namer) -> list[Flag]:
    """A stated rate times a stated count against a stated total in the same sentence."""
    by_claim: dict[str, list[Statement]] = defaultdict(list)
    for statement in statements:
        if statement.claim and isinstance(statement.value, float) and statement.qualifier != "vague":
            by_claim[statement.claim].append(statement)
    flags = []
    for figures in by_claim.values():
        sentence = figures[0].sentence
        placed = sorted(((sentence.find(f.text), f) for f in figures if f.text in sentence), key=lambda p: p[0])
        for i, (position, rate) in enumerate(placed):
            after = sentence[position + len(rate.text) :]
            count = None
            if _RATE_BEFORE_COUNT.match(after) and i + 1 < len(placed):
                count = placed[i + 1][1]
            elif _RATE_AFTER_COUNT.match(after) and i > 0:
                count = placed[i - 1][1]
            totals = [f for _, f in placed if f not in (rate, count) and f.kind == rate.kind]
            if count is None or count.family != "amount" or not totals:
                continue
            total = totals[0]
            product = float(rate.value) * float(count.value)  # type: ignore[arg-type]
            rb, cb, tb = interval(rate), interval(count), interval(total)
            span = (rb[0] * cb[0], rb[1] * cb[1]) if rb and cb else (product, product)
            ok = tb is not None and overlap([span, tb]) is not None
            verdict = "consistent with" if ok else "does not match"
            message = (
                f"{fmt_number(rate.value, rate)} × {fmt_number(count.value, count)} = {fmt_number(product, rate)}, "
                f"{verdict} the stated total {_quoted([total])} ({total.source})."
            )
            if ok and product != total.value:
                message += f" Within the rounding of the figures ({fmt_interval(span, rate)})."
            subject = namer.label(total.subject) or None
            flags.append(make_flag("arithmetic", "info" if ok else "medium", subject, None, message, [total, rate, count]))
    return flags



# --------------------------------------------------------------------------- helpers


class Namer:
    """Readable names for entities and slots in messages."""

    def __init__(self, corpus: Corpus) -> None:
        self._labels = corpus.labels

    def label(self, entity: str | None) -> str:
        if not entity:
            return ""
        return self._labels.get(entity) or entity.rsplit("/", 1)[-1].replace("-", " ").title()

    def subject(self, slot: Slot) -> str | None:
        if slot.subject:
            return self.label(slot.subject)
        names = sorted(self.label(e) for e in slot.group)
        return " and ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else (names[0] if names else None)

    def what(self, slot: Slot) -> str:
        thing = slot.concept or {"money": "the amount", "date": "the date", "percent": "the share"}.get(slot.family, "the figure")
        subject = self.subject(slot)
        return f"{thing} ({subject})" if subject else thing


def make_flag(kind: str, severity: str, subject: str | None, slot: Slot | None, message: str, statements: Iterable[Statement]) -> Flag:
    unique = list({s.iri: s for s in statements}.values())
    claims = tuple(flagged(s) for s in unique)
    key = short_hash(kind, slot.id if slot else "", *sorted(s.iri for s in unique))
    return Flag(key, kind, severity, subject, slot.id if slot else None, message, claims)


def flagged(statement: Statement) -> FlaggedClaim:
    return FlaggedClaim(
        source=statement.source, text=statement.text, sentence=statement.sentence, value=statement.value,
        unit=statement.unit, qualifier=statement.qualifier, start=statement.start, end=statement.end,
        claim_iri=statement.claim,
    )


def _by_value(members: Sequence[Statement]) -> list[list[Statement]]:
    groups: dict[str, list[Statement]] = defaultdict(list)
    for member in members:
        groups[str(member.value)].append(member)
    return [groups[k] for k in sorted(groups, key=lambda k: (len(k), k))]


def _upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def _quoted(statements: Sequence[Statement]) -> str:
    return " / ".join(dict.fromkeys(f"'{s.text}'" for s in statements))


def _sources(statements: Sequence[Statement]) -> str:
    return ", ".join(sorted({s.source for s in statements}))


def _qualifier_list(statements: Sequence[Statement]) -> str:
    by_style: dict[str, list[Statement]] = defaultdict(list)
    for s in statements:
        style = _QUALIFIER_WORDS.get(s.qualifier, s.qualifier)
        if s.precision and s.qualifier == "exact":
            style += f" (rounded to {fmt_number(s.precision)})"
        by_style[style].append(s)
    return "; ".join(f"{style} by {_sources(ms)} ({_quoted(ms)})" for style, ms in sorted(by_style.items()))


def fmt_number(value: float | str | None, like: Statement | None = None) -> str:
    """16550000 -> "16.55 million"; money with its currency sign, shares with "%"."""
    if not isinstance(value, float):
        return str(value)
    unit = like.unit if like else ""
    for size, word in ((1e12, " trillion"), (1e9, " billion"), (1e6, " million"), (1.0, "")):
        if abs(value) >= size or size == 1.0:
            digits = 3 if size > 1 else 2
            text = f"{value / size:,.{digits}f}".rstrip("0").rstrip(".") + word
            break
    if like is not None and like.kind == "money":
        sign = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}.get(unit)
        return sign + text if sign else f"{text} {unit}"
    if like is not None and like.kind == "percent":
        return text + "%"
    if like is not None and like.kind == "duration":
        return f"{text} {unit}s" if value != 1 else f"{text} {unit}"
    return text


def fmt_interval(bounds: tuple[float, float], like: Statement | None = None) -> str:
    low, high = bounds
    if like is not None and like.kind == "date":
        import datetime as dt

        low_text, high_text = (dt.date.fromordinal(int(d)).isoformat() for d in bounds)
        return low_text if low == high else f"{low_text} to {high_text}"
    if high == math.inf:
        return f"at least {fmt_number(low, like)}"
    if low == -math.inf:
        return f"at most {fmt_number(high, like)}"
    if low == high:
        return fmt_number(low, like)
    return f"{fmt_number(low, like)} to {fmt_number(high, like)}"


def plain(value: float | str | None) -> float | int | str | None:
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value

