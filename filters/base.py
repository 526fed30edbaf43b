"""What a filter is: it looks at a document or a line and says keep, or drop with a reason.

Counting, routing rejected documents and statistics live once, in `filters.chain` and the
pipeline; a filter only decides. Every filter declares the reason ids it can return in
`reasons`, so tests can check that nothing else ever comes back (datatrove's `BaseFilter`
has the same split between deciding and bookkeeping).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import ClassVar, Literal


@dataclass(frozen=True, slots=True)
class Drop:
    """A filter's decision to remove something, with the evidence that made it decide.

    `document` is True when the whole document goes (a line filter may decide that too:
    c4nlpreproc drops the page when a kept line contains "lorem ipsum" or `{`).
    """

    reason: str
    evidence: str = ""
    document: bool = True


@dataclass(frozen=True)
class Params:
    """Base of every filter's parameters; `enabled: false` takes a filter out of a chain."""

    enabled: bool = True


@dataclass(frozen=True, slots=True)
class Refused:
    """A modifier's rewrite that it declines to make: the text stays as it was, and the chain
    records the refusal (its `refusal` id) with the rewrite and the reason."""

    text: str  # the rewrite that was refused
    evidence: str


class Filter:
    """Base class. Subclasses set `name`, `reasons`, `Params` and implement a check.

    What the machinery needs to know about a filter's reasons is declared here, on the class,
    and nowhere else: the statistics, `schoon audit` and the presets derive it from these.
    """

    name: ClassVar[str]
    # The reason ids it can return: used in the rejected output, the statistics, `schoon check`.
    reasons: ClassVar[tuple[str, ...]]
    Params: ClassVar[type[Params]] = Params
    # Line filters are applied to each line in one pass; document filters see the whole text.
    on_lines: ClassVar[bool] = False
    # True when its reasons remove lines (counted under `lines_dropped`), not documents.
    removes_lines: ClassVar[bool] = False
    # The evidence is a term or phrase of the text itself, which `schoon audit` highlights.
    evidence_in_text: ClassVar[bool] = False
    # A statistics key under which each evidence value is counted (bad_words: the matched term).
    evidence_tally: ClassVar[str | None] = None
    # True for a modifier: it rewrites the document and never drops it.
    modifies: ClassVar[bool] = False

    def __init__(self, params: Params | None = None):
        self.params = params if params is not None else self.Params()

    def __repr__(self) -> str:
        fields = {f.name: getattr(self.params, f.name) for f in dataclasses.fields(self.params)}
        return f"{type(self).__name__}({fields})"


class DocumentFilter(Filter):
    """Decides on a whole document (its remaining lines joined with newlines)."""

    def check_document(self, text: str) -> Drop | None:
        raise NotImplementedError


class LineFilter(Filter):
    """Decides on one stripped line: returns the line (possibly rewritten) or a `Drop`.

    A `Drop` with `document=False` removes the line; with `document=True` the document.
    """

    on_lines = True
    removes_lines = True

    @property
    def keeps_lines_up_to(self) -> int:
        """Every line of at most this many characters is kept as it is: the chain does not
        call `check_line` for those (-1: it calls it for every line)."""
        return -1

    def check_line(self, line: str) -> str | Drop:
        raise NotImplementedError


class Modifier(Filter):
    """Rewrites a whole document (repairs it) and never drops it. It runs before every line
    filter of its chain, so removed-line numbers refer to the text it returns.

    It may decline a rewrite it judges harmful by returning `Refused`; `refusal` is then the id
    under which the statistics and `schoon audit` count and show those documents.
    """

    reasons = ()
    modifies = True
    refusal: ClassVar[str | None] = None

    def modify(self, text: str) -> str | Refused:
        raise NotImplementedError


@dataclass(frozen=True)
class ScopedParams(Params):
    """Parameters of a filter that can look at the whole document or at each kept line."""

    scope: Literal["document", "line"] = "document"


class ScopedFilter(DocumentFilter, LineFilter):
    """A document-dropping rule that runs either on the whole text or on each kept line.

    The mc4nl card checks boilerplate on the whole page; the c4nlpreproc code checks it on
    each line that survived the earlier line rules, which matters when a line rule already
    removed the line that held the phrase.
    """

    Params: ClassVar[type[Params]] = ScopedParams
    removes_lines = False  # a phrase on one line condemns the whole document

    @property
    def on_lines(self) -> bool:  # type: ignore[override]
        return self.params.scope == "line"

    def find(self, text: str) -> str | None:
        """The evidence that condemns `text`, or None."""
        raise NotImplementedError

    def check_document(self, text: str) -> Drop | None:
        found = self.find(text)
        return None if found is None else Drop(self.name, found)

    def check_line(self, line: str) -> str | Drop:
        found = self.find(line)
        return line if found is None else Drop(self.name, found)


def reasons_of(filters) -> tuple[str, ...]:
    """The reasons a chain of filters (or filter classes) can give, in chain order, once each."""
    return tuple(dict.fromkeys(r for f in filters for r in f.reasons))


_last_lowered: tuple[str, str, bytes] = ("", "", b"")


def lowered(text: str) -> str:
    """`text.lower()`, remembered for the last text asked: `bad_words` and `boilerplate` look
    at the same document one after the other, and lower-case it once between them. One
    tuple, replaced in one assignment, so threads sharing it see a consistent entry."""
    return _lowered(text)[1]


def lowered_utf8(text: str) -> bytes:
    """`lowered(text)` as UTF-8 (lone surrogates passed through), remembered with it: what the
    byte automata of `bad_words` and `boilerplate` search (faster than their str search)."""
    return _lowered(text)[2]


def _lowered(text: str) -> tuple[str, str, bytes]:
    global _last_lowered
    entry = _last_lowered
    if entry[0] is not text:
        low = text.lower()
        entry = _last_lowered = (text, low, low.encode("utf-8", "surrogatepass"))
    return entry
