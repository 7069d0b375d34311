"""A small deterministic TriG writer for graphs of IRIs and literals (no blank nodes).

rdflib's TriG serialiser costs about as much as building the graph it writes (qname
lookups and reference counting per node), a quarter of ingest. This writer lays graphs
out the way rdflib 7 does, so the KB's bytes do not depend on which one wrote them:
prefixes actually used, sorted; subjects by (times referenced, IRI); `a` first, then
predicates by IRI; objects in rdflib's order. Where rdflib's output would be wrong (a
long string ending in a backslash and a quote, a decimal in exponent form) this one
writes a correct form instead. Graphs are laid out one by one, so a graph's block is the
same alone or among others. Blank nodes are refused (`BlankNodeError`): callers use
rdflib for those.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import TypeAlias

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD
from rdflib.term import Identifier, Node

Triple: TypeAlias = tuple[Node, Node, Node]

# Local names written as prefix:local; anything else is written as a full <IRI>.
_LOCAL = re.compile(r"(?:[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?)?\Z")
_SPLIT = re.compile(r"^(.*[/#])([^/#]*)\Z", re.DOTALL)
_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')
# Turtle's bare number and boolean forms; a lexical form that does not match is quoted.
_BARE = {
    str(XSD.integer): re.compile(r"[+-]?[0-9]+\Z"),
    str(XSD.decimal): re.compile(r"[+-]?[0-9]*\.[0-9]+\Z"),
    str(XSD.boolean): re.compile(r"(?:true|false)\Z"),
}
# A '"' after an even number of backslashes is a quote character, not an escape.
_RAW_QUOTE_AT_END = re.compile(r'(?<!\\)(?:\\\\)*"\Z')
_RDF_TYPE = str(RDF.type)
_FIRST = {_RDF_TYPE: 0, str(RDFS.label): 1}  # rdflib's predicate order, then by IRI


class BlankNodeError(ValueError):
    """The writer only writes IRIs and literals."""


def serialize(graphs: Iterable[tuple[Identifier, Iterable[Triple]]], prefixes: Mapping[str, str]) -> str:
    """TriG of named graphs, one block each in the order given (callers sort them)."""
    writer = _Writer(prefixes)
    blocks = [writer.graph(name, triples) for name, triples in graphs]
    head = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(writer.used.items()))
    return head + "".join(blocks) + "\n"


def quote(text: str) -> str:
    """A Turtle string literal: triple-quoted when it has a newline, as rdflib writes it."""
    if "\n" in text:
        body = text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
        if _RAW_QUOTE_AT_END.search(body):  # it would run into the closing quotes
            body = body[:-1] + '\\"'
        return '"""' + body.replace("\r", "\\r") + '"""'
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\r", "\\r") + '"'


def _subject_key(
    node: Node, properties: dict[Node, dict[Node, None]], references: Mapping[Node, int]
) -> tuple[bool, int, str]:
    """rdflib's order: instances of rdfs:Class first, then by times referenced and IRI."""
    if RDFS.Class in properties.get(RDF.type, ()):
        return (False, 0, str(node))
    return (True, references[node], str(node))


class _Writer:
    def __init__(self, prefixes: Mapping[str, str]) -> None:
        self.namespaces = {str(ns): prefix for prefix, ns in prefixes.items()}
        self.prefixes = {prefix: str(ns) for prefix, ns in prefixes.items()}
        self.used: dict[str, str] = {}
        self.names: dict[str, tuple[str, str | None]] = {}  # IRI -> (label, prefix)

    def graph(self, name: Identifier, triples: Iterable[Triple]) -> str:
        by_subject: dict[Node, dict[Node, dict[Node, None]]] = {}  # dicts as ordered sets
        for s, p, o in triples:
            if isinstance(s, BNode) or isinstance(o, BNode) or not isinstance(p, URIRef):
                raise BlankNodeError("the TriG writer does not write blank nodes")
            by_subject.setdefault(s, {}).setdefault(p, {})[o] = None
        if not by_subject:
            return ""
        if isinstance(name, BNode):
            raise BlankNodeError("the TriG writer does not write blank nodes")
        self.iri(name)  # rdflib registers the graph name's prefix, if it has one
        references: defaultdict[Node, int] = defaultdict(int)
        for s, properties in by_subject.items():
            references[s] += 1
            for p, objects in properties.items():
                if str(p) != _RDF_TYPE:
                    self.iri(p)
                for o in objects:
                    references[o] += 1
                    if isinstance(o, Literal):
                        if o.datatype is not None:
                            self.iri(o.datatype)
                    else:
                        self.iri(o)
        out = [f"\n{self.iri(name)} {{"]
        for s in sorted(by_subject, key=lambda node: _subject_key(node, by_subject[node], references)):
            out.append(f"\n    {self.iri(s)} ")
            out.append(self.predicates(by_subject[s]))
            out.append(" .\n")
        out.append("}\n")
        return "".join(out)

    def predicates(self, properties: dict[Node, dict[Node, None]]) -> str:
        order = sorted(properties, key=lambda p: (_FIRST.get(str(p), 2), str(p)))
        parts = []
        for p in order:
            objects = list(properties[p])
            verb = "a" if str(p) == _RDF_TYPE else self.iri(p)
            if len(objects) == 1:
                parts.append(f"{verb} {self.term(objects[0])}")
            else:
                parts.append(f"{verb} " + ",\n            ".join(self.term(o) for o in sorted(sorted(objects, key=self.term))))
        return " ;\n        ".join(parts)

    def term(self, node: Node) -> str:
        if isinstance(node, Literal):
            return self.literal(node)
        return self.iri(node)

    def iri(self, node: Node) -> str:
        text = str(node)
        known = self.names.get(text)
        if known is None:
            known = self.names[text] = self._name(text)
        label, prefix = known
        if prefix is not None and prefix not in self.used:
            self.used[prefix] = self.prefixes[prefix]
        return label

    def _name(self, text: str) -> tuple[str, str | None]:
        if _BAD_IRI.search(text):
            raise ValueError(f"{text!r} is not a valid IRI")
        split = _SPLIT.match(text)
        if split:
            prefix = self.namespaces.get(split.group(1))
            if prefix is not None and _LOCAL.match(split.group(2)):
                return f"{prefix}:{split.group(2)}", prefix
        return f"<{text}>", None

    def literal(self, node: Literal) -> str:
        datatype = node.datatype
        lexical = str(node)
        if datatype is None:
            text = quote(lexical)
            return f"{text}@{node.language}" if node.language else text
        bare = _BARE.get(str(datatype))
        if bare is not None and node.value is not None:
            if str(datatype) == str(XSD.decimal) and not any(c in lexical for c in ".eE"):
                lexical += ".0"
            elif str(datatype) == str(XSD.boolean):
                lexical = lexical.lower()
            if bare.match(lexical):
                return lexical
            lexical = str(node)
        return f"{quote(lexical)}^^{self.iri(datatype)}"
