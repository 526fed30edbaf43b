"""Shared fixtures for the filter tests: tiny Dutch texts and chains built once per session.

Building a `Language` filter loads langdetect's profiles (about half a second), so every chain
that holds one is built here once and shared.
"""

from __future__ import annotations

import pytest

from filters.language import Language
from pipeline.clean.chains import build_chain

# Seven one-sentence lines of Dutch news, 540-odd characters: kept by every preset.
NEWS = """Het kabinet heeft dinsdag een nieuw plan gepresenteerd om de woningnood aan te pakken.
Volgens de minister moeten er de komende tien jaar ongeveer negenhonderdduizend woningen bij komen.
Gemeenten krijgen daarvoor extra geld, maar zij moeten wel sneller vergunningen verlenen.
Woningcorporaties reageren voorzichtig positief op de plannen van het kabinet.
Zij wijzen erop dat de bouwkosten de afgelopen jaren flink zijn gestegen.
De Tweede Kamer debatteert volgende week over het voorstel.
Een besluit over de financiering wordt nog voor de zomer verwacht."""

ENGLISH = """The government presented a new plan on Tuesday to tackle the housing shortage.
According to the minister, almost a million homes must be built in the next ten years.
Municipalities will receive extra money, but they must grant permits more quickly.
Housing associations reacted cautiously to the plans of the cabinet.
They point out that building costs have risen sharply in recent years.
Parliament will debate the proposal next week."""


@pytest.fixture(scope="session")
def news() -> str:
    return NEWS


@pytest.fixture(scope="session")
def english() -> str:
    return ENGLISH


@pytest.fixture(scope="session")
def language() -> Language:
    return Language()


@pytest.fixture(scope="session")
def mc4nl():
    return build_chain("mc4nl")


@pytest.fixture(scope="session")
def c4nlpreproc():
    return build_chain("c4nlpreproc")


@pytest.fixture(scope="session")
def lyrics():
    return build_chain("lyrics")
