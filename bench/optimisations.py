"""Before and after, in one run: each optimised filter component against its earlier code.

The earlier modules are loaded from another checkout (`--before`, e.g. the commit before the
optimisations: `git archive 2e16b49 | tar -x -C /tmp/before`) and timed side by side with the
current ones on the same texts, alternating, best of `--repeat`; both must give the same
answers (the sentence counts are compared where the rules are the same).

    python benchmarks/optimisations.py --before /tmp/before --input benchmarks/data/10k
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def best_of(repeat: int, fn, items) -> float:
    """Best CPU seconds per item over `repeat` passes."""
    times = []
    for _ in range(repeat):
        started = time.process_time()
        for item in items:
            fn(item)
        times.append(time.process_time() - started)
    return min(times) / len(items)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", type=Path, required=True, help="the earlier checkout")
    parser.add_argument("--input", type=Path, default=HERE / "data" / "10k")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    from filters import bad_words, sentences
    from pipeline.chains import build_chain

    old_sentences = load("before_sentences", args.before / "filters" / "sentences.py")
    old_bad_words = load("before_bad_words", args.before / "filters" / "bad_words.py")
    texts = []
    for path in sorted(args.input.glob("c4-nl-*.json.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as f:
            texts += [json.loads(line)["text"] for line in f]
    # Sentence counting sees the kept lines of documents that pass the line filters.
    chain = build_chain(
        "mc4nl", {"language": {"enabled": False}, "short_document": {"enabled": False}}
    )
    lines = [line for t in texts if (r := chain.apply(t)).kept for line in r.text.split("\n")]
    new_bw, old_bw = bad_words.BadWords(), old_bad_words.BadWords()
    assert all(new_bw.find(t) == old_bw.find(t) for t in texts), "bad_words answers differ"

    rows = [
        (
            "`count_sentences` (per kept line): no regex re-scan of the line per period, "
            "a pattern `re` can skip through, the common cases decided inline",
            len(lines),
            old_sentences.count_sentences,
            sentences.count_sentences,
            lines,
        ),
        (
            "`bad_words` (per document): Aho-Corasick for the index words, case classes "
            "instead of `re.IGNORECASE`",
            len(texts),
            old_bw.find,
            new_bw.find,
            texts,
        ),
    ]
    print(f"{len(texts):,} documents from {args.input}; earlier code from {args.before}\n")
    print("| component | items | before µs/item | after µs/item | speed-up |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for what, n, old, new, items in rows:
        before = best_of(args.repeat, old, items)
        after = best_of(args.repeat, new, items)
        print(
            f"| {what} | {n:,} | {before * 1e6:.1f} | {after * 1e6:.1f} | {before / after:.1f}x |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
