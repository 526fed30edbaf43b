"""datatrove's MinHash deduplication as the dedup benchmarks run it, beside schoon's job."""

from __future__ import annotations

import json
from pathlib import Path


def _whitespace_tokenizer():
    """Words split on whitespace: datatrove's Dutch tokenizer needs spaCy."""
    from datatrove.utils.word_tokenizers import WordTokenizer

    class Whitespace(WordTokenizer):
        def word_tokenize(self, text: str) -> list[str]:
            return text.split()

        def sent_tokenize(self, text: str) -> list[str]:
            return [text]

        def span_tokenize(self, text: str) -> list[tuple[int, int]]:
            return [(0, len(text))]

    return Whitespace()


def _steps(read, work: Path, params, tasks: int) -> list[tuple[list, int]]:
    """The four steps (signatures, buckets, clusters, filter), each with its task count."""
    from datatrove.pipeline.dedup.minhash import (
        MinhashConfig,
        MinhashDedupBuckets,
        MinhashDedupCluster,
        MinhashDedupFilter,
        MinhashDedupSignature,
    )
    from datatrove.pipeline.writers import JsonlWriter
    from datatrove.utils.hashing import HashConfig

    config = MinhashConfig(
        n_grams=params.ngram,
        num_buckets=params.bands,
        hashes_per_bucket=params.rows,
        hash_config=HashConfig(hash_fc="sha1"),
    )
    sigs, buckets, clusters, removed = (
        str(work / x) for x in ("sigs", "buckets", "clusters", "rm")
    )
    signature = MinhashDedupSignature(sigs, config=config, language=_whitespace_tokenizer())
    removed_writer = JsonlWriter(removed, compression=None)
    return [
        ([read(), signature], tasks),
        ([MinhashDedupBuckets(sigs, buckets, config=config)], params.bands),
        ([MinhashDedupCluster(buckets, clusters, config=config)], 1),
        (
            [
                read(),
                MinhashDedupFilter(clusters, exclusion_writer=removed_writer),
                JsonlWriter(str(work / "kept"), compression=None),
            ],
            tasks,
        ),
    ]


def datatrove_minhash(source, work: Path, params, tasks: int = 1, workers: int = 1) -> set[str]:
    """datatrove's MinHash deduplication with our n-gram size, bands and rows (`params`: a
    `DedupParams`); the ids of the documents it removes. `source`: a list of datatrove
    `Document`s, or a function giving a fresh reader step read in `tasks` tasks. Shingles are
    hashed with SHA-1 (datatrove 0.10.1 hands str to xxhash, which xxhash 4 refuses). It
    verifies nothing: it keeps one document per cluster of LSH candidates."""
    from datatrove.executor import LocalPipelineExecutor

    def read():
        return source() if callable(source) else source

    for i, (pipeline, n) in enumerate(_steps(read, work, params, tasks)):
        LocalPipelineExecutor(
            pipeline,
            tasks=n,
            workers=min(workers, n),
            logging_dir=str(work / f"logs{i}"),
            skip_completed=False,
        ).run()
    return {
        json.loads(line)["id"]
        for path in (work / "rm").glob("*.jsonl")
        for line in path.read_text(encoding="utf-8").splitlines()
    }
