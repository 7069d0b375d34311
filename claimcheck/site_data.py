"""The static site's data: the KB's records joined into what the pages show.

Reading is separate from rendering so tests can check what a page will say without HTML,
and so templates only loop and print. Each source graph is read on its own into picklable
records (`site_read.read_source`, kbcache's "site" reader, so cached per file); the checks
and the entity list are read apart; `read_site_data` joins them through dictionaries built
once, so the cost grows with the KB, not with its square. Everything is sorted here; keys
(file names and anchors) come from IRIs and hashes, never from run order, so the site is
byte-stable.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, TypeVar

from claimcheck import site_files
from claimcheck.site_files import KbFile
from claimcheck.site_read import (  # noqa: F401 (read_source: kbcache's "site" reader)
    QUALIFIER_LABELS,
    VARIANT_LABELS,
    Checks,
    ClaimRow,
    EntityNode,
    FigureRow,
    FlagNode,
    MentionRow,
    SlotNode,
    SourceFile,
    anchor,
    entity_key,
    read_checks,
    read_entity_list,
    read_source,
)
from claimcheck.vocab import short_hash, slug

if TYPE_CHECKING:
    from claimcheck.workspace import Workspace

R = TypeVar("R", "FigureRow", "ClaimRow")
SEVERITIES = ("high", "medium", "low", "info")
SEVERITY_WEIGHT = {"high": 8, "medium": 4, "low": 2, "info": 0}
ARITHMETIC_KINDS = ("parts_whole", "arithmetic")


@dataclass(frozen=True)
class FlagRow:
    iri: str
    anchor: str
    kind: str
    severity: str
    message: str
    slot_key: str | None
    source_keys: tuple[str, ...]
    entity_keys: tuple[str, ...]
    claim_iris: tuple[str, ...]
    figure_iris: tuple[str, ...]
    mention_iris: tuple[str, ...]

    @property
    def kind_label(self) -> str:
        return self.kind.replace("_", " ")


@dataclass(frozen=True)
class SourceRef:
    """What a page shows of a source it links to (a fact, entity or flag naming it)."""

    iri: str
    key: str
    title: str
    outlet: str | None
    date: str | None
    url: str | None


@dataclass
class Source:
    iri: str
    key: str
    id: str
    title: str
    outlet: str | None
    author: str | None
    date: str | None
    url: str | None
    body: str
    claims: list[ClaimRow] = field(default_factory=list)
    figures: list[FigureRow] = field(default_factory=list)
    mentions: list[MentionRow] = field(default_factory=list)
    flags: list[FlagRow] = field(default_factory=list)
    file_digest: str | None = None  # SHA-256 of its source graph file: all of it but slots and flags

    @property
    def ref(self) -> SourceRef:
        return SourceRef(self.iri, self.key, self.title, self.outlet, self.date, self.url)


@dataclass
class Entity:
    iri: str
    key: str
    label: str
    type: str
    alt_labels: list[str]
    hidden_labels: list[str]
    spellings: dict[str, list[tuple[str, str | None, int]]] = field(default_factory=dict)  # source key -> (text, variant, n)
    slot_keys: list[str] = field(default_factory=list)
    flags: list[FlagRow] = field(default_factory=list)


@dataclass
class Slot:
    iri: str
    key: str
    label: str
    subject_keys: list[str]  # one entity, or every member of a group ("the three labs")
    concept: str | None
    family: str | None
    members: list[FigureRow]
    flags: list[FlagRow] = field(default_factory=list)
    reviews: list[dict[str, str]] = field(default_factory=list)  # schema:ClaimReview nodes of the KB

    @property
    def source_keys(self) -> list[str]:
        return sorted({m.source_key for m in self.members})

    @property
    def disagreement(self) -> tuple[int, int, int]:
        """Sort key, larger = more disagreement: flag severity, distinct values, sources."""
        weight = sum(SEVERITY_WEIGHT.get(f.severity, 0) for f in self.flags if f.kind != "corroboration")
        values = {(m.value, m.qualifier) for m in self.members}
        return weight, len(values), len(self.source_keys)

    @property
    def arithmetic(self) -> list[FlagRow]:
        return [f for f in self.flags if f.kind in ARITHMETIC_KINDS]


@dataclass
class SiteData:
    sources: list[Source]
    slots: list[Slot]
    entities: list[Entity]
    flags: list[FlagRow]
    entity_labels: dict[str, str]  # entity key -> label

    @cached_property
    def _by_key(self) -> dict[str, Source]:
        by_key: dict[str, Source] = {}
        for source in self.sources:
            by_key.setdefault(source.key, source)
        return by_key

    def source(self, key: str) -> Source:
        return self._by_key[key]

    def severity_counts(self) -> list[tuple[str, int]]:
        return [(sev, sum(1 for f in self.flags if f.severity == sev)) for sev in SEVERITIES]

    @cached_property
    def slots_by_disagreement(self) -> list[Slot]:
        return sorted(self.slots, key=lambda s: (tuple(-x for x in s.disagreement), s.label, s.key))

    @cached_property
    def compared_slots(self) -> list[Slot]:
        """Facts at least two sources report: the ones a reader can compare."""
        return [s for s in self.slots_by_disagreement if len(s.source_keys) > 1]

    @cached_property
    def single_source_slots(self) -> list[Slot]:
        return [s for s in self.slots_by_disagreement if len(s.source_keys) <= 1]


# --------------------------------------------------------------------------- reading and joining


def _join(names: list[str]) -> str:
    """'A', 'A and B', 'A, B and C': how a reader names a group."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1] if names else ""


