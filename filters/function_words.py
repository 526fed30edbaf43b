"""Function words that tell Dutch from its close neighbours, for the `language` filter's vote.

Written for this project from the grammars of the languages: each list holds frequent words
(pronouns, articles, negation, auxiliaries, prepositions) that are common in one language and
rare or absent in the other. A word both languages use (`is`, `en`, `dat`, `die`, `wat`) is
in neither list; nor is a Dutch word that a neighbour spells alike with another meaning
(`mei`, Dutch for May, Frisian for "with"; `nou`, colloquial Dutch "well", Afrikaans "now";
`ons`, `gaan`, `wie`), nor one a Dutch text often quotes from English (`to`, `ok`).

`margins(text)` counts, for each neighbour, the Dutch markers against that neighbour's
markers: negative where the neighbour's words outnumber the Dutch ones.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[\w']+")


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


# Dutch words that none of the neighbours below use in that form.
_DUTCH = _words(
    "niet zijn jij wij zij hij zich naar wordt worden werd werden bij mijn deze heeft hebben "
    "hun hem mij zo uw jouw zou ben bent geweest"
)

# neighbour -> (the Dutch markers against it, its own markers)
NEIGHBOURS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    # Afrikaans has no article `de` and writes the indefinite one `'n`.
    "af": (
        _DUTCH | {"de", "een"},
        _words("nie ek jy hulle vir 'n baie wees hierdie daardie julle sê gewees hê"),
    ),
    # Low Saxon (Low German): `de` and `een` are its articles too.
    "nds": (
        _DUTCH,
        _words(
            "un nich vun hett wi nix ehr sik warrt ward warrn worrn hebbt sünd sien mien för "
            "över ünner keen orrer dörch dröff gellt wenn"
        ),
    ),
    # West Frisian: `de` is its article too.
    "fy": (
        _DUTCH | {"een"},
        _words("fan yn foar troch hawwe binne wurdt gjin nei oan jo wy dy dizze"),
    ),
}


def margins(text: str) -> dict[str, int]:
    """neighbour -> Dutch markers minus the neighbour's markers in `text`."""
    words = [w.lower() for w in _WORD.findall(text.replace("\u2019", "'"))]
    return {
        name: sum(w in dutch for w in words) - sum(w in own for w in words)
        for name, (dutch, own) in NEIGHBOURS.items()
    }
