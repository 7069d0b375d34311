"""Extraction: one document's text -> claims, figures and entity mentions (dataclasses).

The spaCy pipeline does the reading (parse, NER, claimcheck's figure components); this
module ties its results together: which entity each figure is about, and which sentences
are claims and whom they are attributed to.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from claimcheck.models import Claim, Extraction, Figure, Mention, SourceDoc

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

    from claimcheck.entities import EntityCatalog
    from claimcheck.nlp import Models

# Verbs that report what someone said; their subject is whom a claim is attributed to.
REPORTING_VERBS = frozenset(
    "say state report claim allege accuse describe note tell write warn believe estimate "
    "find announce publish disclose reveal add argue confirm insist acknowledge observe "
    "detail identify conclude testify explain".split()
)
# Nouns naming a document a figure can be cited from: "a Wall Street Journal report".
REPORT_NOUNS = frozenset(
    "report post blog writeup write-up statement filing study analysis survey paper "
    "release announcement investigation interview article memo letter".split()
)
_ORIGIN_TYPES = {"ORG", "PERSON", "GPE", "NORP"}


def add_pipeline_components(nlp: Language) -> None:
    """Add claimcheck's own components to the loaded spaCy pipeline."""
    from claimcheck.figures import add_figure_components

    add_figure_components(nlp)


def extract_documents(
    docs: Sequence[SourceDoc], models: Models, entities_file: Path | None = None
) -> list[Extraction]:
    """Extract every document, streaming them through spaCy in batches."""
    from claimcheck.entities import load_catalog

    if not docs:
        return []  # nothing to read: do not load the models
    return list(iter_extractions(docs, models, load_catalog(entities_file)))


def iter_extractions(docs: Iterable[SourceDoc], models: Models, catalog: EntityCatalog) -> Iterator[Extraction]:
    """Extractions in the order of `docs`, each as soon as spaCy's batch holding it is done."""
    docs = iter(docs)
    first = next(docs, None)
    if first is None:
        return  # nothing to read: do not load the models
    pairs = ((doc.body, doc) for doc in itertools.chain([first], docs))
    for parsed, source in models.nlp.pipe(pairs, batch_size=16, as_tuples=True):
        yield build_extraction(source, parsed, catalog)


def extract_text(text: str, models: Models, entities_file: Path | None = None, doc_id: str = "text") -> Extraction:
    """Extract a bare text (no KB): the `extract --jsonl` path and the tests."""
    source = SourceDoc(id=doc_id, body=text, content_hash="")
    return extract_documents([source], models, entities_file)[0]


def build_extraction(source: SourceDoc, doc: Doc, catalog: EntityCatalog) -> Extraction:
    from claimcheck.entities import resolve_mentions
    from claimcheck.figures import find_figures

    mentions = tuple(resolve_mentions(doc, catalog))
    figures = tuple(find_figures(doc, article_date=source.date, mentions=mentions))
    claims = tuple(_claims(doc, figures, mentions))
    return Extraction(doc=source, claims=claims, mentions=mentions, figures=figures)


def _claims(doc: Doc, figures: Sequence[Figure], mentions: Sequence[Mention]) -> Iterable[Claim]:
    """Sentences that carry figures or cite an origin, with their attribution."""
    text = doc.text  # spaCy rebuilds `Doc.text` from every token on each access
    for sent in doc.sents:
        start, end = _trimmed(text, sent.start_char, sent.end_char)
        if start >= end:
            continue
        sent_figures = tuple(f for f in figures if start <= f.start < end)
        sent_mentions = [m for m in mentions if start <= m.start < end]
        origin = attribution(sent, sent_mentions, text)
        if not sent_figures and origin is None:
            continue
        subjects = tuple(dict.fromkeys(m.canonical for m in sent_mentions if m.type in ("ORG", "PERSON")))
        yield Claim(
            text=text[start:end],
            start=start,
            end=end,
            attribution=origin[0] if origin else None,
            attribution_text=origin[1] if origin else None,
            figures=sent_figures,
            subjects=subjects,
        )


