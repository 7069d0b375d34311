"""`claimcheck validate`: the KB against kb/shapes.ttl (SHACL) plus the checks SHACL cannot
express well: every claim, figure and mention names its source, and the quote its
selector stores is exactly the source text between its start and end offsets.

Problems are one line each, sorted, so editors can read them and tests can pin them.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from rdflib import Graph, Literal, Node, URIRef

from claimcheck.graph import load_kb
from claimcheck.vocab import CC, OA, PREFIXES, PROV, RDF, SCHEMA
from claimcheck.workspace import Workspace

SH = "http://www.w3.org/ns/shacl#"


def shapes_file(ws: Workspace) -> Path:
    """The workspace's shapes, or the shipped ones for a workspace made before they existed."""
    if (ws.kb_dir / "shapes.ttl").exists():
        return ws.kb_dir / "shapes.ttl"
    return Path(str(resources.files("claimcheck") / "data" / "shapes.ttl"))


def merged_kb(ws: Workspace) -> Graph:
    """All named graphs as one graph: flags in checks.trig point into source graphs."""
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    for s, p, o, _ in load_kb(ws).quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


def validate_kb(ws: Workspace) -> list[str]:
    """Every problem found, one line each; an empty list means the KB is valid."""
    graph = merged_kb(ws)
    return sorted(set(shacl_problems(graph, shapes_file(ws)) + span_problems(graph)))


def shacl_problems(graph: Graph, shapes: Path) -> list[str]:
    from pyshacl import validate

    shapes_graph = Graph().parse(shapes, format="turtle")
    conforms, results, _ = validate(graph, shacl_graph=shapes_graph, inference="none", allow_warnings=True)
    if conforms:
        return []
    problems = []
    for result in results.subjects(RDF.type, URIRef(SH + "ValidationResult")):
        focus = results.value(result, URIRef(SH + "focusNode"))
        path = results.value(result, URIRef(SH + "resultPath"))
        message = results.value(result, URIRef(SH + "resultMessage")) or "violates a shape"
        value = results.value(result, URIRef(SH + "value"))
        where = f" ({short(path, graph)})" if path is not None else ""
        found = f"; found {short(value, graph)}" if value is not None else ""
        problems.append(f"{short(focus, graph)}: {message}{where}{found}")
    return problems


def span_problems(graph: Graph) -> list[str]:
    """Source, span and selectors of everything quoted from an article, checked against its text."""
    problems = []
    quoted = set(graph.subjects(RDF.type, SCHEMA.Claim)) | set(graph.subjects(CC.textSpan, None))
    for node in sorted(quoted, key=str):
        name = short(node, graph)
        source = graph.value(node, PROV.wasQuotedFrom)
        if source is None:
            problems.append(f"{name}: has no source (prov:wasQuotedFrom)")
            continue
        body = graph.value(source, SCHEMA.text)
        if body is None:
            problems.append(f"{name}: its source {short(source, graph)} has no text (schema:text)")
            continue
        span = graph.value(node, CC.textSpan)
        if span is None:
            problems.append(f"{name}: has no text span (cc:textSpan)")
            continue
        if graph.value(span, OA.hasSource) != source:
            problems.append(f"{name}: its span points to another source than {short(source, graph)}")
        problems.extend(_selector_problems(graph, name, span, str(body)))
    return problems


def _selector_problems(graph: Graph, name: str, span: Node, body: str) -> list[str]:
    selectors = {graph.value(s, RDF.type): s for s in graph.objects(span, OA.hasSelector)}
    quote, position = selectors.get(OA.TextQuoteSelector), selectors.get(OA.TextPositionSelector)
    if quote is None or position is None:
        return [f"{name}: its span needs a TextQuoteSelector and a TextPositionSelector"]
    start, end, exact = (graph.value(position, OA.start), graph.value(position, OA.end), graph.value(quote, OA.exact))
    numbers = [v.toPython() if isinstance(v, Literal) else None for v in (start, end)]
    if not all(isinstance(n, int) for n in numbers) or exact is None:
        return [f"{name}: its selectors need integer oa:start/oa:end and an oa:exact quote"]
    first, last = numbers
    if not 0 <= first <= last <= len(body):  # type: ignore[operator]
        return [f"{name}: offsets {first}..{last} lie outside the source text ({len(body)} characters)"]
    if body[first:last] != str(exact):
        return [f"{name}: quote {_clip(str(exact))} differs from the source text at {first}..{last}: {_clip(body[first:last])}"]
    return []


def short(node: Node | None, graph: Graph | None = None) -> str:
    """`id:claim/...`, `cc:qualifier`: IRIs readable in a one-line message."""
    if isinstance(node, URIRef):
        for prefix, namespace in sorted(PREFIXES.items(), key=lambda p: -len(str(p[1]))):
            if str(node).startswith(str(namespace)):
                return f"{prefix}:{str(node)[len(str(namespace)):]}"
        return f"<{node}>"
    return _clip(str(node)) if isinstance(node, Literal) else str(node)


def _clip(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return repr(flat if len(flat) <= limit else flat[: limit - 1] + "…")
