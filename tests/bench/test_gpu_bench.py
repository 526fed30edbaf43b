"""bench/training/gpu_bench.py on its CPU path: it runs the `train` stage's own loop and its JSON
holds every field. No timing is asserted."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
import torch

from bench.training import gpu_bench as bench
from tests.conftest import ROOT

FIELDS = {
    "variant", "precision", "fused", "device", "n_params", "flops_per_token",
    "block_size", "batch_size", "songs", "epochs", "total_steps", "total_tokens", "warmup_steps",
    "warmup_s", "measured_steps", "measured_share", "extrapolated", "step_ms_mean",
    "tokens_per_s", "achieved_tflops", "peak_tflops", "mfu", "full_run_s", "full_run",
    "peak_memory_mb", "memory_kind", "loss_finite",
}  # fmt: skip


def run_script(tmp_path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "OUT": str(tmp_path / "ignored")}
    return subprocess.run(
        [sys.executable, "-m", "bench.training.gpu_bench", "--device", "cpu", "--workload", "tiny",
         "--threads", "1", *args],
        cwd=tmp_path, env={**env, "TQDM_DISABLE": "1"}, capture_output=True, text=True,
        timeout=180,
    )  # fmt: skip


def test_cpu_tiny_run_writes_every_field(tmp_path):
    out = tmp_path / "gpu_bench.json"
    # A tiny peak, so that the MFU of a tiny CPU run is a number to check, not 0.0.
    done = run_script(tmp_path, "--variants", "fp32,bf16", "--epochs", "3", "--steps", "2",
                      "--peak-tflops", "1e-6", "--out", str(out))  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    lines = [json.loads(x) for x in done.stdout.splitlines() if x.startswith("{")]
    assert [x.get("variant") for x in lines[1:]] == ["fp32", "bf16"]
    assert "| fp32 |" in done.stdout  # the summary table

    result = json.loads(out.read_text())
    assert result["meta"]["workload"] == "tiny" and result["meta"]["sizes"]["epochs"] == 3
    assert result["meta"]["environment"]["torch"] and result["meta"]["machine"]["cores"]
    assert result["meta"]["command"].startswith("python -m bench.training.gpu_bench --device cpu")
    fp32, bf16 = result["variants"]
    for r in (fp32, bf16):
        assert r.keys() >= FIELDS, FIELDS - r.keys()
        assert r["device"] == "cpu" and r["memory_kind"] == "cpu_peak_rss"
        assert r["tokens_per_s"] > 0 and r["peak_memory_mb"] > 0 and r["loss_finite"]
        # One epoch of warm-up, two timed steps, the rest extrapolated and said so.
        assert r["warmup_steps"] == r["total_steps"] // 3
        assert r["measured_steps"] == 2 and r["extrapolated"] is True
        assert 0 < r["measured_share"] < 1
        assert r["full_run_s"] == pytest.approx(
            r["warmup_s"] + (r["total_steps"] - r["warmup_steps"]) * r["step_ms_mean"] / 1000,
            abs=0.002,
        )
        assert r["mfu"] > 1 and r["mfu"] == pytest.approx(
            r["tokens_per_s"] * r["flops_per_token"] / (r["peak_tflops"] * 1e12), rel=1e-3
        )
        assert r["threads"] == 1  # the stage's set-up ran (train.num_threads)
        assert r["fused"] is False  # the stage fuses on CUDA only
    assert (fp32["precision"], bf16["precision"]) == ("fp32", "bf16")
    assert not (tmp_path / "ignored").exists()  # --out wins over $OUT


def test_full_runs_the_stages_loop_to_its_end(tmp_path):
    out = tmp_path / "full.json"
    done = run_script(tmp_path, "--variants", "fp32", "--full", "--out", str(out))
    assert done.returncode == 0, done.stderr[-2000:]
    (r,) = json.loads(out.read_text())["variants"]
    assert r["extrapolated"] is False and r["measured_share"] == 1.0
    assert r["warmup_steps"] + r["measured_steps"] == r["total_steps"]


def test_the_steps_are_the_train_stages(monkeypatch):
    """The variant runs the stage's loop once; every timed step is its train_step and AdamW."""
    import training.train

    runs, optimizers = [], []
    real_loop, real_step = bench.run_steps, training.train.train_step

    def loop(run, on_step):
        runs.append(run)
        return real_loop(run, on_step)

    def step(model, optimizer, *args, **kwargs):
        optimizers.append(type(optimizer).__name__)
        return real_step(model, optimizer, *args, **kwargs)

    monkeypatch.setattr(bench, "run_steps", loop)
    monkeypatch.setattr(training.train, "train_step", step)
    w = bench.WORKLOADS["tiny"]
    args = bench.arguments(["--device", "cpu", "--workload", "tiny", "--steps", "3"])
    blocks, _ = bench.make_blocks(w)
    r = bench.run_variant("fp32", w, args, blocks)
    (run,) = runs
    assert len(optimizers) == r["warmup_steps"] + r["measured_steps"] and set(optimizers) == {
        "AdamW"
    }
    # The stage's schedule: its learning rates, and no checkpoint inside the timed steps.
    lrs = [h["lr"] for h in run.state.history]
    assert lrs == [training.train.learning_rate(s, w.learning_rate, run.params)
                   for s in run.steps[: len(lrs)]]  # fmt: skip
    assert run.params.checkpoint_every > len(run.steps)


def test_epochs_below_one_stop():
    with pytest.raises(SystemExit, match="--epochs"):
        bench.main(["--device", "cpu", "--workload", "tiny", "--epochs", "0"])


def test_out_defaults_to_the_out_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("OUT", str(tmp_path))
    assert bench.output_path(None) == tmp_path / "gpu_bench.json"
    monkeypatch.delenv("OUT")
    assert bench.output_path(None) == ROOT / "bench" / "results" / "gpu_bench.json"


def test_a_misspelt_variant_stops_before_any_work():
    with pytest.raises(SystemExit, match="unknown variant"):
        bench.main(["--device", "cpu", "--workload", "tiny", "--variants", "fp32,bf61"])


def test_the_default_workload_is_gpt_neo_125m():
    w = bench.Workload()
    with torch.device("meta"):  # sizes only: no memory, no initialisation
        model = bench.build_model(w)
    # EleutherAI/gpt-neo-125M has 125,198,592 parameters with 2,048 positions; the stage's
    # scratch model has as many positions as a block.
    n = sum(p.numel() for p in model.parameters())
    assert n == 125_198_592 - (2048 - 512) * 768
    assert model.config.attention_layers[:2] == ["global", "local"]
    assert model.config.window_size == 256 and model.config.max_position_embeddings == 512
    n_flops, per_token = bench.flops_per_token(model, w)
    assert n_flops == n - 512 * 768
    assert per_token == 6 * n_flops + 12 * 12 * 768 * 512


def test_blocks_are_packed_songs():
    w = bench.WORKLOADS["tiny"]
    blocks, lengths = bench.make_blocks(w)
    assert len(lengths) == w.songs
    assert blocks.shape == ((lengths.sum() + w.songs) // w.block_size, w.block_size)
    assert (blocks == w.vocab_size - 1).sum() >= w.songs - 1  # the EOS after each song
