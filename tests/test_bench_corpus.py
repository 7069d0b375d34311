"""The benchmark corpus generator: deterministic by seed, readable articles, a true answer key."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path

import pytest

from claimcheck.entities import load_catalog
from claimcheck.ingest import read_source

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def corpus():
    sys.path.insert(0, str(REPO / "bench"))
    try:
        spec = importlib.util.spec_from_file_location("bench_corpus", REPO / "bench" / "corpus.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # dataclasses look their module up while being built
        spec.loader.exec_module(module)
        yield module
    finally:
        sys.modules.pop("bench_corpus", None)
        sys.path.remove(str(REPO / "bench"))


def test_same_seed_same_corpus_other_seed_other_corpus(corpus) -> None:
    first, planted = corpus.generate(40, seed=3)
    again, planted_again = corpus.generate(40, seed=3)
    other, _ = corpus.generate(40, seed=4)
    assert [a.text for a in first] == [a.text for a in again]
    assert planted == planted_again
    assert [a.text for a in first] != [a.text for a in other]
    assert len({a.id for a in first}) == 40


def test_a_smaller_corpus_is_a_prefix_of_a_larger_one(corpus) -> None:
    small, _ = corpus.generate(25, seed=3)
    large, _ = corpus.generate(26, seed=3)
    assert large[:25] == small


def test_written_articles_are_accepted_by_the_reader(corpus, tmp_path: Path) -> None:
    key = corpus.write_corpus(tmp_path, 30, seed=5)
    files = sorted((tmp_path / "sources").glob("*.md"))
    assert len(files) == key["articles"] == 30
    docs = [read_source(path) for path in files]
    assert all(doc.outlet and doc.title and doc.date and doc.url for doc in docs)
    assert all(len(doc.body.split()) > 200 for doc in docs)  # news-length, not snippets
    stories = {doc.id[:6] for doc in docs}
    assert len(stories) < 15  # several outlets per story
    catalog = load_catalog(tmp_path / "entities.ttl")
    assert len(catalog.entities) > 600  # the shipped list plus the corpus's companies
    assert json.loads((tmp_path / "answer_key.json").read_text("utf-8")) == json.loads(json.dumps(key))


def test_planted_disagreements_are_in_the_text(corpus) -> None:
    articles, planted = corpus.generate(200, seed=7)
    text = {a.id: a.text.split("\n---\n", 1)[1] for a in articles}
    assert {p.kind for p in planted} == set(corpus.PLANTS)
    for plant in planted:
        assert plant.stated in text[plant.source], plant
        assert plant.others and all(other in text for other in plant.others)
        assert plant.stated != plant.expected
        if plant.kind == "misspelling":
            assert plant.stated not in " ".join(text[o] for o in plant.others)
        else:  # the right figure is what another outlet wrote (qualifier words vary)
            number = re.search(r"\d[\d,.]*", plant.expected).group()  # type: ignore[union-attr]
            assert any(number in text[o] for o in plant.others), plant
