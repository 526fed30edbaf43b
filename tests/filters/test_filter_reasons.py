"""Every filter declares its reasons up front, and never returns anything else."""

from __future__ import annotations

import pytest

from filters.base import (
    DocumentFilter,
    Drop,
    Filter,
    LineFilter,
    ScopedFilter,
)
from filters.boilerplate import Boilerplate, BoilerplateParams
from filters.curly_brace import CurlyBrace, CurlyBraceParams
from filters.presets import (
    DOCUMENT_REASONS,
    EVIDENCE_IN_TEXT,
    EVIDENCE_TALLIES,
    FILTERS,
    LINE_REASONS,
)

ALL_FILTER_NAMES = [
    "bad_words",
    "boilerplate",
    "boilerplate_line",
    "citations",
    "curly_brace",
    "doc_length",
    "language",
    "long_word",
    "no_end_mark",
    "repair",
    "short_document",
    "short_line",
]

# Lines and documents that between them make every filter say every one of its reasons.
SAMPLES = [
    "",
    "Menu",
    "Lees verder",
    "Het weer is vandaag erg mooi in Utrecht.",
    "Wat een klootzak is die man!",
    "Fuck!",
    "Deze site gebruikt cookies, zie onze privacy policy.",
    "Schakel javascript in om deze pagina te bekijken.",
    "Lorem ipsum dolor sit amet, consectetur adipiscing elit.",
    "function() { return 1; }",
    "De stad telt ruim honderdduizend inwoners.[12]",
    "Het verhaal gaat nog verder...",
    "Zie " + "x" * 1200 + " hier.",
    "The weather is lovely today and we are going to the beach.",
    "1234 5678 !!!",
]


def make(name: str, request: pytest.FixtureRequest) -> Filter:
    if name == "language":
        return request.getfixturevalue("language")
    return FILTERS[name]()


def decisions(f: Filter, samples: list[str]):
    """Every decision `f` makes on the samples, as lines and as documents."""
    out = []
    for text in samples:
        if isinstance(f, LineFilter):
            out.append(f.check_line(text.strip()))
        if isinstance(f, DocumentFilter):
            out.append(f.check_document(text))
    out.append(f.check_document("\n".join(samples)) if isinstance(f, DocumentFilter) else None)
    return out


def test_the_registry_holds_every_filter():
    assert sorted(FILTERS) == ALL_FILTER_NAMES
    for name, cls in FILTERS.items():
        assert cls.name == name


def test_reason_ids_are_the_issues():
    assert set(DOCUMENT_REASONS) == {
        "bad_words",
        "boilerplate",
        "short_document",
        "language",
        "curly_brace",
        "doc_length",
    }
    assert set(LINE_REASONS) == {"short_line", "long_word", "no_end_mark", "boilerplate_line"}
    assert not set(DOCUMENT_REASONS) & set(LINE_REASONS)


def test_every_reason_has_its_filter():
    declared = {r for cls in FILTERS.values() for r in cls.reasons}
    assert declared == set(DOCUMENT_REASONS) | set(LINE_REASONS)


def test_what_the_machinery_needs_comes_from_the_classes():
    # audit highlights the evidence of these; statistics tally the bad word per term.
    assert {"bad_words", "boilerplate"} == EVIDENCE_IN_TEXT
    assert EVIDENCE_TALLIES == {"bad_words": "bad_word_terms"}


@pytest.mark.parametrize("name", ALL_FILTER_NAMES)
def test_declared_reasons_are_known_and_named_after_the_filter(name):
    cls = FILTERS[name]
    assert set(cls.reasons) <= set(DOCUMENT_REASONS) | set(LINE_REASONS)
    # One name everywhere: a filter's only reason is its own name (citations only rewrites).
    assert cls.reasons in ((), (name,))


@pytest.mark.parametrize("name", ALL_FILTER_NAMES)
def test_only_declared_reasons_come_back(name, request):
    f = make(name, request)
    seen = set()
    for d in decisions(f, SAMPLES):
        if isinstance(d, Drop):
            assert d.reason in f.reasons
            # A Drop that removes the document carries a document reason, a line Drop a line one.
            assert d.reason in (DOCUMENT_REASONS if d.document else LINE_REASONS)
            seen.add(d.reason)
        else:
            assert d is None or isinstance(d, str)
    assert seen == set(f.reasons), "the samples should make every declared reason come back"


@pytest.mark.parametrize("cls", [Boilerplate, CurlyBrace])
@pytest.mark.parametrize("scope", ["document", "line"])
def test_scoped_filters_return_their_reason_in_either_scope(cls, scope):
    params = (BoilerplateParams if cls is Boilerplate else CurlyBraceParams)(scope=scope)
    f = cls(params)
    assert isinstance(f, ScopedFilter)
    assert f.on_lines == (scope == "line")
    drops = [d for d in decisions(f, SAMPLES) if isinstance(d, Drop)]
    assert drops
    assert {d.reason for d in drops} == {cls.name}
    assert all(d.document for d in drops)


def test_drop_defaults_to_dropping_the_document():
    assert Drop("bad_words").document is True
    assert Drop("bad_words").evidence == ""
