"""Cross-source checks: small hand-made articles per flag kind, a second story end to end,
the bundled story's findings, the stored checks and the CLI."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck.check import flag_json, load_flags, run_checks
from claimcheck.cli import app
from claimcheck.graph import load_kb, write_source_graph
from claimcheck.ingest import ingest_paths
from claimcheck.models import Claim, Extraction, Figure, Flag, Mention, SourceDoc
from claimcheck.nlp import Models
from claimcheck.slots import money_concept
from claimcheck.vocab import slug
from claimcheck.workspace import Workspace, open_workspace

DATA = Path(__file__).resolve().parent / "data"
BUNDLED_SOURCES = Path(__file__).resolve().parent.parent / "sources"
runner = CliRunner()
SENTENCE = r"\S.*?(?:[.!?](?=\s|$)|$)"  # "$1.5 billion." is one sentence

# --------------------------------------------------------------------------- builders


def fig(body: str, text: str, value: float | str, *, kind: str = "count", unit: str = "count", qualifier: str = "exact",
        precision: float | None = None, concept: str | None = None, subject: str | None = None,
        subjects: tuple[str, ...] = (), nth: int = 0) -> Figure:
    start = -1
    for _ in range(nth + 1):
        start = body.index(text, start + 1)
    sentence = next(m for m in re.finditer(SENTENCE, body) if m.start() <= start < m.end())
    return Figure(text=text, start=start, end=start + len(text), value=value, unit=unit, kind=kind, qualifier=qualifier,
                  low=value, high=value, concept=concept, subject=subject, sentence_start=sentence.start(),
                  sentence_end=sentence.end(), precision=precision, subjects=subjects)


def add_source(ws: Workspace, sid: str, body: str, figures: list[Figure], *, outlet: str | None = None,
               attribution: tuple[str, str] | None = None, mentions: tuple[Mention, ...] = (),
               claim_subjects: tuple[str, ...] = (), date: str | None = None) -> None:
    """One article's graph, claims = the sentences that carry figures (about `claim_subjects`
    when given, else about the figures' subjects)."""
    claims = []
    for sentence in re.finditer(SENTENCE, body):
        inside = tuple(f for f in figures if sentence.start() <= f.start < sentence.end())
        if inside:
            subjects = claim_subjects or tuple(
                dict.fromkeys(s for f in inside for s in ((f.subject,) if f.subject else f.subjects)))
            claims.append(Claim(text=sentence.group().strip(), start=sentence.start(), end=sentence.end(),
                                attribution=attribution[0] if attribution else None,
                                attribution_text=attribution[1] if attribution else None,
                                figures=inside, subjects=subjects))
    doc = SourceDoc(id=sid, body=body, content_hash=sid, outlet=outlet or sid, date=date)
    write_source_graph(ws, Extraction(doc=doc, claims=tuple(claims), mentions=mentions, figures=tuple(figures)))


def money(body: str, text: str, value: float, **kw: object) -> Figure:
    return fig(body, text, value, kind="money", unit="USD", **kw)  # type: ignore[arg-type]


@pytest.fixture()
def ws(tmp_path: Path) -> Workspace:
    return open_workspace(tmp_path, create=True)


def kinds(flags: list[Flag]) -> list[str]:
    return sorted(f.kind for f in flags)


def only(flags: list[Flag], kind: str) -> Flag:
    found = [f for f in flags if f.kind == kind]
    assert len(found) == 1, [f.message for f in flags]
    return found[0]


# --------------------------------------------------------------------------- one kind each


def test_two_outlets_that_agree_raise_only_corroboration(ws: Workspace, models: Models) -> None:
    a = "Harlow Plastics employs 2,300 workers at its Brookfield plant."
    b = "The Brookfield plant of Harlow Plastics has 2,300 employees."
    add_source(ws, "a", a, [fig(a, "2,300 workers", 2300.0, concept="workers", subject="Harlow Plastics", precision=100)])
    add_source(ws, "b", b, [fig(b, "2,300 employees", 2300.0, concept="employees", subject="Harlow Plastics", precision=100)])
    flags = run_checks(ws, models)
    assert kinds(flags) == ["corroboration"]
    assert flags[0].subject == "Harlow Plastics" and {c.source for c in flags[0].claims} == {"a", "b"}


