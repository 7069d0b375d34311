"""Lexical side of figure extraction: how one token or word sequence reads as a number.

Pure functions and constant tables, no spaCy: `figures.py` decides from the parse which
tokens form a figure and calls these to turn their text into values, currencies, scales,
qualifiers and dates. Kept apart so the word rules can be read (and tested) on their own.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALES = {
    "hundred": 100.0, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "b": 1e9, "bln": 1e9,
    "tn": 1e12, "trn": 1e12, "mil": 1e6,
}  # fmt: skip
# Words that only scale a preceding number ("3.4 million"); "hundred" can also follow words.
STRONG_SCALES = {"K", "M", "B", "bn", "Bn", "mn", "mln", "bln", "tn", "trn", "mil"}
ORDINAL_SUFFIXES = {"st", "nd", "rd", "th", "s", "er", "ers", "ish"}
SCALE_WORDS = {"hundred", "thousand", "million", "billion", "trillion", "bn", "mn", "tn"}
DOZEN = {"dozen": 12.0, "score": 20.0}
FRACTIONS = {"half": 0.5, "third": 1 / 3, "thirds": 1 / 3, "quarter": 0.25, "quarters": 0.25,
             "fourth": 0.25, "fourths": 0.25, "fifth": 0.2, "fifths": 0.2, "tenth": 0.1,
             "tenths": 0.1}  # fmt: skip
# "hundreds of", "tens of thousands of": the implied interval is one order of magnitude.
VAGUE = {"dozens": (12.0, 120.0), "tens": (10.0, 100.0), "hundreds": (100.0, 1e3),
         "thousands": (1e3, 1e4), "millions": (1e6, 1e7), "billions": (1e9, 1e10),
         "trillions": (1e12, 1e13)}  # fmt: skip

# Currency symbols and codes (before the number) and names (after it) -> ISO 4217.
CURRENCY_PREFIX = {
    "$": "USD", "us$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR", "£": "GBP",
    "gbp": "GBP", "¥": "JPY", "jpy": "JPY", "cny": "CNY", "rmb": "CNY", "₹": "INR",
    "rs": "INR", "rs.": "INR", "inr": "INR", "a$": "AUD", "au$": "AUD", "aud": "AUD",
    "c$": "CAD", "ca$": "CAD", "cad": "CAD", "hk$": "HKD", "hkd": "HKD", "nz$": "NZD",
    "nzd": "NZD", "s$": "SGD", "sgd": "SGD", "r$": "BRL", "brl": "BRL", "chf": "CHF",
    "₩": "KRW", "krw": "KRW", "₽": "RUB", "rub": "RUB", "myr": "MYR", "rm": "MYR",
    "ils": "ILS", "nis": "ILS", "₪": "ILS", "sek": "SEK", "nok": "NOK", "dkk": "DKK",
    "zar": "ZAR", "mxn": "MXN", "$us": "USD", "$a": "AUD", "$c": "CAD",
}  # fmt: skip
# ASCII-folded feeds (unidecode) write "£" as "PS" and "¥" as "Y=": "PS2.7m", "Y=590 billion".
# Only glued to a number that reads as money ("PS5" stays a console).
FOLDED_CURRENCY = {"ps": "GBP", "y=": "JPY"}
# A country word before a separate "$" token: "US $58.24", "HK $3.7 billion".
DOLLAR_COUNTRY = {"us": "USD", "a": "AUD", "au": "AUD", "c": "CAD", "ca": "CAD",
                  "hk": "HKD", "nz": "NZD", "s": "SGD"}  # fmt: skip
CURRENCY_NAME = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "yen": "JPY",
    "yuan": "CNY", "renminbi": "CNY", "rupee": "INR", "rupees": "INR", "ringgit": "MYR",
    "shekel": "ILS", "shekels": "ILS", "franc": "CHF", "francs": "CHF", "rouble": "RUB",
    "roubles": "RUB", "ruble": "RUB", "rubles": "RUB", "peso": "MXN", "pesos": "MXN",
    "sterling": "GBP", "usd": "USD", "eur": "EUR", "gbp": "GBP", "jpy": "JPY",
    "cny": "CNY", "rmb": "CNY", "aud": "AUD", "cad": "CAD", "chf": "CHF", "inr": "INR",
    "hkd": "HKD",
}  # fmt: skip
# Sub-units keep their own unit name: "19 cents" is 19 cents, not 0.19 of a currency.
SUBUNIT = {"cent": "cent", "cents": "cent", "pence": "pence", "p": "pence"}

# Qualifier phrases that precede a number, longest first when matched.
QUALIFIER_BEFORE = {
    "approx": ["about", "around", "roughly", "approximately", "some", "nearly", "almost",
               "close to", "an estimated", "estimated", "circa", "ca.", "~", "approx.",
               "around about", "an approximate", "as many as", "approaching", "just about",
               "more or less"],
    "lower_bound": ["more than", "over", "at least", "upwards of", "in excess of",
                    "above", "greater than", "over than", "no fewer than", "no less than",
                    "north of", "at minimum", "exceeding", ">", "beyond", "just over", "well over",
                    "higher than",
                    "just above", "well above", "upward of", "a minimum of", "not less than"],
    "upper_bound": ["up to", "less than", "under", "fewer than", "at most", "below",
                    "no more than", "not more than", "as much as", "as few as",
                    "as little as", "<", "a maximum of", "at maximum", "sub", "sub-",
                    "just under", "well under", "lower than",
                    "just below", "well below", "no greater than"],
}  # fmt: skip
QUALIFIER_AFTER = {"or more": "lower_bound", "or over": "lower_bound", "plus": "lower_bound",
                   "+": "lower_bound", "or less": "upper_bound", "or fewer": "upper_bound",
                   "or so": "approx", "or above": "lower_bound", "or below": "upper_bound"}

# Duration words -> the unit a duration carries: always the plural English name, so
# "1 year" and "15 years" share a unit and no duration reads as the date unit "year".
TIME_UNITS = {
    "second": "seconds", "seconds": "seconds", "sec": "seconds", "secs": "seconds",
    "minute": "minutes", "minutes": "minutes", "min": "minutes", "mins": "minutes",
    "hour": "hours", "hours": "hours", "hr": "hours", "hrs": "hours", "day": "days",
    "days": "days", "week": "weeks", "weeks": "weeks", "fortnight": "fortnights",
    "fortnights": "fortnights", "month": "months", "months": "months", "year": "years",
    "years": "years", "yr": "years", "yrs": "years", "decade": "decades",
    "decades": "decades", "century": "centuries", "centuries": "centuries",
}  # fmt: skip

# Measurement units written after a number, as a symbol or abbreviation ("8.5 kW",
# "185-hp", "1520 sq m") -> the unit name a figure carries. Keys are lower case except
# in MEASURE_CASED, where case tells the unit from an ordinary word or initial.
MEASURE_UNITS = {
    "mm": "mm", "cm": "cm", "km": "km", "nm": "nm", "μm": "μm", "µm": "μm", "ft": "ft",
    "inch": "inch", "inches": "inches", "in.": "inch", "yd": "yard", "mi": "mile",
    "sq m": "sq m", "sqm": "sq m", "m2": "sq m", "m²": "sq m", "sq ft": "sq ft", "sqft": "sq ft",
    "sq km": "sq km", "km2": "sq km", "km²": "sq km", "ft2": "sq ft", "ha": "hectare",
    "mg": "mg", "kg": "kg", "lb": "lb", "lbs": "lb", "oz": "oz", "ml": "ml", "cl": "cl",
    "cc": "cc", "gal": "gallon", "litre": "litre", "litres": "litre", "liter": "litre",
    "liters": "litre", "metre": "metre", "metres": "metre", "meter": "metre", "meters": "metre",
    "kilometre": "kilometre", "kilometres": "kilometre", "kilometer": "kilometre",
    "kilometers": "kilometre", "mph": "mph", "m.p.h": "mph", "m.p.h.": "mph", "kph": "km/h",
    "km/h": "km/h", "km/hr": "km/h", "kmh": "km/h", "mpg": "mpg", "rpm": "rpm", "hp": "hp",
    "bhp": "bhp", "kw": "kW", "mw": "MW", "gw": "GW", "kwh": "kWh", "mwh": "MWh",
    "gwh": "GWh", "twh": "TWh", "nm.": "Nm", "lb-ft": "lb-ft", "kv": "kV", "mah": "mAh",
    "kb": "KB", "mb": "MB", "gb": "GB", "tb": "TB", "pb": "PB", "mbps": "Mbps",
    "gbps": "Gbps", "mhz": "MHz", "ghz": "GHz", "khz": "kHz", "hz": "Hz", "psi": "psi",
    "ksi": "ksi", "kpa": "kPa", "mpa": "MPa", "gpa": "GPa", "ppm": "ppm", "°c": "degrees Celsius",
    "°f": "degrees Fahrenheit", "degc": "degrees Celsius", "degf": "degrees Fahrenheit",
    "deg c": "degrees Celsius", "deg f": "degrees Fahrenheit", "° c": "degrees Celsius",
    "° f": "degrees Fahrenheit", "deg": "degrees", "°": "degrees",
}  # fmt: skip
# Units of measurement written as words: a figure in these is a measured quantity, not a
# count of things ("1/2 pound of butter", "300 miles").
MEASURE_WORDS = frozenset(
    "pound pounds ounce ounces ton tons tonne tonnes gram grams kilogram kilograms mile miles "
    "yard yards foot feet acre acres gallon gallons barrel barrels degree degrees hectare hectares "
    "kilowatt kilowatts megawatt megawatts watt watts volt volts calorie calories".split()
)
MEASURE_CASED = {"W": "W", "V": "V", "PS": "PS", "Nm": "Nm", "MW": "MW", "GW": "GW", "kW": "kW"}


def measure_unit(text: str) -> str | None:
    """The unit a symbol or abbreviation names ("kW", "sq m", "185-hp"'s "hp"), or None."""
    return MEASURE_CASED.get(text) or MEASURE_UNITS.get(text.lower())


def is_measure(unit: str) -> bool:
    """Whether a figure's unit is a unit of measurement rather than a counted noun."""
    return unit.lower() in MEASURE_WORDS or measure_unit(unit) is not None


MONTHS = {name: i for i, name in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"], start=1)}  # fmt: skip
MONTH_ABBR = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
              "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12}  # fmt: skip
WEEKDAYS = {name: i for i, name in enumerate(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}

_NUM_TOKEN = re.compile(
    r"^(?P<sign>[-+\u2212]|minus-)?"
    r"(?P<cur>US\$|\$US|\$A|\$C|[ACSR]\$|AU\$|CA\$|HK\$|NZ\$|[$€£¥₹₩₽₪]|Y=|PS(?=\d{1,3},\d|\d*\.\d|\d+(?:bn|mn|m|k|b)$)"
    r"|USD|EUR|GBP|AUD|CAD|INR|JPY|CNY|RMB|HKD|SGD|NZD|CHF|MYR|RM|Rs\.?"
    r"|(?P<country>US|AU|A|C|HK|NZ|S))?(?P<approx>~)?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
    r"(?P<suf>[A-Za-zµμ°%²³″][A-Za-zµμ°%/²³″]*[23]?(?:/[A-Za-z]+[23]?)?)?$"
)
_YEAR = re.compile(r"^(1[0-9]|20|21)\d\d$")
_DECADE = re.compile(r"^(1[0-9]|20)\d0s$")


@dataclass(frozen=True)
class NumToken:
    """One token read as a number: "$30bn" -> 3e10 with currency USD, suffix None."""

    value: float
    precision: float
    currency: str | None = None
    suffix: str | None = None  # a unit glued to the digits: "GB" in "256GB"
    digits: str = ""
    approx: bool = False
    country: str | None = None  # "US" in "US55,931" after a separate "$" token


def digit_precision(digits: str) -> float:
    """Rounding step implied by how a number is written: "24,000" -> 1000, "3.4" -> 0.1."""
    digits = digits.replace(",", "")
    if "." in digits:
        return 10.0 ** -len(digits.split(".", 1)[1])
    stripped = digits.rstrip("0")
    return 10.0 ** (len(digits) - len(stripped)) if stripped else 1.0


def value_precision(value: float) -> float:
    """Rounding step of a number given in words: "fifty" -> 10, "three" -> 1."""
    if value <= 0 or value != int(value):
        return 1.0
    return digit_precision(str(int(value)))


def parse_num_token(text: str) -> NumToken | None:
    """Read one token's digits, with a glued currency, scale or unit ("$30bn", "16M", "10W")."""
    m = _NUM_TOKEN.match(text)
    if not m:
        return None
    digits = m.group("num")
    value = float(digits.replace(",", ""))
    if m.group("sign") and m.group("sign") != "+":
        value = -value
    precision = digit_precision(digits)
    suffix = m.group("suf")
    country = m.group("country")
    cur = (m.group("cur") or "").lower()
    currency = (CURRENCY_PREFIX.get(cur) or FOLDED_CURRENCY.get(cur)) if cur and not country else None
    # "16M", "30bn", "25k" always scale; a glued "m"/"b" only after a currency ("$75m"),
    # elsewhere "5m" is more often metres.
    if suffix and (suffix in STRONG_SCALES or suffix == "k" or currency and suffix in ("m", "b")):
        scale = SCALES[suffix.lower()]
        value, precision, suffix = value * scale, precision * scale, None
    return NumToken(value, precision, currency, suffix, digits, bool(m.group("approx")), country)


def parse_fraction(text: str) -> float | None:
    """A written fraction "1/2", "1⁄32" (numerator below denominator), or None: "24/7" is none."""
    m = re.match(r"^(\d{1,2})[/\u2044](\d{1,3})$", text)
    if not m:
        return None
    num, den = int(m.group(1)), int(m.group(2))
    return num / den if 0 < num < den else None


def is_year_digits(text: str) -> bool:
    """A bare four-digit number that reads as a year (1000-2199)."""
    return bool(_YEAR.match(text))


def is_decade(text: str) -> bool:
    return bool(_DECADE.match(text))


def words_value(words: list[str]) -> float | None:
    """Value of number words ("one hundred and fifty", "twenty five", "a million")."""
    total = current = 0.0
    seen = False
    for word in words:
        w = word.lower()
        if w in ("and", "-", "a", "an"):
            if w in ("a", "an") and not seen:
                current, seen = 1.0, True
            continue
        if w in UNITS:
            current += UNITS[w]
        elif w in DOZEN:
            current = (current or 1.0) * DOZEN[w]
        elif w == "hundred":
            current = (current or 1.0) * 100
        elif w in SCALES and w not in ("b", "m", "k"):
            total += (current or 1.0) * SCALES[w]
            current = 0.0
        else:
            return None
        seen = True
    return total + current if seen else None


def month_number(word: str) -> int | None:
    w = word.lower().rstrip(".")
    return MONTHS.get(w) or MONTH_ABBR.get(w)


def parse_iso(date: str | None) -> dt.date | None:
    """The article date as a `date`; a year or year-month reads as its first day."""
    if not date:
        return None
    parts = [int(p) for p in re.findall(r"\d+", date)[:3]]
    if not parts:
        return None
    while len(parts) < 3:
        parts.append(1)
    try:
        return dt.date(parts[0], parts[1], parts[2])
    except ValueError:
        return None


def relative_date(words: list[str], anchor: dt.date, tense: str | None = None) -> tuple[str, str, str] | None:
    """Resolve "last year", "this week", "on Monday" against the article date.

    Returns (value, low, high) as ISO strings; an interval when the words name one.
    `tense` ("past"/"future") picks which Monday "on Monday" means; else both bound it.
    """
    ws = [w.lower() for w in words if w.lower() not in ("on", "the", "in", "during")]
    if ws == ["yesterday"]:
        d = (anchor - dt.timedelta(days=1)).isoformat()
        return d, d, d
    if ws == ["today"]:
        return anchor.isoformat(), anchor.isoformat(), anchor.isoformat()
    if ws == ["tomorrow"]:
        d = (anchor + dt.timedelta(days=1)).isoformat()
        return d, d, d
    if len(ws) == 1 and ws[0] in WEEKDAYS:
        back = (anchor.weekday() - WEEKDAYS[ws[0]]) % 7
        past = anchor - dt.timedelta(days=back)
        future = anchor + dt.timedelta(days=(7 - back) % 7)
        if tense == "past" or past == future:
            return past.isoformat(), past.isoformat(), past.isoformat()
        if tense == "future":
            return future.isoformat(), future.isoformat(), future.isoformat()
        return past.isoformat(), past.isoformat(), future.isoformat()
    if len(ws) != 2 or ws[0] not in ("last", "this", "next", "past", "current", "coming"):
        return None
    step = {"last": -1, "past": -1, "this": 0, "current": 0, "next": 1, "coming": 1}[ws[0]]
    unit = ws[1]
    if unit == "year":
        y = str(anchor.year + step)
        return y, y, y
    if unit == "month":
        month0 = anchor.year * 12 + anchor.month - 1 + step
        y, m = divmod(month0, 12)
        value = f"{y:04d}-{m + 1:02d}"
        return value, value, value
    if unit == "week":
        monday = anchor - dt.timedelta(days=anchor.weekday()) + dt.timedelta(weeks=step)
        iso = monday.isocalendar()
        value = f"{iso[0]:04d}-W{iso[1]:02d}"
        return value, monday.isoformat(), (monday + dt.timedelta(days=6)).isoformat()
    return None


def round_value(value: float) -> float:
    """Drop float noise from scaling ("3.4" * 1e6 -> 3400000.0, not 3399999.9999)."""
    if value == 0 or not math.isfinite(value):
        return value
    return float(f"{value:.12g}")