def attribution(sent: Span, mentions: Sequence[Mention], text: str | None = None) -> tuple[str, str] | None:
    """Whom the sentence cites: (canonical name, the citing words), from the parse.

    Three shapes cover news style: "according to X('s report)", "X says/reports ...",
    and "X's report / a X report" as the subject or object of the sentence. `text` is
    the document's text, when the caller has it (rebuilding it is not free).
    """
    doc = sent.doc
    if text is None:
        text = doc.text
    for token in sent:
        if token.lower_ == "according" and token.i + 1 < sent.end and doc[token.i + 1].lower_ == "to":
            found = _mention_in(doc, mentions, doc[token.i + 1].right_edge.idx + 1, token.i + 1, sent)
            if found:
                return found.canonical, text[token.idx : found.end]
    for token in sent:
        if token.pos_ == "VERB" and token.lemma_ in REPORTING_VERBS:
            for child in token.children:
                if child.dep_ == "nsubj":
                    found = _mention_in_subtree(child, mentions)
                    if found:
                        return found.canonical, text[child.left_edge.idx : token.idx + len(token.text)]
        if token.lemma_.lower() in REPORT_NOUNS and token.pos_ == "NOUN":
            for child in token.children:
                if child.dep_ in ("poss", "compound", "nmod", "amod"):
                    found = _mention_in_subtree(child, mentions)
                    if found:
                        start = min(child.left_edge.idx, found.start)
                        return found.canonical, text[start : token.idx + len(token.text)]
    return None


def _mention_in(doc: Doc, mentions: Sequence[Mention], end_char: int, after_token: int, sent: Span) -> Mention | None:
    phrase = doc[after_token]
    start_char = phrase.idx
    stop = max(end_char, phrase.right_edge.idx + len(phrase.right_edge.text))
    for mention in mentions:
        if start_char <= mention.start < stop and mention.type in _ORIGIN_TYPES:
            return mention
    return None


def _mention_in_subtree(token: Token, mentions: Sequence[Mention]) -> Mention | None:
    start = token.left_edge.idx
    end = token.right_edge.idx + len(token.right_edge.text)
    for mention in mentions:
        if start <= mention.start < end and mention.type in _ORIGIN_TYPES:
            return mention
    return None


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def extraction_json(extraction: Extraction) -> dict[str, object]:
    """The `claimcheck extract --json` record: the public contract of extraction."""
    body = extraction.doc.body
    return {
        "id": extraction.doc.id,
        "figures": [figure_json(f, body) for f in extraction.figures],
        "entities": [
            {
                "text": m.text,
                "start": m.start,
                "end": m.end,
                "canonical": m.canonical,
                "type": m.type,
                "variant": m.variant,
                "confidence": round(m.confidence, 3),
            }
            for m in extraction.mentions
        ],
        "claims": [
            {
                "text": c.text,
                "start": c.start,
                "end": c.end,
                "attribution": c.attribution,
                "attribution_text": c.attribution_text,
                "subjects": list(c.subjects),
                "figures": [f.text for f in c.figures],
            }
            for c in extraction.claims
        ],
    }


def figure_json(figure: Figure, body: str) -> dict[str, object]:
    return {
        "text": figure.text,
        "start": figure.start,
        "end": figure.end,
        "value": _plain_number(figure.value),
        "unit": figure.unit,
        "kind": figure.kind,
        "qualifier": figure.qualifier,
        "low": _plain_number(figure.low),
        "high": _plain_number(figure.high),
        "precision": _plain_number(figure.precision),
        "subject": figure.subject,
        "concept": figure.concept,
        "sentence": body[figure.sentence_start : figure.sentence_end].strip(),
    }


def _plain_number(value: float | str | None) -> float | int | str | None:
    """24000.0 -> 24000 in JSON, so readers see the figure as written."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value
