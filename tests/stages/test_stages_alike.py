"""Every stage reports a problem the user can fix the same way (`STAGE: message` on stderr,
exit 2), and `dvc repro` checks params.yaml before it cleans anything."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT

DVC = yaml.safe_load((ROOT / "dvc.yaml").read_text(encoding="utf-8"))["stages"]
BUNDLED = yaml.safe_load((ROOT / "params.yaml").read_text(encoding="utf-8"))


def stage_argv(name: str) -> list[str]:
    spec = DVC[name].get("do", DVC[name])
    argv = shlex.split(spec["cmd"].replace("${key}", "web"))
    assert argv[:2] == ["python", "-m"]
    return [sys.executable, *argv[1:]]


def env() -> dict[str, str]:
    return dict(os.environ, PYTHONPATH=str(ROOT), HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")


# Each stage with a misspelt key in the section it reads: (stage, section).
BAD_KEY = [("check", "clean"), ("check", "beam"), ("clean", "clean"), ("clean", "beam"),
           ("dedup", "dedup"), ("dedup", "beam"), ("corpus", "corpus"), ("tokenizer", "tokenizer"),
           ("train", "train"), ("generate", "generate"), ("report", "report")]  # fmt: skip


@pytest.mark.parametrize(("stage", "section"), BAD_KEY)
def test_a_bad_parameter_is_reported_alike_by_every_stage(tmp_path, stage, section):
    params = yaml.safe_load(yaml.safe_dump(BUNDLED))
    params[section]["no_such_key"] = 1
    params["sources"]["web"]["path"] = str(ROOT / BUNDLED["sources"]["web"]["path"])
    params["sources"]["lyrics"]["path"] = str(ROOT / BUNDLED["sources"]["lyrics"]["path"])
    (tmp_path / "params.yaml").write_text(yaml.safe_dump(params), encoding="utf-8")
    proc = subprocess.run(stage_argv(stage), cwd=tmp_path, env=env(), capture_output=True,
                          text=True, timeout=300, check=False)  # fmt: skip
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.endswith(
        f"{stage}: params.yaml: {section}: unknown key 'no_such_key' (allowed: "
        + proc.stderr.split("(allowed: ")[-1]
    ), proc.stderr
    assert "Traceback" not in proc.stderr and not proc.stdout.strip()


# The training stages' own errors (BaseModelError, TrainingError) are InputErrors too.
MISSING = [("corpus", "data/dedup"), ("tokenizer", "data/corpus"),
           ("train", "data/tokenizer holds no tokenizer.json"), ("generate", "data/model"),
           ("report", "data/model")]  # fmt: skip


@pytest.mark.parametrize(("stage", "names"), MISSING)
def test_a_missing_input_is_reported_alike(tmp_path, stage, names):
    shutil.copy(ROOT / "params.yaml", tmp_path / "params.yaml")
    proc = subprocess.run(stage_argv(stage), cwd=tmp_path, env=env(), capture_output=True,
                          text=True, timeout=300, check=False)  # fmt: skip
    assert proc.returncode == 2 and proc.stderr.startswith(f"{stage}: "), proc.stderr
    assert names in proc.stderr and "Traceback" not in proc.stderr


def test_check_lists_each_sources_files(tmp_path):
    """A source whose path matches no file fails `check`, before any cleaning."""
    params = yaml.safe_load(yaml.safe_dump(BUNDLED))
    params["sources"]["lyrics"]["path"] = str(ROOT / BUNDLED["sources"]["lyrics"]["path"])
    params["sources"]["web"]["path"] = "data/raw/nergens"
    (tmp_path / "params.yaml").write_text(yaml.safe_dump(params), encoding="utf-8")
    argv = [*stage_argv("check")[:3], "--out", "checked.json"]
    proc = subprocess.run(argv, cwd=tmp_path, env=env(), capture_output=True, text=True,
                          timeout=300, check=False)  # fmt: skip
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr == (
        "check: source 'web': no file matches data/raw/nergens "
        "(set sources.web.path in params.yaml)\n"
    )
    assert not (tmp_path / "checked.json").exists()


def test_a_setting_that_cannot_work_is_reported_alike(tmp_path):
    """A TrainingError (here fp16 on the CPU) is the stage's `STAGE: message`, exit 2."""
    params = yaml.safe_load(yaml.safe_dump(BUNDLED))
    params["train"].update(device="cpu", precision="fp16")
    (tmp_path / "params.yaml").write_text(yaml.safe_dump(params), encoding="utf-8")
    proc = subprocess.run(stage_argv("train"), cwd=tmp_path, env=env(), capture_output=True,
                          text=True, timeout=300, check=False)  # fmt: skip
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.startswith("train: train.precision: fp16 needs a CUDA GPU"), proc.stderr
    assert "Traceback" not in proc.stderr


