"""Synthetic news corpus for the benchmarks, with planted disagreements and their answer key.

    .venv/bin/python bench/corpus.py OUT --articles 1000 --seed 7

writes OUT/sources/*.md (Markdown with YAML front matter, like sources/*.md), OUT/entities.ttl
(the shipped entity list plus the invented companies, as a newsroom would track them) and
OUT/answer_key.json (every planted disagreement, and the flag kinds that would catch it).

Several outlets report each story in their own words; some get one thing wrong: a
qualifier ("more than 24,000" where others say "about 24,000"), a value, a total that does
not add up, or a company's name. Article i of a seed is the same whatever the corpus size,
so a corpus of N + 1 articles is the corpus of N plus one article (the incremental bench).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from importlib import resources
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from stories import FIRST_NAMES, LAST_NAMES, OUTLETS, Story, company_pool, make_story

PLANTS = ("qualifier", "value", "total", "misspelling")
# The flag kinds of `claimcheck check` that count as finding each planted disagreement.
ACCEPTS = {
    "qualifier": ("qualifier_mismatch",),
    "value": ("value_conflict",),
    "total": ("arithmetic", "parts_whole", "value_conflict"),
    "misspelling": ("name_variant",),
}
QUALIFIER_WORDS = {
    "exact": ("",),
    "approx": ("about", "roughly", "around", "approximately", "an estimated"),
    "lower": ("more than", "over", "at least"),
}
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")

TITLES = {
    "abuse": ("{subject} accuses {o0} and others of copying its models",
              "{subject} says rivals harvested {product} at scale",
              "{subject} blocks {others} over distillation"),
    "breach": ("{subject} discloses breach of customer data", "Hackers hit {subject}",
               "{subject} breach exposed customers in {o0}"),
    "layoffs": ("{subject} to cut jobs across {o0} unit", "{subject} announces layoffs",
                "{subject} trims workforce"),
    "settlement": ("{subject} settles authors' copyright case", "{subject} agrees to pay authors",
                   "Court filing details {subject} book settlement"),
    "funding": ("{subject} raises new funding", "{subject} valuation jumps after new round",
                "Investors back {subject}"),
}
LEADS = {
    "abuse": ("{subject} said {others} used {accounts} {accounts_c} to generate {total} {total_c} with its {product} chatbot.",
              "According to {subject}, {others} set up {accounts} {accounts_c} and ran {total} {total_c} through {product}.",
              ("{subject} accused {others} of creating {accounts} {accounts_c}, which produced {total} {total_c} "
               "with {product}, in what it called an industrial-scale distillation campaign.")),
    "breach": ("{subject} said hackers accessed {total} {total_c} in an attack discovered {date}.",
               "Attackers stole {total} {total_c} from {subject}, the company disclosed {date}.",
               "{subject} has confirmed that {total} {total_c} were exposed in a breach, according to a filing."),
    "layoffs": ("{subject} will cut {total} {total_c}, {share} of its workforce, {person} told staff {date}.",
                "{subject} is laying off {total} {total_c}, or {share} of its workforce, the company said {date}."),
    "settlement": ("{subject} agreed to pay {total} to settle claims from authors and publishers, a court filing showed {date}.",
                   "{subject} will pay {total} in a settlement over pirated books, according to court documents."),
    "funding": ("{subject} raised {total} in a new round that values the company at {valuation}, it said {date}.",
                "Investors poured {total} into {subject}, valuing it at {valuation}."),
}
EXTRAS = {
    "abuse": ("{subject}, now valued at {valuation}, said it had blocked the accounts.",
              "The company, which investors value at {valuation}, said it would tighten its checks."),
    "breach": ("Regulators fined {subject} {fine} over the lapse, and its shares fell {drop}.",
               "Shares in {subject} dropped {drop} after a regulator imposed a {fine} fine."),
    "layoffs": ("The company employs {staff} {staff_c} worldwide.", "{subject} had {staff} {staff_c} at the end of last year."),
    "settlement": ("That works out to {per_work} {per_work_c} for {works} {works_c}.",
                   "Lawyers said the deal covers {works} {works_c}, or {per_work} {per_work_c}."),
    "funding": ("{subject} has {staff} {staff_c}.", "The company employs {staff} {staff_c}, {person} said."),
}
RECAPS = {
    "abuse": ("The {total} {total_c} were spread across {others}, {subject} said.",
              "In all, the {accounts} {accounts_c} were shut down."),
    "breach": ("The {total} {total_c} included names and email addresses.",),
    "layoffs": ("The {total} {total_c} are expected to go by the end of the year.",),
    "settlement": ("The {total} settlement still needs a judge's approval.",),
    "funding": ("The {total} round is among the largest this year.",),
}
# (first part, further parts) of the sentence that breaks a total down.
PARTS = {
    "abuse": ("{o} accounted for {n} {c}", "{o} for {n}"),
    "breach": ("{n} of the records belonged to customers in {o}", "{n} to customers in {o}"),
    "layoffs": ("{n} of the cuts fall in its {o} division", "{n} in {o}"),
    "settlement": ("{n} is earmarked for {o}", "{n} for {o}"),
    "funding": ("{o} put in {n}", "{o} {n}"),
}
QUOTES = ("We take this seriously and have acted quickly", "This was a difficult decision for everyone here",
          "We will keep working with regulators and our partners", "The facts will speak for themselves",
          "Our priority is the people who rely on us every day", "We are confident in the path ahead")
FILLER = (
    "Analysts said the episode showed how quickly the industry is changing.",
    "{subject} did not respond to a request for further comment.",
    "The news comes at a sensitive time for the sector, which faces growing scrutiny from lawmakers.",
    "Critics have long argued that the rules have not kept pace with the technology.",
    "Industry groups said they were studying the details.",
    "Several competitors declined to comment on the matter.",
    "The company has faced questions from investors about its strategy.",
    "Observers expect the debate to continue into next year.",
    "It is not the first time {subject} has drawn attention of this kind.",
    "Experts cautioned that the full picture may take months to emerge.",
    "People familiar with the matter said talks had been going on for weeks.",
    "The announcement was first reported on the company's website.",
    "Customers and partners were informed by email, the company said.",
    "Lawmakers in several countries have called for clearer rules.",
    "A representative for {peer} did not immediately reply.",
    "The move drew mixed reactions on social media.",
    "{subject} was founded by a group of former university researchers and has grown quickly since.",
    "Its backers include several large venture funds and at least one sovereign wealth fund.",
    "The company's chief executive has spoken publicly about the need for stronger safeguards.",
    "Rivals have been racing to win customers in the same market, often at a loss.",
    "Trade associations have warned that heavy-handed rules could push investment abroad.",
    "Consumer advocates, for their part, say the public deserves far more transparency.",
    "Former employees described a culture that prized speed over caution.",
    "A spokesperson for the regulator said it was aware of the reports and was gathering information.",
    "Legal experts said any case could take years to resolve in the courts.",
    "The episode is likely to feature in hearings scheduled for later this year.",
    "{subject} said it had hired outside advisers to review what happened.",
    "Shareholders will have a chance to question management at the next annual meeting.",
    "Some analysts said the market had already priced in much of the news.",
    "Others were less sanguine, pointing to mounting costs and a crowded field.",
    "The company said it expected no change to its plans for the coming quarter.",
    "{peer} has been expanding rapidly, hiring engineers and opening new offices.",
    "In an internal memo, executives urged staff not to speak to reporters.",
    "The details were confirmed by two people who asked not to be named because the matter is private.",
    "It remains unclear how regulators in other jurisdictions will respond.",
    "Policy researchers said the case illustrated a wider problem across the industry.",
    "The company's public statement was notably brief.",
    "Its website was updated with a short notice later in the day.",
    "A number of customers said they had not yet been contacted.",
    "Independent researchers have asked to see the underlying data.",
    "{person} has been with {subject} for several years and previously worked in government.",
    "Trading in the company's bonds was largely unaffected.",
    "Unions representing workers in the sector criticised the decision.",
    "The company pointed to its record of cooperating with authorities.",
)
HEADINGS = ("## What happened", "## Background", "## What comes next", "## Reaction")


@dataclass(frozen=True)
class Planted:
    """One disagreement written into one article, and how a check could catch it."""

    id: str
    kind: str  # one of PLANTS
    story: str
    source: str  # the article that disagrees
    others: tuple[str, ...]  # the story's other articles in the corpus
    subject: str
    fact: str | None
    expected: str  # what the other outlets say
    stated: str  # what this article says
    accepts: tuple[str, ...]


@dataclass(frozen=True)
class Article:
    id: str
    story: str
    text: str  # the whole file: front matter and body
    plants: tuple[dict[str, str | None], ...]  # kind, fact, expected, stated, subject


def article_stream(seed: int) -> Iterator[Article]:
    """Every article of the seed's corpus, story after story, without end."""
    pool = company_pool(seed)
    index = 0
    while True:
        story = make_story(index, seed, pool)
        yield from story_articles(story, seed, pool)
        index += 1


