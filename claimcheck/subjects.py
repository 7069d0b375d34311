"""Subjects: which named entity a figure is about, read from the dependency parse.

The subject of the verb that governs the figure, matched against the entity mentions;
a pronoun or "the company" subject falls back to the previous sentence's subject. A
coordinated subject ("DeepSeek, Moonshot AI and MiniMax used ...") gives every name and
no single subject, so nothing attributes a group total to its first member.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from claimcheck.models import Figure, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_PRONOUN_SUBJECTS = {"it", "they", "he", "she", "we", "its", "their"}
_ANAPHORIC_NOUNS = {"company", "firm", "startup", "lab", "group", "company's", "business"}


def figure_subject(doc: Doc, fig: Figure, mentions: Sequence[Mention]) -> tuple[str | None, tuple[str, ...]]:
    """The entity a figure is about: the subject of its governing verb, from the mentions."""
    span = doc.char_span(fig.start, fig.end, alignment_mode="expand")
    if span is None:
        return None, ()
    names = _verb_subject(span.root, mentions)
    if names is None:  # a pronoun subject: "It", "The company" -> the previous sentence's
        sent = span.root.sent
        names = ()
        if sent.start > 0:
            prev_sent = doc[sent.start - 1].sent
            for tok in prev_sent:
                if tok.dep_ in ("nsubj", "nsubjpass") and (found := _verb_subject(tok, mentions)):
                    names = found
                    break
        else:
            names = ()
    if len(names) == 1:
        return names[0], names
    return None, names


def _verb_subject(tok: Token, mentions: Sequence[Mention]) -> tuple[str, ...] | None:
    """Canonical names in the subject of the verb above `tok`; None when it is a pronoun."""
    verb = tok
    subj = None
    for _ in range(12):
        if verb.pos_ in ("VERB", "AUX"):
            subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None:
                break
        if verb.head is verb:
            break
        verb = verb.head
    if subj is None:
        return ()
    if subj.lower_ in _PRONOUN_SUBJECTS or (
        subj.lower_ in _ANAPHORIC_NOUNS and any(c.lower_ in ("the", "this") for c in subj.children)
    ):
        return None
    start, end = subj.left_edge.idx, subj.right_edge.idx + len(subj.right_edge.text)
    # A list the parser broke up ("DeepSeek, Moonshot AI, and MiniMax used"): names,
    # commas and "and" before the subject within its sentence belong to it.
    k = subj.left_edge.i - 1
    while k >= subj.sent.start:
        prev = subj.doc[k]
        if prev.text not in (",", "and", "or") and not any(m.start <= prev.idx < m.end for m in mentions):
            break
        start = prev.idx
        k -= 1
    names: list[str] = []
    for m in sorted(mentions, key=lambda m: m.start):
        if m.start < end and m.end > start and m.canonical not in names:
            names.append(m.canonical)
    return tuple(names)