def _project(root: Path, extra_path: str) -> None:
    """A copy of the project's code, stages and samples, with one more source at `extra_path`."""
    for name in ("common", "filters", "pipeline", "stages", "training", "reporting"):
        shutil.copytree(ROOT / name, root / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "data" / "samples", root / "data" / "samples")
    shutil.copy(ROOT / "dvc.yaml", root / "dvc.yaml")
    params = yaml.safe_load(yaml.safe_dump(BUNDLED))
    params["sources"]["extra"] = {**params["sources"]["web"], "path": extra_path}
    params["sources"]["extra"].pop("pattern")
    (root / "params.yaml").write_text(yaml.safe_dump(params, sort_keys=False), encoding="utf-8")
    (root / "data" / "extra").mkdir()
    shutil.copy(next((ROOT / "data/samples/web").glob("*.json.gz")), root / "data/extra")


def dvc(root: Path, *args: str) -> subprocess.CompletedProcess:
    exe = str(Path(sys.executable).with_name("dvc"))
    run_env = dict(env(), DVC_NO_ANALYTICS="1", PATH=f"{Path(sys.executable).parent}:"
                   + os.environ.get("PATH", ""))  # fmt: skip
    return subprocess.run([exe, *args], cwd=root, env=run_env, capture_output=True, text=True,
                          timeout=600, check=False)  # fmt: skip


def test_dvc_repro_with_a_glob_path_fails_with_the_projects_message(tmp_path):
    _project(tmp_path, "data/extra/*.json.gz")
    assert dvc(tmp_path, "init", "--no-scm", "-q").returncode == 0
    for target in ([], ["clean@extra"]):
        proc = dvc(tmp_path, "repro", *target)
        out = proc.stdout + proc.stderr
        assert proc.returncode != 0
        assert "Running stage 'check'" in out, out
        assert ("check: params.yaml: sources.extra: path 'data/extra/*.json.gz' is a glob" in out
                and "path: data/extra and pattern: '*.json.gz'" in out), out  # fmt: skip
        assert "Errno 2" not in out and "Running stage 'clean@" not in out, out
    assert not (tmp_path / "data" / "clean").exists()


def test_how_a_job_runs_is_no_stages_param_and_what_cleaning_writes_is():
    """The `beam` section (how every job runs) is a param of no stage, so changing it re-runs
    nothing; the `clean` keys that change what the cleaning writes are its stages' params.
    `batch_size` (not in params.yaml) changes only how rows are grouped inside the files."""
    import dataclasses

    from pipeline.clean.params import CleanParams

    writes = {f.name for f in dataclasses.fields(CleanParams)} - {"batch_size"}
    assert writes == {"num_shards", "max_raw_chars"}  # a new key: classify it here
    listed = {p for p in DVC["clean"]["do"]["params"] if p.startswith("clean")}
    assert listed == {f"clean.{k}" for k in writes if k in BUNDLED["clean"]}
    assert {p for p in DVC["check"]["params"] if p.startswith("clean")} == listed
    for spec in DVC.values():
        stage_params = spec.get("do", spec).get("params", [])
        assert "clean" not in stage_params
        assert not [p for p in stage_params if p == "beam" or p.startswith("beam.")]


def test_a_key_of_the_old_clean_section_says_where_it_went(tmp_path):
    params = yaml.safe_load(yaml.safe_dump(BUNDLED))
    params["clean"]["runner"] = params.pop("beam")["runner"]
    for name in ("web", "lyrics"):
        params["sources"][name]["path"] = str(ROOT / BUNDLED["sources"][name]["path"])
    (tmp_path / "params.yaml").write_text(yaml.safe_dump(params), encoding="utf-8")
    proc = subprocess.run(stage_argv("check"), cwd=tmp_path, env=env(), capture_output=True,
                          text=True, check=False)  # fmt: skip
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr == (
        "check: params.yaml: clean.runner: moved to beam.runner (write it as "
        "`beam: {runner: ...}`)\n"
    )


