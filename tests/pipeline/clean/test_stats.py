from collections import Counter

import pytest

from filters.chain import RemovedLine, Result
from pipeline.clean.chains import build_chain
from pipeline.clean.stats import finalize, tally

MC4NL = build_chain("mc4nl", {"language": {"enabled": False}}).reasons


def test_schema_lists_every_reason_of_the_chain_with_zeros():
    stats = finalize(Counter(), MC4NL)
    assert list(stats) == [
        "docs_in",
        "docs_out",
        "docs_dropped",
        "lines_dropped",
        "chars_in",
        "chars_out",
        "files_damaged",
        "funnel",
        "bad_word_terms",
    ]
    assert stats["docs_dropped"] == {
        "bad_words": 0,
        "boilerplate": 0,
        "short_document": 0,
        "malformed": 0,
    }
    assert stats["lines_dropped"] == {"long_word": 0, "short_line": 0}
    assert stats["funnel"] == {"read": 0, "bad_words": 0, "boilerplate": 0, "short_document": 0}


def test_counts_add_up_and_the_funnel_follows_chain_order():
    counts = Counter()
    kept = Result(
        True, "een twee drie", removed_lines=[RemovedLine(1, "short_line", "1 word", "Menu")]
    )
    counts += tally(kept, 20)
    counts += tally(Result(False, None, "bad_words", "kut"), 30)
    counts += tally(Result(False, None, "bad_words", "fuck"), 30)
    counts += tally(Result(False, None, "short_document", "2 sentences < 5"), 10)
    counts += tally(None, 5, error=True)
    stats = finalize(counts, MC4NL)
    assert (stats["docs_in"], stats["docs_out"]) == (5, 1)
    assert stats["docs_dropped"] == {
        "bad_words": 2,
        "boilerplate": 0,
        "short_document": 1,
        "malformed": 1,
    }
    assert stats["lines_dropped"]["short_line"] == 1
    assert (stats["chars_in"], stats["chars_out"]) == (95, 13)
    assert stats["funnel"] == {"read": 4, "bad_words": 2, "boilerplate": 2, "short_document": 1}
    assert stats["bad_word_terms"] == {"fuck": 1, "kut": 1}


def test_documents_not_accounted_for_are_an_error():
    with pytest.raises(AssertionError, match="not accounted for"):
        finalize(Counter(docs_in=3, docs_out=1), MC4NL)


def test_modifiers_count_the_documents_and_characters_they_changed():
    chain = build_chain("mc4nl", {"language": {"enabled": False}})
    assert chain.modifiers == ("repair",)
    counts = Counter()
    counts += tally(chain.apply("Kort.\nWaanideeÃ«n en ideeÃ«n!"), 30)  # dropped, but repaired
    counts += tally(chain.apply("Niets te herstellen hier."), 25)
    stats = finalize(counts, chain.reasons, chain.modifiers)
    assert stats["docs_modified"] == {"repair": 1}
    assert stats["chars_modified"] == {"repair": 4}
    assert finalize(Counter(), chain.reasons, chain.modifiers)["docs_modified"] == {"repair": 0}
    assert finalize(Counter(), chain.reasons, chain.modifiers)["docs_refused"] == {
        "repair_refused": 0
    }


def test_refused_repairs_are_counted_apart_from_the_changes():
    chain = build_chain("mc4nl", {"language": {"enabled": False}})
    counts = tally(chain.apply("Er is maar íƒ©íƒ©n soort geluk."), 30)
    counts += tally(chain.apply("Kort.\nWaanideeÃ«n en ideeÃ«n!"), 30)
    stats = finalize(counts, chain.reasons, chain.modifiers)
    assert stats["docs_refused"] == {"repair_refused": 1}
    assert stats["docs_modified"] == {"repair": 1}
    assert stats["chars_modified"] == {"repair": 4}
