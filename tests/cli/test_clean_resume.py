"""`schoon clean` resumes by default, as the `clean@NAME` stage does: its work directory is
`data/cache/clean/NAME`, or `.schoon-work-BASENAME` beside an explicit `--kept`; `--fresh`
cleans every file again. Started by the installed console script, killed with SIGKILL."""

from __future__ import annotations

import pytest

from common.config import ConfigError
from pipeline.beam.runner import BeamConfig
from pipeline.clean.work import clear_work, default_work
from pipeline.sources import SourceConfig
from tests.pipeline.helpers import (
    clean_in_process,
    committed,
    kill_after_commits,
    output_flags,
    read_outputs,
    schoon_clean,
    shards_params,
    write_shards,
)


def finish(proc) -> str:
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    return err


def test_a_killed_run_resumes_with_no_flag(tmp_path):
    shards = tmp_path / "shards"
    write_shards(shards, 8, docs=100)
    params = shards_params(tmp_path / "params.yaml", shards)
    work = tmp_path / "data/cache/clean/shards"  # the documented default, relative to the cwd
    proc = schoon_clean(tmp_path, params)  # every output at its default path
    done = kill_after_commits(proc, work, at_least=1)
    assert 1 <= done < 8, "the run should have been killed after a file was committed"
    assert not (tmp_path / "stats/clean/shards.json").exists()  # nothing that looks complete

    err = finish(schoon_clean(tmp_path, params))
    assert f"8 files, {8 - done} to clean" in err
    assert "work directory data/cache/clean/shards" in err
    assert committed(work) == 8

    config = SourceConfig(format="jsonl", path=str(shards), preset="mc4nl")
    uninterrupted = clean_in_process(tmp_path / "ref", config, BeamConfig(), name="shards")
    resumed = read_outputs(tmp_path / "data/clean/shards", tmp_path / "data/rejected/shards",
                           tmp_path / "stats/clean/shards.json")  # fmt: skip
    assert resumed[0] == uninterrupted[0]  # statistics
    assert resumed[1] == uninterrupted[1]  # kept rows, in order
    assert resumed[2] == uninterrupted[2]  # rejected rows


def test_the_work_directory_is_beside_kept_and_fresh_cleans_everything(tmp_path):
    shards = tmp_path / "shards"
    write_shards(shards, 2, docs=5)
    params = shards_params(tmp_path / "params.yaml", shards)
    out = tmp_path / "out"
    err = finish(schoon_clean(tmp_path, params, *output_flags(out)))
    assert "2 files, 2 to clean" in err
    assert committed(out / ".schoon-work-kept") == 2
    assert not (tmp_path / "data").exists()  # not the stage's cache: other outputs, own results
    first = read_outputs(out / "kept", out / "rejected", out / "s.json")
    # Found again on the next run, on another runner too: it says so, and how to clean again.
    err = finish(schoon_clean(tmp_path, params, *output_flags(out), "--runner", "portable"))
    assert (
        f"source shards: all 2 files already cleaned (work directory {out}/.schoon-work-kept); "
        "--fresh, or removing that directory, cleans them again"
    ) in err

    err = finish(schoon_clean(tmp_path, params, *output_flags(out), "--fresh"))
    assert "2 files, 2 to clean" in err
    assert committed(out / ".schoon-work-kept") == 2
    assert read_outputs(out / "kept", out / "rejected", out / "s.json") == first


def test_default_work_names():
    assert default_work("web", None) == "data/cache/clean/web"
    assert default_work("web", "out/clean") == "out/.schoon-work-clean"
    assert default_work("web", "/data/x/web/") == "/data/x/.schoon-work-web"
    assert default_work("web", "s3://bucket/clean/web") == "s3://bucket/clean/.schoon-work-web"
    for no_folder in ["s3://bucket", "s3://bucket/", ".", "/", "out/.."]:
        with pytest.raises(ConfigError, match="names no folder"):
            default_work("web", no_folder)


def test_fresh_clears_that_work_directory_and_nothing_beside_it(tmp_path):
    for folder in ["work/k1", "work/k2", "work-other/k1", "out/kept"]:
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "counts.json").write_text("{}")
    clear_work(str(tmp_path / "work"), BeamConfig())
    assert sorted(str(p.relative_to(tmp_path)) for p in tmp_path.glob("*/*")) == [
        "out/kept",
        "work-other/k1",
    ]
