import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline.beam.runner import BeamConfig
from pipeline.clean.job import Outputs, run_clean
from pipeline.sources import SourceConfig
from tests.pipeline.helpers import NEWS, web_records, write_jsonl_gz

WEB = SourceConfig(format="jsonl", path="", preset="mc4nl")


def test_every_record_of_every_file_is_accounted_for(tmp_path):
    """The job as the stage runs it (`run_clean`): each record of each file comes out once,
    kept or rejected, under its file's name and line number."""
    write_jsonl_gz(tmp_path / "in/a.json.gz", web_records())
    write_jsonl_gz(tmp_path / "in/b.json.gz", web_records()[:2], [b"{broken"])
    config = SourceConfig(format="jsonl", path=str(tmp_path / "in"), preset="mc4nl")
    stats, kept, rejected, _ = _run(tmp_path, config)
    ids = sorted(r["id"] for r in kept + rejected)
    expected = [f"web/a.json.gz/{i}" for i in range(1, 6)] + [
        f"web/b.json.gz/{i}" for i in (1, 2, 3)
    ]
    assert ids == sorted(expected)
    assert stats["docs_in"] == 8 == len(ids)
    assert {r["id"]: r["reason"] for r in rejected}["web/b.json.gz/3"] == "malformed"


def _run(tmp_path, config, workers=1):
    clean = BeamConfig(runner="direct", workers=workers)
    outputs = Outputs(
        str(tmp_path / "out/kept"), str(tmp_path / "out/rejected"), str(tmp_path / "m/stats.json")
    )
    stats = run_clean("web", config, clean, outputs)
    kept = pq.read_table(outputs.kept).to_pylist()
    rejected = pq.read_table(outputs.rejected).to_pylist()
    return stats, kept, rejected, outputs


# 1 worker runs in process, 2 in worker processes (test_runners.py checks their pids).
@pytest.mark.parametrize("workers", [1, 2])
def test_run_clean_jsonl_writes_kept_rejected_and_stats(tmp_path, workers):
    write_jsonl_gz(tmp_path / "in/c4-nl-00000-of-00001.json.gz", web_records(), [b"{broken"])
    config = SourceConfig(
        format="jsonl", path=str(tmp_path / "in"), pattern="c4-nl-*.json.gz", preset="mc4nl"
    )
    stats, kept, rejected, outputs = _run(tmp_path, config, workers)
    assert stats["docs_in"] == 6
    assert stats["docs_in"] == stats["docs_out"] + sum(stats["docs_dropped"].values())
    assert stats["docs_dropped"] == {
        "bad_words": 1,
        "boilerplate": 1,
        "short_document": 1,
        "language": 1,
        "malformed": 1,
    }
    assert stats["funnel"] == {
        "read": 5,
        "bad_words": 4,
        "boilerplate": 3,
        "short_document": 2,
        "language": 1,
    }
    assert [r["text"] for r in kept] == [NEWS]
    assert json.loads(kept[0]["meta"])["url"] == "https://a.nl/park"
    assert {r["reason"] for r in rejected} == {
        "bad_words",
        "boilerplate",
        "short_document",
        "language",
        "malformed",
    }
    by_reason = {r["reason"]: r for r in rejected}
    assert by_reason["boilerplate"]["evidence"] == "uses cookies"
    assert by_reason["boilerplate"]["text"].endswith(
        "This website uses cookies."
    )  # the original text
    assert by_reason["malformed"]["text"] == "{broken"
    assert by_reason["language"]["evidence"].startswith("en:")
    # The metrics' keys are the chain's; the per-term tallies (keys from the data) go apart.
    metrics = json.loads(Path(outputs.stats).read_text())
    tallies = json.loads((tmp_path / "m" / "tallies" / "stats.json").read_text())
    assert "bad_word_terms" not in metrics and tallies == {"bad_word_terms": {"kut": 1}}
    assert metrics | tallies | {"damaged": []} == stats
    assert sorted(p.name for p in (tmp_path / "m").iterdir()) == ["stats.json", "tallies"]


