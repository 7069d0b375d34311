"""Measure the fact-slot threshold of claimcheck.slots on labelled figure pairs.

Run: .venv/bin/python bench/slot_threshold.py
Each pair is two figures that already share a block (same unit family, same subject): the
question is only "do they report the same fact?". Prints precision and recall of the pair
score (`Similarity.pair`: concept and claim sentence) per threshold and concept weight.
A false merge makes a false conflict, a missed merge a false "single source"; pick the
threshold with the best F1 among those with precision >= 0.95.
"""

from __future__ import annotations

import math
import re
import sys

from claimcheck.nlp import Models
from claimcheck.slots import (
    AGREEMENT_BONUS,
    CONCEPT_WEIGHT,
    SLOT_THRESHOLD,
    Similarity,
    Statement,
    pair_score,
)

# (concept a, sentence a, concept b, sentence b, same fact?, value a, value b).
# None concept = none extracted; None value = a vague figure.
PAIRS: list[tuple[str | None, str, str | None, str, bool, float | None, float | None]] = [
    ("fraudulent accounts", "The labs used about 24,000 fraudulent accounts to query the model.",
     "fake accounts", "Creating over 24,000 fake accounts suggests a coordinated operation.", True, 24000.0, 24000.0),
    ("fraudulent claude accounts", "The companies allegedly set up more than 24,000 fraudulent Claude accounts.",
     "fake accounts", "This operation involved approximately 24,000 fake accounts.", True, 24000.0, 24000.0),
    ("fraudulent identities", "The deception, 24,000 fraudulent identities, is indefensible.",
     "fraudulent accounts", "They ran 24,000 fraudulent accounts through proxy servers.", True, 24000.0, 24000.0),
    ("exchanges", "The three labs generated 16 million exchanges with the chatbot.",
     "conversations", "They harvested 16 million conversations from the model.", True, 16000000.0, 16000000.0),
    ("interactions", "The labs generated more than 16 million interactions with its Claude model.",
     "exchanges", "This operation involved 16 million exchanges.", True, 16000000.0, 16000000.0),
    ("conversation exchanges", "They harvested data from approximately 16 million conversation exchanges.",
     "claude api conversations", "They executed 16 million Claude API conversations through proxies.", True, 16000000.0, 16000000.0),
    ("firefighters", "More than 120 firefighters fought the blaze through the night.",
     "fire crews", "About 120 fire crew members were sent to the warehouse.", True, 120, 120),
    ("injured", "Fourteen workers were injured in the explosion.",
     "people hurt", "The blast left 14 people hurt, officials said.", True, 14, 14),
    ("workers", "The plant employs 2,300 workers on three shifts.",
     "employees", "The factory has 2,300 employees.", True, 2300, 2300),
    ("budget", "The council approved a budget of $4.2 billion for next year.",
     "spending plan", "Councillors passed a $4.1 billion spending plan for 2025.", True, 4200000000.0, 4100000000.0),
    ("valuation", "The startup is valued at $380 billion after the round.",
     None, "Anthropic, now valued at $380 billion, faces lawsuits.", True, 380000000000.0, 380000000000.0),
    (None, "The company settled the copyright suit with authors for $1.5 billion.",
     "settlement", "Anthropic agreed to a landmark $1.5 billion settlement.", True, 1500000000.0, 1500000000.0),
    ("residents", "Some 3,000 residents were evacuated from nearby streets.",
     "people", "Police evacuated about 3,000 people from the area.", True, 3000, 3000),
    ("deaths", "The fire killed nine people, the fire service said.",
     "dead", "Nine were confirmed dead by the morning.", True, 9, 9),
    ("homes", "The storm destroyed 450 homes along the coast.",
     "houses", "About 450 houses were flattened by the storm.", True, 450, 450),
    ("users", "The app now has 300 million weekly users.",
     "weekly active users", "It counts 300 million weekly active users.", True, 300000000.0, 300000000.0),
    (None, "The regulator fined the bank $20 million for the failures.",
     "fine", "The bank must pay a $20 million fine to the regulator.", True, 20000000.0, 20000000.0),
    (None, "The deficit is projected to reach $12 million next year.",
     "shortfall", "The city faces a $12 million budget shortfall.", True, 12000000.0, 12000000.0),
    ("companies", "Anthropic accused three Chinese AI companies of distillation.",
     "startups", "Anthropic accused three prominent Chinese startups.", True, 3, 3),
    # different facts with the same subject and unit family
    ("fraudulent accounts", "The labs used about 24,000 fraudulent accounts.",
     "exchanges", "The labs generated 16 million exchanges with Claude.", False, 24000.0, 16000000.0),
    ("accounts", "They created 24,000 accounts to reach the model.",
     "conversations", "They harvested 16 million conversations.", False, 24000.0, 16000000.0),
    ("malicious accounts", "Anthropic mapped 832 malicious accounts to MITRE ATT&CK.",
     "fraudulent accounts", "The labs ran 24,000 fraudulent accounts against Claude.", False, 832, 24000.0),
    ("valuation", "The company is now valued at $380 billion.",
     "settlement", "The company agreed to a $1.5 billion settlement.", False, 380000000000.0, 1500000000.0),
    (None, "Shares plummeted 17% and wiped out $600 billion in a flash.",
     "valuation", "The chip maker is valued at $4 trillion.", False, 600000000000.0, 4000000000000.0),
    ("firefighters", "More than 120 firefighters fought the blaze.",
     "injured", "Fourteen workers were injured in the fire.", False, 120, 14),
    ("injured", "Fourteen workers were injured in the explosion.",
     "deaths", "Two workers died in the explosion.", False, 14, 2),
    ("workers", "The plant employs 2,300 workers.",
     "residents", "Some 3,000 residents were evacuated.", False, 2300, 3000),
    ("budget", "The council approved a $4.2 billion budget.",
     None, "The deficit is projected to reach $12 million.", False, 4200000000.0, 12000000.0),
    ("budget", "The council approved a budget of $4.2 billion.",
     "police spending", "Police spending rises to $610 million.", False, 4200000000.0, 610000000.0),
    ("homes", "The storm destroyed 450 homes.",
     "power outages", "Some 80,000 customers lost power in the storm.", False, 450, 80000.0),
    ("books", "The company paid for each of the 500,000 books in its training data.",
     "authors", "The class covers about 10,000 authors.", False, 500000.0, 10000.0),
    ("users", "The app has 300 million weekly users.",
     "employees", "The company has 3,000 employees.", False, 300000000.0, 3000),
    ("hours", "The lab redirected its traffic within 24 hours.",
     "months", "Training took several months.", False, 24, None),
    ("companies", "Anthropic accused three Chinese AI companies of theft.",
     "separate things", "Anthropic conflates two separate things in its report.", False, 3, 2),
    ("tonnes", "The warehouse stored 40 tonnes of chemicals.",
     "firefighters", "About 40 firefighters attended the warehouse.", False, 40, 40),
    (None, "The company raised $1.5 billion from investors in May.",
     "settlement", "The company agreed to a $1.5 billion settlement.", False, 1500000000.0, 1500000000.0),
    (None, "Revenue grew to $5 billion last year, the company said.",
     None, "The company raised $5 billion in new funding in March.", False, 5000000000.0, 5000000000.0),
    ("exchanges", "DeepSeek engaged in over 150,000 exchanges targeting reasoning.",
     "prompts", "The labs sent millions of prompts to the model.", False, 150000.0, None),
]


