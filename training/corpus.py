"""`corpus`: the cleaned sources, split into train and validation text per training role.

Every source under `sources:` in params.yaml has a role: `pretrain` text, `finetune` text, or
`none`. Each cleaned document goes to train or validation by a hash of its id, so the split
never depends on the order Beam wrote the shards in, and a document keeps its side when other
documents are added or removed (the same idea as the hash-based splits of TFDS/`datasets`).

Near variants stay together: documents of one role connected by pairs at a Jaccard of at least
`split_threshold` (a live version and the studio one, a cover with one verse changed: pairs
that deduplication keeps by design) form a cluster, and the whole cluster takes the side of
its smallest id's hash. The pairs come from the caller (`similar`; the corpus stage passes the
dedup stage's MinHash and verification, `pipeline.dedup.leakage.similar_pairs`), so eval loss on a
validation song never measures a variant the model was trained on.

The output is Parquet, `OUT/{pretrain,finetune}/{train,validation}.parquet` with columns
`id`, `source`, `text`: one row per document keeps the document boundaries exactly (lyrics are
full of blank lines, so a plain-text file would need a separator that text could contain),
and the tokenizer and training stages need those boundaries to put an EOS between documents.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

ROLES = ("pretrain", "finetune")
SPLITS = ("train", "validation")
# `meta`: the record's other fields as JSON, as the source had them (mC4: url, timestamp).
COLUMNS = ("id", "source", "text", "meta")


@dataclass(frozen=True)
class CorpusParams:
    """params.yaml: corpus."""

    # Share of each source's documents held out for validation, by hash of the document id.
    validation_share: float = 0.1
    # A source with more documents than this gets at least this many validation documents
    # (the lowest hashes), so a small lyrics set still has an eval loss.
    min_validation_docs: int = 1
    # Mixed into the hash: change it to draw a different split.
    split_salt: str = "schoon"
    # Documents connected at this Jaccard or more fall on the same side of the split.
    split_threshold: float = 0.5

    def __post_init__(self) -> None:
        if not 0 <= self.validation_share < 1:
            raise ValueError(
                f"validation_share must be at least 0 and below 1, got {self.validation_share}"
            )
        if not 0 < self.split_threshold <= 1:
            raise ValueError(
                f"split_threshold must be above 0 and at most 1, got {self.split_threshold}"
            )
        if self.min_validation_docs < 0:
            raise ValueError(
                f"min_validation_docs must be 0 or more, got {self.min_validation_docs}"
            )


def split_score(doc_id: str, salt: str) -> float:
    """A number in [0, 1) fixed by the id alone: the first 8 bytes of sha256(salt:id)."""
    digest = hashlib.sha256(f"{salt}:{doc_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def assign_splits(
    ids: list[str], params: CorpusParams, clusters: list[int] | None = None,
    sources: list[str] | None = None,
) -> list[str]:  # fmt: skip
    """'train' or 'validation' for each id.

    `clusters` (a cluster number per id; default: each id alone) keeps a cluster on one side,
    the side its smallest id's hash gives. `min_validation_docs` holds per source (`sources`, a
    name per id; default: one source): a source short of it gets whole clusters, lowest hash
    first, until it has enough, but never a cluster that holds all its training documents."""
    n = len(ids)
    clusters = list(range(n)) if clusters is None else clusters
    sources = [""] * n if sources is None else sources
    first: dict[int, str] = {}  # cluster -> its smallest id
    for i in range(n):
        first[clusters[i]] = min(first.get(clusters[i], ids[i]), ids[i])
    # The hash of one id per cluster, not the smallest hash of its members: a cluster of ten
    # would otherwise land in validation with probability 1 - (1 - share)**10.
    key = {c: (split_score(i, params.split_salt), i) for c, i in first.items()}
    side = {c: "validation" if k[0] < params.validation_share else "train" for c, k in key.items()}
    for source in sorted(set(sources)):
        members = [i for i in range(n) if sources[i] == source]
        wanted = params.min_validation_docs
        if not wanted < len(members):
            continue
        held = sum(side[clusters[i]] == "validation" for i in members)
        training = len(members) - held
        size = Counter(clusters[i] for i in members)  # this source's documents per cluster
        for c in sorted(size, key=key.__getitem__):
            if held >= wanted:
                break
            if side[c] == "train" and size[c] < training:  # never its last training documents
                side[c] = "validation"
                held, training = held + size[c], training - size[c]
    return [side[clusters[i]] for i in range(n)]


def clusters_of(n: int, pairs: list[tuple[int, int]]) -> list[int]:
    """A cluster number per item: the connected components of `pairs` (union-find), each
    numbered by its smallest member."""
    parent = list(range(n))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in pairs:
        a, b = root(i), root(j)
        if a != b:
            parent[max(a, b)] = min(a, b)
    return [root(i) for i in range(n)]


def read_clean(clean_dir: Path, name: str):
    """One source's cleaned documents as a pyarrow table (`COLUMNS`), sorted by id."""
    shards = sorted((clean_dir / name).glob("*.parquet"))
    if not shards:
        raise FileNotFoundError(
            f"source '{name}': no cleaned shards in {clean_dir / name} "
            f"(run `dvc repro clean@{name}` first)"
        )
    tables = [pq.read_table(s, columns=["id", "text", "meta"]) for s in shards]
    table = pa.concat_tables(tables)
    table = table.append_column("source", pa.array([name] * table.num_rows, pa.string()))
    # Sorted, so the corpus (and everything trained on it) does not depend on shard order.
    return table.select(list(COLUMNS)).sort_by([("id", "ascending")])


