import json
import subprocess

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from cli.audit import Style, audit_diff, audit_reason, highlight
from cli.stats_view import load_metrics, run_stats, table
from common.config import ConfigError
from filters.chain import FilterChain
from filters.repair import Repair
from pipeline.clean.schema import KEPT_SCHEMA, REJECTED_SCHEMA
from tests.pipeline.helpers import NEWS, web_records, write_jsonl_gz

STATS = {
    "docs_in": 10,
    "docs_out": 6,
    "docs_dropped": {"bad_words": 2, "short_document": 1, "malformed": 1},
    "lines_dropped": {"short_line": 7},
    "chars_in": 5000,
    "chars_out": 3000,
    "funnel": {"read": 9, "bad_words": 7, "short_document": 6},
    "bad_word_terms": {"kut": 2},
    "docs_modified": {"repair": 3},
    "chars_modified": {"repair": 12},
    "docs_refused": {"repair_refused": 2},
}


def write_metrics(root, stats):
    (root / "metrics/clean").mkdir(parents=True, exist_ok=True)
    (root / "metrics/clean/web.json").write_text(json.dumps(stats))
    (root / "metrics/train.json").write_text(json.dumps({"eval_loss": 5.25, "epochs": 2}))


def test_stats_table_shows_the_funnel_reasons_and_other_stages(tmp_path):
    write_metrics(tmp_path, STATS)
    text = table(load_metrics(root=tmp_path))
    lines = text.splitlines()
    assert lines[0].split() == ["stage", "statistic", "value"]
    assert "clean web  docs_in" in lines[2] and lines[2].endswith("10")
    assert any(line.split()[-3:] == ["after", "bad_words", "7"] for line in lines)
    assert any(line.split()[-3:] == ["dropped", "malformed", "1"] for line in lines)
    assert any(line.split() == ["train", "eval_loss", "5.25"] for line in lines)
    assert any(line.split()[-4:] == ["modified", "by", "repair", "3"] for line in lines)
    assert any(line.split()[-2:] == ["repair_refused", "2"] for line in lines)


def test_stats_shows_the_whole_statistics_over_the_headline(tmp_path):
    from stages import headline

    (tmp_path / "stats/clean").mkdir(parents=True)
    (tmp_path / "stats/clean/web.json").write_text(json.dumps(STATS))
    (tmp_path / "metrics/clean").mkdir(parents=True)
    (tmp_path / "metrics/clean/web.json").write_text(json.dumps(headline.clean(STATS)))
    (tmp_path / "metrics/generate.json").write_text(json.dumps({"distinct_2": 0.5}))
    loaded = load_metrics(root=tmp_path)
    assert loaded == {"clean/web": STATS, "generate": {"distinct_2": 0.5}}


def test_stats_shows_the_bad_words_from_their_own_file(tmp_path):
    metrics = {k: v for k, v in STATS.items() if k != "bad_word_terms"}
    write_metrics(tmp_path, metrics)
    (tmp_path / "metrics/clean/tallies").mkdir()
    (tmp_path / "metrics/clean/tallies/web.json").write_text(
        json.dumps({"bad_word_terms": {"klootzak": 3, "kut": 2}})
    )
    lines = table(load_metrics(root=tmp_path)).splitlines()
    assert any(line.split()[-3:] == ["word", "'klootzak'", "3"] for line in lines), lines
    assert not any("tallies" in line for line in lines)


def test_stats_shows_a_list_as_words(tmp_path):
    write_metrics(tmp_path, STATS)
    (tmp_path / "metrics/check").mkdir()
    for name in ("lyrics", "web"):
        (tmp_path / f"metrics/check/{name}.json").write_text(json.dumps({"source": name}))
    lines = table(load_metrics(root=tmp_path)).splitlines()
    assert any(line.split() == ["check", "sources", "lyrics,", "web"] for line in lines), lines


def test_stats_markdown_and_json(tmp_path, monkeypatch):
    write_metrics(tmp_path, STATS)
    monkeypatch.chdir(tmp_path)
    md = run_stats([], "markdown").splitlines()
    assert md[0] == "| stage | statistic | value |"
    assert "| clean web | dropped bad_words | 2 |" in md
    assert json.loads(run_stats([], "json"))["clean/web"] == STATS


