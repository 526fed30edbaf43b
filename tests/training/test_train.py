import dataclasses
import json
import math
from pathlib import Path

import pytest
import torch
from safetensors.torch import load_file
from tiny_data import ROLES, tiny_params, write_clean

from common.config import ConfigError, build
from training.checkpoint import CHECKPOINT
from training.device import pick_precision
from training.train import (
    Phase,
    TrainingError,
    TrainParams,
    learning_rate,
    load_phase_data,
    schedule,
    train,
)

METRIC_KEYS = {
    "train_time_s",
    "peak_memory_mb",
    "train_loss_avg",
    "eval_loss",
    "perplexity",
    "tokens_per_s",
    "epochs",
    "n_params",
    "device",
}


def test_a_tiny_run_writes_every_metric_and_saves_model_tokenizer_seed_config(trained):
    model_dir, metrics, live_dir = trained
    assert set(metrics) >= METRIC_KEYS
    assert metrics["device"] == "cpu"
    assert metrics["epochs"] == 2 and metrics["pretrain_epochs"] == 1
    assert metrics["train_time_s"] > 0 and metrics["tokens_per_s"] > 0
    assert metrics["peak_memory_mb"] > 10
    assert math.isclose(metrics["perplexity"], math.exp(metrics["eval_loss"]), rel_tol=1e-3)
    assert metrics["finetune_eval_loss"] is not None and metrics["pretrain_eval_loss"] is not None

    from transformers import AutoModelForCausalLM, AutoTokenizer

    model = AutoModelForCausalLM.from_pretrained(str(model_dir))
    assert sum(p.numel() for p in model.parameters()) == metrics["n_params"]
    assert AutoTokenizer.from_pretrained(str(model_dir)).eos_token == "<|endoftext|>"
    resolved = json.loads((model_dir / "training_config.json").read_text())
    assert resolved["seed"] == 42
    assert resolved["params"]["scratch"]["hidden_size"] == 32
    assert resolved["device"] == "cpu" and resolved["precision"] == "fp32"


def test_every_step_is_in_the_dvclive_plots(trained):
    _, metrics, live_dir = trained
    rows = (live_dir / "plots" / "metrics" / "train" / "loss.tsv").read_text().splitlines()
    assert rows[0] == "step\tloss"
    steps = [int(r.split("\t")[0]) for r in rows[1:]]
    assert steps == list(range(1, metrics["steps"] + 1))
    losses = [float(r.split("\t")[1]) for r in rows[1:]]
    assert math.isclose(sum(losses) / len(losses), metrics["train_loss_avg"], abs_tol=1e-3)
    for name in ("lr", "tokens_per_s"):
        assert (live_dir / "plots" / "metrics" / "train" / f"{name}.tsv").is_file()


def last_pretrain_step(params, corpus_dir, tokenizer_dir) -> int:
    from transformers import PreTrainedTokenizerFast

    tokenizer = PreTrainedTokenizerFast.from_pretrained(str(tokenizer_dir))
    steps = schedule(load_phase_data(params, corpus_dir, tokenizer), params)
    return max(i for i, s in enumerate(steps, start=1) if s.phase == 0)


