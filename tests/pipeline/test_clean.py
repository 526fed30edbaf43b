import json
from collections import Counter
from pathlib import Path

import apache_beam as beam
import pyarrow.parquet as pq
import pytest
from apache_beam.testing.test_pipeline import TestPipeline as BeamTestPipeline
from apache_beam.testing.util import assert_that, equal_to

from pipeline.clean import CleanConfig, CleanSource, Outputs, ReadSource, run_clean
from pipeline.sources import Record, SourceConfig
from tests.pipeline.helpers import NEWS, web_records, write_jsonl_gz

WEB = SourceConfig(format="jsonl", path="", preset="mc4nl")


def test_clean_source_routes_kept_rejected_and_counts():
    records = [
        Record("w/1", "Home\n" + NEWS, {"url": "u1"}),
        Record("w/2", NEWS + "\nWat een kut plan.", {}),
        Record("w/3", None, {}, error="not JSON", raw="{x"),
    ]
    with BeamTestPipeline(runner="FnApiRunner") as p:
        kept, rejected, counts = p | beam.Create(records) | CleanSource("web", WEB)
        assert_that(
            kept | "KeptIds" >> beam.Map(lambda r: (r["id"], r["text"])),
            equal_to([("w/1", NEWS)]),
            label="kept",
        )
        assert_that(
            rejected
            | "Reasons" >> beam.Map(lambda r: (r["id"], r["reason"], r["evidence"], r["error"])),
            equal_to([("w/2", "bad_words", "kut", None), ("w/3", "malformed", None, "not JSON")]),
            label="rejected",
        )
        expected = Counter(
            {
                "docs_in": 3,
                "docs_out": 1,
                "docs_dropped.bad_words": 1,
                "docs_dropped.malformed": 1,
                "lines_dropped.short_line": 1,
                "bad_word_terms.kut": 1,
                "chars_in": len("Home\n" + NEWS) + len(NEWS + "\nWat een kut plan.") + 2,
                "chars_out": len(NEWS),
            }
        )
        assert_that(counts, equal_to([expected]), label="counts")


def test_read_source_reads_every_file(tmp_path):
    write_jsonl_gz(tmp_path / "a.json.gz", web_records())
    write_jsonl_gz(tmp_path / "b.json.gz", web_records()[:2])
    config = SourceConfig(format="jsonl", path=str(tmp_path), preset="mc4nl")
    with BeamTestPipeline(runner="FnApiRunner") as p:
        ids = p | ReadSource("web", config, 100, reshuffle=True) | beam.Map(lambda r: r.id)
        assert_that(
            ids,
            equal_to(
                [f"web/a.json.gz/{i}" for i in range(1, 6)] + ["web/b.json.gz/1", "web/b.json.gz/2"]
            ),
        )


def _run(tmp_path, config, mode="in_memory", workers=1):
    clean = CleanConfig(runner="direct", workers=workers)
    outputs = Outputs(
        str(tmp_path / "out/kept"), str(tmp_path / "out/rejected"), str(tmp_path / "m/stats.json")
    )
    stats = run_clean("web", config, clean, outputs)
    kept = pq.read_table(outputs.kept).to_pylist()
    rejected = pq.read_table(outputs.rejected).to_pylist()
    return stats, kept, rejected, outputs


@pytest.mark.parametrize(("mode", "workers"), [("in_memory", 1), ("multi_processing", 2)])
def test_run_clean_jsonl_writes_kept_rejected_and_stats(tmp_path, mode, workers):
    write_jsonl_gz(tmp_path / "in/c4-nl-00000-of-00001.json.gz", web_records(), [b"{broken"])
    config = SourceConfig(
        format="jsonl", path=str(tmp_path / "in"), pattern="c4-nl-*.json.gz", preset="mc4nl"
    )
    stats, kept, rejected, outputs = _run(tmp_path, config, mode, workers)
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
    assert json.loads(Path(outputs.stats).read_text()) == stats
    assert sorted(p.name for p in (tmp_path / "m").iterdir()) == ["stats.json"]  # no staging left


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


def test_a_corrupt_gzip_fails_and_leaves_no_output(tmp_path):
    path = write_jsonl_gz(tmp_path / "in/c4-nl-1.json.gz", web_records() * 200)
    path.write_bytes(path.read_bytes()[:-200])
    config = SourceConfig(format="jsonl", path=str(tmp_path / "in"), preset="mc4nl")
    with pytest.raises(Exception, match="c4-nl-1.json.gz"):
        _run(tmp_path, config)
    assert not (tmp_path / "out").exists()
    assert list((tmp_path / "m").iterdir()) == []


def test_an_empty_file_gives_zero_counts(tmp_path):
    write_jsonl_gz(tmp_path / "in/empty.json.gz", [])
    config = SourceConfig(format="jsonl", path=str(tmp_path / "in"), preset="mc4nl")
    stats, kept, rejected, _ = _run(tmp_path, config)
    assert stats["docs_in"] == 0 and kept == [] and rejected == []
