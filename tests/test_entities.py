"""Entity resolution: one node per organisation or person, aliases and misspellings flagged,
and different names never merged. Sentences are written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck.entities import (
    EntityCatalog,
    link_unknowns,
    load_catalog,
    lookup,
    name_similarity,
    resolve_mentions,
    suggest,
)
from claimcheck.errors import WorkspaceError
from claimcheck.models import Mention
from claimcheck.nlp import Models

SHIPPED = Path(__file__).resolve().parent.parent / "claimcheck" / "data" / "entities.ttl"

CATALOG_TTL = """\
@prefix entity: <https://w3id.org/claimcheck/id/entity/> .
@prefix schema: <https://schema.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .

entity:anthropic a schema:Organization ; skos:prefLabel "Anthropic" .
entity:deepseek a schema:Organization ; skos:prefLabel "DeepSeek" .
entity:moonshot-ai a schema:Organization ; skos:prefLabel "Moonshot AI" ;
    skos:altLabel "Moonshot", "Kimi" .
entity:minimax a schema:Organization ; skos:prefLabel "MiniMax" .
entity:openai a schema:Organization ; skos:prefLabel "OpenAI" .
entity:meta a schema:Organization ; skos:prefLabel "Meta" .
entity:the-wall-street-journal a schema:Organization ;
    skos:prefLabel "The Wall Street Journal" ; skos:altLabel "Wall Street Journal", "WSJ" .
