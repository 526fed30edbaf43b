"""`repair`: fix broken text before any rule looks at it: mojibake, HTML entities, NFC.

Scraped text is often UTF-8 that was decoded as cp1252 or latin-1 once or twice on its way
(`waanideeÃ«n` for `waanideeën`), carries HTML entities (`&amp;`, `&eacute;`), or mixes
composed and decomposed accents. `ftfy` (Speer, 2015; what datatrove's, data-juicer's and NeMo
Curator's repair steps build on) undoes these. It is configured so that clean text is never
rewritten: curly quotes stay curly, ligatures and full-width characters stay as written, and
line breaks are left alone so that removed-line numbers still point into the original.

A modifier, not a rule: it never drops a document; the statistics count the documents and
characters it changed, and `schoon audit --reason repair` shows them before and after.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from filters.base import Modifier, Params

# Anything ftfy could change: a character outside printable ASCII (tab and newlines aside), or
# an entity. Most of a Dutch web corpus has accents, but plain-ASCII pages skip the call.
_MAYBE_BROKEN = re.compile(r"[^\t\n\r\x20-\x7e]|&")


@dataclass(frozen=True)
class RepairParams(Params):
    html_entities: bool = True  # `&amp;` -> `&`, `&eacute;` -> `é`
    normalization: Literal["NFC", "none"] = "NFC"  # Unicode normal form of the result


class Repair(Modifier):
    name = "repair"
    Params = RepairParams

    def __init__(self, params: RepairParams | None = None):
        super().__init__(params)
        import ftfy

        self._fix = ftfy.fix_text
        self._config = ftfy.TextFixerConfig(
            unescape_html=self.params.html_entities,
            fix_encoding=True,
            uncurl_quotes=False,
            fix_latin_ligatures=False,
            fix_character_width=False,
            fix_line_breaks=False,
            normalization=None if self.params.normalization == "none" else "NFC",
            explain=False,
        )

    def modify(self, text: str) -> str:
        if not _MAYBE_BROKEN.search(text):
            return text
        return self._fix(text, self._config)