def story_articles(story: Story, seed: int, pool: list[str]) -> list[Article]:
    rng = random.Random(f"{seed}:articles:{story.id}")
    outlets = rng.sample(OUTLETS, rng.randint(3, 6))
    plan: dict[int, str] = {}  # article index -> plant; never the first article
    roll = rng.random()
    for _ in range(2 if roll < 0.2 else 1 if roll < 0.8 else 0):
        plan[rng.randrange(1, len(outlets))] = rng.choice(PLANTS)
    return [render(story, outlet, plan.get(i), random.Random(f"{seed}:{story.id}:{i}"), pool)
            for i, outlet in enumerate(outlets)]


def render(story: Story, outlet: str, plant: str | None, rng: random.Random, pool: list[str]) -> Article:
    """One outlet's article about `story`, with at most one planted disagreement."""
    source_id = f"{story.id}-{_slug(outlet)}"
    kind = story.kind
    fields: dict[str, str] = {
        "subject": story.subject, "product": story.product, "person": story.person,
        "others": _join(list(story.others)), "o0": story.others[0], "date": _date_text(story.date),
        "peer": story.others[0] if kind in ("abuse", "funding") else rng.choice(pool),
    }
    stated = {key: (fact.value, fact.qualifier) for key, fact in story.facts.items()}
    wrong: str | None = None  # the fact this article gets wrong
    if plant in ("qualifier", "value", "total"):
        wrong = "total" if plant == "total" else rng.choice(sorted(story.facts))
        value, qualifier = stated[wrong]
        if plant == "qualifier":
            stated[wrong] = (value, "approx" if qualifier == "lower" else "lower")
        else:
            factor = rng.choice((1.3, 1.5, 0.7) if plant == "total" else (1.5, 2.0, 0.5))
            stated[wrong] = (_two_digits(value * factor), qualifier)
    for key, fact in story.facts.items():
        fields[key] = _figure(stated[key][0], fact.kind, stated[key][1], rng)
        fields[f"{key}_c"] = fact.concepts[0] if rng.random() < 0.7 else rng.choice(fact.concepts)
    plants: list[dict[str, str | None]] = []
    if wrong is not None:
        fact = story.facts[wrong]
        plants.append({"kind": plant, "fact": wrong, "subject": story.subject, "stated": fields[wrong],
                       "expected": _figure(fact.value, fact.kind, fact.qualifier, random.Random(0))})
    lead = rng.choice(LEADS[kind]).format(**fields)
    sentences = [rng.choice(EXTRAS[kind]).format(**fields)]
    if plant == "total" or rng.random() < 0.6:
        sentences.append(_parts_sentence(story, fields, rng))
    sentences.append(f'"{rng.choice(QUOTES)}," said {story.person}, a spokesperson for {story.subject}.')
    if rng.random() < 0.5:  # reporters restate the headline figure further down
        sentences.append(rng.choice(RECAPS[kind]).format(**fields))
    sentences += [s.format(**fields) for s in rng.sample(FILLER, rng.randint(16, 26))]
    rng.shuffle(sentences)
    paragraphs = [lead]
    while sentences:
        size = rng.randint(2, 3)
        paragraphs.append(" ".join(sentences[:size]))
        sentences = sentences[size:]
    if rng.random() < 0.3:
        paragraphs.insert(2, rng.choice(HEADINGS))
    body = "\n\n".join(paragraphs) + "\n"
    if plant == "misspelling":
        right = story.subject
        wrong = _misspell(right, rng, pool)
        at = body.index(right)
        body = body[:at] + wrong + body[at + len(right):]
        plants.append({"kind": plant, "fact": None, "subject": right, "expected": right, "stated": wrong})
    title = rng.choice(TITLES[kind]).format(**fields)
    author = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
    published = dt.date.fromisoformat(story.date) + dt.timedelta(days=rng.randint(0, 2))
    front = {"title": title, "outlet": outlet, "author": author, "date": published.isoformat(),
             "url": f"https://{_slug(outlet)}.example/{story.date[:4]}/{_slug(title)}"}
    text = "---\n" + "".join(f"{k}: {json.dumps(v)}\n" for k, v in front.items()) + "---\n\n" + body
    return Article(id=source_id, story=story.id, text=text, plants=tuple(plants))