entity:zentrolix a schema:Organization ; skos:prefLabel "Zentrolix" .
entity:hayao-miyazaki a schema:Person ; skos:prefLabel "Hayao Miyazaki" ; skos:altLabel "Miyazaki" .
"""


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> EntityCatalog:
    path = tmp_path_factory.mktemp("kb") / "entities.ttl"
    path.write_text(CATALOG_TTL, encoding="utf-8")
    return load_catalog(path)


def mentions(models: Models, text: str, catalog: EntityCatalog) -> list[Mention]:
    found = resolve_mentions(models.nlp(text), catalog)
    for mention in found:
        assert text[mention.start : mention.end] == mention.text
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))
    return found


def by_text(found: list[Mention]) -> dict[str, Mention]:
    return {m.text: m for m in found}


# ---------------------------------------------------------------- variants of known names


def test_seed_style_misspellings_and_case_variants(models: Models, catalog: EntityCatalog) -> None:
    text = (
        "Regulators asked Anthopric about the figures on Tuesday, and Anthropic declined to comment. "
        "The filing named three labs: Deepseek, Moonshot and Miniax. "
        "Investors later compared Minimax with DeepSeek."
    )
    found = by_text(mentions(models, text, catalog))
    assert (found["Anthopric"].entity_id, found["Anthopric"].variant) == ("anthropic", "misspelling")
    assert 0.86 <= found["Anthopric"].confidence < 1.0
    assert (found["Anthropic"].entity_id, found["Anthropic"].variant) == ("anthropic", None)
    assert (found["Deepseek"].canonical, found["Deepseek"].variant) == ("DeepSeek", "case")
    assert (found["Moonshot"].canonical, found["Moonshot"].variant) == ("Moonshot AI", "alias")
    assert (found["Miniax"].canonical, found["Miniax"].variant) == ("MiniMax", "misspelling")
    assert (found["Minimax"].canonical, found["Minimax"].variant) == ("MiniMax", "case")
    assert found["Miniax"].type == "ORG"


def test_made_up_company_misspelled(models: Models, catalog: EntityCatalog) -> None:
    text = "Shares of Zentrolx rose after Zentrolix published its quarterly results."
    found = by_text(mentions(models, text, catalog))
    assert (found["Zentrolx"].entity_id, found["Zentrolx"].variant) == ("zentrolix", "misspelling")
    assert found["Zentrolix"].variant is None


def test_case_and_possessive_variants(models: Models, catalog: EntityCatalog) -> None:
    text = "OPENAI's lawyers answered, and Anthropic's spokesperson cited the WSJ report."
    found = by_text(mentions(models, text, catalog))
    assert (found["OPENAI"].canonical, found["OPENAI"].variant) == ("OpenAI", "case")
    assert (found["Anthropic"].canonical, found["Anthropic"].variant) == ("Anthropic", None)
    assert (found["WSJ"].canonical, found["WSJ"].variant) == ("The Wall Street Journal", "alias")


def test_parenthesised_alias_gives_two_mentions(models: Models, catalog: EntityCatalog) -> None:
    text = "The report accused Moonshot AI (Kimi) of creating thousands of accounts."
    found = mentions(models, text, catalog)
    pairs = [(m.text, m.entity_id, m.variant) for m in found]
    assert ("Moonshot AI", "moonshot-ai", None) in pairs
    assert ("Kimi", "moonshot-ai", "alias") in pairs


def test_editor_hidden_label_is_a_certain_misspelling(models: Models, tmp_path: Path) -> None:
    text = "Lawmakers said Antropik had ignored the warnings."
    path = tmp_path / "entities.ttl"
    path.write_text(CATALOG_TTL, encoding="utf-8")
    before = by_text(mentions(models, text, load_catalog(path)))["Antropik"]
    assert before.entity_id == "antropik"  # too far for the fuzzy matcher on its own

    path.write_text(CATALOG_TTL.replace('skos:prefLabel "Anthropic" .',
                                        'skos:prefLabel "Anthropic" ; skos:hiddenLabel "Antropik" .'))
    after = by_text(mentions(models, text, load_catalog(path)))["Antropik"]
    assert (after.entity_id, after.variant, after.confidence) == ("anthropic", "misspelling", 1.0)


# ---------------------------------------------------------------- unknown names


def test_unknown_organisation_gets_one_node_across_articles(models: Models, catalog: EntityCatalog) -> None:
    first = by_text(mentions(models, "Analysts at Brightwater Capital said the shares fell.", catalog))
    second = by_text(mentions(models, "Brightwater Capital's chief economist disagreed with them.", catalog))
    one, two = first["Brightwater Capital"], second["Brightwater Capital"]
    assert one.entity_id == two.entity_id == "brightwater-capital"
    assert one.canonical == two.canonical == "Brightwater Capital"
    assert one.variant is None and one.type == "ORG"


def test_unknown_names_one_letter_apart_are_linked_across_articles() -> None:
    seen = [
        Mention("Brightwater Capital", 0, 19, "Brightwater Capital", "brightwater-capital", "ORG"),
        Mention("Brightwater Capital", 0, 19, "Brightwater Capital", "brightwater-capital", "ORG"),
        Mention("Brightwatter Capital", 0, 20, "Brightwatter Capital", "brightwatter-capital", "ORG"),
        Mention("Anthropic", 0, 9, "Anthropic", "anthropic", "ORG"),
    ]
    assert link_unknowns(seen, EntityCatalog()) == {"brightwatter-capital": "brightwater-capital"}


def test_noise_is_not_an_entity(models: Models, catalog: EntityCatalog) -> None:
    text = "Chinese AI companies and AI labs want AI chips.\nThe Hidden Cost Of Cheap Models\nIt rained."
    names = {m.text for m in mentions(models, text, catalog)}
    assert not names & {"AI", "Hidden Cost Of Cheap Models", "Cheap Models"}


# ---------------------------------------------------------------- near misses must not merge


@pytest.mark.parametrize(
    ("text", "name", "not_id"),
    [
        ("Metal Inc. reported record sales of steel beams in Ohio.", "Metal Inc.", "meta"),
        ("Funding came from Open Society, the charity founded by George Soros.", "Open Society", "openai"),
        ("Jane Moonshot, a teacher in Ohio, said the quiz was easy.", "Jane Moonshot", "moonshot-ai"),
        ("Microsoft said DeepSpeed cut the training cost by half.", "DeepSpeed", "deepseek"),
        ("Analyst Ann Thropic said the market was calm.", "Ann Thropic", "anthropic"),
        ("Officials at the WSA said the rules would change.", "WSA", "the-wall-street-journal"),
    ],
)
def test_near_misses_stay_apart(models: Models, catalog: EntityCatalog, text: str, name: str, not_id: str) -> None:
    found = by_text(mentions(models, text, catalog))
    assert found[name].entity_id != not_id
    assert (found[name].canonical, found[name].variant) == (name, None)


@pytest.mark.parametrize(
    ("a", "b"),
    [("Metal", "Meta"), ("Open Society", "OpenAI"), ("WSA", "WSJ"), ("Stripe", "Strike"),
     ("Redditor", "Reddit"), ("Wall Street Journey", "The Wall Street Journal"),
     ("Moonshot Capital", "Moonshot AI"), ("Google DeepMind", "Google")],
)
def test_name_similarity_blocks_different_names(a: str, b: str) -> None:
    assert name_similarity(a, b) < 0.86


def test_short_acronyms_need_exact_match(catalog: EntityCatalog) -> None:
    assert lookup(catalog, "WSA") is None
    assert lookup(catalog, "wsj") == ("the-wall-street-journal", "The Wall Street Journal")


# ---------------------------------------------------------------- helpers for the CLI


def test_lookup_resolves_aliases_and_misspellings(catalog: EntityCatalog) -> None:
    assert lookup(catalog, "Miniax") == ("minimax", "MiniMax")
    assert lookup(catalog, "kimi") == ("moonshot-ai", "Moonshot AI")
    assert lookup(catalog, "Deep Seek") == ("deepseek", "DeepSeek")
    assert lookup(catalog, "Nothing Like It") is None


def test_suggest_offers_close_names(catalog: EntityCatalog) -> None:
    assert suggest(catalog, "Antropik")[0] == "Anthropic"
    assert suggest(catalog, "qqqq") == []


# ---------------------------------------------------------------- the entity list file


def test_missing_file_is_an_empty_catalog(tmp_path: Path) -> None:
    assert len(load_catalog(None)) == 0
    assert len(load_catalog(tmp_path / "absent.ttl")) == 0


def test_malformed_file_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "entities.ttl"
    path.write_text('entity:x a schema:Organization ; skos:prefLabel "X"', encoding="utf-8")
    with pytest.raises(WorkspaceError) as info:
        load_catalog(path)
    message = str(info.value)
    assert message.startswith(f"{path}: cannot parse the entity list")
    assert "\n" not in message


def test_label_on_two_entities_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "entities.ttl"
    path.write_text(CATALOG_TTL.replace('skos:prefLabel "DeepSeek" .',
                                        'skos:prefLabel "DeepSeek" ; skos:altLabel "Kimi" .'))
    with pytest.raises(WorkspaceError, match="'Kimi' is given to both"):
        load_catalog(path)


def test_shipped_catalog_loads_without_seed_misspellings() -> None:
    catalog = load_catalog(SHIPPED)
    assert {"anthropic", "deepseek", "moonshot-ai", "minimax", "hayao-miyazaki"} <= set(catalog.by_id)
    assert catalog.by_id["hayao-miyazaki"].type == "PERSON"
    listed = {label for e in catalog.entities for label, _ in e.labels()}
    assert not listed & {"Miniax", "Anthopric", "Deepseek", "Minimax"}


def test_uncatalogued_name_gets_one_type_per_article(models: Models) -> None:
    text = ("Brightwater Capital said on Monday that it would sell the unit. "
            "Brightwater Capital did not say why. Brightwater Capital employs 400 people.")
    found = mentions(models, text, EntityCatalog())
    assert len({m.type for m in found if m.entity_id == "brightwater-capital"}) == 1