def test_different_values_for_one_valuation_conflict(ws: Workspace, models: Models) -> None:
    a = "Anthropic is now valued at $380bn after the new round."
    b = "The new round values Anthropic at $350 billion."
    add_source(ws, "a", a, [money(a, "$380bn", 380e9, concept="valuation", subject="Anthropic", precision=1e10)])
    add_source(ws, "b", b, [money(b, "$350 billion", 350e9, concept="valuation", subject="Anthropic", precision=1e10)])
    flag = only(run_checks(ws, models), "value_conflict")
    assert flag.severity == "high" and flag.subject == "Anthropic"
    assert "'$380bn' (a, read as $375 billion to $385 billion)" in flag.message
    assert "'$350 billion' (b" in flag.message


def test_different_subjects_never_share_a_slot(ws: Workspace, models: Models) -> None:
    a = "DeepSeek engaged in over 150,000 exchanges with Claude."
    b = "MiniMax accounted for over 13 million exchanges with Claude."
    add_source(ws, "a", a, [fig(a, "over 150,000 exchanges", 150e3, qualifier="lower_bound", concept="exchanges", subject="DeepSeek")])
    add_source(ws, "b", b, [fig(b, "over 13 million exchanges", 13e6, qualifier="lower_bound", concept="exchanges", subject="MiniMax")])
    flags = run_checks(ws, models)
    assert kinds(flags) == ["single_source", "single_source"]
    assert {f.subject for f in flags} == {"DeepSeek", "MiniMax"} and len({f.slot for f in flags}) == 2


def test_lower_bounds_that_differ_are_flagged_not_corroborated(ws: Workspace, models: Models) -> None:
    """'over 12 million' and 'over 16 million' can both hold, but they are two claims."""
    a = "Harlow Plastics said the gang ran over 12 million fake orders through its shop."
    b = "Harlow Plastics said the gang ran over 16 million fake orders through its shop."
    for sid, body, text, value in (("a", a, "over 12 million fake orders", 12e6), ("b", b, "over 16 million fake orders", 16e6)):
        add_source(ws, sid, body, [fig(body, text, value, qualifier="lower_bound", concept="fake orders",
                                       subject="Harlow Plastics", precision=1e6)])
    flags = run_checks(ws, models)
    assert kinds(flags) == ["qualifier_mismatch"]
    assert flags[0].severity == "medium" and "Sources give different figures for fake orders" in flags[0].message


def test_round_small_figures_are_not_stretched_to_agree(ws: Workspace, models: Models) -> None:
    """'20%' may be rounded, but not to the ten: it does not agree with '13%'."""
    a = "Harlow Plastics is cutting 20% of its workforce this year."
    b = "Harlow Plastics is cutting 13% of its workforce this year."
    for sid, body, text, value in (("a", a, "20%", 20.0), ("b", b, "13%", 13.0)):
        add_source(ws, sid, body, [fig(body, text, value, kind="percent", unit="percent", subject="Harlow Plastics",
                                       precision=10.0 if value == 20.0 else 1.0)])
    flag = only(run_checks(ws, models), "value_conflict")
    assert "'20%' (a, read as 19% to 21%)" in flag.message


