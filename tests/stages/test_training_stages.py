"""The training stages end to end through their command lines, on tiny hand-made inputs.

Also checks dvc.yaml and params.yaml: every path a stage reads or writes is declared, and the
bundled parameters build.
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import yaml

ROOT = Path(__file__).resolve().parents[2]
STAGES = ("dedup", "corpus", "tokenizer", "train", "generate", "report")

SONG = (
    "de regen valt op het plein\nen ik drink mijn laatste wijn\n\n"
    "moeder, waar ben je gebleven\nik heb je nooit vergeven"
)
PAGE = (
    "De gemeente opent volgende week een nieuwe fietsenstalling bij het station. "
    "Op zaterdag is de markt open van negen tot vijf uur."
)

PARAMS = """
sources:
  web: {format: jsonl, path: raw/web, preset: mc4nl, role: pretrain}
  lyrics: {format: csv, path: raw/lyrics.csv, preset: lyrics, role: finetune}
clean: {}
dedup:  # the documents below differ by one word: near copies all, kept here on purpose
  exact: false
  near: false
corpus:
  validation_share: 0.2
  # The pages (and songs) are one text with a number changed: at the default threshold they
  # are one cluster, all on one side of the split (tests/stages/test_split_by_cluster.py).
  split_threshold: 1.0
tokenizer:
  vocab_size: 300
  min_frequency: 1
train:
  scratch: {hidden_size: 32, num_layers: 2, num_heads: 2, intermediate_size: 64, window_size: 8}
  pretrain: {epochs: 1, learning_rate: 0.003}
  finetune: {epochs: 2, learning_rate: 0.003}
  block_size: 64
  batch_size: 4
  device: cpu
generate:
  prompts: ["de regen valt\\n"]
  samples_per_prompt: 2
  max_new_tokens: 8
report: {}
"""


def write_shard(path: Path, name: str, texts: list[str]) -> None:
    path.mkdir(parents=True)
    ids = [f"{name}-{i}" for i in range(len(texts))]
    table = pa.table(
        {"id": ids, "source": [name] * len(texts), "text": texts, "meta": ["{}"] * len(texts)}
    )
    pq.write_table(table, path / "part-00000.parquet")


def run(module: str, *args: str) -> None:
    import importlib

    assert importlib.import_module(f"stages.{module}").main(list(args)) == 0, module


# The stages that load transformers: run as dvc runs them, offline, their stderr read.
QUIET = ("train", "generate", "report")


def run_offline(stage: str, argv: list[str]) -> None:
    """`python -m stages.STAGE ...` in a fresh interpreter, offline as `make repro` runs it:
    it must succeed and print no library's warning (transformers 5.25's `kernels` printed
    three per stage here, offline)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1",
               HF_DATASETS_OFFLINE="1", TQDM_DISABLE="1")  # fmt: skip
    proc = subprocess.run([sys.executable, *argv[1:]], env=env, capture_output=True, text=True,
                          timeout=600, check=False)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    warned = [line for line in proc.stderr.splitlines() if "warn" in line.lower()]
    assert not warned, proc.stderr


def test_the_training_stages_run_end_to_end(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("params.yaml").write_text(PARAMS)
    write_shard(
        Path("data/clean/web"), "web", [PAGE.replace("week", f"week {i}") for i in range(12)]
    )
    write_shard(
        Path("data/clean/lyrics"), "lyrics", [SONG.replace("wijn", f"wijn {i}") for i in range(8)]
    )
    Path("stats/clean").mkdir(parents=True)
    for name in ("web", "lyrics"):
        stats = {"docs_in": 20, "docs_out": 12, "docs_dropped": {"short_document": 8}}
        Path(f"stats/clean/{name}.json").write_text(
            json.dumps(stats | {"chars_in": 1, "chars_out": 1})
        )

    dvc = yaml.safe_load((ROOT / "dvc.yaml").read_text())["stages"]
    for stage in STAGES:  # the commands exactly as dvc.yaml has them
        argv = shlex.split(dvc[stage]["cmd"])
        assert argv[:3] == ["python", "-m", f"stages.{stage}"]
        if stage in QUIET:
            run_offline(stage, argv)
        else:
            run(stage, *argv[3:])

    corpus = json.loads(Path("stats/corpus.json").read_text())
    assert (
        corpus["finetune"]["train"]["documents"] + corpus["finetune"]["validation"]["documents"]
        == 8
    )
    assert Path("data/tokenizer/tokenizer.json").is_file()
    train = json.loads(Path("stats/train.json").read_text())
    for key in ("train_time_s", "peak_memory_mb", "train_loss_avg", "eval_loss", "perplexity"):
        assert isinstance(train[key], float)
    assert {"tokens_per_s", "epochs", "n_params", "device"} <= set(train)
    assert Path("dvclive/train/plots/metrics/train/loss.tsv").is_file()
    assert (Path("data/model") / "training_config.json").is_file()
    assert not any(Path("data/checkpoints").glob("*.pt"))
    assert json.loads(Path("data/checkpoints/last_run.json").read_text())["complete"]
    generate = json.loads(Path("metrics/generate.json").read_text())
    assert generate["samples"] == 2
    assert [p.name for p in sorted(Path("reports/samples").iterdir())] == [
        "01-de-regen-valt.txt",
        "samples.json",
    ]
    page = Path("reports/model_analysis.md").read_text()
    assert "Time | Peak memory (MB) | Loss (Avg)" in page and "```mermaid" in page


def declared(stage: dict) -> set[str]:
    paths = set(stage.get("deps", []))
    for kind in ("outs", "metrics", "plots"):
        for entry in stage.get(kind, []):
            paths.add(next(iter(entry)) if isinstance(entry, dict) else entry)
    return paths


def test_every_path_a_training_stage_touches_is_declared_in_dvc_yaml():
    dvc = yaml.safe_load((ROOT / "dvc.yaml").read_text())["stages"]
    for name in STAGES:
        stage = dvc[name]
        argv = shlex.split(stage["cmd"])
        paths = [v for flag, v in zip(argv, argv[1:], strict=False) if flag.startswith("--")]
        known = declared(stage) | {"params.yaml"}
        for path in paths:
            assert any(path == d or d.startswith(path + "/") for d in known), (name, path)
        assert f"stages/{name}.py" in stage["deps"]
        assert name in stage["params"]


def test_the_bundled_parameters_build():
    from common.config import build, load_yaml, section
    from training.corpus import CorpusParams
    from training.generate import SEED_PROMPT, GenerateParams
    from training.report import ReportParams
    from training.tokenizer import TokenizerParams
    from training.train import TrainParams

    params = load_yaml(ROOT / "params.yaml")
    for name, cls in [
        ("corpus", CorpusParams),
        ("tokenizer", TokenizerParams),
        ("train", TrainParams),
        ("generate", GenerateParams),
        ("report", ReportParams),
    ]:
        build(cls, section(params, name), f"params.yaml: {name}")
    assert SEED_PROMPT in params["generate"]["prompts"]
    assert params["report"]["reference"]["time"] == "1:21"