def build_corpus(
    params: CorpusParams,
    roles: dict[str, str],
    clean_dir: Path,
    out_dir: Path,
    similar: Callable[[list[str], float], list[tuple[int, int]]] | None = None,
) -> dict[str, Any]:
    """Write the four corpus files and return their statistics (documents, characters).

    `similar(texts, threshold)` gives the pairs of documents at a Jaccard of at least
    `threshold`; without it every document is a cluster of its own. Statistics come per role
    and split, and per source and split, with the clusters that were kept together.
    """
    schema = pa.schema([(c, pa.string()) for c in COLUMNS])
    stats: dict[str, Any] = {}
    by_source: dict[str, Any] = {}
    for role in ROLES:
        names = [name for name in sorted(roles) if roles[name] == role]
        tables = [read_clean(clean_dir, name) for name in names]
        table = pa.concat_tables(tables) if tables else schema.empty_table()
        ids = table.column("id").to_pylist()
        texts = table.column("text").to_pylist()
        pairs = similar(texts, params.split_threshold) if similar and texts else []
        clusters = clusters_of(len(ids), pairs)
        splits = assign_splits(ids, params, clusters, table.column("source").to_pylist())
        mask = pa.array(splits)
        stats[role] = {}
        for split in SPLITS:
            part = table.filter(pc.equal(mask, split))
            path = out_dir / role / f"{split}.parquet"
            path.parent.mkdir(parents=True, exist_ok=True)
            pq.write_table(part.cast(schema), path)
            stats[role][split] = _counts(part)
        sizes = Counter(Counter(clusters).values())
        stats[role]["split_clusters"] = {
            "threshold": params.split_threshold,
            "pairs": len(pairs),
            "clusters": sum(v for k, v in sizes.items() if k > 1),
            "documents": sum(k * v for k, v in sizes.items() if k > 1),
        }
        for name in names:
            of = pc.equal(table.column("source"), name)
            by_source[name] = {"role": role}
            for split in SPLITS:
                part = table.filter(pc.and_(of, pc.equal(mask, split)))
                by_source[name][split] = _counts(part)
    stats["sources"] = dict(sorted(by_source.items()))
    return stats


def _counts(table) -> dict[str, int]:
    chars = pc.sum(pc.utf8_length(table.column("text"))).as_py() if table.num_rows else 0
    return {"documents": table.num_rows, "characters": chars or 0}


def read_texts(path: Path) -> list[str]:
    """The `text` column of one corpus file, in order."""
    return pq.read_table(path, columns=["text"]).column("text").to_pylist()