def test_articles_a_news_cycle_apart_report_two_facts(ws: Workspace, models: Models) -> None:
    a = "Harlow Plastics is laying off 1,200 workers at its Brookfield plant."
    b = "Harlow Plastics is laying off 2,400 workers at its Brookfield plant."
    add_source(ws, "a", a, [fig(a, "1,200 workers", 1200.0, concept="workers", subject="Harlow Plastics", precision=100)],
               date="2024-03-01")
    add_source(ws, "b", b, [fig(b, "2,400 workers", 2400.0, concept="workers", subject="Harlow Plastics", precision=100)],
               date="2024-09-20")
    assert kinds(run_checks(ws, models)) == ["single_source", "single_source"]
    add_source(ws, "b", b, [fig(b, "2,400 workers", 2400.0, concept="workers", subject="Harlow Plastics", precision=100)],
               date="2024-03-03")
    assert "value_conflict" in kinds(run_checks(ws, models))


def test_subjectless_figures_meet_only_within_their_articles_entities(ws: Workspace, models: Models) -> None:
    """A figure whose sentence names nobody is compared with figures of articles about the
    same entities only: two companies' layoffs do not become one fact."""
    def layoffs(sid: str, company: str, count: str, value: float) -> None:
        body = f"{company} announced cuts on Monday. {company} said demand had slowed. The {count} jobs will go by June."
        mentions = tuple(Mention(text=company, start=m.start(), end=m.end(), canonical=company, entity_id=slug(company), type="ORG")
                         for m in re.finditer(company, body))
        add_source(ws, sid, body, [fig(body, f"{count} jobs", value, concept="jobs", precision=100)], mentions=mentions)

    layoffs("a", "Harlow Plastics", "1,200", 1200.0)
    layoffs("b", "Brightwater Mills", "2,400", 2400.0)
    assert kinds(run_checks(ws, models)) == ["single_source", "single_source"]
    layoffs("c", "Harlow Plastics", "1,800", 1800.0)
    conflict = only(run_checks(ws, models), "value_conflict")
    assert {c.source for c in conflict.claims} == {"a", "c"}


def test_a_second_check_reads_and_encodes_nothing_again(ws: Workspace, models: Models, monkeypatch: pytest.MonkeyPatch) -> None:
    """Source records and vectors are cached by content: an unchanged KB costs no model call."""
    a = "Harlow Plastics employs 2,300 workers at its Brookfield plant."
    add_source(ws, "a", a, [fig(a, "2,300 workers", 2300.0, concept="workers", subject="Harlow Plastics", precision=100)])
    first = run_checks(ws, models)
    calls: list[int] = []
    monkeypatch.setattr(Models, "encode", lambda self, texts: calls.append(len(texts)))
    assert run_checks(Workspace(ws.home), models) == first and calls == []
    b = "The Brookfield plant of Harlow Plastics has 2,300 employees."
    add_source(ws, "b", b, [fig(b, "2,300 employees", 2300.0, concept="employees", subject="Harlow Plastics", precision=100)])
    monkeypatch.undo()
    assert kinds(run_checks(ws, models)) == ["corroboration"]


def test_valuations_of_different_years_are_two_slots(ws: Workspace, models: Models) -> None:
    a = "In February 2026 the company was valued at $380 billion."
    b = "In 2024 the company was valued at $61.5 billion."
    add_source(ws, "a", a, [fig(a, "February 2026", "2026-02", kind="date", unit="date"),
                            money(a, "$380 billion", 380e9, concept="valuation", subject="Anthropic", precision=1e10)])
    add_source(ws, "b", b, [fig(b, "2024", "2024", kind="date", unit="date"),
                            money(b, "$61.5 billion", 61.5e9, concept="valuation", subject="Anthropic", precision=1e8)])
    flags = run_checks(ws, models)
    assert "value_conflict" not in kinds(flags)
    assert len({f.slot for f in flags if f.kind == "single_source"}) == 2