def finite(bounds: tuple[float, float] | None) -> bool:
    return bounds is not None and all(math.isfinite(b) for b in bounds)


def read_workspace(ws: Workspace, files: Sequence[KbFile] | None = None, cache: site_files.Cache | None = None) -> SiteData:
    """The site's data for a workspace: source graphs through `kbcache`, the checks and
    the entity list through the site's cache (`files` from `site_files.kb_files`)."""
    from claimcheck import kbcache
    from claimcheck.graph import source_graph_files

    files = site_files.kb_files(ws) if files is None else files
    cache = cache or site_files.Cache(ws, kbcache.code_version())
    checks = next((f for f in files if f.path == ws.checks_file), None)
    entities = next((f for f in files if f.path == ws.entities_file), None)
    paths = source_graph_files(ws)
    sources: list[SourceFile] = kbcache.read_sources(ws, "site", paths)
    digest_of = {f.path: f.digest for f in files}
    return read_site_data(
        sources,
        cache.value("checks", checks, lambda: read_checks(checks)) if checks else Checks(),
        cache.value("entities", entities, lambda: read_entity_list(entities)) if entities else (),
        [digest_of.get(path) for path in paths],
    )


def read_site_data(
    files: Sequence[SourceFile],
    checks: Checks | None = None,
    entity_list: Sequence[EntityNode] = (),
    digests: Sequence[str | None] | None = None,
) -> SiteData:
    """Everything the pages show, from the KB's records alone (`digests`: of each file)."""
    checks = checks or Checks()
    digests = digests or [None] * len(files)
    sources = sorted(
        (
            Source(**{**r.__dict__, "claims": [], "figures": [], "mentions": [], "file_digest": digest})
            for f, digest in zip(files, digests, strict=True)
            for r in f.sources
        ),
        key=lambda s: (s.date or "", s.title.lower(), s.key),
    )
    records = {r.iri: r for f in files for r in f.sources}
    figures = {row.iri: row for r in records.values() for row in r.figures}
    claims = {row.iri: row for r in records.values() for row in r.claims}
    mentions = {row.iri: row for r in records.values() for row in r.mentions}
    by_iri = {s.iri: s for s in sources}
    by_key: dict[str, Source] = {}
    for source in sources:
        by_key.setdefault(source.key, source)

    slots = [_slot(node, figures) for node in checks.slots]
    slot_of_figure = {m.iri: slot.key for slot in slots for m in slot.members}
    in_slot = {iri: _with_slot(figures[iri], key) for iri, key in slot_of_figure.items()}
    for slot in slots:
        slot.members = [in_slot[m.iri] if slot_of_figure[m.iri] == slot.key else _with_slot(m, slot.key) for m in slot.members]
    for source in sources:
        record = records[source.iri]
        source.figures = [in_slot.get(f.iri, f) for f in record.figures]
        source.claims = [_with_slot(c, next((slot_of_figure[i] for i in c.figure_iris if i in slot_of_figure), None)) for c in record.claims]
        source.mentions = list(record.mentions)

    slot_keys = {slot.iri: slot.key for slot in slots}
    flags = _flags(checks.flags, slot_keys, by_iri, figures, claims, mentions)
    slot_by_key = {slot.key: slot for slot in slots}
    for flag in flags:
        if flag.slot_key in slot_by_key:
            slot_by_key[flag.slot_key].flags.append(flag)
        for key in flag.source_keys:
            if key in by_key:
                by_key[key].flags.append(flag)
    _attach_reviews(checks.reviews, slots)

    entities = _entities(files, entity_list, sources, slots, flags)
    labels = {e.key: e.label for e in entities}
    for slot in slots:
        if not slot.label:
            subject = _join([labels.get(k, k) for k in slot.subject_keys])
            what = slot.concept or slot.family or "figure"
            slot.label = f"{subject}: {what}" if subject else what.capitalize()
    return SiteData(sources=sources, slots=slots, entities=entities, flags=flags, entity_labels=labels)


def _with_slot(row: R, slot_key: str | None) -> R:
    """The row with its slot key (a third of the cost of `dataclasses.replace`)."""
    return row if row.slot_key == slot_key else type(row)(**{**row.__dict__, "slot_key": slot_key})


def _slot(node: SlotNode, figures: dict[str, FigureRow]) -> Slot:
    members = sorted((figures[m] for m in node.members if m in figures), key=lambda f: (f.source_key, f.start, f.iri))
    subjects = sorted(entity_key(e) for e in node.subjects)
    name = node.label or " ".join([*subjects, node.concept or ""])
    return Slot(
        iri=node.iri,
        key=f"{slug(name)[:48].strip('-') or 'fact'}-{short_hash(node.iri)[:8]}",
        label=node.label,
        subject_keys=subjects,
        concept=node.concept,
        family=node.family,
        members=members,
    )