MONEY = re.compile(r"\$[\d.,]+(?:\s?(?:trillion|billion|million|bn|m)\b)?")


def statement(concept: str | None, sentence: str, value: float | None, index: int) -> Statement:
    """A bare figure stated exactly, rounded to its second significant digit; a sum of money
    when the sentence has one (so its concept can come from the verb, as in the checks)."""
    precision = 10.0 ** max(0, math.floor(math.log10(value)) - 1) if value else None
    money = MONEY.search(sentence)
    return Statement(
        iri=f"pair/{index}", source="s", independence="s", text=money.group() if money else "", sentence=sentence,
        start=0, end=0, kind="money" if money else "count", unit="USD" if money else "count",
        qualifier="exact" if value else "vague", value=value, low=None, high=None, precision=precision,
        concept=concept, subject=None,
    )


def main() -> int:
    models = Models()
    pairs = [
        (statement(ca, sa, va, 2 * i), statement(cb, sb, vb, 2 * i + 1), same)
        for i, (ca, sa, cb, sb, same, va, vb) in enumerate(PAIRS)
    ]
    similarity = Similarity(models, [s for a, b, _ in pairs for s in (a, b)])
    print(f"{len(PAIRS)} pairs ({sum(p[4] for p in PAIRS)} same fact)")
    print(f"in use: threshold {SLOT_THRESHOLD}, concept weight {CONCEPT_WEIGHT}, agreement bonus {AGREEMENT_BONUS}")
    for weight, bonus in ((0.5, 0.0), (0.6, 0.0), (0.7, 0.0), (0.5, 0.1), (0.5, 0.15), (0.6, 0.15), (0.5, 0.2)):
        print(f"\nconcept weight {weight}, agreement bonus {bonus}")
        print("threshold  precision  recall  f1")
        scored = [(pair_score(similarity, a, b, concept_weight=weight, bonus=bonus), same) for a, b, same in pairs]
        for step in range(40, 76, 2):
            threshold = step / 100
            tp = sum(1 for score, same in scored if score >= threshold and same)
            fp = sum(1 for score, same in scored if score >= threshold and not same)
            fn = sum(1 for score, same in scored if score < threshold and same)
            precision = tp / (tp + fp) if tp + fp else 1.0
            recall = tp / (tp + fn) if tp + fn else 1.0
            f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
            print(f"{threshold:9.2f}  {precision:9.2f}  {recall:6.2f}  {f1:.2f}")
    if "--pairs" in sys.argv:
        for (a, b, same), row in zip(pairs, PAIRS, strict=True):
            print(f"{pair_score(similarity, a, b):.2f} {'same' if same else 'diff'}  {row[0]!r} / {row[2]!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
