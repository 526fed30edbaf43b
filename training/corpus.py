"""`corpus`: the cleaned sources, split into train and validation text per training role.

Every source under `sources:` in params.yaml has a role: `pretrain` text, `finetune` text, or
`none`. Each cleaned document goes to train or validation by a hash of its id, so the split
never depends on the order Beam wrote the shards in, and a document keeps its side when other
documents are added or removed (the same idea as the hash-based splits of TFDS/`datasets`).

The output is Parquet, `OUT/{pretrain,finetune}/{train,validation}.parquet` with columns
`id`, `source`, `text`: one row per document keeps the document boundaries exactly (lyrics are
full of blank lines, so a plain-text file would need a separator that text could contain),
and the tokenizer and training stages need those boundaries to put an EOS between documents.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROLES = ("pretrain", "finetune")
SPLITS = ("train", "validation")
COLUMNS = ("id", "source", "text")


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

    def __post_init__(self) -> None:
        if not 0 <= self.validation_share < 1:
            raise ValueError(
                f"validation_share must be at least 0 and below 1, got {self.validation_share}"
            )
        if self.min_validation_docs < 0:
            raise ValueError(
                f"min_validation_docs must be 0 or more, got {self.min_validation_docs}"
            )


def split_score(doc_id: str, salt: str) -> float:
    """A number in [0, 1) fixed by the id alone: the first 8 bytes of sha256(salt:id)."""
    digest = hashlib.sha256(f"{salt}:{doc_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def assign_splits(ids: list[str], params: CorpusParams) -> list[str]:
    """'train' or 'validation' for each id of one source."""
    scores = [split_score(i, params.split_salt) for i in ids]
    splits = ["validation" if s < params.validation_share else "train" for s in scores]
    wanted = params.min_validation_docs
    if splits.count("validation") < wanted < len(ids):
        for i in sorted(range(len(ids)), key=lambda i: (scores[i], ids[i]))[:wanted]:
            splits[i] = "validation"
    return splits


def read_clean(clean_dir: Path, name: str):
    """One source's cleaned documents as a pyarrow table (id, source, text), sorted by id."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    shards = sorted((clean_dir / name).glob("*.parquet"))
    if not shards:
        raise FileNotFoundError(
            f"source '{name}': no cleaned shards in {clean_dir / name} "
            f"(run `dvc repro clean@{name}` first)"
        )
    tables = [pq.read_table(s, columns=["id", "text"]) for s in shards]
    table = pa.concat_tables(tables)
    table = table.append_column("source", pa.array([name] * table.num_rows, pa.string()))
    # Sorted, so the corpus (and everything trained on it) does not depend on shard order.
    return table.select(list(COLUMNS)).sort_by([("id", "ascending")])


def build_corpus(
    params: CorpusParams, roles: dict[str, str], clean_dir: Path, out_dir: Path
) -> dict[str, Any]:
    """Write the four corpus files and return their statistics (documents, characters).

    Statistics come per role and split, and per source and split.
    """
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    schema = pa.schema([(c, pa.string()) for c in COLUMNS])
    parts: dict[tuple[str, str], list] = {(r, s): [] for r in ROLES for s in SPLITS}
    by_source: dict[str, Any] = {}
    for name in sorted(roles):
        role = roles[name]
        if role not in ROLES:
            continue
        table = read_clean(clean_dir, name)
        splits = pa.array(assign_splits(table.column("id").to_pylist(), params))
        by_source[name] = {"role": role}
        for split in SPLITS:
            part = table.filter(pc.equal(splits, split))
            parts[(role, split)].append(part)
            by_source[name][split] = _counts(part)

    stats: dict[str, Any] = {}
    for role in ROLES:
        stats[role] = {}
        for split in SPLITS:
            tables = parts[(role, split)]
            table = pa.concat_tables(tables) if tables else schema.empty_table()
            path = out_dir / role / f"{split}.parquet"
            path.parent.mkdir(parents=True, exist_ok=True)
            pq.write_table(table.cast(schema), path)
            stats[role][split] = _counts(table)
    stats["sources"] = by_source
    return stats


def _counts(table) -> dict[str, int]:
    import pyarrow.compute as pc

    chars = pc.sum(pc.utf8_length(table.column("text"))).as_py() if table.num_rows else 0
    return {"documents": table.num_rows, "characters": chars or 0}


def read_texts(path: Path) -> list[str]:
    """The `text` column of one corpus file, in order."""
    import pyarrow.parquet as pq

    return pq.read_table(path, columns=["text"]).column("text").to_pylist()
