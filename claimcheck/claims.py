"""What a journalist asks of the KB: claims filtered by entity, unit, source or flag; the
sources; the entities and their spellings; and one claim or fact slot in full (`show`),
with every source's version of the same fact side by side.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from claimcheck.errors import ClaimcheckError, EntityError, WorkspaceError
from claimcheck.kbview import ENTITY_PREFIX, NO_DATE, KnowledgeBase, Row, source_fields

# ---------------------------------------------------------------- commands' functions


def list_sources(kb: KnowledgeBase) -> list[Row]:
    """What was ingested, with claim, figure and mention counts."""
    counts: dict[str, dict[str, int]] = defaultdict(lambda: {"claims": 0, "figures": 0, "mentions": 0})
    for claim in kb.claims:
        counts[claim["source"]]["claims"] += 1
    for figure in kb.figures.values():
        counts[kb.sources.get(figure["source"], {}).get("id", "")]["figures"] += 1
    for row in kb.table("mentions"):
        counts[kb.sources.get(row["source"], {}).get("id", "")]["mentions"] += 1
    records = [{**source, **counts[source["id"]]} for source in kb.sources.values()]
    return sorted(records, key=lambda s: (s["date"] or NO_DATE, s["id"]))


def list_claims(
    kb: KnowledgeBase,
    *,
    about: str | None = None,
    unit: str | None = None,
    source: str | None = None,
    flagged: bool = False,
    limit: int | None = None,
) -> list[Row]:
    """Claims that match every filter given, earliest source first."""
    entity = resolve_entity(kb, about)["id"] if about else None
    if source is not None and source not in {s["id"] for s in kb.sources.values()}:
        raise WorkspaceError(f"no source '{source}' in the knowledge base (see 'claimcheck sources')")
    wanted_unit = unit.strip().casefold() if unit else None
    serious = {f["id"] for f in kb.flags.values() if f["severity"] != "info"}
    found = []
    for claim in kb.claims:
        if source is not None and claim["source"] != source:
            continue
        if entity is not None and not _is_about(kb, claim, entity):
            continue
        if wanted_unit is not None and not any(_unit_matches(f, wanted_unit) for f in claim["figures"]):
            continue
        if flagged and not serious.intersection(claim["flags"]):
            continue
        found.append(claim)
    return found[:limit] if limit is not None else found


def resolve_entity(kb: KnowledgeBase, name: str) -> dict[str, Any]:
    """A user-typed name -> {id, label, exact}: the entity list first (aliases and
    misspellings), then entities only the KB knows, then spellings seen in the KB."""
    from claimcheck.entities import (
        Entity,
        EntityCatalog,
        load_catalog,
        lookup,
        loose_key,
        suggest,
    )

    catalog = load_catalog(kb.ws.entities_file)
    known = {loose_key(label): e.id for e in catalog.entities for label, _ in e.labels()}
    found = lookup(catalog, name)
    if found is None:
        extra, taken = [], set(known)
        for iri, label in sorted(kb.labels.items()):
            key = iri.removeprefix(ENTITY_PREFIX)
            if key not in catalog.by_id and loose_key(label) not in taken:
                taken.add(loose_key(label))
                extra.append(Entity(id=key, canonical=label, type="ORG"))
        kb_catalog = EntityCatalog(extra, source="the knowledge base")
        found = lookup(kb_catalog, name) or _seen_spelling(kb, name)
        if found is None:
            hints = list(dict.fromkeys(suggest(catalog, name) + suggest(kb_catalog, name)))[:3]
            hint = f"; did you mean: {', '.join(hints)}?" if hints else ""
            raise EntityError(f"unknown entity '{name}'{hint}")
    exact = loose_key(name) in {loose_key(found[1]), *(k for k, v in known.items() if v == found[0])}
    return {"id": found[0], "label": found[1], "exact": exact}


def _seen_spelling(kb: KnowledgeBase, name: str) -> tuple[str, str] | None:
    """An entity some article spelled exactly this way (any case)."""
    from claimcheck.entities import loose_key

    key = loose_key(name)
    hits = {row["entity"] for row in kb.table("mentions") if loose_key(row["text"]) == key}
    if len(hits) != 1:
        return None
    entity = kb.entity(hits.pop())
    return entity["id"], entity["label"]


def list_entities(kb: KnowledgeBase) -> list[Row]:
    """Every entity the articles name: labels, and which sources spell it how."""
    spellings: dict[str, dict[tuple[str, str | None], set[str]]] = defaultdict(lambda: defaultdict(set))
    types: dict[str, set[str]] = defaultdict(set)
    counts: dict[str, int] = defaultdict(int)
    for row in kb.table("mentions"):
        counts[row["entity"]] += 1
        variant = row["variant"].rsplit("#", 1)[-1] if "variant" in row else None
        source_id = kb.sources.get(row["source"], {}).get("id", row["source"])
        spellings[row["entity"]][(row["text"], variant)].add(source_id)
        if "type" in row:
            types[row["entity"]].add(row["type"])
    catalog_labels: dict[str, set[str]] = defaultdict(set)
    for row in kb.table("catalog_labels"):
        catalog_labels[row["entity"]].add(row["label"])
    records = []
    for iri, spelled in spellings.items():
        entity = kb.entity(iri)
        records.append(
            {
                **entity,
                "type": ", ".join(sorted(types[iri])) or None,
                "catalogued": iri in catalog_labels,
                "labels": sorted(catalog_labels[iri] | {entity["label"]}),
                "mentions": counts[iri],
                "sources": sorted(set().union(*spelled.values())),
                "spellings": [
                    {"text": text, "variant": variant, "sources": sorted(sources)}
                    for (text, variant), sources in sorted(spelled.items(), key=lambda kv: (kv[0][0], kv[0][1] or ""))
                ],
            }
        )
    return sorted(records, key=lambda e: (-len(e["sources"]), -e["mentions"], e["label"].casefold()))


def show(kb: KnowledgeBase, ident: str) -> Row:
    """One claim or fact slot in full: every source's version, flags, quotes, origin."""
    ident = ident.strip().rstrip("/")
    key = ident if "/" not in ident else None
    for slot in kb.slots.values():
        if ident in (slot["iri"], slot["id"]):
            return _show_slot(kb, slot)
    for claim in kb.claims:
        if ident == claim["iri"] or key == claim["id"]:
            return _show_claim(kb, claim)
    for figure in kb.figures.values():
        if (ident == figure["iri"] or key == figure["id"]) and figure["claim"]:
            return show(kb, figure["claim"])
    raise ClaimcheckError(f"no claim or fact slot with id '{ident}' (see 'claimcheck claims --json')")