def _flags(
    nodes: Sequence[FlagNode],
    slot_keys: dict[str, str],
    sources: dict[str, Source],
    figures: dict[str, FigureRow],
    claims: dict[str, ClaimRow],
    mentions: dict[str, MentionRow],
) -> list[FlagRow]:
    flags = []
    for node in nodes:
        source_keys = {sources[s].key for s in node.sources if s in sources}
        source_keys |= {figures[f].source_key for f in node.figures if f in figures}
        source_keys |= {claims[c].source_key for c in node.claims if c in claims}
        source_keys |= {mentions[m].source_key for m in node.mentions if m in mentions}
        entity_keys = {entity_key(e) for e in node.entities}
        entity_keys |= {mentions[m].entity_key for m in node.mentions if m in mentions}
        severity = node.severity.lower()
        flags.append(
            FlagRow(
                iri=node.iri,
                anchor=anchor("flag", node.iri),
                kind=node.kind,
                severity=severity if severity in SEVERITIES else "info",
                message=node.message,
                slot_key=slot_keys.get(node.slot) if node.slot is not None else None,
                source_keys=tuple(sorted(source_keys)),
                entity_keys=tuple(sorted(entity_keys)),
                claim_iris=node.claims,
                figure_iris=node.figures,
                mention_iris=node.mentions,
            )
        )
    order = {sev: i for i, sev in enumerate(SEVERITIES)}
    return sorted(flags, key=lambda f: (order[f.severity], f.kind, f.message, f.iri))


def _attach_reviews(reviews: Sequence[dict[str, str]], slots: list[Slot]) -> None:
    """schema:ClaimReview nodes the checks wrote: to the slot of the flag they come from if it
    holds their claim, else (no such slot) to every slot holding their claim."""
    by_iri = {slot.iri: slot for slot in slots}
    by_claim: dict[str, list[Slot]] = defaultdict(list)
    for slot in slots:
        for claim in dict.fromkeys(m.claim_iri for m in slot.members if m.claim_iri is not None):
            by_claim[claim].append(slot)
    for review in reviews:
        flag_slot = by_iri.get(review["flag_slot"])
        holders = by_claim.get(review["claim"], [])
        for slot in ([flag_slot] if any(s is flag_slot for s in holders) else []) if flag_slot else holders:
            slot.reviews.append({k: review[k] for k in ("iri", "claim", "body", "rating")})


def _entities(
    files: Sequence[SourceFile], entity_list: Sequence[EntityNode], sources: list[Source], slots: list[Slot], flags: list[FlagRow]
) -> list[Entity]:
    """Entities the sources name, the slots are about or the flags concern; not the whole catalog."""
    wanted: set[str] = {m.entity_key for s in sources for m in s.mentions}
    wanted |= {k for s in slots for k in s.subject_keys}
    wanted |= {k for f in flags for k in f.entity_keys}
    nodes: dict[str, dict[str, set[str]]] = {}
    for node in [*entity_list, *(e for f in files for e in f.entities)]:
        entry = nodes.setdefault(node.iri, {"pref": set(), "types": set(), "alt": set(), "hidden": set()})
        for name, values in (("pref", node.pref_labels), ("types", node.types), ("alt", node.alt_labels), ("hidden", node.hidden_labels)):
            entry[name].update(values)
    iri_of: dict[str, str] = {}
    for iri in sorted(nodes, reverse=True):  # one IRI per key: the smallest
        iri_of[entity_key(iri)] = iri
    spellings: dict[str, dict[str, dict[tuple[str, str | None], int]]] = defaultdict(dict)
    for source in sources:
        for mention in source.mentions:
            counts = spellings[mention.entity_key].setdefault(source.key, defaultdict(int))
            counts[(mention.text, mention.variant)] += 1
    slot_keys: dict[str, list[str]] = defaultdict(list)
    for slot in slots:
        for key in {*slot.subject_keys, *(k for m in slot.members for k in m.about)}:
            slot_keys[key].append(slot.key)
    flags_of: dict[str, list[FlagRow]] = defaultdict(list)
    for flag in flags:
        for key in flag.entity_keys:
            flags_of[key].append(flag)
    entities = []
    for key in sorted(wanted):
        iri = iri_of.get(key, key)
        entry = nodes.get(iri) or {"pref": set(), "types": set(), "alt": set(), "hidden": set()}
        entity = Entity(
            iri=iri,
            key=key,
            label=min(entry["pref"]) if entry["pref"] else key,
            type=min(entry["types"]) if entry["types"] else "Thing",
            alt_labels=sorted(entry["alt"]),
            hidden_labels=sorted(entry["hidden"]),
        )
        for source_key, counts in spellings.get(key, {}).items():
            entity.spellings[source_key] = [(t, v, n) for (t, v), n in sorted(counts.items(), key=lambda x: (x[0][0], x[0][1] or ""))]
        entity.slot_keys = sorted(slot_keys.get(key, []))
        entity.flags = flags_of.get(key, [])
        entities.append(entity)
    return entities
