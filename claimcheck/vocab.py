"""Namespaces and IRI minting.

Standard vocabularies first (schema.org, PROV-O, Web Annotation, SKOS); `CC` holds only
what they lack (qualifiers, fact slots, flags). Every term of `CC` is documented with
rdfs:label/rdfs:comment in `claimcheck/data/vocab.ttl`. Instance IRIs are minted from
content (source id, offsets, normalised names), never from run order, so the KB is stable.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from rdflib import Namespace, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD

SCHEMA = Namespace("https://schema.org/")
OA = Namespace("http://www.w3.org/ns/oa#")
CC = Namespace("https://w3id.org/claimcheck/vocab#")
ID = Namespace("https://w3id.org/claimcheck/id/")

PREFIXES = {
    "schema": SCHEMA,
    "oa": OA,
    "cc": CC,
    "prov": PROV,
    "skos": SKOS,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "owl": OWL,
    "id": ID,
}

__all__ = ["CC", "ID", "OA", "OWL", "PREFIXES", "PROV", "RDF", "RDFS", "SCHEMA", "SKOS", "XSD"]


def slug(text: str) -> str:
    """Lowercase ASCII words joined by '-': stable across runs and readable in IRIs."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    return "-".join(words) or "x" + short_hash(text)


def short_hash(*parts: object) -> str:
    """16 hex digits of SHA-256 over the parts: collision-safe for a newsroom's KB."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8"))
    return digest.hexdigest()[:16]


def source_iri(source_id: str) -> URIRef:
    return ID[f"source/{slug(source_id)}"]


def source_graph_iri(source_id: str) -> URIRef:
    return ID[f"graph/source/{slug(source_id)}"]


def entity_iri(entity_key: str) -> URIRef:
    """`entity_key` is `Mention.entity_id`, itself the slug of the canonical name."""
    return ID[f"entity/{entity_key}"]