def test_stats_compares_two_git_revisions(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    git = lambda *a: subprocess.run(["git", *a], check=True, capture_output=True)  # noqa: E731
    git("init", "-q")
    git("config", "user.email", "t@example.org")
    git("config", "user.name", "t")
    write_metrics(tmp_path, STATS)
    git("add", "-A")
    git("commit", "-qm", "one")
    write_metrics(
        tmp_path, dict(STATS, docs_out=4, docs_dropped={**STATS["docs_dropped"], "bad_words": 4})
    )
    git("commit", "-qam", "two")
    rows = run_stats(["HEAD~1", "HEAD"]).splitlines()
    assert rows[0].split() == ["stage", "statistic", "HEAD~1", "HEAD", "change"]
    assert any(r.split()[-5:] == ["dropped", "bad_words", "2", "4", "+2"] for r in rows)
    assert any(r.split()[-3:] == ["6", "4", "-2"] for r in rows)
    with pytest.raises(ConfigError, match="neither a git revision nor an experiment"):
        run_stats(["no-such-exp"])


def _outputs(tmp_path):
    kept = [
        {
            "id": "web/a/1",
            "source": "web",
            "text": NEWS,
            "meta": json.dumps({"url": "https://a.nl/p"}),
            "removed_lines": json.dumps(
                [{"line": 1, "reason": "short_line", "evidence": "1 word", "text": "Home"}]
            ),
            "modified": json.dumps(
                [{"name": "repair", "chars": 2, "examples": [["waanideeÃ«n", "waanideeën"]]}]
            ),
        },
        {
            "id": "web/b/1",
            "source": "web",
            "text": NEWS,
            "meta": "{}",
            "removed_lines": "[]",
            # What `FilterChain.apply` records for a refused repair (tests/filters/test_repair.py).
            "modified": json.dumps(
                [m.as_dict() for m in FilterChain([Repair()]).apply("íƒ©íƒ©n keer").modified]
            ),
        },
    ]
    rejected = [
        {
            "id": f"web/a/{i}",
            "source": "web",
            "reason": "bad_words",
            "evidence": "kut",
            "error": None,
            "text": f"Dit is document {i}. Wat een KUT, dag.",
            "meta": "{}",
            "removed_lines": "[]",
        }
        for i in range(2, 9)
    ] + [
        {
            "id": "web/a/9",
            "source": "web",
            "reason": "language",
            "evidence": "en:1.00",
            "error": None,
            "text": "This is English.",
            "meta": "{}",
            "removed_lines": "[]",
        }
    ]
    (tmp_path / "kept").mkdir()
    (tmp_path / "rejected").mkdir()
    pq.write_table(pa.Table.from_pylist(kept, KEPT_SCHEMA), tmp_path / "kept/part-0.parquet")
    pq.write_table(
        pa.Table.from_pylist(rejected, REJECTED_SCHEMA), tmp_path / "rejected/part-0.parquet"
    )
    return str(tmp_path / "kept"), str(tmp_path / "rejected")


def test_audit_reason_samples_deterministically_and_marks_the_evidence(tmp_path):
    kept, rejected = _outputs(tmp_path)
    out = audit_reason("web", "bad_words", 3, 1, kept, rejected, Style(color=False))
    assert (
        out.splitlines()[0]
        == "bad_words: 7 documents dropped from source 'web', showing 3 (seed 1)"
    )
    assert out.count("── web/a/") == 3
    assert out.count("Wat een »KUT«, dag.") == 3
    assert out == audit_reason("web", "bad_words", 3, 1, kept, rejected, Style(color=False))
    assert out != audit_reason("web", "bad_words", 3, 2, kept, rejected, Style(color=False))
    colored = audit_reason("web", "bad_words", 1, 1, kept, rejected, Style(color=True))
    assert "\033[31mKUT\033[0m" in colored


def test_audit_repair_shows_before_and_after(tmp_path):
    kept, rejected = _outputs(tmp_path)
    out = audit_reason("web", "repair", 5, 0, kept, rejected, Style(color=False)).splitlines()
    assert out[0] == (
        "repair: 1 documents of source 'web' changed, 2 characters; 1 rewrites refused, "
        "showing 2 (seed 0)"
    )
    changed = out.index("── web/a/1  2 characters")
    assert out[changed + 1 : changed + 3] == ["  before: »waanideeÃ«n«", "  after:  »waanideeën«"]
    (refused,) = [line for line in out if line.startswith("── web/b/1")]
    assert refused == (
        "── web/b/1  6 refused ('탩탩n' mixes 탩 (HANGUL SYLLABLE TAELT) with ['Latin']), "
        "kept as it was"
    )


def test_audit_repair_refused_shows_the_refusals_alone(tmp_path):
    kept, rejected = _outputs(tmp_path)
    out = audit_reason("web", "repair_refused", 5, 0, kept, rejected, Style(color=False))
    assert out.splitlines()[0].startswith("repair_refused: 0 documents of source 'web' changed")
    assert "web/b/1" in out and "web/a/1" not in out


def test_audit_line_reason_shows_the_removed_lines(tmp_path):
    kept, rejected = _outputs(tmp_path)
    out = audit_reason("web", "short_line", 5, 0, kept, rejected, Style(color=False))
    assert out.splitlines()[0].startswith("short_line: 1 lines removed from 1 documents")
    assert "https://a.nl/p" in out
    assert "   1: »Home«  [1 word]" in out


def test_audit_language_shows_the_verdict(tmp_path):
    kept, rejected = _outputs(tmp_path)
    out = audit_reason("web", "language", 5, 0, kept, rejected, Style(color=False))
    assert "dropped: language (»en:1.00«)" in out


def test_audit_without_outputs_says_how_to_make_them(tmp_path):
    with pytest.raises(ConfigError, match="run `dvc repro` or `schoon clean` first"):
        audit_reason(
            "web", "bad_words", 3, 0, str(tmp_path / "k"), str(tmp_path / "r"), Style(False)
        )


def test_highlight_matches_whole_words_only():
    assert highlight("Kut en kutje en KUT.", "kut", Style(False)) == "»Kut« en kutje en »KUT«."


def test_audit_diff_lists_verdicts_that_change(tmp_path):
    write_jsonl_gz(tmp_path / "in/a.json.gz", web_records())
    params = tmp_path / "params.yaml"
    params.write_text(
        f"sources:\n  web:\n    format: jsonl\n    path: {tmp_path / 'in'}\n    preset: mc4nl\n",
        encoding="utf-8",
    )
    out = audit_diff(
        "web", str(params), "filters.short_document.min_sentences=7", 5, 0, Style(False)
    )
    lines = out.splitlines()
    assert lines[0].startswith("source 'web': 5 documents, 2 change verdict")
    assert "       1  language -> short_document" in lines
    assert "kept: +0 -1" in lines
    assert "       1  kept -> short_document" in lines
    other = tmp_path / "other.yaml"
    other.write_text(
        params.read_text().replace("preset: mc4nl", "preset: c4nlpreproc"), encoding="utf-8"
    )
    out = audit_diff("web", str(params), str(other), 5, 0, Style(False))
    assert "kept -> doc_length" in out


def test_a_long_document_is_shown_around_its_evidence():
    from cli.audit import excerpt

    text = "Een gewone zin over het weer. " * 100 + "Wat een KUT reactie." + " Slot." * 100
    shown = excerpt(text, "kut", 200, Style(False))
    assert "KUT" in shown and shown.startswith("[") and shown.endswith("more chars]")
    assert excerpt("kort", "kut", 200, Style(False)) == "kort"
    assert excerpt(text, None, 50, Style(False)).startswith("Een gewone zin")


def test_audit_of_duplicates_names_the_kept_copy_once(tmp_path):
    """The copy's id names its source already (`web/...`); an id a source set itself
    (`id_field`) gets the source beside it."""
    from cli.audit import audit_duplicates
    from pipeline.dedup import schema

    text = "De oude stadsmuur van Harderwijk werd rond 1350 gebouwd, kort na de stadsrechten."
    kept = [{"id": "web/a.json.gz/3", "source": "web", "text": text, "meta": "{}",
             "sentences_removed": 0},
            {"id": "lied-9", "source": "lyrics", "text": text + " Refrein.", "meta": "{}",
             "sentences_removed": 0}]  # fmt: skip
    dropped = [{"id": "web/b.json.gz/64", "source": "web", "text": text.replace("1350", "1351"),
                "meta": "{}", "duplicate_of": "web/a.json.gz/3", "duplicate_of_source": "web",
                "similarity": 0.9, "kind": "near"},
               {"id": "web/b.json.gz/65", "source": "web", "text": text + " Refrein!",
                "meta": "{}", "duplicate_of": "lied-9", "duplicate_of_source": "lyrics",
                "similarity": 0.95, "kind": "near"}]  # fmt: skip
    for src in ("web", "lyrics"):
        (tmp_path / "kept" / src).mkdir(parents=True)
        rows = [r for r in kept if r["source"] == src]
        pq.write_table(pa.Table.from_pylist(rows, schema.KEPT_SCHEMA), tmp_path / "kept" / src / "p.parquet")  # fmt: skip
    (tmp_path / "rejected").mkdir()
    pq.write_table(pa.Table.from_pylist(dropped, schema.REJECTED_SCHEMA), tmp_path / "rejected" / "p.parquet")  # fmt: skip
    out = audit_duplicates("web", "near", 5, 0, str(tmp_path / "kept"),
                           str(tmp_path / "rejected"), Style(False))  # fmt: skip
    assert "near: 2 documents of source 'web' dropped as duplicates" in out
    assert "similarity 0.900 to web/a.json.gz/3\n" in out
    assert "similarity 0.950 to lied-9 (source lyrics)\n" in out
    assert "web:web/" not in out and "kept:    " + text[:20] in out