def test_changing_how_the_cleaning_runs_reruns_nothing(tmp_path):
    _project(tmp_path, "data/extra")
    assert dvc(tmp_path, "init", "--no-scm", "-q").returncode == 0
    proc = dvc(tmp_path, "repro", "clean@lyrics")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    params = yaml.safe_load((tmp_path / "params.yaml").read_text(encoding="utf-8"))

    def status_after(section: str, **keys) -> str:
        params[section].update(keys)
        (tmp_path / "params.yaml").write_text(yaml.safe_dump(params, sort_keys=False))
        proc = dvc(tmp_path, "status", "check", "clean@lyrics")
        assert proc.returncode == 0, proc.stderr
        return proc.stdout

    changed = status_after("beam", workers=2, verbose=True, runner="portable",
                           pipeline_options=["--x"])  # fmt: skip
    assert changed.strip() == "Data and pipelines are up to date.", changed  # check too
    assert "clean@lyrics" in status_after("clean", max_raw_chars=100)


def test_adding_a_source_reruns_no_other_sources_cleaning(tmp_path):
    _project(tmp_path, "data/extra")
    params = yaml.safe_load((tmp_path / "params.yaml").read_text(encoding="utf-8"))
    extra = params["sources"].pop("extra")
    (tmp_path / "params.yaml").write_text(yaml.safe_dump(params, sort_keys=False))
    assert dvc(tmp_path, "init", "--no-scm", "-q").returncode == 0
    proc = dvc(tmp_path, "repro", "clean@lyrics")
    assert proc.returncode == 0, proc.stdout + proc.stderr

    params["sources"]["extra"] = extra
    (tmp_path / "params.yaml").write_text(yaml.safe_dump(params, sort_keys=False))
    proc = dvc(tmp_path, "repro", "clean@lyrics", "clean@extra")
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out
    assert "Running stage 'clean@extra'" in out and "Running stage 'check'" in out
    assert "Running stage 'clean@lyrics'" not in out, out
    assert (tmp_path / "stats/check/extra.json").exists()

    # What `dvc metrics show` prints of the cleaning: the headline keys, whatever the data, in a
    # table that fits a terminal; the whole statistics are beside them, under stats/.
    from stages import headline

    shown = json.loads(dvc(tmp_path, "metrics", "show", "--json").stdout)
    files = {path: v for path, v in shown[""]["data"].items() if "data" in v}  # the ones run
    assert set(files) == {"metrics/clean/lyrics.json", "metrics/clean/extra.json"}
    for name in ("lyrics", "extra"):
        whole = json.loads((tmp_path / f"stats/clean/{name}.json").read_text())
        assert files[f"metrics/clean/{name}.json"]["data"] == headline.clean(whole)
    table = dvc(tmp_path, "metrics", "show", "metrics/clean/lyrics.json").stdout.splitlines()
    assert len(table) == 2 and max(map(len, table)) <= 160, table


def test_a_change_that_only_touches_the_card_trains_nothing(tmp_path):
    """A source's licence is in the dataset card, not in the text: the corpus stage writes the
    card again, and the tokenizer (like train) waits on the corpus files, not the card."""
    _project(tmp_path, "data/extra")
    assert dvc(tmp_path, "init", "--no-scm", "-q").returncode == 0
    proc = dvc(tmp_path, "repro", "tokenizer")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    params = yaml.safe_load((tmp_path / "params.yaml").read_text(encoding="utf-8"))
    params["sources"]["extra"]["license"] = "cc0-1.0"
    (tmp_path / "params.yaml").write_text(yaml.safe_dump(params, sort_keys=False))
    proc = dvc(tmp_path, "repro", "tokenizer")
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out
    assert "Running stage 'corpus'" in out, out
    assert "cc0-1.0" in (tmp_path / "data/corpus/README.md").read_text(encoding="utf-8")
    assert "Running stage 'tokenizer'" not in out, out
