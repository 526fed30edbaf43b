"""The corpus's dataset card: `data/corpus/README.md`, a Hugging Face dataset card.

Its YAML header is what the Hub and `datasets.load_dataset` read: language, the licences the
sources declare, a size category and one config per training role (`pretrain`, `finetune`)
with its train and validation Parquet files. Its body is the corpus's account of itself, every
number taken from the statistics the stages wrote (`stats/clean/NAME.json`,
`stats/dedup.json`, `stats/corpus.json`) and every rule from the settings the run used;
nothing is typed in by hand. The corpus stage writes it (`stages/corpus.py`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from common.markdown import table

ROLES = ("pretrain", "finetune")
SPLITS = ("train", "validation")
# The Hub's size categories, by number of documents.
SIZES = [(10**3, "n<1K"), (10**4, "1K<n<10K"), (10**5, "10K<n<100K"), (10**6, "100K<n<1M"),
         (10**7, "1M<n<10M"), (10**8, "10M<n<100M")]  # fmt: skip


@dataclass(frozen=True)
class Source:
    """One source as the card describes it."""

    name: str
    format: str
    path: str
    role: str
    license: str
    preset: str
    rules: list[tuple[str, dict[str, Any]]]  # (filter, its settings), in chain order


@dataclass(frozen=True)
class CardInputs:
    sources: list[Source]
    clean: dict[str, dict[str, Any]]  # source -> stats/clean/NAME.json
    dedup: dict[str, Any]  # stats/dedup.json
    dedup_params: dict[str, Any]
    corpus: dict[str, Any]  # stats/corpus.json
    corpus_params: dict[str, Any]
    meta_fields: dict[str, list[str]] = field(default_factory=dict)  # source -> its `meta` keys


def size_category(documents: int) -> str:
    for limit, name in SIZES:
        if documents < limit:
            return name
    return "n>100M"


def header(inputs: CardInputs) -> dict[str, Any]:
    licences = sorted({s.license for s in inputs.sources if s.role in ROLES})
    documents = sum(inputs.corpus[r][s]["documents"] for r in ROLES for s in SPLITS)
    return {
        "language": ["nl"],
        "license": licences[0] if len(licences) == 1 else licences,
        "pretty_name": "schoon Dutch corpus",
        "size_categories": [size_category(documents)],
        "task_categories": ["text-generation"],
        # Only splits with documents: `datasets` cannot read an empty Parquet file.
        "configs": [
            {
                "config_name": role,
                "data_files": [{"split": s, "path": f"{role}/{s}.parquet"} for s in splits],
            }
            for role in ROLES
            if (splits := [s for s in SPLITS if inputs.corpus[role][s]["documents"]])
        ],
    }


def _table(head: list[str], rows: list[list[Any]]) -> list[str]:
    """A table of settings and counts, each value written as params.yaml would have it."""
    return [*table(head, [[_fmt(c) for c in row] for row in rows]), ""]


def _fmt(value: Any) -> str:
    if value is None:
        return "default"
    if value == "":
        return '""'
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_fmt(v) for v in value) + "]"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _settings(params: dict[str, Any]) -> str:
    shown = {k: v for k, v in params.items() if k != "enabled"}
    return ", ".join(f"`{k}: {_fmt(v)}`" for k, v in shown.items()) or "defaults"


def sources_section(inputs: CardInputs) -> list[str]:
    rows = []
    for s in inputs.sources:
        clean = inputs.clean.get(s.name, {})
        dedup = inputs.dedup.get("sources", {}).get(s.name, {})
        split = inputs.corpus.get("sources", {}).get(s.name, {})
        rows.append([
            s.name, s.format, f"`{s.path}`", s.role, s.license, clean.get("docs_in", "-"),
            clean.get("docs_out", "-"), dedup.get("docs_out", "-"),
            split.get("train", {}).get("documents", "-"),
            split.get("validation", {}).get("documents", "-"),
            ", ".join(f"`{f}`" for f in inputs.meta_fields.get(s.name, [])) or "-",
        ])  # fmt: skip
    head = ["source", "format", "path", "role", "licence", "read", "kept by cleaning",
            "kept by dedup", "train", "validation", "provenance (`meta`)"]  # fmt: skip
    return ["## Sources", "", *_table(head, rows)]


def rules_section(inputs: CardInputs) -> list[str]:
    out = ["## Cleaning rules", ""]
    out += ["Each source is cleaned by its preset's filter chain with its overrides, in this "
            "order, with every setting the run used:", ""]  # fmt: skip
    for s in inputs.sources:
        out += [f"- **{s.name}** (preset `{s.preset}`):"]
        out += [f"  {i}. `{name}`: {_settings(p)}" for i, (name, p) in enumerate(s.rules, 1)]
    out += [""]
    language = [(s.name, p) for s in inputs.sources for name, p in s.rules if name == "language"]
    if language:
        out += ["### Language identification", ""]
        out += _table(
            ["source", "backend", "threshold", "second opinion", "function words"],
            [[n, p.get("backend"), p.get("min_probability") or "backend default",
              p.get("second_opinion") or "none", p.get("function_words", False)]
             for n, p in language],
        )  # fmt: skip
    return out


def funnel_section(inputs: CardInputs) -> list[str]:
    out = ["## What cleaning removed", ""]
    for s in inputs.sources:
        stats = inputs.clean.get(s.name)
        if not stats:
            continue
        out += [f"### {s.name}", ""]
        out += [f"{_fmt(stats['docs_in'])} documents read, {_fmt(stats['docs_out'])} kept; "
                f"{_fmt(stats['chars_in'])} characters in, {_fmt(stats['chars_out'])} out.",
                ""]  # fmt: skip
        rows = [["document", r, n] for r, n in stats.get("docs_dropped", {}).items()]
        rows += [["line", r, n] for r, n in stats.get("lines_dropped", {}).items()]
        out += _table(["dropped", "reason", "count"], rows)
        repairs = [[k, n, stats.get("chars_modified", {}).get(k, 0)]
                   for k, n in stats.get("docs_modified", {}).items()]  # fmt: skip
        refused = stats.get("docs_refused", {})
        if repairs:
            out += ["Repairs:", ""]
            out += _table(["repair", "documents changed", "characters changed"], repairs)
        if refused:
            out += ["Refused repairs: " + ", ".join(f"{k} {_fmt(v)}" for k, v in refused.items()),
                    ""]  # fmt: skip
    return out


def dedup_section(inputs: CardInputs) -> list[str]:
    d, p = inputs.dedup, inputs.dedup_params
    dropped = d.get("docs_dropped", {})
    out = ["## Deduplication", ""]
    out += [f"Across all sources: {_fmt(d.get('docs_in', 0))} documents in, "
            f"{_fmt(d.get('docs_out', 0))} kept. Dropped as exact copies: "
            f"{_fmt(dropped.get('exact', 0))}; as near copies: {_fmt(dropped.get('near', 0))}; "
            f"as repeated spans: {_fmt(dropped.get('span', 0))}.", ""]  # fmt: skip
    out += _table(["setting", "value"], [[k, v] for k, v in p.items()])
    return out


def split_section(inputs: CardInputs) -> list[str]:
    c, p = inputs.corpus, inputs.corpus_params
    out = ["## Train and validation", ""]
    out += [f"Each document goes to validation by a hash of its id (`validation_share: "
            f"{_fmt(p.get('validation_share'))}`, salt `{p.get('split_salt')}`). Documents "
            f"connected at a Jaccard of `{_fmt(p.get('split_threshold'))}` or more are kept on "
            "one side, the side of the cluster's smallest id.", ""]  # fmt: skip
    rows = []
    for role in ROLES:
        r = c[role]
        clusters = r.get("split_clusters", {})
        rows.append([
            role, r["train"]["documents"], r["train"]["characters"],
            r["validation"]["documents"], r["validation"]["characters"],
            clusters.get("clusters", 0), clusters.get("documents", 0),
            r.get("near_duplicate_pairs_across_splits", "-"),
            r.get("pairs_across_splits_at_split_threshold", "-"),
        ])  # fmt: skip
    head = ["config", "train documents", "train characters", "validation documents",
            "validation characters", "clusters kept together", "documents in them",
            f"pairs across the split at J >= {_fmt(inputs.dedup_params.get('threshold'))}",
            f"pairs across the split at J >= {_fmt(p.get('split_threshold'))}"]  # fmt: skip
    return out + _table(head, rows)


def usage_section(inputs: CardInputs) -> list[str]:
    return [
        "## Loading", "",
        "```python",
        "import datasets",
        "",
        'finetune = datasets.load_dataset("data/corpus", "finetune")  # or "pretrain"',
        'finetune["train"][0]  # {"id": ..., "source": ..., "text": ..., "meta": ...}',
        "```", "",
        "Each row is one document (`id`, `source`, `text`, `meta`); lyrics keep their blank "
        "lines. `meta` is a JSON object of the record's other fields as its source had them "
        "(for mC4: `url` and `timestamp`), the provenance column of the sources table.", "",
        "`datasets` caches a local folder by its path and does not notice that the files "
        "changed: after the corpus is built again, load it with "
        '`download_mode="force_redownload", verification_mode="no_checks"` (or a new '
        "`cache_dir`), or it returns the previous corpus.", "",
        "## Publishing", "",
        "Not done by the pipeline. To publish the corpus with this card:", "",
        "```sh",
        "huggingface-cli upload USER/DATASET data/corpus . --repo-type dataset",
        "```", "",
        "or `datasets.load_dataset(\"data/corpus\", CONFIG).push_to_hub(\"USER/DATASET\", "
        "config_name=CONFIG)` for each config. Check first that every source's licence "
        "allows it.", "",
        "## Reproducing", "",
        "Built by the schoon repository's `make repro` (`dvc repro`), with the settings of its "
        "`params.yaml`. That checkout's `dvc.lock` records the hash of every input, of the code "
        "and of these files; `dvc repro` in a checkout with the same `dvc.lock` writes the "
        "same files. The card names no commit, so that it too is the same in every such run.",
        "",
    ]  # fmt: skip


def render(inputs: CardInputs) -> str:
    front = yaml.safe_dump(header(inputs), sort_keys=False, allow_unicode=True)
    body = ["# schoon Dutch corpus", "",
            "Dutch text cleaned by the rules of the cleaned Dutch mC4 corpus (and each "
            "source's own preset), deduplicated across sources, and split into train and "
            "validation per training role. Generated by the `corpus` stage: the numbers below "
            "come from the run's metrics, not from hand.", ""]  # fmt: skip
    for section in (sources_section, rules_section, funnel_section, dedup_section,
                    split_section, usage_section):  # fmt: skip
        body += section(inputs)
    return f"---\n{front}---\n\n" + "\n".join(body).rstrip("\n") + "\n"
