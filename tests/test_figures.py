"""Figure extraction: what a reader would write down from a sentence, and where it is."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimcheck.figures import find_figures
from claimcheck.models import Figure, Mention
from claimcheck.nlp import Models


def figs(models: Models, text: str, **kwargs: object) -> list[Figure]:
    doc = models.nlp(text)
    found = find_figures(doc, **kwargs)  # type: ignore[arg-type]
    for f in found:
        assert text[f.start : f.end] == f.text
        assert text[f.sentence_start : f.sentence_end].strip()
    return found


def one(models: Models, text: str, **kwargs: object) -> Figure:
    found = [f for f in figs(models, text, **kwargs) if f.kind != "date"]
    assert len(found) == 1, found
    return found[0]


def mention(text: str, name: str, canonical: str | None = None) -> Mention:
    start = text.index(name)
    canonical = canonical or name
    return Mention(name, start, start + len(name), canonical, canonical.lower().replace(" ", "-"), "ORG")


def test_approx_count_with_concept(models: Models) -> None:
    f = one(models, "Investigators found about 24,000 fraudulent accounts on the platform.")
    assert (f.value, f.unit, f.qualifier, f.kind) == (24000, "accounts", "approx", "count")
    assert f.text == "about 24,000 fraudulent accounts"
    assert f.concept == "fraudulent accounts"
    assert (f.low, f.high, f.precision) == (24000, 24000, 1000)


@pytest.mark.parametrize(
    ("text", "value", "unit", "qualifier", "shown"),
    [
        ("The lab logged more than 16 million interactions.", 16e6, "interactions", "lower_bound", "more than 16 million interactions"),
        ("The model engaged in over 150,000 exchanges.", 150000, "exchanges", "lower_bound", "over 150,000 exchanges"),
        ("The firm hired up to 400 engineers.", 400, "engineers", "upper_bound", "up to 400 engineers"),
        ("Fewer than 20 stores remain open.", 20, "stores", "upper_bound", "Fewer than 20 stores"),
        ("At least 1,000+ volunteers came.", 1000, "volunteers", "lower_bound", "At least 1,000+ volunteers"),
    ],
)
def test_qualifiers(models: Models, text: str, value: float, unit: str, qualifier: str, shown: str) -> None:
    f = one(models, text)
    assert (f.value, f.unit, f.qualifier, f.text) == (value, unit, qualifier, shown)
    assert f.low == (None if qualifier == "upper_bound" else value)
    assert f.high == (None if qualifier == "lower_bound" else value)


def test_subject_from_passive_verb(models: Models) -> None:
    text = "Moonshot AI was linked to 3.4 million exchanges, the report said."
    f = one(models, text, mentions=[mention(text, "Moonshot AI")])
    assert (f.value, f.unit, f.subject, f.precision) == (3.4e6, "exchanges", "Moonshot AI", 1e5)


def test_subject_group_and_pronoun(models: Models) -> None:
    text = "DeepSeek, Moonshot AI, and MiniMax used about 24,000 accounts. It also sent 5,000 prompts."
    ms = [mention(text, n) for n in ("DeepSeek", "Moonshot AI", "MiniMax")]
    first, second = figs(models, text, mentions=ms)
    assert first.subject is None
    assert first.subjects == ("DeepSeek", "Moonshot AI", "MiniMax")
    assert second.value == 5000 and second.subjects == ("DeepSeek", "Moonshot AI", "MiniMax")
    text = "Acme Corp opened in Ohio. It employs 300 people."
    f = one(models, text, mentions=[mention(text, "Acme Corp")])
    assert f.subject == "Acme Corp"


def test_money_and_each_of(models: Models) -> None:
    text = "The settlement pays roughly $3,000 for each of the 500,000 books."
    money, books = figs(models, text)
    assert (money.value, money.unit, money.kind, money.qualifier, money.text) == (3000, "USD", "money", "approx", "roughly $3,000")
    assert (books.value, books.unit, books.qualifier) == (500000, "books", "exact")


@pytest.mark.parametrize(
    ("text", "value", "unit", "shown"),
    [
        ("Anthropic agreed to a $1.5 billion settlement.", 1.5e9, "USD", "$1.5 billion"),
        ("The startup was valued at $380 billion in March.", 3.8e11, "USD", "$380 billion"),
        ("It raised $30bn last round.", 3e10, "USD", "$30bn"),
        ("Sales reached US$ 75m.", 7.5e7, "USD", "US$ 75m"),
        ("Tickets cost €3,000 each.", 3000, "EUR", "€3,000"),
        ("The bank lent £1.2tn overall.", 1.2e12, "GBP", "£1.2tn"),
        ("The fine was 20 million euros.", 2e7, "EUR", "20 million euros"),
    ],
)
def test_money_notations(models: Models, text: str, value: float, unit: str, shown: str) -> None:
    f = one(models, text)
    assert (f.value, f.unit, f.kind, f.text) == (value, unit, "money", shown)


def test_percent_and_money_in_one_sentence(models: Models) -> None:
    pct, money = figs(models, "Nvidia shares plummeted 17% and wiped out $600 billion in value.")
    assert (pct.value, pct.unit, pct.kind, pct.text) == (17, "percent", "percent", "17%")
    assert (money.value, money.unit) == (6e11, "USD")
    pts = one(models, "Turnout fell by 3.5 percentage points.")
    assert (pts.value, pts.unit) == (3.5, "percentage points")


def test_vague_amount(models: Models) -> None:
    f = one(models, "The company closed hundreds of fraudulent accounts.")
    assert (f.value, f.qualifier, f.unit, f.text) == (None, "vague", "accounts", "hundreds of fraudulent accounts")
    assert (f.low, f.high) == (100, 1000)


def test_dates_absolute_and_relative(models: Models) -> None:
    text = "The attack began in September 2025 and was disclosed on Feb. 23, 2026, after last year's review in late 2024."
    dates = {f.text: f for f in figs(models, text, article_date="2026-02-24") if f.kind == "date"}
    assert dates["September 2025"].value == "2025-09"
    assert dates["Feb. 23, 2026"].value == "2026-02-23"
    assert dates["last year"].value == "2025"
    assert (dates["late 2024"].value, dates["late 2024"].qualifier) == ("2024", "approx")
    undated = [f for f in figs(models, "It happened last year.") if f.text == "last year"]
    assert undated[0].value is None


def test_week_and_weekday_intervals(models: Models) -> None:
    found = figs(models, "Regulators met on Monday and will report this week.", article_date="2026-02-26")
    by_text = {f.text: f for f in found}
    assert by_text["Monday"].value == "2026-02-23"
    week = by_text["this week"]
    assert (week.low, week.high) == ("2026-02-23", "2026-03-01")


def test_shared_qualifier_across_coordination(models: Models) -> None:
    a, b = figs(models, "They ran more than 3.4 million and 13 million exchanges.")
    assert (a.value, a.qualifier, a.unit) == (3.4e6, "lower_bound", "exchanges")
    assert (b.value, b.qualifier, b.unit) == (13e6, "lower_bound", "exchanges")


@pytest.mark.parametrize(
    ("text", "low", "high", "unit"),
    [
        ("Margins were 10-20% last year.", 10, 20, "percent"),
        ("It hired between 10 and 20 analysts.", 10, 20, "analysts"),
        ("The range grew from 252 to 287 miles.", 252, 287, "miles"),
        ("Bids came in at $10 to $15 billion.", 1e10, 1.5e10, "USD"),
        ("There are four to five thousand people.", 4000, 5000, "people"),
    ],
)
def test_ranges(models: Models, text: str, low: float, high: float, unit: str) -> None:
    f = one(models, text)
    assert (f.qualifier, f.low, f.high, f.unit) == ("range", low, high, unit)


def test_change_is_not_a_range(models: Models) -> None:
    a, b = figs(models, "Inflation rose 2% to 5%.")
    assert (a.value, b.value) == (2, 5) and a.qualifier == b.qualifier == "exact"


@pytest.mark.parametrize(
    ("text", "value", "unit", "kind"),
    [
        ("The outage lasted 24 hours.", 24, "hours", "duration"),
        ("The ban lasts 1 year.", 1, "years", "duration"),
        ("She served 15 years in the Senate.", 15, "years", "duration"),
        ("The review took eighteen months.", 18, "months", "duration"),
        ("A third of the staff left.", 1 / 3, "staff", "count"),
        ("The firm has 16M users and 24K accounts.", 16e6, "users", "count"),
        ("The roof is 37m tall.", 37, "m", "quantity"),
        ("The 65-year-old founder resigned.", 65, "years of age", "duration"),
        ("Losses reached -5 yards.", -5, "yards", "quantity"),
    ],
)
def test_number_forms(models: Models, text: str, value: float, unit: str, kind: str) -> None:
    f = figs(models, text)[0]
    assert (f.value, f.unit, f.kind) == (pytest.approx(value), unit, kind)


@pytest.mark.parametrize(
    "text",
    [
        "OpenAI released GPT-4 and GPT-4o to developers.",
        "DeepSeek is preparing its V4 model.",
        "Anthropic shipped Claude 3.5 Sonnet to users.",
        "The service runs 24/7 from Bangkok8 offices.",
        "Nvidia sells H200 chips in China.",
        "No one asked about the 22nd amendment.",
    ],
)
def test_not_figures(models: Models, text: str) -> None:
    assert figs(models, text) == []


def test_year_is_a_date_not_a_count(models: Models) -> None:
    (f,) = figs(models, "The company was founded in 2016.")
    assert (f.kind, f.value, f.unit) == ("date", "2016", "date")
    g = one(models, "The company employs 2000 engineers.")
    assert (g.kind, g.value) == ("count", 2000)


_NUMBERS = st.sampled_from(
    ["24,000", "3.4 million", "$1.5 billion", "17%", "16M", "24K", "about 3", "more than 10", "10-20%",
     "€3,000", "-5", "1,000+", "half", "a third of", "GPT-4", "2016", "Feb. 23, 2026", "hundreds of",
     "between 1 and", "US$ 75m", "24/7", "0.5", "twenty-five", "$", "%", "-", "to"]
)  # fmt: skip
_WORDS = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=12)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parts=st.lists(st.one_of(_NUMBERS, _WORDS), max_size=12))
def test_offsets_always_point_into_the_text(models: Models, parts: list[str]) -> None:
    text = " ".join(parts)
    doc = models.nlp(text)
    for f in find_figures(doc, article_date="2026-02-24"):
        assert 0 <= f.start < f.end <= len(text)
        assert doc.text[f.start : f.end] == f.text
        assert f.qualifier in ("exact", "approx", "lower_bound", "upper_bound", "range", "vague")


@pytest.mark.parametrize(
    ("text", "value", "unit", "kind", "qualifier"),
    [
        ("His package was worth up to PS2.7m last year.", 2.7e6, "GBP", "money", "upper_bound"),  # ASCII-folded £
        ("Profit reached Y=590 billion.", 5.9e11, "JPY", "money", "exact"),  # ASCII-folded ¥
        ("Shares rose 5pc on Monday.", 5, "percent", "percent", "exact"),
        ("The engine makes 640bhp at full revs.", 640, "bhp", "quantity", "exact"),
        ("They installed an 8.5 kW system.", 8.5, "kW", "quantity", "exact"),
        ("It has a 185-hp engine.", 185, "hp", "quantity", "exact"),
        ("The 1520 sq m clinic opened.", 1520, "sq m", "quantity", "exact"),
        ("The car could push past the 1000 hp barrier.", 1000, "hp", "quantity", "exact"),
        ("She wrote a 12 page report.", 12, "page", "count", "exact"),
        ("Add 1/2 pound of butter.", 0.5, "pound", "quantity", "exact"),
        ("The population is about 8 B people.", 8e9, "people", "count", "approx"),
        ("It sold 2.7m combined digital and physical copies.", 2.7e6, "copies", "count", "exact"),
        ("Tickets sold for just over 40 dollars.", 40, "USD", "money", "lower_bound"),
        ("The panel failed at lower than 8.9 ksi.", 8.9, "ksi", "quantity", "upper_bound"),
        ("John Smith, 66, retired on Friday.", 66, "years of age", "duration", "exact"),
    ],
)
def test_units_and_notations(models: Models, text: str, value: float, unit: str, kind: str, qualifier: str) -> None:
    f = one(models, text)
    assert (f.value, f.unit, f.kind, f.qualifier) == (pytest.approx(value), unit, kind, qualifier)


def test_bracketed_conversion_keeps_the_bound(models: Models) -> None:
    km, miles = figs(models, "The moths can fly more than 100 kilometers (60 miles).")
    assert (km.qualifier, miles.value, miles.qualifier) == ("lower_bound", 60, "lower_bound")


def test_suspended_hyphen_shares_the_unit(models: Models) -> None:
    a, b = figs(models, "Buyers get a 7- or 8-inch screen.")
    assert [(a.value, a.unit), (b.value, b.unit)] == [(7, "inch"), (8, "inch")]


def test_second_number_before_the_noun_is_its_own(models: Models) -> None:
    bottles, ml = figs(models, "The plant will fill eight million 250ml bottles.")
    assert (bottles.value, bottles.unit, bottles.text) == (8e6, "bottles", "eight million")
    assert (ml.value, ml.unit) == (250, "ml")


def test_bare_number_repeats_the_unit(models: Models) -> None:
    now, before = figs(models, "Sales rose to 3.9 million headsets, up from 2.4 million a year earlier.")
    assert (before.value, before.unit) == (2.4e6, "headsets")


@pytest.mark.parametrize(
    ("text", "low", "high", "unit"),
    [
        ("Adults need about 2000 - 2500 calories a day.", 2000, 2500, "calories"),
        ("The firm will go from 1000 to 2000 hires.", 1000, 2000, "hires"),
    ],
)
def test_ranges_of_four_digit_numbers(models: Models, text: str, low: float, high: float, unit: str) -> None:
    f = one(models, text)
    assert (f.qualifier, f.low, f.high, f.unit) == ("range", low, high, unit)


@pytest.mark.parametrize(
    "text",
    [
        "The match ended 2-2 after extra time.",
        "They held a 9-2 lead going into the ninth.",
        "The Stoxx 600 index opened late.",
        "He bought a PS5 for his son.",
    ],
)
def test_scores_and_index_names_are_not_figures(models: Models, text: str) -> None:
    assert figs(models, text) == []


@pytest.mark.parametrize(
    ("text", "shown", "value"),
    [
        ("He scored twice in the 2013 Iron Bowl.", "2013", "2013"),
        ("In a 2016 interview he spoke about art.", "2016", "2016"),
    ],
)
def test_year_before_a_name_or_noun_is_a_date(models: Models, text: str, shown: str, value: str) -> None:
    (f,) = figs(models, text)
    assert (f.text, f.kind, f.value) == (shown, "date", value)


def test_vague_unit_stops_before_a_name(models: Models) -> None:
    f = one(models, "The millions of man-hours Anthropic spent matter.")
    assert (f.qualifier, f.unit, f.text) == ("vague", "man-hours", "millions of man-hours")
