"""The KB as the journalist commands read it: sources, claims with their figures, entity
labels, fact slots, flags and quotes, as JSON-ready dicts.

Every read is one of the fixed SELECTs at the end of this file, run together by
`select_all` in one visit to the query store; no user text ever goes into a query (names
and ids are matched in Python). Lists are sorted, so `--json` output is stable.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Any

from claimcheck.errors import WorkspaceError
from claimcheck.vocab import ID, PREFIXES

if TYPE_CHECKING:
    from claimcheck.workspace import Workspace

EMPTY_KB = "the knowledge base is empty: run 'claimcheck ingest' first"
_QUERY_PREFIXES = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in sorted(PREFIXES.items()))
ENTITY_PREFIX = str(ID["entity/"])
_ENTITIES_GRAPH = str(ID["graph/entities"])
NO_DATE = "9999"  # undated sources sort last

Row = dict[str, Any]


def select_all(ws: Workspace, queries: Mapping[str, str]) -> dict[str, list[dict[str, str]]]:
    """Run fixed SELECTs (no user text in them) in one visit to the store: each row maps
    variables to the plain string of the IRI or literal (absent when unbound).

    Why not `query.select` per query: each call opens the store (~0.1 s); one visit keeps
    a command's reading under 0.2 s, and strings look the same whichever store answers.
    """
    from claimcheck.query import answer_of
    from claimcheck.store import open_store

    tables = {}
    with open_store(ws) as handle:
        for name, text in queries.items():
            answer = answer_of(handle.store.query(_QUERY_PREFIXES + text, use_default_graph_as_union=True))  # type: ignore[attr-defined]
            tables[name] = [
                {var: term.value for var, term in zip(answer.variables, row, strict=True) if term is not None}
                for row in answer.rows
            ]
    return tables


class KnowledgeBase:
    """The KB of one workspace, read in one visit to the query store per command."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws

    @cached_property
    def _tables(self) -> dict[str, list[dict[str, str]]]:
        from claimcheck.graph import source_graph_files

        if not source_graph_files(self.ws):
            raise WorkspaceError(EMPTY_KB)
        return select_all(self.ws, _QUERIES)

    def table(self, name: str) -> list[dict[str, str]]:
        return self._tables[name]

    @cached_property
    def sources(self) -> dict[str, Row]:
        """Source IRI -> its metadata (no body)."""
        found = {}
        for row in self.table("sources"):
            found[row["source"]] = {
                "id": row["id"],
                "title": row.get("title"),
                "outlet": row.get("outlet"),
                "author": row.get("author"),
                "date": row.get("date"),
                "content_hash": row["hash"],
            }
        return found

    @cached_property
    def labels(self) -> dict[str, str]:
        """Entity IRI -> preferred label, the entity list's first, then the source graphs'."""
        ranked: dict[str, tuple[bool, str]] = {}
        for row in self.table("labels"):
            rank = (row["g"] != _ENTITIES_GRAPH, row["label"])
            ranked[row["entity"]] = min(ranked.get(row["entity"], rank), rank)
        return {iri: label for iri, (_, label) in ranked.items()}

    def entity(self, iri: str) -> dict[str, str]:
        key = iri.removeprefix(ENTITY_PREFIX)
        return {"id": key, "label": self.labels.get(iri, key)}

    @cached_property
    def about(self) -> dict[str, list[str]]:
        """Claim or figure IRI -> the entity IRIs it is about."""
        found: dict[str, list[str]] = defaultdict(list)
        for row in self.table("about"):
            found[row["node"]].append(row["entity"])
        return {node: sorted(set(entities)) for node, entities in found.items()}

    @cached_property
    def flags(self) -> dict[str, Row]:
        """Flag IRI -> the flag with the claims, figures and slot it rests on."""
        found: dict[str, Row] = {}
        for row in self.table("flags"):
            found[row["flag"]] = {
                "id": last_segment(row["flag"]),
                "kind": row["kind"],
                "severity": row.get("severity"),
                "message": row.get("message"),
                "slot": row.get("slot"),
                "targets": set(),
            }
        for row in self.table("flag_targets"):
            if row["flag"] in found:
                found[row["flag"]]["targets"].add(row["target"])
        return found

    @cached_property
    def slots(self) -> dict[str, Row]:
        """Fact slot IRI -> subject, concept, unit family and member figure IRIs."""
        found: dict[str, Row] = {}
        for row in self.table("slots"):
            slot = found.setdefault(
                row["slot"],
                {"id": last_segment(row["slot"]), "iri": row["slot"], "subjects": set(),
                 "concept": row.get("concept"), "unit_family": row.get("family"), "members": set()},
            )
            slot["members"].add(row["member"])
            if "subject" in row:  # a group fact ("DeepSeek, MiniMax and Moonshot AI") has several
                slot["subjects"].add(row["subject"])
        return found

    @cached_property
    def claims(self) -> list[Row]:
        """Every claim with its figures, source, attribution and flags, in reading order."""
        figures: dict[str, list[Row]] = defaultdict(list)
        for iri, figure in self.figures.items():
            if figure["claim"]:
                figures[figure["claim"]].append(figure)
        records = []
        for row in self.table("claims"):
            iri = row["claim"]
            own = sorted(figures.get(iri, []), key=lambda f: f["start"])
            records.append(
                {
                    "id": last_segment(iri),
                    "iri": iri,
                    **source_fields(self.sources.get(row["source"], {})),
                    "text": row["text"],
                    "start": int(row["start"]),
                    "end": int(row["end"]),
                    "attribution": self.entity(row["origin"])["label"] if "origin" in row else None,
                    "attribution_text": row.get("attribution"),
                    "about": [self.entity(e) for e in self.about.get(iri, [])],
                    "figures": [{k: v for k, v in f.items() if k not in ("claim", "source")} for f in own],
                    "flags": self._flags_on({iri, *(f["iri"] for f in own)}),
                }
            )
        return sorted(records, key=reading_order)

    @cached_property
    def figures(self) -> dict[str, Row]:
        """Figure IRI -> the figure as stated and normalised."""
        found = {}
        for row in self.table("figures"):
            kind = row["kind"]
            found[row["figure"]] = {
                "id": last_segment(row["figure"]),
                "iri": row["figure"],
                "text": row["text"],
                "value": _value(row.get("value"), kind),
                "low": _value(row.get("low"), kind),
                "high": _value(row.get("high"), kind),
                "unit": row.get("unit"),
                "kind": kind,
                "qualifier": row["qualifier"].rsplit("#", 1)[-1],
                "concept": row.get("concept"),
                "about": [self.entity(e)["label"] for e in self.about.get(row["figure"], [])],
                "start": int(row["start"]),
                "end": int(row["end"]),
                "claim": row.get("claim"),
                "source": row["source"],
            }
        return found

    def _flags_on(self, nodes: set[str]) -> list[str]:
        """Ids of the flags resting on any of `nodes` (a claim and its figures)."""
        def rests_on(flag: Row) -> bool:
            if flag["targets"]:
                return bool(flag["targets"] & nodes)
            slot = self.slots.get(flag["slot"] or "")  # a flag naming only its slot
            return slot is not None and bool(slot["members"] & nodes)

        return sorted(flag["id"] for flag in self.flags.values() if rests_on(flag))

    @cached_property
    def quotes(self) -> dict[str, Row]:
        """Claim or figure IRI -> its exact words with context and offsets (Web Annotation)."""
        return {
            row["node"]: {"exact": row["exact"], "prefix": row.get("prefix", ""), "suffix": row.get("suffix", ""),
                          "start": int(row["start"]), "end": int(row["end"])}
            for row in self.table("quotes")
        }