def _parts_sentence(story: Story, fields: dict[str, str], rng: random.Random) -> str:
    first, rest = PARTS[story.kind]
    fact = story.facts["total"]
    concept = fields["total_c"]
    pieces = [(first if i == 0 else rest).format(o=name, n=_figure(value, fact.kind, "exact", rng), c=concept)
              for i, (name, value) in enumerate(zip(story.others, story.parts, strict=True))]
    lead_in = rng.choice(("", f"By {story.subject}'s count, ", "The company said "))
    sentence = lead_in + _join(pieces) + "."
    return sentence[0].upper() + sentence[1:]


def _figure(value: float, kind: str, qualifier: str, rng: random.Random) -> str:
    """A figure as a reporter writes it: qualifier word, then digits or a scale word."""
    if kind == "percent":
        number = f"{value:g}%" if rng.random() < 0.6 else f"{value:g} percent"
    else:
        number = _scaled(value, short=kind == "money" and rng.random() < 0.3)
        number = "$" + number if kind == "money" else number
    word = rng.choice(QUALIFIER_WORDS[qualifier])
    return f"{word} {number}".strip()


def _scaled(value: float, short: bool) -> str:
    for scale, name, abbrev in ((1e9, " billion", "bn"), (1e6, " million", "m")):
        if value >= scale:
            return f"{value / scale:g}{abbrev if short else name}"
    return f"{value:,.0f}"


