"""Shared fixtures: one model load per test session, small workspaces built in tmp dirs."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck.nlp import Models

REPO = Path(__file__).resolve().parent.parent
BUNDLED_SOURCES = REPO / "sources"


@pytest.fixture(scope="session")
def models() -> Models:
    """Loaded lazily by the tests that touch `models.nlp` or `models.encoder`."""
    return Models()