# ---------------------------------------------------------------- helpers


def last_segment(iri: str) -> str:
    """The short id users type: the hash at the end of the IRI."""
    return iri.rstrip("/").rsplit("/", 1)[-1]


def reading_order(claim: Row) -> tuple[str, str, int]:
    """Earliest source first ("where did this number first appear?"), then text order."""
    return (claim["date"] or NO_DATE, claim["source"], claim["start"])


def source_fields(source: Mapping[str, Any]) -> Row:
    """The source columns every claim and version carries."""
    return {"source": source.get("id"), "outlet": source.get("outlet"), "date": source.get("date"),
            "title": source.get("title")}


def _value(text: str | None, kind: str) -> float | int | str | None:
    """Numbers back as JSON numbers (integers stay integers); dates stay ISO strings."""
    if text is None or kind == "date":
        return text
    try:
        number = float(text)
    except ValueError:
        return text
    return int(number) if number.is_integer() else number


# ---------------------------------------------------------------- queries

_Q_SOURCES = """
SELECT ?source ?id ?hash ?title ?outlet ?author ?date WHERE { GRAPH ?g {
  ?source a schema:NewsArticle ; schema:identifier ?id ; cc:contentHash ?hash .
  OPTIONAL { ?source schema:headline ?title }
  OPTIONAL { ?source schema:publisher ?publisher . ?publisher schema:name ?outlet }
  OPTIONAL { ?source schema:author ?writer . ?writer schema:name ?author }
  OPTIONAL { ?source schema:datePublished ?date }
} }"""