# Killed mid-phase; with dropout, so the restored RNG matters; at the last step of a phase, whose
# evaluation the checkpoint must hold.
@pytest.mark.parametrize(("dropout", "kill"), [(0.0, 3), (0.1, 3), (0.0, "end of pretrain")])
def test_an_interrupted_run_resumes_from_its_checkpoint(
    corpus_dir, tokenizer_dir, tmp_path, dropout, kill
):
    sizes = tiny_params().scratch
    params = tiny_params(checkpoint_every=2, scratch=dataclasses.replace(sizes, dropout=dropout))
    straight = train(params, corpus_dir, tokenizer_dir, tmp_path / "a", tmp_path / "a-ckpt")
    at = (
        last_pretrain_step(params, corpus_dir, tokenizer_dir) if kill == "end of pretrain" else kill
    )

    def kill_at_step_3(step: int) -> None:
        if step == at:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        train(
            params,
            corpus_dir,
            tokenizer_dir,
            tmp_path / "b",
            tmp_path / "b-ckpt",
            live_dir=tmp_path / "live",
            on_step=kill_at_step_3,
        )
    assert (tmp_path / "b-ckpt" / CHECKPOINT).is_file()
    assert not (tmp_path / "b").exists()

    resumed = train(
        params, corpus_dir, tokenizer_dir, tmp_path / "b", tmp_path / "b-ckpt", tmp_path / "live"
    )
    assert resumed["resumed_from_step"] == (2 if at == 3 else at)
    assert resumed["steps"] == straight["steps"]
    assert resumed["train_loss_avg"] == pytest.approx(straight["train_loss_avg"], abs=1e-4)
    for key in ("eval_loss", "pretrain_eval_loss", "finetune_eval_loss"):
        assert straight[key] is not None and resumed[key] == pytest.approx(straight[key], abs=1e-4)
    # ... and the same weights as the run that was never interrupted.
    wa = load_file(tmp_path / "a" / "model.safetensors")
    wb = load_file(tmp_path / "b" / "model.safetensors")
    assert all(torch.allclose(wa[k], wb[k], atol=1e-6) for k in wa)
    # The plots hold every step once, the ones before the interruption included.
    rows = (tmp_path / "live" / "plots" / "metrics" / "train" / "loss.tsv").read_text().splitlines()
    assert [int(r.split("\t")[0]) for r in rows[1:]] == list(range(1, straight["steps"] + 1))
    # A finished run leaves no checkpoint behind.
    assert not (tmp_path / "b-ckpt" / CHECKPOINT).exists()


def test_a_checkpoint_from_other_parameters_is_not_resumed(corpus_dir, tokenizer_dir, tmp_path):
    def stop(step: int) -> None:
        if step == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        train(
            tiny_params(), corpus_dir, tokenizer_dir, tmp_path / "m", tmp_path / "c", on_step=stop
        )
    other = tiny_params(seed=7, finetune=Phase(epochs=1, learning_rate=1e-3))
    metrics = train(other, corpus_dir, tokenizer_dir, tmp_path / "m", tmp_path / "c")
    assert metrics["resumed_from_step"] == 0


def stop_at(step_to_stop: int):
    """An `on_step` that interrupts the run after that optimizer step (a killed `dvc repro`)."""

    def on_step(step: int) -> None:
        if step == step_to_stop:
            raise KeyboardInterrupt

    return on_step


def test_a_checkpoint_from_other_data_is_not_resumed(corpus_dir, tokenizer_dir, tmp_path, capsys):
    from training.corpus import CorpusParams, build_corpus

    params = tiny_params()
    with pytest.raises(KeyboardInterrupt):
        train(params, corpus_dir, tokenizer_dir, tmp_path / "m", tmp_path / "c", on_step=stop_at(2))
    other = tmp_path / "other-corpus"
    clean = write_clean(tmp_path / "clean", n_web=14)  # two more web pages
    build_corpus(CorpusParams(validation_share=0.2), ROLES, clean, other)
    capsys.readouterr()
    metrics = train(params, other, tokenizer_dir, tmp_path / "m", tmp_path / "c")
    assert metrics["resumed_from_step"] == 0
    assert "is from other parameters or data; starting over" in capsys.readouterr().out


def test_the_fingerprint_reads_the_files_bytes(tmp_path):
    """Same parameters, names and sizes, one byte changed: another fingerprint. The same files
    under another folder: another fingerprint too (pretrain/ against finetune/)."""
    from training.checkpoint import fingerprint

    params = tiny_params()
    for role in ("pretrain", "finetune"):
        (tmp_path / role).mkdir()
        (tmp_path / role / "train.parquet").write_bytes(b"regen in de stad")
    files = [tmp_path / "pretrain" / "train.parquet"]
    before = fingerprint(params, files)
    assert fingerprint(params, files) == before
    files[0].write_bytes(b"regen in de sTad")
    assert fingerprint(params, files) != before
    files[0].write_bytes(b"regen in de stad")
    assert fingerprint(params, [tmp_path / "finetune" / "train.parquet"]) != before
    assert fingerprint(dataclasses.replace(params, seed=params.seed + 1), files) != before