def test_same_value_different_qualifiers(ws: Workspace, models: Models) -> None:
    bodies = {
        "a": ("The labs used about 24,000 fraudulent accounts.", "about 24,000 fraudulent accounts", "approx"),
        "b": ("The labs created more than 24,000 fake accounts.", "more than 24,000 fake accounts", "lower_bound"),
        "c": ("The labs ran 24,000 fraudulent accounts.", "24,000 fraudulent accounts", "exact"),
    }
    for sid, (body, text, qualifier) in bodies.items():
        concept = text.split("24,000 ")[1]
        add_source(ws, sid, body, [fig(body, text, 24e3, qualifier=qualifier, concept=concept, precision=1000,
                                       subjects=("DeepSeek", "MiniMax"))])
    flags = run_checks(ws, models)
    assert kinds(flags) == ["corroboration", "qualifier_mismatch"]
    mismatch = only(flags, "qualifier_mismatch")
    assert mismatch.severity == "low"
    assert "as approximate by a" in mismatch.message and "as a lower bound by b" in mismatch.message
    assert "as a bare figure (rounded to 1,000) by c" in mismatch.message


def test_unit_mismatch_money_where_others_count(ws: Workspace, models: Models) -> None:
    a = "MiniMax accounted for 13 million exchanges with Claude."
    b = "MiniMax ran 13 million exchanges with Claude, the report says."
    c = "MiniMax accounted for around $13 million of exchanges with Claude."
    add_source(ws, "a", a, [fig(a, "13 million exchanges", 13e6, concept="exchanges", subject="MiniMax", precision=1e6)])
    add_source(ws, "b", b, [fig(b, "13 million exchanges", 13e6, concept="exchanges", subject="MiniMax", precision=1e6)])
    add_source(ws, "c", c, [money(c, "around $13 million", 13e6, qualifier="approx", subject="MiniMax", precision=1e6)])
    flags = run_checks(ws, models)
    flag = only(flags, "unit_mismatch")
    assert flag.severity == "medium" and {c.source for c in flag.claims} == {"a", "b", "c"}
    assert "single_source" not in kinds(flags)


@pytest.mark.parametrize(("sentence", "text", "concept"), [
    ("Last year, the firm settled the workers' lawsuit for $40 million.", "$40 million", "settlement"),
    ("The regulator fined the bank $20 million, the largest penalty this year.", "$20 million", "fine"),
    ("The startup raised $300 million and paid $5 million in fees.", "$5 million", "payment"),
    ("Shares fell and wiped out $600 billion in a day.", "$600 billion", None),
])
def test_money_concept_from_the_verb(sentence: str, text: str, concept: str | None) -> None:
    assert money_concept(sentence, text) == concept


def test_settled_for_an_amount_corroborates_a_settlement(ws: Workspace, models: Models) -> None:
    a = "Harlow Plastics agreed to a $40 million settlement with former workers."
    b = ("In March 2025, the plastics maker settled a long-running lawsuit brought by its former workers for "
         "$40 million, ending six years of litigation.")
    add_source(ws, "a", a, [money(a, "$40 million", 40e6, concept="settlement", subject="Harlow Plastics", precision=1e6)])
    add_source(ws, "b", b, [fig(b, "March 2025", "2025-03", kind="date", unit="date"),
                            money(b, "$40 million", 40e6, subject="Harlow Plastics", precision=1e6)])
    flags = run_checks(ws, models)
    flag = only(flags, "corroboration")
    assert flag.message == ("2 independent sources agree on settlement (Harlow Plastics): "
                            "'$40 million' (a); '$40 million' (b).")
    assert "single_source" not in kinds(flags)


