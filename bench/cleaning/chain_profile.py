"""Where a document's time goes in the mc4nl chain: CPU µs per document for each step, each
filter timed on exactly what it sees inside `FilterChain.apply` (docs/benchmarks.md, "Where the
time goes now"). `--primitives` also times the library calls each step makes alone, on what the
step saw: what a compiled core could at best reach with the same libraries.

    python -m bench.cleaning.chain_profile --input bench/data/10k [--language cld2] [--primitives]
"""

from __future__ import annotations

import argparse
import time
import unicodedata
from pathlib import Path

from bench.cleaning.throughput import source
from filters.chain import _join
from filters.language import cld2_probabilities
from filters.sentences import _BOUNDARY
from pipeline.clean.chains import build_chain
from pipeline.sources import reader_for


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--input", type=Path, default=Path(__file__).parents[1] / "data" / "10k")
    parser.add_argument("--language", default="none", help="none | langdetect | cld2")
    parser.add_argument(
        "--primitives", action="store_true", help="also time each step's library calls alone"
    )
    args = parser.parse_args(argv)

    language = {"enabled": False} if args.language == "none" else {"backend": args.language}
    chain = build_chain("mc4nl", {"language": language})
    reader = reader_for("bench", source(args.input, {}))
    started = time.process_time()
    texts = [r.text for path in reader.files() for r in reader.read(path)]
    read = time.process_time() - started

    spent, seen, inputs = profile(chain, texts)
    started = time.process_time()
    for text in texts:
        chain.apply(text)
    whole = time.process_time() - started

    print(f"{len(texts):,} documents from {args.input}, language: {args.language}\n")
    report(read, whole, spent, seen, len(texts))
    if args.primitives:
        report_primitives(primitives(chain, texts, inputs), read, whole, len(texts))


def profile(chain, texts: list[str]):
    """CPU seconds of each filter on what it sees, how many documents each sees, and what
    each saw (for `primitives`): `FilterChain.apply`'s walk, with a clock around each step."""
    spent = {f.name: 0.0 for f in chain.filters}
    seen = dict.fromkeys(spent, 0)
    inputs: dict[str, list] = {name: [] for name in spent}  # what each step saw, for --primitives
    for text in texts:
        lines, current, alive = None, text, True
        for f in chain.filters:
            if not alive:
                break
            seen[f.name] += 1
            if f.modifies:
                inputs[f.name].append(current)
                t0 = time.process_time()
                new = f.modify(current)
                spent[f.name] += time.process_time() - t0
                text = current = new if isinstance(new, str) else current
            elif f.on_lines:
                if lines is None:
                    lines = [(n, t.strip()) for n, t in enumerate(text.split("\n"), start=1)]
                inputs[f.name].append(lines)
                t0 = time.process_time()
                kept = []
                for n, line in lines:
                    decision = line if len(line) <= f.keeps_lines_up_to else f.check_line(line)
                    if isinstance(decision, str):
                        kept.append((n, decision))
                    elif decision.document:
                        alive = False
                        break
                spent[f.name] += time.process_time() - t0
                lines, current = kept, None
            else:
                if current is None:
                    current = _join(lines)
                inputs[f.name].append(current)
                t0 = time.process_time()
                alive = f.check_document(current) is None
                spent[f.name] += time.process_time() - t0
    return spent, seen, inputs


def report(read: float, whole: float, spent: dict, seen: dict, n: int) -> None:
    print("| step | documents it sees | µs per document it sees | µs per input document |")
    print("| --- | ---: | ---: | ---: |")
    print(f"| read + decompress + parse | {n:,} | {read / n * 1e6:.1f} | {read / n * 1e6:.1f} |")
    for name, s in spent.items():
        per_seen = s / max(1, seen[name]) * 1e6
        print(f"| `{name}` | {seen[name]:,} | {per_seen:.1f} | {s / n * 1e6:.1f} |")
    rest = whole - sum(spent.values())
    print(f"| chain bookkeeping (split, join, routing) | {n:,} | | {rest / n * 1e6:.1f} |")
    print(f"| **`FilterChain.apply` in all** | {n:,} | | **{whole / n * 1e6:.1f}** |")


def report_primitives(floor: dict, read: float, whole: float, n: int) -> None:
    print("\n| step | its library calls alone, µs per input document |\n| --- | ---: |")
    for name, s in floor.items():
        print(f"| `{name}` | {s / n * 1e6:.1f} |")
    total = sum(floor.values()) / n * 1e6
    print(f"| **all** | **{total:.1f}** |")
    print(
        f"\nThe interpreter's share of `apply`: {1 - total / (whole / n * 1e6):.0%}. With "
        f"reading at {read / n * 1e6:.1f} µs, a core that spent only the library time would "
        f"run at {read / (read + total * n / 1e6):.2f} of the parse limit."
    )


def _boundaries(text: str, pattern, enough: int) -> int:
    """The boundary scans `short_document` makes: line by line until `enough` are counted."""
    n = 0
    for line in text.split("\n"):
        n += 1 + sum(1 for _ in pattern.finditer(line))
        if n >= enough:
            break
    return n


def primitives(chain, texts: list[str], inputs: dict[str, list]) -> dict[str, float]:
    """CPU seconds of the library calls (C and Rust) each step makes, timed alone on what the
    step saw: what is left of the chain if the Python around them cost nothing."""
    by_name = {f.name: f for f in chain.filters}
    calls = {
        "chain: split, strip, join": lambda text: _join([(0, t.strip()) for t in text.split("\n")]),
        "repair": lambda text: (
            by_name["repair"]._detector.starts.findall(text),
            unicodedata.is_normalized("NFC", text),
        ),
        "bad_words": lambda text: by_name["bad_words"]._automaton.find_matches_as_indexes(
            text.lower().encode("utf-8", "surrogatepass"), overlapping=True
        ),
        # on the lower-cased UTF-8, which bad_words made (prepared below, outside the clock)
        "boilerplate": lambda low: by_name["boilerplate"].find._automaton.find_matches_as_indexes(
            low, overlapping=True
        ),
        "short_line": lambda lines: [t.split(maxsplit=3) for _, t in lines],
        "short_document": lambda text: _boundaries(text, _BOUNDARY, enough=5),
        "language": cld2_probabilities,
    }
    floor = {}
    for name, call in calls.items():
        seen = texts if name.startswith("chain") else inputs.get(name)
        if not seen or (name == "language" and by_name["language"].params.backend != "cld2"):
            continue
        if name == "boilerplate":
            seen = [text.lower().encode("utf-8", "surrogatepass") for text in seen]
        started = time.process_time()
        for item in seen:
            call(item)
        floor[name] = time.process_time() - started
    return floor


if __name__ == "__main__":
    main()