def _two_digits(value: float) -> float:
    """A wrong figure rounded like a real one: two significant digits."""
    return float(f"{value:.2g}")


def _misspell(name: str, rng: random.Random, pool: list[str]) -> str:
    """A one-letter slip in the name's first word: dropped, swapped or doubled."""
    core, _, tail = name.partition(" ")
    while True:
        i = rng.randrange(1, len(core) - 2)
        op = rng.choice(("drop", "swap", "double"))
        wrong = (core[:i] + core[i + 1:] if op == "drop" else core[:i] + core[i + 1] + core[i] + core[i + 2:]
                 if op == "swap" else core[:i] + core[i] + core[i:])
        candidate = f"{wrong} {tail}".strip()
        if wrong != core and candidate not in pool:
            return candidate


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _date_text(iso: str) -> str:
    return f"on {MONTHS[int(iso[5:7]) - 1]} {int(iso[8:])}"


def _slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


def _accepts(plant: dict[str, object]) -> tuple[str, ...]:
    """A wrong figure stated as a bound ("over 16 million" where others say "over 12
    million") can still hold: claimcheck reports it as differing figures, not a conflict."""
    kinds = ACCEPTS[str(plant["kind"])]
    bound = str(plant["stated"]).lower().startswith(QUALIFIER_WORDS["lower"])
    return (*kinds, "qualifier_mismatch") if bound and "value_conflict" in kinds else kinds


def generate(articles: int, seed: int) -> tuple[list[Article], list[Planted]]:
    """The first `articles` articles of the seed, and the plants the corpus can reveal."""
    stream = article_stream(seed)
    corpus = [next(stream) for _ in range(articles)]
    by_story: dict[str, list[str]] = {}
    for article in corpus:
        by_story.setdefault(article.story, []).append(article.id)
    planted = [
        Planted(id=f"{article.id}#{i}", story=article.story, source=article.id,
                others=tuple(s for s in by_story[article.story] if s != article.id),
                accepts=_accepts(p), **p)  # type: ignore[arg-type]
        for article in corpus for i, p in enumerate(article.plants)
    ]
    # A plant is only a disagreement when another outlet's article on the story is present.
    return corpus, [p for p in planted if p.others]


def entity_list(seed: int) -> str:
    """The shipped entity list plus the invented companies, as tracked organisations."""
    shipped = (resources.files("claimcheck") / "data" / "entities.ttl").read_text("utf-8")
    blocks = [f'entity:{_slug(name)} a schema:Organization ;\n    skos:prefLabel "{name}" .\n'
              for name in company_pool(seed)]
    return shipped.rstrip("\n") + "\n\n# ---------------------------------------------------------------- bench corpus\n\n" + "\n".join(blocks)


def write_corpus(out: Path, articles: int, seed: int) -> dict[str, object]:
    """Write the corpus folder; returns the answer key it also writes."""
    corpus, planted = generate(articles, seed)
    sources = out / "sources"
    sources.mkdir(parents=True, exist_ok=True)
    for old in sources.glob("*.md"):
        old.unlink()
    for article in corpus:
        (sources / f"{article.id}.md").write_text(article.text, "utf-8")
    (out / "entities.ttl").write_text(entity_list(seed), "utf-8")
    key = {
        "seed": seed,
        "articles": len(corpus),
        "stories": len({a.story for a in corpus}),
        "words": sum(len(a.text.split("---\n", 2)[-1].split()) for a in corpus),
        "planted": [asdict(p) for p in planted],
    }
    (out / "answer_key.json").write_text(json.dumps(key, indent=1, sort_keys=True) + "\n", "utf-8")
    return key


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write sources/, entities.ttl and answer_key.json into")
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    key = write_corpus(args.out, args.articles, args.seed)
    print(f"{key['articles']} articles, {key['stories']} stories, {key['words']} words, "
          f"{len(key['planted'])} planted disagreements -> {args.out}")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