def test_group_subject_leaves_out_products_and_the_origin(ws: Workspace, models: Models) -> None:
    """The extractor's group "Harbor Corp, Pilot and Vexa" for a claim Harbor Corp makes about
    Vexa and Norlin using its Pilot app is the group of Norlin and Vexa."""
    a = "Harbor Corp says Vexa and Norlin used its Pilot app to run 9,000 fake accounts."
    b = "Vexa and Norlin ran about 9,000 fake accounts, according to Harbor Corp."
    pilot = Mention(text="Pilot", start=a.index("Pilot"), end=a.index("Pilot") + 5, canonical="Pilot", entity_id="pilot",
                    type="PRODUCT")
    add_source(ws, "a", a, [fig(a, "9,000 fake accounts", 9e3, concept="fake accounts", precision=1000,
                                subjects=("Harbor Corp", "Pilot", "Vexa"))],
               attribution=("Harbor Corp", "Harbor Corp says"), mentions=(pilot,),
               claim_subjects=("Harbor Corp", "Norlin", "Pilot", "Vexa"))
    add_source(ws, "b", b, [fig(b, "about 9,000 fake accounts", 9e3, qualifier="approx", concept="fake accounts",
                                precision=1000, subjects=("Norlin", "Vexa"))],
               attribution=("Harbor Corp", "according to Harbor Corp"))
    flags = run_checks(ws, models)
    assert {f.subject for f in flags if f.slot} == {"Norlin and Vexa"}
    assert only(flags, "corroboration").message.startswith("2 independent sources agree on fake accounts (Norlin and Vexa)")


def test_dates_of_one_event_that_disagree(ws: Workspace, models: Models) -> None:
    a = "The authors filed the lawsuit against the company in May 2023."
    b = "The lawsuit against the company was filed by the authors on August 19, 2024."
    add_source(ws, "a", a, [fig(a, "May 2023", "2023-05", kind="date", unit="date", subject="Anthropic")])
    add_source(ws, "b", b, [fig(b, "August 19, 2024", "2024-08-19", kind="date", unit="date", subject="Anthropic")])
    flag = only(run_checks(ws, models), "date_conflict")
    assert "2023-05-01 to 2023-05-31" in flag.message and flag.severity == "high"


def test_parts_against_stated_totals(ws: Workspace, models: Models) -> None:
    group = ("DeepSeek", "Moonshot AI", "MiniMax")
    a = ("DeepSeek, Moonshot AI and MiniMax generated 16 million exchanges. DeepSeek had over 150,000 exchanges. "
         "Moonshot AI had 3.4 million exchanges. MiniMax had over 13 million exchanges.")
    b = "DeepSeek, Moonshot AI and MiniMax generated over 16 million exchanges with Claude."
    add_source(ws, "a", a, [
        fig(a, "16 million exchanges", 16e6, concept="exchanges", subjects=group, precision=1e6),
        fig(a, "over 150,000 exchanges", 150e3, qualifier="lower_bound", concept="exchanges", subject="DeepSeek", precision=1e4),
        fig(a, "3.4 million exchanges", 3.4e6, concept="exchanges", subject="Moonshot AI", precision=1e5),
        fig(a, "over 13 million exchanges", 13e6, qualifier="lower_bound", concept="exchanges", subject="MiniMax", precision=1e6),
    ])
    add_source(ws, "b", b, [fig(b, "over 16 million exchanges", 16e6, qualifier="lower_bound", concept="exchanges",
                                subjects=group, precision=1e6)])
    flag = only(run_checks(ws, models), "parts_whole")
    assert "= 16.55 million (so at least 16.55 million, as stated)" in flag.message
    fits, misses = flag.message.split("Does not fit:")
    assert "'over 16 million exchanges' (b)" in fits and "'16 million exchanges' (a, read as 15.5 million to 16.5 million)" in misses
    assert flag.severity == "medium"


@pytest.mark.parametrize(("total", "severity", "verdict"), [("$1.5 billion", "info", "consistent with"), ("$2.5 billion", "medium", "does not match")])
def test_rate_times_count_against_total(ws: Workspace, models: Models, total: str, severity: str, verdict: str) -> None:
    body = f"The company settled for {total}, paying roughly $3,000 for each of the 500,000 books."
    value = float(total[1:].split()[0]) * 1e9
    add_source(ws, "a", body, [money(body, total, value, subject="Anthropic", precision=1e8),
                               money(body, "roughly $3,000", 3000.0, qualifier="approx", subject="Anthropic", precision=1000),
                               fig(body, "500,000 books", 5e5, concept="books", precision=1e5)])
    flag = only(run_checks(ws, models), "arithmetic")
    assert flag.severity == severity
    assert flag.message.startswith(f"$3,000 × 500,000 = $1.5 billion, {verdict} the stated total '{total}'")


