"""Build a benchmark corpus in the mC4 shard format from real text in `../shared/corpora`.

Pages of real Dutch prose (UD Dutch Alpino and LassySmall, *Max Havelaar*), about 1 KB of body
text each, with the noise of web pages mixed in at fixed rates (`KINDS` and `NOISE` below,
printed at the end of a run; docs/benchmarks.md, "Inputs", says what they hold).

Document i is drawn from its own `random.Random(seed, i)`, so a 10k corpus is the first 10k
documents of the 1M one whatever the shard count, and gzip is written with `mtime=0`: the same
arguments give byte-identical files.

    python -m bench.make_corpus --docs 100000 --shards 4 --out bench/data/100k

The text itself is third-party (see `../shared/corpora/README.md`); outputs go to the
git-ignored `bench/data/` and are never committed.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import math
import random
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from bench.harness import CORPORA, ROOT, corpus_path

# Page kinds and their shares. Rates follow what C4 reports for its own rules (the C4 paper
# and the mC4-nl card: roughly a third to a half of pages go), not any exact measurement.
KINDS = {
    "article": 0.70,  # Dutch prose, usually with web furniture around it
    "short": 0.10,  # one to four sentences and furniture: `short_document`
    "policy": 0.05,  # an article with an English policy/javascript line: `boilerplate`
    "foreign": 0.05,  # English 60%, German 25%, Afrikaans 10%, Low Saxon 5%: `language`
    "mixed": 0.02,  # a Dutch article with one long foreign paragraph
    "profanity": 0.03,  # an article with a comment holding a bad word: `bad_words`
    "song": 0.03,  # song stanzas (short lines, few end marks)
    "lorem": 0.005,  # placeholder text
    "code": 0.015,  # an article with a CSS/JS fragment (`{`)
}
MODERN_SHARE = 0.75  # Dutch pages drawing on UD news/Wikipedia rather than Max Havelaar
# Per-article extras, independent of the kind.
NOISE = {
    "header": 0.75,  # menu, title and date lines before the text (`short_line`)
    "footer": 0.65,  # share, copyright and address lines after it
    "cookie_nl": 0.15,  # a Dutch cookie banner sentence (matches no rule)
    "long_token": 0.01,  # a line with a URL or base64 blob over 1000 characters: `long_word`
    "link_line": 0.10,  # "Lees ook: <long but legal URL>"
}

MENUS = [
    "Home", "Contact", "Over ons", "Nieuws", "Inloggen", "Winkelwagen (0)", "Zoeken", "Menu",
    "Home | Nieuws | Agenda | Contact", "Producten Diensten Over ons", "Vacatures",
    "Veelgestelde vragen", "Mijn account", "Nederlands English", "Sitemap", "Blog",
    "Aanbiedingen", "Klantenservice", "Direct naar inhoud", "Skip to content",
]  # fmt: skip
FOOTERS = [
    "Deel dit artikel", "Lees meer »", "Reageer", "Terug naar boven", "Volg ons op Facebook",
    "Tweet", "Delen:", "Vorige Volgende", "Gerelateerde berichten", "Print", "Tags: nieuws",
    "© {year} {company}. Alle rechten voorbehouden.", "KvK {kvk} | BTW NL00{kvk}B01",
    "Bel ons: 0{phone}", "Laatst bijgewerkt: {date}", "{n} reacties",
]  # fmt: skip
COOKIE_NL = [
    "Deze website maakt gebruik van cookies om uw ervaring te verbeteren.",
    "Wij gebruiken cookies om onze website zo goed mogelijk te laten werken.",
    "Door verder te gaan op deze site gaat u akkoord met het gebruik van cookies.",
]
POLICY = [
    "Lees onze privacy policy voor meer informatie over hoe wij met uw gegevens omgaan.",
    "This website uses cookies. By continuing you agree to our use of cookies.",
    "JavaScript staat uit in uw browser. Zet het aan om deze pagina goed te bekijken.",
    "Cookie policy | Terms of use | Disclaimer",
    "Sommige elementen ontbreken in deze printversie van de pagina.",
    "We use cookies to personalise content and ads.",
]
COMMENTS = [
    "Wat een {w} verhaal is dit zeg.",
    "Reactie van {name}: die gast is echt een {w}, niemand gelooft hem nog.",
    "Ik vind het eerlijk gezegd {w}, dit had nooit mogen gebeuren!",
    "{name} schreef: {w}! Wie verzint dit nou weer?",
]
NAMES = ["Jan", "Anouk", "Pieter", "Fatima", "Kees", "Sanne", "Mohammed", "Els", "Bram", "Lotte"]
COMPANIES = ["Bakkerij De Vries", "Jansen Installatietechniek", "Stichting Het Baken",
             "Fietsenmaker Bakker", "Kapsalon Knip", "Van Dijk Advocaten"]  # fmt: skip
DOMAINS = ["nieuws", "blog", "winkel", "vereniging", "gemeente", "reizen", "recepten", "sport",
           "tuin", "auto", "wonen", "zorg", "kerk", "school", "muziek"]  # fmt: skip
LOREM = (
    "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt "
    "ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation."
)
CSS = [
    "body { margin: 0; padding: 0; font-family: Arial, sans-serif; }",
    "function init() { document.getElementById('menu').style.display = 'none'; }",
    ".header .nav li a { color: #333; text-decoration: none; }",
]
GERMAN_WORDS = frozenset(
    ["und", "der", "die", "das", "ist", "nicht", "sich", "ein", "eine", "auch", "mit", "von",
     "zu", "dem", "den", "wie", "es", "sie", "ich", "wir", "auf", "aus", "bei", "nach", "noch"]
)  # fmt: skip
DUTCH_WORDS = frozenset(
    ["het", "een", "en", "van", "de", "niet", "zijn", "ik", "dat", "wij", "op", "uit", "bij",
     "naar", "nog"]
)  # fmt: skip


@dataclass
class Pools:
    """Paragraphs by kind, loaded once from `../shared/corpora`."""

    modern: list[str]  # paragraphs of UD news and Wikipedia
    havelaar: list[str]  # paragraphs of Max Havelaar (1860 spelling: "myn", "zyn")
    sentences: list[str]  # single Dutch sentences, for short pages
    english: list[str]
    german: list[str]
    afrikaans: list[str]
    low_saxon: list[str]
    songs: list[str]  # stanzas, lines joined with \n
    bad_words: list[str]


def gutenberg_body(path: Path) -> str:
    text = path.read_bytes().decode("latin-1").replace("\r\n", "\n")
    start = text.find("*** START")
    end = text.find("*** END")
    if start != -1:
        text = text[text.find("\n", start) + 1 : end if end != -1 else None]
    return text


def split_paragraphs(text: str, min_chars: int = 80) -> list[str]:
    paragraphs = (" ".join(block.split()) for block in re.split(r"\n\s*\n", text))
    return [p for p in paragraphs if len(p) >= min_chars]


def ud_texts(path: Path):
    """(sent_id, text) of every sentence of a UD `.conllu` file, in file order."""
    sent_id = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# sent_id ="):
            sent_id = line.split("=", 1)[1].strip()
        elif line.startswith("# text ="):
            yield sent_id, line.split("=", 1)[1].strip()


def _ud_paragraphs(path: Path) -> tuple[list[str], list[str]]:
    """Paragraphs (sentences that share a `sent_id` up to `.s.`) and single sentences."""
    texts = list(ud_texts(path))
    by_paragraph = itertools.groupby(texts, key=lambda item: item[0].rsplit(".s.", 1)[0])
    paragraphs = [" ".join(text for _, text in group) for _, group in by_paragraph]
    return paragraphs, [text for _, text in texts]


def _language_share(paragraph: str, words: frozenset[str]) -> float:
    tokens = re.findall(r"\w+", paragraph.lower())
    return sum(t in words for t in tokens) / max(1, len(tokens))


def load_pools(corpora: Path = CORPORA) -> Pools:
    corpus_path(corpora=corpora)
    modern, sentences = [], []
    for path in sorted(corpora.glob("ud_dutch_*/*.conllu")):
        paragraphs, sents = _ud_paragraphs(path)
        modern += paragraphs
        sentences += sents
    gutenberg = corpora / "gutenberg"
    havelaar = split_paragraphs(gutenberg_body(next(gutenberg.glob("11024-8_*.txt"))))
    # Max Havelaar holds Malay, French and German passages too; keep mostly-Dutch paragraphs.
    old = [p for p in havelaar if _language_share(p, DUTCH_WORDS) > 0.12]
    volkslieder = split_paragraphs(gutenberg_body(next(gutenberg.glob("35806-8_*.txt"))), 200)
    german = [p for p in volkslieder if _language_share(p, GERMAN_WORDS) > 0.15]
    english = split_paragraphs((gutenberg / "GITenberg_LICENSE.txt").read_text(encoding="utf-8"))

    def udhr(code: str) -> list[str]:
        text = (corpora / "udhr" / f"{code}.txt").read_text(encoding="utf-8")
        return [" ".join(line.split()) for line in text.splitlines() if len(line.strip()) > 60]

    english += udhr("eng")
    german += udhr("deu")
    songs = []
    for path in sorted(gutenberg.glob("29856-8_*.txt")) + sorted(gutenberg.glob("23309-8_*.txt")):
        for block in re.split(r"\n\s*\n", gutenberg_body(path)):
            lines = [line.strip() for line in block.splitlines() if line.strip()]
            stanza = "\n".join(lines)
            if (
                3 <= len(lines) <= 12
                and all(len(line) < 60 for line in lines)
                and _language_share(stanza, DUTCH_WORDS) > _language_share(stanza, GERMAN_WORDS)
            ):
                songs.append(stanza)
    from filters.bad_words import BadWordsParams, active_terms

    # Single-word terms of the default selection, as people type them in comments.
    bad = [t for t in active_terms(BadWordsParams()) if t.isalpha() and len(t) > 3]
    return Pools(modern, old, sentences, english, german, udhr("afr"), udhr("nds"), songs, bad)


def _pick(rng: random.Random, table: dict[str, float]) -> str:
    x = rng.random()
    for key, share in table.items():
        x -= share
        if x < 0:
            return key
    return key


def _fill(rng: random.Random, pool: list[str], target: int) -> list[str]:
    """Consecutive paragraphs of a pool (a page reads on) until `target` characters."""
    lines, size = [], 0
    i = rng.randrange(len(pool))
    while size < target:
        lines.append(pool[i % len(pool)])
        size += len(lines[-1]) + 1
        i += 1 if rng.random() < 0.8 else rng.randrange(len(pool))
    return lines


def _body_size(rng: random.Random, scale: float = 1.0) -> int:
    """Characters of body text: median ~735 times `scale`, at least 250, at most 6000 x scale."""
    return int(min(6000 * scale, max(250, rng.lognormvariate(6.6 + math.log(scale), 0.5))))


def _fmt(rng: random.Random, template: str) -> str:
    return template.format(
        year=rng.randrange(2012, 2021),
        company=rng.choice(COMPANIES),
        kvk=rng.randrange(10_000_000, 99_999_999),
        phone=rng.randrange(100_000_000, 999_999_999),
        date=f"{rng.randrange(1, 29)}-{rng.randrange(1, 13)}-{rng.randrange(2012, 2021)}",
        n=rng.randrange(0, 40),
        w="{w}",
        name=rng.choice(NAMES),
    )


def _url(rng: random.Random, long: bool = False) -> str:
    slug = "-".join(rng.choice(DOMAINS) for _ in range(rng.randrange(1, 5)))
    host = f"www.{rng.choice(DOMAINS)}{rng.randrange(1, 999)}.nl"
    url = f"https://{host}/{slug}/{rng.randrange(10**6)}"
    if long:
        pairs = (f"utm_{k}={rng.getrandbits(64):016x}" for k in range(rng.randrange(60, 90)))
        url += "?" + "&".join(pairs)
    return url


def _blob(rng: random.Random) -> str:
    import base64

    return "data:image/png;base64," + base64.b64encode(rng.randbytes(900)).decode()


def make_page(i: int, seed: int, pools: Pools, scale: float = 1.0) -> tuple[dict, str]:
    """Document i of the corpus (its own seeded generator) and its kind; `scale` multiplies
    the length of its body text."""
    rng = random.Random(seed * 1_000_003 + i)
    kind = _pick(rng, KINDS)
    lines: list[str] = []
    if rng.random() < NOISE["header"] and kind != "foreign":
        lines += rng.sample(MENUS, rng.randrange(1, 6))
        lines.append(" ".join(rng.choice(pools.sentences).split()[:7]).rstrip(".,"))  # a title
    if kind == "short":
        lines += rng.sample(pools.sentences, rng.randrange(1, 3))
    elif kind == "foreign":
        pool = _pick(rng, {"english": 0.6, "german": 0.25, "afrikaans": 0.1, "low_saxon": 0.05})
        lines += _fill(rng, getattr(pools, pool), _body_size(rng, scale))
        kind = f"foreign_{pool}"
    elif kind == "song":
        lines += [s for _ in range(rng.randrange(2, 6)) for s in (rng.choice(pools.songs), "")]
    elif kind == "lorem":
        lines += [LOREM] * rng.randrange(2, 6)
    else:
        # Web text is mostly modern Dutch; one page in four is 19th-century prose.
        prose = pools.modern if rng.random() < MODERN_SHARE else pools.havelaar
        body = _fill(rng, prose, _body_size(rng, scale))
        if kind == "mixed":
            body.insert(rng.randrange(len(body) + 1), " ".join(_fill(rng, pools.english, 600)))
        elif kind == "policy":
            body.insert(rng.randrange(len(body) + 1), rng.choice(POLICY))
        elif kind == "profanity":
            comment = _fmt(rng, rng.choice(COMMENTS)).format(w=rng.choice(pools.bad_words))
            body.append(comment)
        elif kind == "code":
            body.insert(rng.randrange(len(body) + 1), rng.choice(CSS))
        lines += body
        if rng.random() < NOISE["cookie_nl"]:
            lines.insert(rng.randrange(len(lines) + 1), rng.choice(COOKIE_NL))
        if rng.random() < NOISE["link_line"]:
            lines.append(f"Lees ook: {_url(rng)}")
        if rng.random() < NOISE["long_token"]:
            token = _url(rng, long=True) if rng.random() < 0.5 else _blob(rng)
            lines.insert(rng.randrange(len(lines) + 1), f"Bron: {token}")
    if rng.random() < NOISE["footer"] and not kind.startswith("foreign"):
        lines += [_fmt(rng, f) for f in rng.sample(FOOTERS, rng.randrange(1, 5))]
    seconds = 1483228800 + rng.randrange(3 * 365 * 86400)  # 2017 to 2019, as mC4's crawls
    timestamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(seconds))
    long_url = rng.random() < 0.02
    record = {"text": "\n".join(lines), "timestamp": timestamp, "url": _url(rng, long_url)}
    return record, kind


def build(out: Path, docs: int, shards: int, seed: int, scale: float = 1.0) -> Counter:
    """Write `shards` shards of `docs` documents in total to `out`; returns the kind counts."""
    pools = load_pools()
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("c4-nl-*.json.gz"):
        old.unlink()
    kinds: Counter = Counter()
    for k in range(shards):
        first, last = k * docs // shards, (k + 1) * docs // shards
        with (
            open(out / f"c4-nl-{k:05d}-of-{shards:05d}.json.gz", "wb") as raw,
            gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=6, mtime=0) as f,
        ):
            lines = []
            for i in range(first, last):
                record, kind = make_page(i, seed, pools, scale)
                kinds[kind] += 1
                lines.append(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
                if len(lines) == 1000 or i == last - 1:  # gzip is faster fed in blocks
                    f.write("".join(lines).encode("utf-8"))
                    lines = []
    return kinds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=10_000, help="documents in all (10000, ...)")
    parser.add_argument("--shards", type=int, default=1, help="number of .json.gz shards")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "data" / "10k")
    parser.add_argument("--seed", type=int, default=2021, help="the same seed, the same corpus")
    parser.add_argument(
        "--body-scale",
        type=float,
        default=1.0,
        help="multiply each page's body text (1: ~1.3 kB pages; 2.8: ~3 kB, mC4-nl's size)",
    )
    args = parser.parse_args(argv)
    if args.body_scale <= 0:
        parser.error("--body-scale must be positive")
    if args.docs < 1 or args.shards < 1 or args.shards > args.docs:
        parser.error("need 1 <= --shards <= --docs")
    started = time.perf_counter()
    kinds = build(args.out, args.docs, args.shards, args.seed, args.body_scale)
    size = sum(p.stat().st_size for p in args.out.glob("c4-nl-*.json.gz"))
    print(
        f"{args.docs} documents in {args.shards} shard(s) under {args.out}: "
        f"{size / 1e6:.1f} MB gzip, {time.perf_counter() - started:.1f} s"
    )
    for kind, n in sorted(kinds.items(), key=lambda kv: -kv[1]):
        print(f"  {kind:20s} {n:9d}  {n / args.docs:6.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
