"""The Gutenberg song books through `dedup_report`: what the job drops and trims in real songs.

    python -m bench.dedup.songs --out bench/results/dedup_songs.json

The songs and verses of the three song books, as `bench/filters/corpora.py` cuts them, with
and without spans; the lines they share and their most similar pairs.
"""

from __future__ import annotations

import argparse
import itertools
import time
from collections import Counter, defaultdict
from pathlib import Path

from bench.harness import report


def _most_similar(records: list[dict], top: int, across: bool = False) -> list:
    """The most similar pairs by true Jaccard of 5-gram shingles, every pair compared (only
    pairs of different sources when `across`)."""
    from pipeline.dedup.minhash import jaccard, shingle_hashes

    hashes = [shingle_hashes(r["text"]) for r in records]
    pairs = [
        (round(jaccard(hashes[i], hashes[j]), 3), records[i]["id"], records[j]["id"])
        for i, j in itertools.combinations(range(len(records)), 2)
        if len(hashes[i])
        and len(hashes[j])
        and not (across and records[i]["source"] == records[j]["source"])
    ]
    return sorted(pairs, reverse=True)[:top]


def run(songs: list[dict], name: str, params) -> dict:
    """`dedup_report` on the songs: what it drops, and which songs the trimmed spans are in."""
    from pipeline.dedup.local import dedup_report
    from pipeline.dedup.minhash import span_keys

    keys = {r["id"]: set(span_keys(r["text"])) for r in songs}
    started = time.perf_counter()
    verdicts, stats = dedup_report(songs, params)
    dropped = [v for v in verdicts if not v["kept"]]
    trimmed = [v for v in verdicts if v["sentences_removed"]]
    for v in trimmed:
        v["shares_spans_with"] = [i for i, k in keys.items() if i != v["id"] and keys[v["id"]] & k]
    seconds = round(time.perf_counter() - started, 1)
    print(
        f"{name}: dropped {stats['docs_dropped']}, trimmed {len(trimmed)}, {seconds} s",
        *dropped,
        *trimmed,
        sep="\n   ",
    )
    return {
        "docs_dropped": stats["docs_dropped"],
        "dropped": dropped,
        "span_trimmed": trimmed,
        "seconds": seconds,
    }


def shared_lines(songs: list[dict]) -> dict:
    """Lines (of 3 words or more) that occur in more than one song: refrains, formulas."""
    from pipeline.dedup.minhash import normalise

    where = defaultdict(set)
    for r in songs:
        for line in map(normalise, r["text"].split("\n")):
            if len(line.split()) >= 3:
                where[line].add(r["id"])
    shared = {line: sorted(ids) for line, ids in where.items() if len(ids) > 1}
    across = [ids for ids in shared.values() if len({i.split(":")[0] for i in ids}) > 1]
    print(f"lines in more than one song: {len(shared)}, in more than one book: {len(across)}")
    return {
        "lines_in_several_songs": len(shared),
        "lines_in_several_books": len(across),
        "lines_most_shared": sorted(shared.items(), key=lambda kv: -len(kv[1]))[:5],
    }


def song_vs_notes(every: list[dict]) -> dict:
    """A scraper that delivers a Fallersleben song twice, bare and with its German notes."""
    from pipeline.dedup.minhash import jaccard, shingle_hashes

    bare = {
        r["id"]: r["text"] for r in every if r["kind"] == "song" and r["source"] == "Fallersleben"
    }
    sims = sorted(
        jaccard(shingle_hashes(bare[r["id"]]), shingle_hashes(r["text"]))
        for r in every
        if r["kind"] == "section"
    )
    out = {
        "pairs": len(sims),
        "at_or_above_0.8": sum(s >= 0.8 for s in sims),
        "median": round(sims[len(sims) // 2], 3),
        "max": round(sims[-1], 3),
    }
    print("song vs song + notes:", out)
    return out


def songs_report() -> dict:
    from bench.filters import corpora
    from pipeline.dedup.params import DedupParams

    books = corpora.heije_songs() + corpora.listal_songs() + corpora.fallersleben_records()
    every = [
        {"id": f"{s.book}: {s.title}", "source": s.book, "text": s.text, "kind": s.kind}
        for s in books
    ]
    songs = [r for r in every if r["kind"] in ("song", "spreuk")]
    print(f"{len(songs)} records: {dict(Counter((r['source'], r['kind']) for r in songs))}")
    out: dict = {"records": dict(Counter(f"{r['source']} {r['kind']}" for r in songs))}
    for name, params in (("default", DedupParams()), ("spans", DedupParams(spans=True))):
        out[name] = run(songs, name, params)
    out["most_similar"] = _most_similar(songs, 8)
    out["most_similar_across_books"] = _most_similar(songs, 5, across=True)
    print("most similar pairs:", *out["most_similar"], sep="\n  ")
    print("most similar across books:", *out["most_similar_across_books"], sep="\n  ")
    return {**out, **shared_lines(songs), "song_vs_song_with_notes": song_vs_notes(every)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, help="write the figures as JSON here")
    args = parser.parse_args(argv)
    report("bench.dedup.songs", songs_report(), args.out)


if __name__ == "__main__":
    main()
