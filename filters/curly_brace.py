"""`curly_brace`: drop a document containing `{`: code, JSON and CSS rarely belong in prose.

C4's `clean_page` drops the page when a kept line contains a curly brace.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from filters.base import ScopedFilter, ScopedParams


@dataclass(frozen=True)
class CurlyBraceParams(ScopedParams):
    scope: Literal["document", "line"] = "line"


class CurlyBrace(ScopedFilter):
    name = "curly_brace"
    reasons = ("curly_brace",)
    Params = CurlyBraceParams

    def find(self, text: str) -> str | None:
        return "{" if "{" in text else None
