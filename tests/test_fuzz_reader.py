"""Property tests: whatever bytes arrive, the reader returns an article or one SourceError."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.errors import SourceError
from claimcheck.ingest import read_source

front_matter_values = st.one_of(
    st.text(max_size=30), st.integers(), st.floats(allow_nan=True), st.booleans(), st.none(),
    st.lists(st.text(max_size=5), max_size=3), st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=2),
    st.dates().map(str), st.just("2024-13-45"), st.just("[unclosed"), st.just("key: : value"),
)


def read_bytes(data: bytes, suffix: str) -> object:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fuzzed{suffix}"
        path.write_bytes(data)
        try:
            return read_source(path)
        except SourceError as exc:
            message = str(exc)
            assert message.startswith(f"{path}: ") and "\n" not in message
            return exc


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=400), st.sampled_from([".md", ".txt", ".html"]))
def test_random_bytes_never_crash_the_reader(data: bytes, suffix: str) -> None:
    read_bytes(data, suffix)


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.sampled_from(["title", "outlet", "author", "date", "url", "other"]), front_matter_values, max_size=5),
       st.text(min_size=0, max_size=200))
def test_random_front_matter_gives_article_or_clear_error(meta: dict[str, object], body: str) -> None:
    import yaml

    header = yaml.safe_dump(meta, allow_unicode=True) if meta else ""
    result = read_bytes(f"---\n{header}---\n{body}".encode("utf-8"), ".md")
    if not isinstance(result, SourceError):
        assert result.body == body.replace("\r\n", "\n")
        assert result.date is None or len(result.date) in (4, 7, 10)