def test_repeated_sentence_is_one_statement(ws: Workspace, models: Models) -> None:
    body = ("Anthropic, now valued at $380 billion, faces lawsuits. Other news follows here. "
            "Anthropic, now valued at $380 billion, faces lawsuits.")
    add_source(ws, "a", body, [money(body, "$380 billion", 380e9, subject="Anthropic", precision=1e10, nth=n) for n in (0, 1)])
    flags = run_checks(ws, models)
    assert kinds(flags) == ["single_source"] and len(flags[0].claims) == 1


def test_sources_citing_different_origins(ws: Workspace, models: Models) -> None:
    a = "The labs used 24,000 fraudulent accounts, Reuters reports."
    b = "According to a Wall Street Journal report, the labs used 24,000 fraudulent accounts."
    add_source(ws, "a", a, [fig(a, "24,000 fraudulent accounts", 24e3, concept="fraudulent accounts", precision=1000)],
               attribution=("Reuters", "Reuters reports"))
    add_source(ws, "b", b, [fig(b, "24,000 fraudulent accounts", 24e3, concept="fraudulent accounts", precision=1000)],
               attribution=("The Wall Street Journal", "According to a Wall Street Journal report"))
    flag = only(run_checks(ws, models), "attribution")
    assert flag.message == ("Sources cite different origins for this story: a cites Reuters ('Reuters reports'); "
                            "b cites The Wall Street Journal ('According to a Wall Street Journal report').")


def test_attribution_names_citing_words_and_skips_headings_and_products(ws: Workspace, models: Models) -> None:
    """The words run on to the document they name; an origin named only in a heading above the
    sentence, or a product, is not a cited origin; a one-word line label is dropped."""
    a = "Update: Harbor Corp published a short report saying the labs used 24,000 fraudulent accounts."
    b = "Winter Outlook\nBefore anyone concludes, note the labs used 24,000 fraudulent accounts."
    c = "The labs used 24,000 fraudulent accounts, Pilot told users."
    d = "The labs used 24,000 fraudulent accounts, the Daily Courier found."
    for sid, body, origin, words in (("a", a, "Harbor Corp", "Update: Harbor Corp published"),
                                     ("b", b, "Winter Outlook", "Winter Outlook\nBefore anyone concludes"),
                                     ("c", c, "Pilot", "Pilot told"), ("d", d, "Daily Courier", "the Daily Courier found")):
        at = body.index(origin)
        mention = Mention(text=origin, start=at, end=at + len(origin), canonical=origin, entity_id=slug(origin),
                          type="PRODUCT" if origin == "Pilot" else "ORG")
        add_source(ws, sid, body, [fig(body, "24,000 fraudulent accounts", 24e3, concept="fraudulent accounts", precision=1000)],
                   attribution=(origin, words), mentions=(mention,))
    flag = only(run_checks(ws, models), "attribution")
    assert flag.message == ("Sources cite different origins for this story: "
                            "a cites Harbor Corp ('Harbor Corp published a short report'); "
                            "d cites Daily Courier ('the Daily Courier found').")
    assert [(c.source, c.text) for c in flag.claims] == [("a", "Harbor Corp published a short report"),
                                                         ("d", "the Daily Courier found")]


def test_misspelled_name_is_reported_per_source(ws: Workspace, models: Models) -> None:
    body = "Miniax used the accounts. Miniax denied it."
    mentions = tuple(Mention(text="Miniax", start=i, end=i + 6, canonical="MiniMax", entity_id="minimax", type="ORG",
                             variant="misspelling", confidence=0.92) for i in (0, 26))
    add_source(ws, "a", body, [], mentions=mentions)
    flag = only(run_checks(ws, models), "name_variant")
    assert flag.message == "a spells MiniMax as 'Miniax' (a misspelling, 2 times)."
    assert [(c.text, c.start, c.sentence) for c in flag.claims] == [("Miniax", 0, "Miniax used the accounts."), ("Miniax", 26, "Miniax denied it.")]