class CreatesAFile:
    """Unpickling this creates `path`: the code a checkpoint from a shared remote could carry."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self):
        return (Path.touch, (self.path,))


def test_a_checkpoint_holding_a_pickled_object_is_refused_and_the_run_starts_over(
    corpus_dir, tokenizer_dir, tmp_path, capsys
):
    params = tiny_params()
    with pytest.raises(KeyboardInterrupt):
        train(params, corpus_dir, tokenizer_dir, tmp_path / "m", tmp_path / "c", on_step=stop_at(2))
    # The run's own checkpoint, fingerprint and all, with an object added: it would resume.
    path = tmp_path / "c" / CHECKPOINT
    saved = torch.load(path, weights_only=True)
    marker = tmp_path / "the-code-ran"
    saved["extra"] = CreatesAFile(marker)
    torch.save(saved, path)
    capsys.readouterr()

    metrics = train(params, corpus_dir, tokenizer_dir, tmp_path / "m", tmp_path / "c")
    assert not marker.exists()
    out = capsys.readouterr().out
    assert f"train: refusing {path}: it holds a pickled Python object" in out
    assert metrics["resumed_from_step"] == 0
    assert (tmp_path / "m" / "model.safetensors").is_file()
    assert json.loads((tmp_path / "c" / "last_run.json").read_text())["complete"]
    assert not path.exists()


def test_a_checkpoint_for_another_tokenizer_is_not_resumed(corpus_dir, tokenizer_dir, tmp_path):
    import shutil

    params = tiny_params()
    with pytest.raises(KeyboardInterrupt):
        train(params, corpus_dir, tokenizer_dir, tmp_path / "m", tmp_path / "c", on_step=stop_at(2))
    other = tmp_path / "tokenizer"
    shutil.copytree(tokenizer_dir, other)
    config = other / "tokenizer_config.json"
    config.write_text(config.read_text().replace("{", '{"model_max_length": 12345, ', 1))
    metrics = train(params, corpus_dir, other, tmp_path / "m", tmp_path / "c")
    assert metrics["resumed_from_step"] == 0


def test_the_final_eval_loss_is_on_the_finetune_text(trained, corpus_dir, tokenizer_dir, tmp_path):
    """After both phases, the fine-tuning evaluation; with no fine-tuning, the model that was
    pretrained, evaluated on the fine-tuning validation text (not the pretrain text)."""
    _, metrics, _ = trained
    assert metrics["eval_loss"] == metrics["finetune_eval_loss"] != metrics["pretrain_eval_loss"]
    params = tiny_params(finetune=Phase(epochs=0, learning_rate=1e-3))
    only = train(params, corpus_dir, tokenizer_dir, tmp_path / "m", tmp_path / "c")
    assert only["finetune_eval_loss"] is None and only["pretrain_eval_loss"] is not None
    assert only["eval_loss"] is not None and only["eval_loss"] != only["pretrain_eval_loss"]


def test_fine_tuning_a_local_model_without_pretraining(
    trained, corpus_dir, tokenizer_dir, tmp_path
):
    model_dir, _, _ = trained
    # A learning rate so low that the fine-tuned weights are still, nearly, the base model's.
    params = tiny_params(
        base_model=str(model_dir),
        pretrain=Phase(epochs=0),
        finetune=Phase(epochs=2, learning_rate=1e-6),
    )
    metrics = train(params, corpus_dir, tokenizer_dir, tmp_path / "m", tmp_path / "c")
    assert metrics["pretrain_epochs"] == 0
    assert metrics["pretrain_loss_avg"] is None
    assert metrics["finetune_loss_avg"] == metrics["train_loss_avg"]
    # The base model's weights were loaded (not a fresh model of the same shape), then trained.
    base = load_file(model_dir / "model.safetensors")
    tuned = load_file(tmp_path / "m" / "model.safetensors")
    assert base.keys() == tuned.keys()
    assert all(torch.allclose(base[k], tuned[k], atol=1e-4) for k in base)
    assert any(not torch.equal(base[k], tuned[k]) for k in base)


def test_the_schedule_covers_every_block_once_an_epoch_with_accumulation(corpus_dir, tokenizer_dir):
    from transformers import PreTrainedTokenizerFast

    from training.train import load_phase_data

    params = tiny_params(batch_size=3, gradient_accumulation_steps=2)
    tokenizer = PreTrainedTokenizerFast.from_pretrained(str(tokenizer_dir))
    phases = load_phase_data(params, corpus_dir, tokenizer)
    steps = schedule(phases, params)
    for p, phase in enumerate(phases):
        for epoch in range(phase.epochs):
            seen = [
                i
                for s in steps
                if s.phase == p and s.epoch == epoch
                for batch in s.micro_batches
                for i in batch
            ]
            assert sorted(seen) == list(range(len(phase.train.blocks)))
    assert all(len(s.micro_batches) <= 2 for s in steps)
    assert schedule(phases, params) == steps  # the same seed, the same order


def test_learning_rate_warms_up_then_decays_to_the_floor():
    from training.train import Step

    params = tiny_params(warmup_ratio=0.1, min_lr_ratio=0.1)
    rates = [learning_rate(Step(0, 0, i, 100, ()), 1.0, params) for i in range(100)]
    assert rates[0] < rates[9] <= 1.0
    assert rates[10] == pytest.approx(1.0)
    assert all(a >= b for a, b in zip(rates[10:], rates[11:], strict=False))
    assert rates[-1] == pytest.approx(0.1, abs=0.01)


def test_precision_follows_the_device():
    cpu = torch.device("cpu")
    assert pick_precision("auto", cpu) == "fp32"
    with pytest.raises(TrainingError, match="fp16 needs a CUDA GPU"):
        pick_precision("fp16", cpu)


def test_train_params_are_strict():
    with pytest.raises(ConfigError, match=r"train: unknown key 'epochs'"):
        build(TrainParams, {"epochs": 3}, "params.yaml: train")
    with pytest.raises(ConfigError, match=r"train.finetune.learning_rate: expected a number"):
        build(TrainParams, {"finetune": {"learning_rate": "fast"}}, "params.yaml: train")
    # YAML 1.1 reads 1e-3 (no dot) as a string; the loader takes it as the number it means.
    assert (
        build(TrainParams, {"finetune": {"learning_rate": "1e-3"}}, "p").finetune.learning_rate
        == 1e-3
    )


def test_on_a_gpu_precision_is_bf16_where_supported_else_fp16(monkeypatch):
    cuda = torch.device("cuda")
    monkeypatch.setattr(torch.cuda, "is_bf16_supported", lambda *a, **k: True)
    assert pick_precision("auto", cuda) == "bf16"
    monkeypatch.setattr(torch.cuda, "is_bf16_supported", lambda *a, **k: False)
    assert pick_precision("auto", cuda) == "fp16"
    assert pick_precision("fp32", cuda) == "fp32"


def test_the_autocast_path_trains(corpus_dir, tokenizer_dir, tmp_path):
    # bf16 autocast runs on the CPU too: the same code path a GPU takes, without the GPU.
    params = tiny_params(precision="bf16", finetune=Phase(epochs=1, learning_rate=3e-3))
    metrics = train(params, corpus_dir, tokenizer_dir, tmp_path / "m", tmp_path / "c")
    assert metrics["precision"] == "bf16"
    assert math.isfinite(metrics["train_loss_avg"]) and math.isfinite(metrics["eval_loss"])


def test_the_same_run_twice_gives_the_same_weights_byte_for_byte(
    trained, corpus_dir, tokenizer_dir, tmp_path
):
    """What `make repro` on a fresh clone relies on for the `data/model` hash: the same data,
    parameters, thread count and machine give the same bytes (docs/training.md)."""
    model_dir, metrics, _ = trained
    again = train(tiny_params(), corpus_dir, tokenizer_dir, tmp_path / "model", tmp_path / "ckpt")
    assert again["train_loss_avg"] == metrics["train_loss_avg"]
    first = (model_dir / "model.safetensors").read_bytes()
    assert (tmp_path / "model" / "model.safetensors").read_bytes() == first
