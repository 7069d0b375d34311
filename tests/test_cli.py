"""The journalist's command line: claims, search, show, sources, entities.

Most tests read the bundled story, ingested once per module; slot and flag views use a
small hand-made KB whose checks.trig is written here, so they test `show` on known data.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph, Literal
from typer.testing import CliRunner

from claimcheck.check import run_checks
from claimcheck.cli import app
from claimcheck.graph import (
    CHECKS_GRAPH,
    claim_iri,
    figure_iri,
    serialize_trig,
    write_source_graph,
)
from claimcheck.ingest import ingest_paths
from claimcheck.kbview import KnowledgeBase
from claimcheck.models import Claim, Extraction, Figure, Mention, SourceDoc
from claimcheck.nlp import Models
from claimcheck.search import embeddings_dir, semantic_search
from claimcheck.vocab import CC, ID, RDF, entity_iri
from claimcheck.workspace import Workspace, open_workspace

REPO = Path(__file__).resolve().parent.parent
BUNDLED_SOURCES = REPO / "sources"
runner = CliRunner()


def run(ws: Workspace | Path, *args: str, models: Models | None = None) -> Any:
    home = ws.home if isinstance(ws, Workspace) else ws
    return runner.invoke(app, [*args, "--home", str(home)], obj=models)


def run_json(ws: Workspace, *args: str, models: Models | None = None) -> Any:
    result = run(ws, *args, "--json", models=models)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory, models: Models) -> Workspace:
    ws = open_workspace(tmp_path_factory.mktemp("story"), create=True)
    report = ingest_paths(ws, [BUNDLED_SOURCES], models)
    assert report.ok and len(report.added) == 5
    run_checks(ws, models)
    return ws


# ---------------------------------------------------------------- claims


def test_claims_about_a_misspelling_finds_minimax(story: Workspace) -> None:
    result = run(story, "claims", "--about", "Miniax", "--json")
    assert result.exit_code == 0
    assert result.stderr == "Note: 'Miniax' read as MiniMax\n"
    claims = json.loads(result.stdout)
    figures = [f for c in claims for f in c["figures"]]
    assert any(f["value"] == 13_000_000 and f["unit"] == "exchanges" and f["about"] == ["MiniMax"] for f in figures)
    for claim in claims:
        assert {"id": "minimax", "label": "MiniMax"} in claim["about"] or any("MiniMax" in f["about"] for f in claim["figures"])
    assert {c["source"] for c in claims} == {p.stem for p in BUNDLED_SOURCES.glob("*.md")}
    assert run_json(story, "claims", "--about", "MiniMax") == claims


def test_claims_about_an_alias_and_an_entity_only_the_kb_knows(story: Workspace) -> None:
    kimi = run(story, "claims", "--about", "Kimi", "--json")
    assert kimi.stderr == ""  # an alias is a real name: nothing to note
    assert json.loads(kimi.stdout) == run_json(story, "claims", "--about", "Moonshot AI")
    attack = run(story, "claims", "--about", "att&ck", "--json")  # uncatalogued: named in one article
    assert attack.stderr == ""
    [claim] = json.loads(attack.stdout)
    assert "MITRE ATT&CK" in claim["text"] and {"id": "att-ck", "label": "ATT&CK"} in claim["about"]


def test_unknown_entity_is_one_error_line_with_suggestions(story: Workspace) -> None:
    result = run(story, "claims", "--about", "Minmx")
    assert result.exit_code == 1
    assert result.stderr == "Error: unknown entity 'Minmx'; did you mean: MiniMax?\n"
    assert run(story, "claims", "--about", "Zyxwvut").stderr == "Error: unknown entity 'Zyxwvut'\n"


def test_claims_by_unit_source_and_limit(story: Workspace) -> None:
    accounts = run_json(story, "claims", "--unit", "account")
    assert accounts and all(any(f["unit"] == "accounts" for f in c["figures"]) for c in accounts)
    assert any("24,000" in f["text"] for c in accounts for f in c["figures"])
    money = run_json(story, "claims", "--unit", "USD")
    assert any(f["value"] == 1_500_000_000 for c in money for f in c["figures"])
    assert all(any(f["kind"] == "money" for f in c["figures"]) for c in money)
    cybernews = run_json(story, "claims", "--source", "cybernews-anthropic-distillation", "--unit", "accounts")
    assert [c["outlet"] for c in cybernews] == ["Cybernews"]
    assert "about 24,000 fraudulent accounts" in [f["text"] for f in cybernews[0]["figures"]]
    assert len(run_json(story, "claims", "--limit", "3")) == 3
    missing = run(story, "claims", "--source", "nope")
    assert missing.exit_code == 1
    assert missing.stderr == "Error: no source 'nope' in the knowledge base (see 'claimcheck sources')\n"


def test_claims_plain_output_is_tab_separated_when_piped(story: Workspace) -> None:
    result = run(story, "claims", "--about", "Miniax", "--unit", "exchanges")
    lines = result.stdout.splitlines()
    assert lines[0] == "ID\tSource\tOutlet\tDate\tFigures\tClaim"
    row = next(line.split("\t") for line in lines[1:] if "13 million" in line)
    assert row[1] == "stole-ai-fake-accounts-summary"
    assert row[5] == "The largest offender, Miniax, accounted for over 13 million exchanges."


# ---------------------------------------------------------------- search


def test_search_ranks_an_accounts_claim_first_and_caches_vectors(story: Workspace, models: Models) -> None:
    first = run(story, "search", "how many fake accounts were used", "--json", models=models)
    assert (first.exit_code, first.stderr) == (0, "")  # encodes every source, but no bar in a pipe
    found = json.loads(first.stdout)
    assert len(found) == 10
    assert any(f["unit"] == "accounts" for f in found[0]["figures"])
    assert [c["score"] for c in found] == sorted((c["score"] for c in found), reverse=True)
    assert found[0]["source"] and "outlet" in found[0]
    files = sorted(embeddings_dir(KnowledgeBase(story)).glob("*.npy"))
    assert len(files) == 5
    assert run_json(story, "search", "how many fake accounts were used", models=models) == found


class CountingModels(Models):
    """The real encoder, counting the sentences it is asked to encode."""

    def __init__(self, inner: Models) -> None:
        self.inner = inner
        self.encoded: list[str] = []

    def encode(self, sentences: list[str]) -> Any:
        self.encoded.extend(sentences)
        return self.inner.encode(sentences)


def test_search_encodes_only_the_query_then_rebuilds_a_stale_source(story: Workspace, models: Models) -> None:
    semantic_search(KnowledgeBase(story), models, "warm the cache")
    folder = embeddings_dir(KnowledgeBase(story))
    counting = CountingModels(models)
    semantic_search(KnowledgeBase(story), counting, "settlement per book")
    assert counting.encoded == ["settlement per book"]
    victim = next(p for p in sorted(folder.glob("*.npy")) if p.name.startswith("cybernews"))
    good = victim.read_bytes()
    victim.write_bytes(b"not an array")
    counting.encoded.clear()
    results = semantic_search(KnowledgeBase(story), counting, "settlement per book", limit=3)
    cybernews = [c for c in KnowledgeBase(story).claims if c["source"] == "cybernews-anthropic-distillation"]
    assert counting.encoded[:-1] == [c["text"] for c in sorted(cybernews, key=lambda c: c["start"])]
    assert victim.read_bytes() == good  # deterministic: the same bytes again
    assert any(f["value"] == 1_500_000_000 for c in results for f in c["figures"])
    stray = folder / "gone-source-0000000000000000.npy"
    stray.write_bytes(good)
    semantic_search(KnowledgeBase(story), models, "anything")
    assert not stray.exists()


def test_exact_search_loads_no_model(story: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse() -> None:
        raise AssertionError("--exact must not load a model")

    monkeypatch.setattr("claimcheck.nlp.Models", refuse)
    found = run_json(story, "search", "MINIAX", "--exact")
    assert len(found) == 3
    assert all("miniax" in c["text"].lower() and c["score"] is None for c in found)
    assert len(run_json(story, "search", "24,000", "--exact", "--limit", "2")) == 2
    empty = run(story, "search", "  ", "--exact")
    assert (empty.exit_code, empty.stderr) == (1, "Error: the search text is empty\n")


def test_search_is_quiet_in_pipes_and_verbose_on_request(story: Workspace, models: Models) -> None:
    quiet = run(story, "search", "distillation", "-n", "2", models=models)
    assert quiet.exit_code == 0 and quiet.stderr == ""
    assert quiet.stdout.splitlines()[0] == "Score\tID\tSource\tOutlet\tDate\tFigures\tClaim"
    assert len(quiet.stdout.splitlines()) == 3
    verbose = run(story, "search", "distillation", "-n", "2", "--verbose", models=models)
    claims = len(KnowledgeBase(story).claims)
    assert verbose.stderr == f"Searched {claims} claims in 5 sources.\n"


# ---------------------------------------------------------------- show, sources, entities


def test_show_a_claim_by_short_id_or_iri(story: Workspace) -> None:
    claim = next(c for c in run_json(story, "claims", "--about", "MiniMax") if "13 million" in c["text"])
    shown = run_json(story, "show", claim["id"])
    assert shown == run_json(story, "show", claim["iri"])
    body = (story.sources_dir / "stole-ai-fake-accounts-summary.md").read_text()
    body = body.split("---\n", 2)[2]
    quote = shown["quote"]
    assert body[quote["start"] : quote["end"]] == quote["exact"] == claim["text"]
    [version] = shown["versions"]
    assert version["says"] == "over 13 million exchanges" and version["qualifier"] == "lower_bound"
    assert body[version["quote"]["start"] : version["quote"]["end"]] == "over 13 million exchanges"
    text = run(story, "show", claim["id"]).stdout
    assert f"Claim {claim['id']} in stole-ai-fake-accounts-summary" in text
    assert f"characters {quote['start']}-{quote['end']}" in text


def test_show_the_cited_origin(story: Workspace) -> None:
    cited = next(c for c in run_json(story, "claims", "--source", "cybernews-anthropic-distillation")
                 if c["attribution_text"] == "According to Anthopric")
    shown = run_json(story, "show", cited["id"])
    assert shown["attribution"] == "Anthropic"
    assert 'cited origin: Anthropic ("According to Anthopric")' in run(story, "show", cited["id"]).stdout


def test_show_fact_slot_answers_who_reported_24000_accounts_and_how(story: Workspace) -> None:
    bereaonline = run_json(story, "claims", "--source", "bereaonline-ai-data-theft", "--unit", "accounts")
    slots = [run_json(story, "show", slot) for slot in run_json(story, "show", bereaonline[0]["id"])["slots"]]
    [accounts] = [s for s in slots if s["concept"] == "fake accounts"]
    assert accounts["type"] == "fact_slot" and accounts["subject"] == "DeepSeek, MiniMax, Moonshot AI"
    assert {v["source"] for v in accounts["versions"]} == {p.stem for p in BUNDLED_SOURCES.glob("*.md")}
    wording = {(v["source"], v["says"], v["qualifier"]) for v in accounts["versions"]}
    assert ("cybernews-anthropic-distillation", "about 24,000 fraudulent accounts", "approx") in wording
    assert ("anthropic-accuses-deepseek-16m-exchanges", "more than 24,000 fraudulent Claude accounts", "lower_bound") in wording
    assert all(v["value"] == 24_000 for v in accounts["versions"])
    assert "qualifier_mismatch" in {f["kind"] for f in accounts["flags"]}
    text = run(story, "show", accounts["id"]).stdout.splitlines()
    assert text[0] == f"Fact slot {accounts['id']}: fake accounts (DeepSeek, MiniMax, Moonshot AI; count)"
    assert "cybernews-anthropic-distillation\tCybernews\t\tabout 24,000 fraudulent accounts\tapprox\t24000" in "\n".join(text)


def test_flagged_claims_on_the_story(story: Workspace) -> None:
    flagged = run_json(story, "claims", "--flagged")
    everything = run_json(story, "claims")
    assert 0 < len(flagged) < len(everything)
    assert any("13 million" in c["text"] for c in flagged)  # MiniMax's part of the 16 million
    serious = {f["id"] for f in run_json(story, "flags") if f["severity"] != "info"}
    assert all(serious.intersection(c["flags"]) for c in flagged)


def test_show_unknown_id(story: Workspace) -> None:
    result = run(story, "show", "0123456789abcdef")
    assert result.exit_code == 1
    assert result.stderr == "Error: no claim or fact slot with id '0123456789abcdef' (see 'claimcheck claims --json')\n"


def test_sources_lists_what_was_ingested(story: Workspace) -> None:
    found = run_json(story, "sources")
    manifest = json.loads(story.manifest_file.read_text())["sources"]
    assert [s["id"] for s in found] == sorted(manifest)
    assert {s["id"]: s["content_hash"] for s in found} == {k: v["content_hash"] for k, v in manifest.items()}
    cybernews = next(s for s in found if s["id"] == "cybernews-anthropic-distillation")
    assert cybernews["outlet"] == "Cybernews" and cybernews["claims"] > 5 and cybernews["figures"] > 5
    assert len(run_json(story, "claims", "--source", "cybernews-anthropic-distillation")) == cybernews["claims"]
    lines = run(story, "sources").stdout.splitlines()
    assert lines[0] == "ID\tOutlet\tDate\tTitle\tClaims\tFigures\tHash"
    assert len(lines) == 6


def test_entities_show_spellings_and_their_sources(story: Workspace) -> None:
    found = {e["label"]: e for e in run_json(story, "entities")}
    minimax = found["MiniMax"]
    assert minimax["catalogued"] and len(minimax["sources"]) == 5
    spellings = {(s["text"], s["variant"]): s["sources"] for s in minimax["spellings"]}
    assert spellings[("Miniax", "misspelling")] == ["stole-ai-fake-accounts-summary"]
    assert spellings[("Minimax", "case")] == ["cybernews-anthropic-distillation"]
    assert {"Kimi", "Moonshot", "Moonshot AI"} <= set(found["Moonshot AI"]["labels"])
    assert ("Anthopric", "misspelling") in {(s["text"], s["variant"]) for s in found["Anthropic"]["spellings"]}
    assert not found["Project Glasswing"]["catalogued"]
    row = next(line for line in run(story, "entities").stdout.splitlines() if line.startswith("MiniMax\t"))
    assert "Miniax (misspelling: stole-ai-fake-accounts-summary)" in row


# ---------------------------------------------------------------- fact slots and flags (hand-made KB)

ARTICLES = {
    # id: (date, outlet, body, figure text, value, qualifier, subject, spelled)
    "wire": ("2026-02-24", "Wire", "Anthropic said MiniMax sent more than 13 million exchanges.\n",
             "more than 13 million exchanges", 13e6, "lower_bound", "MiniMax", "MiniMax"),
    "blog": ("2026-02-23", "Blog", "Miniax sent about 13 million exchanges, a report said.\n",
             "about 13 million exchanges", 13e6, "approx", "MiniMax", "Miniax"),
    "daily": (None, "Daily", "Zephyr Labs sent 3.4 million exchanges.\n",
              "3.4 million exchanges", 3.4e6, "exact", "Zephyr Labs", "Zephyr Labs"),
}


def _extraction(source_id: str) -> Extraction:
    date, outlet, body, text, value, qualifier, subject, spelled = ARTICLES[source_id]
    start = body.index(text)
    figure = Figure(text, start, start + len(text), value, "exchanges", "count", qualifier, low=value,
                    concept="exchanges", subject=subject, sentence_end=len(body) - 1)
    attribution = ("Anthropic", "Anthropic said") if body.startswith("Anthropic said") else (None, None)
    claim = Claim(body.strip(), 0, len(body) - 1, *attribution, figures=(figure,), subjects=(subject,))
    mention = Mention(spelled, body.index(spelled), body.index(spelled) + len(spelled), subject,
                      subject.lower().replace(" ", "-"), "ORG", None if spelled == subject else "misspelling", 0.9)
    doc = SourceDoc(source_id, body, f"sha256:{source_id}", f"{source_id}.md", outlet=outlet, date=date)
    return Extraction(doc, (claim,), (mention,), (figure,))


@pytest.fixture()
def checked(tmp_path: Path) -> Workspace:
    ws = open_workspace(tmp_path, create=True)
    extractions = {sid: _extraction(sid) for sid in ARTICLES}
    for extraction in extractions.values():
        write_source_graph(ws, extraction)
    fig = {sid: figure_iri(sid, e.figures[0]) for sid, e in extractions.items()}
    claim = {sid: claim_iri(sid, e.claims[0]) for sid, e in extractions.items()}
    checks = Graph(identifier=CHECKS_GRAPH)
    add = checks.add
    for slot, subject, members in (("s-minimax", "minimax", ("wire", "blog")), ("s-zephyr", "zephyr-labs", ("daily",))):
        add((ID[f"slot/{slot}"], RDF.type, CC.FactSlot))
        add((ID[f"slot/{slot}"], CC.slotSubject, entity_iri(subject)))
        add((ID[f"slot/{slot}"], CC.slotConcept, Literal("exchanges")))
        add((ID[f"slot/{slot}"], CC.unitFamily, Literal("count")))
        for sid in members:
            add((ID[f"slot/{slot}"], CC.hasMember, fig[sid]))
    for flag, kind, severity, slot, members in (
        ("f-mismatch", "qualifier_mismatch", "medium", "s-minimax", ("wire", "blog")),
        ("f-single", "single_source", "info", "s-zephyr", ("daily",)),
    ):
        add((ID[f"flag/{flag}"], RDF.type, CC.Flag))
        add((ID[f"flag/{flag}"], CC.flagKind, Literal(kind)))
        add((ID[f"flag/{flag}"], CC.severity, Literal(severity)))
        add((ID[f"flag/{flag}"], CC.message, Literal(f"{kind} in {slot}")))
        add((ID[f"flag/{flag}"], CC.inSlot, ID[f"slot/{slot}"]))
        for sid in members:
            add((ID[f"flag/{flag}"], CC.concernsFigure, fig[sid]))
            add((ID[f"flag/{flag}"], CC.concernsClaim, claim[sid]))
    ws.checks_file.write_text(serialize_trig([checks]))
    return ws


def test_show_fact_slot_sets_every_source_side_by_side(checked: Workspace) -> None:
    slot = run_json(checked, "show", "s-minimax")
    assert (slot["type"], slot["subject"], slot["concept"], slot["unit_family"]) == ("fact_slot", "MiniMax", "exchanges", "count")
    assert [(v["source"], v["says"], v["qualifier"]) for v in slot["versions"]] == [
        ("blog", "about 13 million exchanges", "approx"),  # the earlier article first
        ("wire", "more than 13 million exchanges", "lower_bound"),
    ]
    wire = slot["versions"][1]
    assert wire["attribution"] == "Anthropic" and wire["attribution_text"] == "Anthropic said"
    body = ARTICLES["wire"][2]
    assert body[wire["quote"]["start"] : wire["quote"]["end"]] == wire["quote"]["exact"] == wire["says"]
    assert [(f["id"], f["severity"]) for f in slot["flags"]] == [("f-mismatch", "medium")]
    text = run(checked, "show", str(ID["slot/s-minimax"])).stdout
    assert text.splitlines()[0] == "Fact slot s-minimax: exchanges (MiniMax; count)"
    assert "  [medium] qualifier_mismatch f-mismatch: qualifier_mismatch in s-minimax" in text.splitlines()


def test_show_claim_includes_the_other_sources_and_the_flags(checked: Workspace) -> None:
    claims = run_json(checked, "claims")
    assert [c["source"] for c in claims] == ["blog", "wire", "daily"]  # dated first, earliest first
    wire = claims[1]
    shown = run_json(checked, "show", wire["id"])
    assert shown["slots"] == ["s-minimax"]
    assert [v["source"] for v in shown["versions"]] == ["blog", "wire"]
    assert [f["kind"] for f in shown["flags"]] == ["qualifier_mismatch"]
    assert run_json(checked, "show", wire["figures"][0]["id"])["id"] == wire["id"]  # a figure shows its claim


def test_flagged_skips_claims_with_only_informational_flags(checked: Workspace) -> None:
    flagged = run_json(checked, "claims", "--flagged")
    assert [c["source"] for c in flagged] == ["blog", "wire"]
    assert all(c["flags"] == ["f-mismatch"] for c in flagged)
    assert run_json(checked, "claims")[2]["flags"] == ["f-single"]


def test_an_entity_only_the_kb_knows_resolves_with_misspellings(checked: Workspace) -> None:
    zephyr = run_json(checked, "claims", "--about", "zephyr labs")
    assert [c["source"] for c in zephyr] == ["daily"]
    misspelt = run(checked, "claims", "--about", "Zehpyr Labs", "--json")
    assert misspelt.stderr == "Note: 'Zehpyr Labs' read as Zephyr Labs\n"
    assert json.loads(misspelt.stdout) == zephyr
    unknown = run(checked, "claims", "--about", "Zephyr Lab Group")
    assert unknown.stderr == "Error: unknown entity 'Zephyr Lab Group'; did you mean: Zephyr Labs?\n"


# ---------------------------------------------------------------- errors and help

COMMANDS = [["claims"], ["search", "x", "--exact"], ["show", "abc"], ["sources"], ["entities"]]


@pytest.mark.parametrize("args", COMMANDS, ids=[c[0] for c in COMMANDS])
def test_missing_workspace_and_empty_kb(args: list[str], tmp_path: Path) -> None:
    missing = run(tmp_path / "nowhere", *args)
    assert (missing.exit_code, missing.stderr) == (1, f"Error: no workspace at {tmp_path / 'nowhere'}: the folder does not exist\n")
    open_workspace(tmp_path / "empty", create=True)
    empty = run(tmp_path / "empty", *args)
    assert (empty.exit_code, empty.stderr) == (1, "Error: the knowledge base is empty: run 'claimcheck ingest' first\n")


def test_help_loads_no_model_or_rdf_library() -> None:
    script = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from claimcheck.cli import app\n"
        "for args in (['--help'], ['claims', '--help'], ['search', '--help'], ['show', '--help'],"
        " ['sources', '--help'], ['entities', '--help']):\n"
        "    result = CliRunner().invoke(app, args)\n"
        "    assert result.exit_code == 0 and 'Usage' in result.output, result.output\n"
        "print(sorted(m for m in ('torch', 'spacy', 'sentence_transformers', 'rdflib', 'pyoxigraph', 'numpy')"
        " if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=REPO)
    assert out.stdout == "[]\n"


def test_cli_reference_in_docs_is_current() -> None:
    from cogapp import Cog

    status = Cog().main(["cog", "--check", str(REPO / "docs" / "cli.md")])
    assert status == 0, "docs/cli.md is stale: run 'cog -r docs/cli.md'"