# --------------------------------------------------------------------------- stored checks


def test_checks_are_stored_deterministically_and_read_back(ws: Workspace, models: Models) -> None:
    a = "Anthropic is now valued at $380bn after the new round."
    b = "The new round values Anthropic at $350 billion."
    add_source(ws, "a", a, [money(a, "$380bn", 380e9, concept="valuation", subject="Anthropic", precision=1e10)])
    add_source(ws, "b", b, [money(b, "$350 billion", 350e9, concept="valuation", subject="Anthropic", precision=1e10)])
    flags = run_checks(ws, models)
    first = ws.checks_file.read_bytes()
    assert run_checks(ws, models) == flags and ws.checks_file.read_bytes() == first
    assert [flag_json(f) for f in load_flags(ws)] == [flag_json(f) for f in flags]
    kb = load_kb(ws)
    kb.default_union = True
    rows = kb.query("""
        PREFIX cc: <https://w3id.org/claimcheck/vocab#> PREFIX schema: <https://schema.org/>
        SELECT ?kind (COUNT(DISTINCT ?member) AS ?members) ?rating WHERE {
          ?flag cc:flagKind ?kind ; cc:inSlot ?slot . ?slot a cc:FactSlot ; cc:hasMember ?member ; cc:unitFamily "money" .
          ?member schema:value ?value . ?review schema:itemReviewed ?claim ; schema:reviewRating/schema:alternateName ?rating .
          ?flag cc:concernsClaim ?claim .
        } GROUP BY ?kind ?rating""")
    assert {(str(k), int(str(n)), str(r)) for k, n, r in rows} == {("value_conflict", 2, "Disputed")}  # type: ignore[misc]


def test_cli_check_and_flags(ws: Workspace) -> None:
    home = str(ws.home)
    result = runner.invoke(app, ["flags", "--home", home])
    assert result.exit_code == 1 and result.stderr.strip() == "Error: no checks yet: run 'claimcheck check'"
    a = "MiniMax accounted for over 13 million exchanges."
    add_source(ws, "a", a, [fig(a, "over 13 million exchanges", 13e6, qualifier="lower_bound", concept="exchanges", subject="MiniMax")])
    result = runner.invoke(app, ["check", "--home", home, "--json"])
    assert result.exit_code == 0, result.output
    [record] = json.loads(result.stdout)
    assert set(record) == {"id", "kind", "severity", "subject", "slot", "message", "claims"}
    assert record["claims"] == [{"source": "a", "text": "over 13 million exchanges", "sentence": a, "value": 13000000,
                                 "unit": "count", "qualifier": "lower_bound", "start": 22, "end": 47}]
    stored = runner.invoke(app, ["flags", "--home", home, "--json", "--severity", "low"])
    assert json.loads(stored.stdout) == [record]
    assert json.loads(runner.invoke(app, ["flags", "--home", home, "--json", "--kind", "value_conflict"]).stdout) == []
    table = runner.invoke(app, ["flags", "--home", home])
    assert "single_source\tMiniMax\ta\tOnly a states exchanges (MiniMax)" in table.stdout
    bad = runner.invoke(app, ["check", "--home", home, "--kind", "conflict"])
    assert bad.exit_code == 1 and bad.stderr.startswith("Error: unknown flag kind 'conflict' (use one of: value_conflict,")


# --------------------------------------------------------------------------- real articles


def ingested(tmp_path: Path, folder: Path, models: Models) -> Workspace:
    ws = open_workspace(tmp_path, create=True)
    shutil.copytree(folder, tmp_path / "in")
    assert ingest_paths(ws, [tmp_path / "in"], models).ok
    return ws


