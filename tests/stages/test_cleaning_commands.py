"""The cleaning half as a user runs it: the `clean@NAME` and `figures` commands exactly as
dvc.yaml spells them, `schoon clean`, and `schoon stats REV` / `schoon audit --diff REV`
through the command line, in a git repository of their own."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys

import pyarrow.parquet as pq
import pytest
import yaml

from tests.conftest import ROOT


def dvc_cmd(stage: str, key: str | None = None) -> list[str]:
    """A stage's command from dvc.yaml, with `${key}` filled in for a foreach stage."""
    spec = yaml.safe_load((ROOT / "dvc.yaml").read_text(encoding="utf-8"))["stages"][stage]
    cmd = spec.get("do", spec)["cmd"]
    if key is not None:
        cmd = cmd.replace("${key}", key)
    argv = shlex.split(cmd)
    assert argv[:2] == ["python", "-m"]
    return [sys.executable, *argv[1:]]


def run(argv: list[str], cwd) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, check=False)


def git(cwd, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A copy of the project's params and bundled samples, committed in a fresh git repo, with
    `clean@lyrics` run once by its dvc.yaml command."""
    root = tmp_path_factory.mktemp("project")
    shutil.copy(ROOT / "params.yaml", root / "params.yaml")
    shutil.copytree(ROOT / "data" / "samples", root / "data" / "samples")
    proc = run(dvc_cmd("clean", "lyrics"), root)
    assert proc.returncode == 0, proc.stderr
    git(root, "init", "-q")
    git(root, "config", "user.email", "t@example.org")
    git(root, "config", "user.name", "t")
    git(root, "add", "params.yaml", "metrics", "stats")
    git(root, "commit", "-qm", "first run")
    return root


def ids(directory) -> set[str]:
    return {r["id"] for r in pq.read_table(directory, columns=["id"]).to_pylist()}


def test_the_clean_stage_command_writes_its_outputs(project):
    stats = json.loads((project / "stats/clean/lyrics.json").read_text())
    kept = ids(project / "data/clean/lyrics")
    rejected = ids(project / "data/rejected/lyrics")
    assert stats["docs_in"] == stats["docs_out"] + sum(stats["docs_dropped"].values())
    assert (len(kept), len(rejected)) == (stats["docs_out"], stats["docs_in"] - stats["docs_out"])
    assert kept and rejected


def test_schoon_clean_gives_what_the_stage_gives(project, tmp_path):
    proc = run(
        [sys.executable, "-m", "cli.main", "clean", "--source", "lyrics",
         "--kept", str(tmp_path / "k"), "--rejected", str(tmp_path / "r"),
         "--stats", str(tmp_path / "s.json")],
        project,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert ids(tmp_path / "k") == ids(project / "data/clean/lyrics")
    assert json.loads((tmp_path / "s.json").read_text()) == json.loads(
        (project / "stats/clean/lyrics.json").read_text()
    )


def test_the_figures_stage_command(project):
    loss = project / "dvclive/train/plots/metrics/train/loss.tsv"
    loss.parent.mkdir(parents=True)
    loss.write_text("step\tloss\n1\t8.0\n2\t7.0\n3\t6.5\n")
    proc = run(dvc_cmd("figures"), project)
    assert proc.returncode == 0, proc.stderr
    pictures = sorted(p.name for p in (project / "reports/figures").iterdir())
    assert {"funnel_lyrics.png", "reasons_lyrics.png", "training_loss.png"} <= set(pictures)
    assert (project / "reports/figures/funnel_lyrics.png").read_bytes()[:4] == b"\x89PNG"


def test_stats_and_audit_diff_against_a_git_revision(project):
    params = yaml.safe_load((project / "params.yaml").read_text())
    params["sources"]["lyrics"]["filters"] = {
        "short_document": {"min_sentences": 20, "unit": "lines"}
    }
    (project / "params.yaml").write_text(yaml.safe_dump(params, sort_keys=False))

    proc = run([sys.executable, "-m", "cli.main", "audit", "--source", "lyrics",
                "--diff", "HEAD", "--color", "never"], project)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    # The 16-line songs are dropped now and were kept at HEAD.
    head, counts = proc.stdout.splitlines()[:2]
    assert head.startswith("source 'lyrics': 34 documents, 11 change verdict") and "HEAD" in head
    assert counts == "kept: +11 -0"
    assert "lyrics/lyrics.csv/10: short_document -> »kept«" in proc.stdout

    proc = run(dvc_cmd("clean", "lyrics"), project)
    assert proc.returncode == 0, proc.stderr
    before = json.loads(
        subprocess.run(["git", "show", "HEAD:stats/clean/lyrics.json"], cwd=project,
                       capture_output=True, text=True, check=True).stdout
    )  # fmt: skip
    after = json.loads((project / "stats/clean/lyrics.json").read_text())
    assert after["docs_out"] < before["docs_out"]
    proc = run([sys.executable, "-m", "cli.main", "stats", "--format", "json", "HEAD"], project)
    assert proc.returncode == 0, proc.stderr
    shown = json.loads(proc.stdout)
    assert json.dumps(before["docs_out"]) in json.dumps(shown)
    assert json.dumps(after["docs_out"]) in json.dumps(shown)