_Q_CLAIMS = """
SELECT ?claim ?source ?text ?start ?end ?origin ?attribution WHERE { GRAPH ?g {
  ?claim a schema:Claim ; schema:text ?text ; prov:wasQuotedFrom ?source ; cc:textSpan ?span .
  ?span oa:hasSelector ?position . ?position a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
  OPTIONAL { ?claim cc:attributedTo ?origin }
  OPTIONAL { ?claim cc:attributionText ?attribution }
} }"""

_Q_FIGURES = """
SELECT ?figure ?source ?claim ?text ?kind ?qualifier ?unit ?value ?low ?high ?concept ?start ?end
WHERE { GRAPH ?g {
  ?figure cc:figureKind ?kind ; cc:surfaceText ?text ; cc:qualifier ?qualifier ;
          prov:wasQuotedFrom ?source ; cc:textSpan ?span .
  ?span oa:hasSelector ?position . ?position a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
  OPTIONAL { ?figure schema:unitText ?unit } OPTIONAL { ?figure schema:currency ?unit }
  OPTIONAL { ?figure schema:value ?value } OPTIONAL { ?figure schema:minValue ?low }
  OPTIONAL { ?figure schema:maxValue ?high } OPTIONAL { ?figure cc:concept ?concept }
  OPTIONAL { ?figure cc:inClaim ?claim }
} }"""

_Q_MENTIONS = """
SELECT ?mention ?source ?text ?entity ?variant ?type WHERE { GRAPH ?g {
  ?mention a cc:Mention ; cc:surfaceText ?text ; cc:refersTo ?entity ; prov:wasQuotedFrom ?source .
  OPTIONAL { ?mention cc:variantKind ?variant } OPTIONAL { ?mention cc:entityType ?type }
} }"""

_Q_LABELS = "SELECT ?g ?entity ?label WHERE { GRAPH ?g { ?entity skos:prefLabel ?label } }"

_Q_CATALOG_LABELS = f"""
SELECT ?entity ?label WHERE {{ GRAPH <{_ENTITIES_GRAPH}> {{
  ?entity skos:prefLabel|skos:altLabel ?label
}} }}"""

_Q_QUOTES = """
SELECT ?node ?exact ?prefix ?suffix ?start ?end WHERE { GRAPH ?g {
  VALUES ?type { schema:Claim schema:QuantitativeValue schema:MonetaryAmount }
  ?node a ?type ; cc:textSpan ?span . ?span oa:hasSelector ?quote, ?position .
  ?quote a oa:TextQuoteSelector ; oa:exact ?exact .
  OPTIONAL { ?quote oa:prefix ?prefix } OPTIONAL { ?quote oa:suffix ?suffix }
  ?position a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
} }"""

_Q_FLAGS = """
SELECT ?flag ?kind ?severity ?message ?slot WHERE { GRAPH ?g {
  ?flag a cc:Flag ; cc:flagKind ?kind .
  OPTIONAL { ?flag cc:severity ?severity } OPTIONAL { ?flag cc:message ?message }
  OPTIONAL { ?flag cc:inSlot ?slot }
} }"""

_Q_FLAG_TARGETS = """
SELECT ?flag ?target WHERE { GRAPH ?g {
  ?flag a cc:Flag ; cc:concernsClaim|cc:concernsFigure ?target .
} }"""

_Q_SLOTS = """
SELECT ?slot ?subject ?concept ?family ?member WHERE { GRAPH ?g {
  ?slot a cc:FactSlot ; cc:hasMember ?member .
  OPTIONAL { ?slot cc:slotSubject ?subject } OPTIONAL { ?slot cc:slotConcept ?concept }
  OPTIONAL { ?slot cc:unitFamily ?family }
} }"""

_QUERIES = {
    "sources": _Q_SOURCES,
    "claims": _Q_CLAIMS,
    "figures": _Q_FIGURES,
    "mentions": _Q_MENTIONS,
    "labels": _Q_LABELS,
    "catalog_labels": _Q_CATALOG_LABELS,
    "about": "SELECT ?node ?entity WHERE { GRAPH ?g { ?node schema:about ?entity } }",
    "quotes": _Q_QUOTES,
    "flags": _Q_FLAGS,
    "flag_targets": _Q_FLAG_TARGETS,
    "slots": _Q_SLOTS,
}