def _show_claim(kb: KnowledgeBase, claim: Row) -> Row:
    figure_iris = {f["iri"] for f in claim["figures"]}
    slots = sorted((s for s in kb.slots.values() if s["members"] & figure_iris), key=lambda s: s["id"])
    members = {m for s in slots for m in s["members"]} | figure_iris
    return {
        "type": "claim",
        **{k: v for k, v in claim.items() if k != "flags"},
        "quote": kb.quotes.get(claim["iri"], {}),
        "slots": [s["id"] for s in slots],
        "versions": _versions(kb, members),
        "flags": _flag_records(kb, set(claim["flags"]) | _slot_flag_ids(kb, slots)),
    }


def _show_slot(kb: KnowledgeBase, slot: Row) -> Row:
    subjects = sorted(kb.entity(iri)["label"] for iri in slot["subjects"])
    return {
        "type": "fact_slot",
        "id": slot["id"],
        "iri": slot["iri"],
        "subject": ", ".join(subjects) or None,
        "concept": slot["concept"],
        "unit_family": slot["unit_family"],
        "versions": _versions(kb, slot["members"]),
        "flags": _flag_records(kb, _slot_flag_ids(kb, [slot])),
    }


def _versions(kb: KnowledgeBase, figure_iris: set[str]) -> list[Row]:
    """Each figure as its source states it, side by side: earliest source first."""
    claims = {c["iri"]: c for c in kb.claims}
    versions = []
    for iri in figure_iris:
        figure = kb.figures.get(iri)
        if figure is None:
            continue
        claim = claims.get(figure["claim"] or "")
        versions.append(
            {
                **source_fields(kb.sources.get(figure["source"], {})),
                "figure": figure["id"],
                "says": figure["text"],
                **{k: figure[k] for k in ("value", "low", "high", "unit", "qualifier", "concept")},
                "claim": claim["id"] if claim else None,
                "sentence": claim["text"] if claim else None,
                "attribution": claim["attribution"] if claim else None,
                "attribution_text": claim["attribution_text"] if claim else None,
                "quote": kb.quotes.get(iri, {}),
            }
        )
    return sorted(versions, key=lambda v: (v["date"] or NO_DATE, v["source"], v["quote"].get("start", 0)))


def _slot_flag_ids(kb: KnowledgeBase, slots: list[Row]) -> set[str]:
    iris = {s["iri"] for s in slots}
    return {f["id"] for f in kb.flags.values() if f["slot"] in iris}


def _flag_records(kb: KnowledgeBase, ids: set[str]) -> list[Row]:
    order = {"high": 0, "medium": 1, "low": 2, "info": 3}
    flags = [
        {k: f[k] for k in ("id", "kind", "severity", "message")} for f in kb.flags.values() if f["id"] in ids
    ]
    return sorted(flags, key=lambda f: (order.get(f["severity"] or "", 4), f["kind"], f["id"]))


def _is_about(kb: KnowledgeBase, claim: Row, entity_key: str) -> bool:
    if any(e["id"] == entity_key for e in claim["about"]):
        return True
    label = kb.labels.get(ENTITY_PREFIX + entity_key)
    return any(label in f["about"] for f in claim["figures"])


def _unit_matches(figure: Row, wanted: str) -> bool:
    """'accounts', 'account', 'USD', 'money' or 'percent' all select what a user means."""
    unit = (figure["unit"] or "").casefold()
    return wanted in (unit, figure["kind"]) or (bool(unit) and unit.rstrip("s") == wanted.rstrip("s"))
