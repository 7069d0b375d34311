"""Measure the misspelling threshold of claimcheck.entities on labelled name pairs.

Run: .venv/bin/python bench/entities_threshold.py
Prints precision and recall of "mention misspells label" per threshold, without and with
article context (the entity also named in the article, or beside its peers). A false
merge costs more than a missed variant, so pick the lowest threshold with precision 1.0.
"""

from __future__ import annotations

from claimcheck.entities import CONTEXT_BONUS, MISSPELLING_THRESHOLD, TYPE_CONFLICT_MIN, name_similarity

# (mention as written, catalog label, same entity?). Positives are misspellings of the
# kind reporters make (dropped, doubled, swapped or wrong letters); negatives are real,
# different names close in spelling, or a name plus a word.
PAIRS: list[tuple[str, str, bool]] = [
    ("Anthopric", "Anthropic", True),
    ("Antrhopic", "Anthropic", True),
    ("Anthropc", "Anthropic", True),
    ("Miniax", "MiniMax", True),
    ("MiniMaxx", "MiniMax", True),
    ("Deepseak", "DeepSeek", True),
    ("DeepSeeek", "DeepSeek", True),
    ("Moonshoot AI", "Moonshot AI", True),
    ("Monshot", "Moonshot", True),
    ("Nvidea", "Nvidia", True),
    ("Nvidea Corp", "Nvidia", True),
    ("Googel", "Google", True),
    ("Cloudfare", "Cloudflare", True),
    ("Cloudflair", "Cloudflare", True),
    ("OpenIA", "OpenAI", True),
    ("Hayo Miyazaki", "Hayao Miyazaki", True),
    ("Hayao Miyazake", "Hayao Miyazaki", True),
    ("Chad Hembre", "Chad Hembree", True),
    ("Reuter", "Reuters", True),
    ("Nasdq", "Nasdaq", True),
    ("Libary Genesis", "Library Genesis", True),
    ("Writers Guild of Amercia", "Writers Guild of America", True),
    ("Studio Gibli", "Studio Ghibli", True),
    ("Wall Street Jounral", "The Wall Street Journal", True),
    ("Seedence", "Seedance", True),
    ("Cybernew", "Cybernews", True),
    ("Tencnet", "Tencent", True),
    ("Alibabba", "Alibaba", True),
    ("Palentir", "Palantir", True),
    ("Mistrall", "Mistral AI", True),
    # different names
    ("Metal", "Meta", False),
    ("Open Society", "OpenAI", False),
    ("Stripe", "Strike", False),
    ("Nokia", "Nikon", False),
    ("Oracle", "Orange", False),
    ("Airbnb", "Airbus", False),
    ("Moonshot Capital", "Moonshot AI", False),
    ("Google DeepMind", "Google", False),
    ("DeepSpeed", "DeepSeek", False),
    ("DeepMind", "DeepSeek", False),
    ("Deepgram", "DeepSeek", False),
    ("MiniMed", "MiniMax", False),
    ("Anthem", "Anthropic", False),
    ("Cloudera", "Cloudflare", False),
    ("Redditor", "Reddit", False),
    ("Coherent", "Cohere", False),
    ("Zhihu", "Zhipu AI", False),
    ("Scala", "Scale AI", False),
    ("WGA", "WSJ", False),
    ("IBN", "IBM", False),
    ("Kami", "Kimi", False),
    ("Nadia", "Nvidia", False),
    ("Ann Thropic", "Anthropic", False),
    ("Mina Max", "MiniMax", False),
    ("Moonshine", "Moonshot", False),
    ("Studio Gigli", "Studio Ghibli", False),
    ("Hayao Miyamoto", "Hayao Miyazaki", False),
    ("Chad Hembry", "Chad Hembree", False),
    ("Napstar Records", "Napster", False),
    ("Reuters Institute", "Reuters", False),
    ("Sony", "Sonos", False),
    ("Lenovo", "Lenox", False),
    ("Baidu", "Bandai", False),
    ("Nexus", "Nexis", False),
    ("Wall Street Journey", "The Wall Street Journal", False),
    ("Tesla", "Tesco", False),
    ("Vimeo", "Video", False),
    ("Slack", "Stack", False),
    ("Intel", "Intuit", False),
    ("Canva", "Canon", False),
]


def table(bonus: float) -> list[tuple[float, float, float, int]]:
    """(threshold, precision, recall, false merges) for each threshold step."""
    scored = [(name_similarity(a, b) + bonus, same) for a, b, same in PAIRS]
    rows = []
    for step in range(70, 100, 2):
        threshold = step / 100
        merged = [same for score, same in scored if score >= threshold]
        true_pos = sum(merged)
        positives = sum(same for _, same in scored)
        precision = true_pos / len(merged) if merged else 1.0
        rows.append((threshold, precision, true_pos / positives, len(merged) - true_pos))
    return rows


def main() -> None:
    for label, bonus in (("no context", 0.0), (f"with context (+{CONTEXT_BONUS})", CONTEXT_BONUS)):
        print(f"\n{label}: {sum(s for *_, s in PAIRS)} positive, {sum(not s for *_, s in PAIRS)} negative pairs")
        print("threshold  precision  recall  false merges")
        for threshold, precision, recall, false_merges in table(bonus):
            mark = "  <- shipped" if abs(threshold - MISSPELLING_THRESHOLD) < 0.011 else ""
            print(f"{threshold:9.2f}  {precision:9.2f}  {recall:6.2f}  {false_merges:12d}{mark}")
    no_context = table(0.0)
    safe = min(t for t, precision, *_ in no_context if precision == 1.0 and all(
        p == 1.0 for u, p, *_ in no_context if u >= t))
    worst_negative = max(name_similarity(a, b) for a, b, same in PAIRS if not same)
    print(f"\nlowest threshold with precision 1.0: {safe:.2f}; closest different names score "
          f"{worst_negative:.3f}, so a context bonus must stay below {MISSPELLING_THRESHOLD - worst_negative:.3f}")
    print(f"type conflict (person's full name vs organisation) needs >= {TYPE_CONFLICT_MIN}")
    print("\nnear misses (score > 0.75):")
    for a, b, same in PAIRS:
        score = name_similarity(a, b)
        if score > 0.75:
            print(f"  {'same' if same else 'DIFF':4}  {score:.3f}  {a!r} / {b!r}")


if __name__ == "__main__":
    main()
