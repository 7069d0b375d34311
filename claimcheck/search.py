"""Search claim sentences: by meaning (all-MiniLM-L6-v2 embeddings) or as plain text.

The corpus is encoded once: one `.npy` per source graph under `.claimcheck/embeddings/`,
named by a hash of the source's cc:contentHash, the model and its claims' texts, so an
unchanged source is never re-encoded and a changed one (or a new extractor) is. Only the
query is encoded at search time.
"""

from __future__ import annotations

import io
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimcheck.errors import ClaimcheckError
from claimcheck.kbview import KnowledgeBase, Row, reading_order
from claimcheck.vocab import short_hash, slug
from claimcheck.workspace import atomic_write_bytes, remove_file

if TYPE_CHECKING:
    import numpy as np

    from claimcheck.nlp import Models

MODEL_NAME = "all-MiniLM-L6-v2"  # part of the cache key: another model means new vectors
DIMENSIONS = 384

# Called with (sources encoded so far, sources to encode); the CLI draws a progress bar.
Progress = Callable[[int, int], None]


def embeddings_dir(kb: KnowledgeBase) -> Path:
    return kb.ws.state_dir / "embeddings"


def claim_vectors(kb: KnowledgeBase, models: Models, progress: Progress | None = None) -> tuple[list[Row], np.ndarray]:
    """Every claim (reading order by source) and its unit vector, encoding only what the
    cache lacks; files of sources gone from the KB are removed."""
    import numpy as np

    by_source: dict[str, list[Row]] = defaultdict(list)
    for claim in kb.claims:
        by_source[claim["source"]].append(claim)
    hashes = {source["id"]: source["content_hash"] for source in kb.sources.values()}
    folder = embeddings_dir(kb)
    plan = []
    for source_id in sorted(hashes):
        claims = sorted(by_source.get(source_id, []), key=lambda c: c["start"])
        key = short_hash(MODEL_NAME, hashes[source_id], *(c["text"] for c in claims))
        plan.append((claims, folder / f"{slug(source_id)}-{key}.npy"))

    blocks = {path: _load(path, len(claims)) for claims, path in plan}
    stale = [(claims, path) for claims, path in plan if blocks[path] is None]
    for done, (claims, path) in enumerate(stale):
        if progress:
            progress(done, len(stale))
        blocks[path] = models.encode([c["text"] for c in claims])
        atomic_write_bytes(path, _npy_bytes(blocks[path]))
    if progress and stale:
        progress(len(stale), len(stale))
    keep = set(blocks)
    for old in sorted(folder.glob("*.npy")) if folder.is_dir() else []:
        if old not in keep:
            remove_file(old)

    claims = [c for group, _ in plan for c in group]
    matrix = np.concatenate([blocks[path] for _, path in plan] or [np.zeros((0, DIMENSIONS), np.float32)])
    return claims, matrix


def semantic_search(
    kb: KnowledgeBase, models: Models, text: str, limit: int = 10, progress: Progress | None = None
) -> list[Row]:
    """Claims ranked by cosine similarity to `text`, best first, each with its score."""
    text = _query_text(text)
    claims, matrix = claim_vectors(kb, models, progress)
    if not claims:
        return []
    scores = matrix @ models.encode([text])[0]
    ranked = sorted(range(len(claims)), key=lambda i: (-round(float(scores[i]), 6), reading_order(claims[i])))
    return [{"score": round(float(scores[i]), 4), **claims[i]} for i in ranked[: max(limit, 0)]]


def exact_search(kb: KnowledgeBase, text: str, limit: int = 10) -> list[Row]:
    """Claims containing `text`, ignoring case and line breaks; no model is loaded."""
    needle = " ".join(_query_text(text).split()).casefold()
    hits = [c for c in kb.claims if needle in " ".join(c["text"].split()).casefold()]
    return [{"score": None, **claim} for claim in hits[: max(limit, 0)]]


def _query_text(text: str) -> str:
    if not text.strip():
        raise ClaimcheckError("the search text is empty")
    return text.strip()


def _load(path: Path, rows: int) -> Any:
    """The cached matrix, or None when missing, unreadable or of the wrong shape."""
    import numpy as np

    try:
        matrix = np.load(path, allow_pickle=False)
    except (OSError, ValueError):
        return None
    return matrix if matrix.shape == (rows, DIMENSIONS) and matrix.dtype == np.float32 else None


def _npy_bytes(matrix: np.ndarray) -> bytes:
    import numpy as np

    buffer = io.BytesIO()
    np.save(buffer, np.ascontiguousarray(matrix, dtype=np.float32), allow_pickle=False)
    return buffer.getvalue()
