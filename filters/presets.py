"""Every filter, and the named filter chains (presets) built from them.

A preset is an ordered list of steps `(key, filter name, parameters)`. The key is what a
source overrides in `params.yaml` (`filters: {short_document: {min_sentences: 3}}`); it is the
filter's name except where a preset uses one filter twice (c4nlpreproc's `javascript` step is a
`boilerplate_line` filter that must run before `curly_brace`, the policy phrases after it).

A new filter is its module, its entry in `FILTERS` and a step in a preset; the reason lists
below and everything the statistics and audit need come from what its class declares.
Building a chain with checked parameters is the pipeline's job (`pipeline.clean.chains`): this
package imports nothing of the project.
"""

from __future__ import annotations

from typing import Any

from filters.bad_words import BadWords
from filters.base import Filter
from filters.boilerplate import C4_POLICY_PHRASES, Boilerplate
from filters.boilerplate_line import BoilerplateLine
from filters.citations import Citations
from filters.curly_brace import CurlyBrace
from filters.doc_length import DocLength
from filters.language import Language
from filters.long_word import LongWord
from filters.no_end_mark import NoEndMark
from filters.repair import Repair
from filters.short_document import ShortDocument
from filters.short_line import ShortLine

FILTERS: dict[str, type[Filter]] = {
    f.name: f
    for f in (
        BadWords,
        Boilerplate,
        BoilerplateLine,
        Citations,
        CurlyBrace,
        DocLength,
        Language,
        LongWord,
        NoEndMark,
        Repair,
        ShortDocument,
        ShortLine,
    )
}

# The reason ids of all filters, split by what they remove.
DOCUMENT_REASONS = tuple(
    dict.fromkeys(r for f in FILTERS.values() if not f.removes_lines for r in f.reasons)
)
LINE_REASONS = tuple(
    dict.fromkeys(r for f in FILTERS.values() if f.removes_lines for r in f.reasons)
)
# Filters that rewrite a document instead of deciding on it.
MODIFIERS = tuple(name for name, f in FILTERS.items() if f.modifies)
# modifier -> the id under which the rewrites it refused are counted (repair: repair_refused).
REFUSALS = {name: f.refusal for name, f in FILTERS.items() if f.modifies and f.refusal}
# Reasons whose evidence is a term or phrase of the text (`schoon audit` highlights it).
EVIDENCE_IN_TEXT = frozenset(r for f in FILTERS.values() if f.evidence_in_text for r in f.reasons)
# reason -> the statistics key under which each evidence value is counted.
EVIDENCE_TALLIES = {
    r: f.evidence_tally for f in FILTERS.values() if f.evidence_tally for r in f.reasons
}

Step = tuple[str, str, dict[str, Any]]

PRESETS: dict[str, list[Step]] = {
    # The rules as the mC4-nl dataset card states them, cheap ones first: langdetect only
    # sees documents that survived everything else.
    "mc4nl": [
        ("repair", "repair", {}),  # not on the card: mojibake would fool every rule after it
        ("bad_words", "bad_words", {}),
        ("boilerplate", "boilerplate", {}),
        ("long_word", "long_word", {"max_chars": 1000}),
        ("short_line", "short_line", {"min_words": 3}),
        ("short_document", "short_document", {"min_sentences": 5}),
        ("language", "language", {}),
    ],
    # What the c4nlpreproc code that produced mc4_nl_cleaned actually does, in its order:
    # C4's clean_page with a 250-character word limit and a Dutch print-version phrase.
    "c4nlpreproc": [
        ("bad_words", "bad_words", {}),
        ("long_word", "long_word", {"max_chars": 250}),
        ("citations", "citations", {}),
        ("no_end_mark", "no_end_mark", {}),
        ("short_line", "short_line", {"min_words": 3}),
        ("boilerplate", "boilerplate", {"phrases": ["lorem ipsum"], "scope": "line"}),
        ("javascript", "boilerplate_line", {"phrases": ["javascript"]}),
        ("curly_brace", "curly_brace", {"scope": "line"}),
        (
            "boilerplate_line",
            "boilerplate_line",
            {"phrases": [*C4_POLICY_PHRASES, "elementen ontbreken aan deze printversie"]},
        ),
        ("short_document", "short_document", {"min_sentences": 5}),
        ("doc_length", "doc_length", {"min_chars": 500, "max_chars": 50_000}),
    ],
    # Songs: a line is a lyric line (no end marks), blank lines are stanza breaks and stay,
    # a song is long enough by its number of lyric lines. Thresholds measured on the
    # public-domain songs in docs/filters.md.
    "lyrics": [
        ("repair", "repair", {}),
        ("bad_words", "bad_words", {}),
        ("boilerplate", "boilerplate", {}),
        ("long_word", "long_word", {"max_chars": 100}),
        ("short_line", "short_line", {"min_words": 2, "keep_blank_lines": True}),
        ("short_document", "short_document", {"min_sentences": 4, "unit": "lines"}),
        # langdetect takes short lyric lines for Afrikaans and Low Saxon for Dutch: the
        # function-word vote and CLD2 are asked when its verdict is Dutch or a neighbour.
        (
            "language",
            "language",
            {"min_probability": 0.7, "function_words": True, "second_opinion": "cld2"},
        ),
    ],
}


class UnknownPresetError(ValueError):
    pass


def preset_steps(preset: str) -> list[Step]:
    if preset not in PRESETS:
        raise UnknownPresetError(
            f"unknown preset '{preset}' (known presets: {', '.join(sorted(PRESETS))})"
        )
    return PRESETS[preset]