def test_another_story_end_to_end(tmp_path: Path, models: Models) -> None:
    """A factory fire in three outlets: injured 14 vs 41, the plant opened 2019 vs 2021."""
    flags = run_checks(ingested(tmp_path, DATA / "story_fire", models), models)
    conflict = only(flags, "value_conflict")
    assert {c.text for c in conflict.claims} == {"14 workers", "41 workers"}
    assert {c.text for c in only(flags, "date_conflict").claims} == {"May 2019", "August 2021"}
    firefighters = [f for f in flags if f.kind == "corroboration" and any("firefighters" in c.text for c in f.claims)]
    assert len(firefighters) == 1 and len({c.source for c in firefighters[0].claims}) == 3
    assert any(f.kind == "qualifier_mismatch" and "More than 120 firefighters" in f.message for f in flags)
    assert only(flags, "arithmetic").severity == "info"
    # Only Brookfield Times credits a named origin (Reuters) for the story's figures; Harlow
    # Plastics "said production would resume", which is no claim of the shared slots.
    assert "attribution" not in kinds(flags)


def test_unit_mismatch_end_to_end(tmp_path: Path, models: Models) -> None:
    """One outlet writes "around $13 million" where another counts "13 million exchanges"."""
    flags = run_checks(ingested(tmp_path, DATA / "story_units", models), models)
    flag = only(flags, "unit_mismatch")
    assert flag.subject == "MiniMax" and flag.severity == "medium"
    assert {c.text for c in flag.claims} == {"around $13 million", "13 million exchanges"}
    assert flag.message == ("'around $13 million' (east-ledger-exchanges) is an amount of money where "
                            "harbour-gazette-exchanges states '13 million exchanges', a count of exchanges: "
                            "one of the two has the unit wrong.")
    assert "single_source" not in kinds(flags)


def test_bundled_story(tmp_path: Path, models: Models) -> None:
    flags = run_checks(ingested(tmp_path, BUNDLED_SOURCES, models), models)
    variants = {c.text for f in flags if f.kind == "name_variant" for c in f.claims}
    assert {"Miniax", "Anthopric", "Deepseek", "Minimax"} <= variants
    assert any(f.kind == "qualifier_mismatch" and "24,000" in f.message for f in flags)
    assert any(f.kind == "qualifier_mismatch" and "16 million" in f.message for f in flags)
    parts = only(flags, "parts_whole")
    assert "= 16.55 million" in parts.message and "Does not fit: '16 million" in parts.message
    assert "Fits: " in parts.message and "over 16 million" in parts.message.split("Does not fit")[0]
    arithmetic = only(flags, "arithmetic")
    assert arithmetic.severity == "info" and "$3,000 × 500,000 = $1.5 billion, consistent" in arithmetic.message
    origins = only(flags, "attribution").message
    assert origins.startswith("Sources cite different origins for this story: ")
    assert "anthropic-accuses-deepseek-16m-exchanges cites Anthropic ('Anthropic is accusing') and The Wall Street Journal " \
           "('According to a Wall Street Journal report')" in origins
    assert "bereaonline-ai-data-theft cites Anthropic ('Anthropic says') and Reuters ('Reuters reports')" in origins
    assert "blog post" in origins and "Before anyone concludes" not in origins
    settlement = [f for f in flags if f.kind == "corroboration" and any(c.text == "$1.5 billion" for c in f.claims)]
    assert len(settlement) == 1 and {c.source for c in settlement[0].claims} == {
        "cybernews-anthropic-distillation", "stole-ai-fake-accounts-summary"}
    assert not any(f.kind == "single_source" and "$1.5 billion" in f.message for f in flags)
    groups = {f.subject for f in flags if f.subject and "," in f.subject}
    assert groups == {"DeepSeek, MiniMax and Moonshot AI"}
    singles = {c.text for f in flags if f.kind == "single_source" for c in f.claims}
    assert {"over 150,000 exchanges", "3.4 million exchanges", "over 13 million exchanges"} <= singles
    assert "value_conflict" not in kinds(flags)