def test_run_clean_csv_source(tmp_path):
    song = "\n".join(
        [
            "Daar aan de haven van Amsterdam",
            "stond moeder elke avond te wachten",
            "",
            "zij wachtte op haar jongen op zee",
            "maar het schip kwam nooit meer terug",
            "Refrein:",
            "o moeder, o moeder, wat heb je gedaan",
        ]
    )
    path = tmp_path / "lyrics.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        import csv

        w = csv.writer(f)
        w.writerow(["artist", "title", "lyrics"])
        w.writerow(["Jan", "Haven", song])
        w.writerow(["Piet", "Kort", "twee regels\nmeer niet"])
    config = SourceConfig(format="csv", path=str(path), text_field="lyrics", preset="lyrics")
    stats, kept, rejected, _ = _run(tmp_path, config)
    assert stats["docs_in"] == 2 and stats["docs_out"] == 1
    assert kept[0]["text"].split("\n")[2] == ""  # the stanza break stays
    assert "Refrein:" not in kept[0]["text"]
    assert rejected[0]["reason"] == "short_document"


def test_a_truncated_gzip_keeps_the_records_before_the_damage(tmp_path):
    good = write_jsonl_gz(tmp_path / "in/c4-nl-0.json.gz", web_records())
    path = write_jsonl_gz(tmp_path / "in/c4-nl-1.json.gz", web_records() * 200)
    whole = len(web_records()) * 200
    path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2])
    config = SourceConfig(format="jsonl", path=str(tmp_path / "in"), preset="mc4nl")
    stats, kept, rejected, _ = _run(tmp_path, config)
    damaged = [r for r in rejected if r["id"] == "web/c4-nl-1.json.gz/damaged"]
    assert len(damaged) == 1 and damaged[0]["reason"] == "malformed"
    read = int(damaged[0]["error"].split("after its first ")[1].split()[0])
    assert 0 < read < whole  # some records before the damage, not all
    assert damaged[0]["error"].startswith("damaged file: Compressed file ended")
    assert stats["docs_in"] == len(web_records()) + read + 1
    assert stats["files_damaged"] == 1 and stats["docs_dropped"]["malformed"] == 1
    assert stats["damaged"] == [
        f"web/c4-nl-1.json.gz ({damaged[0]['error'].removeprefix('damaged file: ')})"
    ]
    assert good.exists()


def test_a_file_that_is_no_gzip_at_all_is_one_malformed_record(tmp_path):
    write_jsonl_gz(tmp_path / "in/c4-nl-0.json.gz", web_records())
    (tmp_path / "in/c4-nl-1.json.gz").write_bytes(b"dit is geen gzip")
    config = SourceConfig(format="jsonl", path=str(tmp_path / "in"), preset="mc4nl")
    stats, _, rejected, _ = _run(tmp_path, config)
    (damaged,) = [r for r in rejected if r["id"].endswith("/damaged")]
    assert "after its first 0 records" in damaged["error"]
    assert stats["files_damaged"] == 1


def test_an_empty_file_gives_zero_counts(tmp_path):
    write_jsonl_gz(tmp_path / "in/empty.json.gz", [])
    config = SourceConfig(format="jsonl", path=str(tmp_path / "in"), preset="mc4nl")
    stats, kept, rejected, _ = _run(tmp_path, config)
    assert stats["docs_in"] == 0 and kept == [] and rejected == []


def test_the_code_fingerprint_covers_everything_that_decides_a_result():
    """A change to any module the cleaning decisions import must invalidate the work
    directory: the fingerprinted files hold the import closure of those modules."""
    import sys

    from pipeline.clean.work import fingerprinted_files
    from tests.conftest import ROOT

    sys.path.insert(0, str(ROOT / "tests"))
    from test_architecture import closure

    deciding = set()
    for module in ("pipeline.clean.job", "pipeline.clean.chains", "pipeline.sources",
                   "pipeline.clean.stats", "filters.presets"):  # fmt: skip
        deciding |= closure(module)
    # How a job runs (all of pipeline/beam/), what reports on it, and the keys themselves.
    plumbing = {"pipeline/clean/progress.py", "pipeline/clean/source.py", "pipeline/clean/work.py"}
    deciding = {p for p in deciding if str(p.relative_to(ROOT)) not in plumbing
                and p.relative_to(ROOT).parts[:2] != ("pipeline", "beam")}  # fmt: skip
    missing = deciding - set(fingerprinted_files())
    assert not missing, sorted(str(p.relative_to(ROOT)) for p in missing)
