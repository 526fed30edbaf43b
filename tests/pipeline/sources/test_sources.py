import json
from pathlib import Path

import pytest

from common.config import ConfigError
from pipeline.clean.source import load_sources
from pipeline.sources import (
    READERS,
    Reader,
    Record,
    SourceConfig,
    SourceError,
    reader_for,
    register_reader,
)
from tests.pipeline.helpers import NEWS, web_records, write_jsonl_gz


def read_all(name, config):
    reader = reader_for(name, config)
    return [r for path in reader.files() for r in reader.read(path)]


def test_jsonl_reads_the_mc4_shard_format_and_keeps_other_fields(tmp_path):
    write_jsonl_gz(tmp_path / "c4-nl-00000-of-00002.json.gz", web_records())
    write_jsonl_gz(tmp_path / "other.json.gz", web_records())
    config = SourceConfig(
        format="jsonl", path=str(tmp_path), pattern="c4-nl-*.json.gz", preset="mc4nl"
    )
    records = read_all("web", config)
    assert len(records) == 5
    assert records[0].id == "web/c4-nl-00000-of-00002.json.gz/1"
    assert records[0].meta == {"url": "https://a.nl/park", "timestamp": "2019-04-01T10:00:00Z"}
    assert records[0].text.startswith("Home\n")


def test_jsonl_bad_records_are_malformed_not_lost(tmp_path):
    lines = [
        b"{not json",
        json.dumps({"url": "x"}).encode(),
        json.dumps({"text": 5}).encode(),
        b"\xff\xfe\xfa",
        json.dumps(["a"]).encode(),
    ]
    write_jsonl_gz(tmp_path / "a.json.gz", web_records()[:1], lines)
    records = read_all("web", SourceConfig(format="jsonl", path=str(tmp_path), preset="mc4nl"))
    assert [r.error is None for r in records] == [True, False, False, False, False, False]
    errors = [r.error for r in records[1:]]
    assert errors[0].startswith("not JSON")
    assert errors[1] == "field 'text' is missing (the record has: url)"
    assert errors[2] == "field 'text' is an int, not a string"
    assert errors[3].startswith("undecodable bytes")
    assert errors[4] == "not a JSON object but list"
    assert records[1].raw == "{not json"
    assert records[1].id == "web/a.json.gz/2"


def test_raw_content_of_a_malformed_record_is_truncated(tmp_path):
    write_jsonl_gz(tmp_path / "a.json.gz", [], [b"x" * 5000])
    reader = reader_for("web", SourceConfig(format="jsonl", path=str(tmp_path), preset="mc4nl"))
    reader.max_raw_chars = 100
    (record,) = reader.read(reader.files()[0])
    assert record.raw.startswith("x" * 100) and record.raw.endswith("[5000 chars]")


def test_a_truncated_gzip_keeps_what_it_holds_and_one_record_says_where_it_broke(tmp_path):
    whole = web_records() * 50
    path = write_jsonl_gz(tmp_path / "c4-nl-broken.json.gz", whole)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    reader = reader_for("web", SourceConfig(format="jsonl", path=str(path), preset="mc4nl"))
    *read, last = reader.read(reader.files()[0])
    assert 0 < len(read) < len(whole)
    assert [r.text for r in read] == [r["text"] for r in whole[: len(read)]]
    assert last.id == "web/c4-nl-broken.json.gz/damaged" and last.text is None
    assert last.error == (
        "damaged file: Compressed file ended before the end-of-stream marker was reached "
        f"(after its first {len(read)} records, which are kept; re-download the file for the rest)"
    )


def test_a_file_that_cannot_be_opened_is_an_error_naming_it(tmp_path):
    path = write_jsonl_gz(tmp_path / "c4-nl-0.json.gz", web_records())
    reader = reader_for("web", SourceConfig(format="jsonl", path=str(path), preset="mc4nl"))
    path.unlink()
    with pytest.raises(SourceError, match="cannot read .*c4-nl-0.json.gz"):
        list(reader.read(str(path)))


def test_a_5_mb_document_is_read_whole(tmp_path):
    big = ("Dit is een lange zin over de Nederlandse taal. " * 110_000)[:5_000_000]
    write_jsonl_gz(tmp_path / "big.json.gz", [{"text": big}])
    (record,) = read_all("web", SourceConfig(format="jsonl", path=str(tmp_path), preset="mc4nl"))
    assert len(record.text) == 5_000_000


def test_csv_with_multi_line_quoted_fields(tmp_path):
    path = tmp_path / "lyrics.csv"
    path.write_text(
        "artist,title,lyrics\n"
        'Jan,Het Haventje,"Daar aan de haven\nstond moeder te wachten\n\nzij wachtte en wachtte"\n'
        'Piet,Kort,"een regel"\n'
        "Kapot,alleen twee velden\n",
        encoding="utf-8",
    )
    config = SourceConfig(format="csv", path=str(path), text_field="lyrics", preset="lyrics")
    records = read_all("lyrics", config)
    assert records[0].text == "Daar aan de haven\nstond moeder te wachten\n\nzij wachtte en wachtte"
    assert records[0].meta == {"artist": "Jan", "title": "Het Haventje"}
    assert records[0].id == "lyrics/lyrics.csv/2"
    assert records[2].error == "2 fields where the header has 3"


def test_csv_undecodable_bytes_make_a_malformed_record(tmp_path):
    path = tmp_path / "l.csv"
    path.write_bytes(b'artist,title,lyrics\nA,B,"goed"\nC,D,"caf\xe9 latin-1"\n')
    records = read_all(
        "l", SourceConfig(format="csv", path=str(path), text_field="lyrics", preset="lyrics")
    )
    assert records[0].text == "goed"
    assert records[1].error.startswith("undecodable bytes")


def test_text_one_document_per_file_or_per_paragraph(tmp_path):
    (tmp_path / "a.txt").write_text(
        "Eerste alinea.\nNog een regel.\n\nTweede alinea.\n", encoding="utf-8"
    )
    per_file = read_all("t", SourceConfig(format="text", path=str(tmp_path), preset="mc4nl"))
    assert len(per_file) == 1
    config = SourceConfig(
        format="text", path=str(tmp_path), preset="mc4nl", options={"split": "blank_line"}
    )
    per_par = read_all("t", config)
    assert [r.text for r in per_par] == ["Eerste alinea.\nNog een regel.", "Tweede alinea."]


def test_parquet_reader(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table({"text": [NEWS, None], "url": ["u1", "u2"]}), tmp_path / "a.parquet")
    records = read_all("p", SourceConfig(format="parquet", path=str(tmp_path), preset="mc4nl"))
    assert records[0].text == NEWS and records[0].meta == {"url": "u1"}
    assert records[1].error == "field 'text' is null, not a string"


def _parquet_of(tmp_path, rows: int, group: int) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    texts = [f"{NEWS} {i}" for i in range(rows)]
    pq.write_table(pa.table({"text": texts}), tmp_path / "a.parquet", row_group_size=group)
    return tmp_path / "a.parquet"


def _read_damaged(path: Path):
    reader = reader_for("p", SourceConfig(format="parquet", path=str(path), preset="mc4nl"))
    *read, last = reader.read(str(path))
    assert last.id == "p/a.parquet/damaged" and last.text is None
    return read, last.error


def test_a_parquet_file_with_a_damaged_row_group_keeps_the_groups_before_it(tmp_path):
    import pyarrow.parquet as pq

    path = _parquet_of(tmp_path, 3000, 1000)
    data = path.read_bytes()
    third = pq.ParquetFile(path).metadata.row_group(2).column(0).data_page_offset
    path.write_bytes(data[:third] + bytes(200) + data[third + 200 :])  # the third group's page
    read, error = _read_damaged(path)
    assert [r.text for r in read] == [f"{NEWS} {i}" for i in range(2000)]
    assert error.startswith("damaged file: not readable as Parquet: ")
    assert error.endswith("(after its first 2000 records, which are kept; re-download the "
                          "file for the rest)")  # fmt: skip


def test_a_truncated_parquet_file_is_one_malformed_record(tmp_path):
    path = _parquet_of(tmp_path, 100, 50)
    path.write_bytes(path.read_bytes()[:-100])  # no footer: nothing can be read
    read, error = _read_damaged(path)
    assert read == []
    assert error.startswith("damaged file: not readable as Parquet: Parquet magic bytes not found")


def test_a_parquet_file_that_cannot_be_opened_is_an_error_naming_it(tmp_path):
    path = _parquet_of(tmp_path, 10, 5)
    reader = reader_for("p", SourceConfig(format="parquet", path=str(path), preset="mc4nl"))
    path.unlink()
    with pytest.raises(SourceError, match=f"source 'p': cannot read {path}"):
        list(reader.read(str(path)))


def test_hf_dataset_saved_to_disk(tmp_path):
    import datasets

    datasets.Dataset.from_dict({"text": [NEWS], "id": ["doc-7"]}).save_to_disk(str(tmp_path / "ds"))
    config = SourceConfig(format="hf", path=str(tmp_path / "ds"), preset="mc4nl", id_field="id")
    (record,) = read_all("h", config)
    assert record.id == "doc-7" and record.text == NEWS


def test_hf_hub_id_offline_says_how_to_provide_it(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    reader = reader_for(
        "h", SourceConfig(format="hf", path="yhavinga/mc4_nl_cleaned", preset="mc4nl")
    )
    with pytest.raises(Exception, match="save_to_disk"):
        list(reader.read(reader.files()[0]))


def test_a_new_format_is_a_registered_reader(tmp_path):
    @register_reader("tsv-test")
    class TsvReader(Reader):
        def records(self, path):
            with self.open(path) as f:
                for n, line in enumerate(f.read().decode().splitlines(), start=1):
                    yield self.make(
                        path, n, dict(zip(["title", "text"], line.split("\t"), strict=True))
                    )

    try:
        (tmp_path / "a.tsv").write_text("Titel\tEen tekst.\n", encoding="utf-8")
        records = read_all("x", SourceConfig(format="tsv-test", path=str(tmp_path), preset="mc4nl"))
        assert records == [Record("x/a.tsv/1", "Een tekst.", {"title": "Titel"})]
    finally:
        READERS.pop("tsv-test")


def test_unknown_format_lists_the_known_ones():
    with pytest.raises(
        ConfigError, match=r"unknown format 'xml' \(known formats: csv, hf, jsonl, parquet, text\)"
    ):
        reader_for("s", SourceConfig(format="xml", path=".", preset="mc4nl"))


def test_missing_input_names_the_path_and_the_parameter(tmp_path):
    reader = reader_for(
        "lyrics", SourceConfig(format="csv", path=str(tmp_path / "nope.csv"), preset="lyrics")
    )
    with pytest.raises(
        ConfigError, match=r"no file matches .*nope.csv \(set sources.lyrics.path in params.yaml\)"
    ):
        reader.files()


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            {"format": "jsonl", "path": ".", "preset": "mc4nl", "colour": "red"},
            "unknown key 'colour'",
        ),
        ({"format": "jsonl", "path": ".", "preset": "nope"}, "unknown preset 'nope'"),
        ({"format": "jsonl", "path": 3, "preset": "mc4nl"}, r"sources.web.path: expected a string"),
        (
            {
                "format": "jsonl",
                "path": ".",
                "preset": "mc4nl",
                "filters": {"short_line": {"min_words": "drie"}},
            },
            r"short_line.min_words: expected an integer",
        ),
        (
            {"format": "jsonl", "path": ".", "preset": "mc4nl", "filters": {"doc_length": {}}},
            r"unknown filter 'doc_length' for preset 'mc4nl'",
        ),
        (
            {"format": "csv", "path": ".", "preset": "lyrics", "options": {"sep": ";"}},
            r"sources.web.options: unknown key 'sep' \(allowed: delimiter, encoding\)",
        ),
        (
            {"format": "jsonl", "path": ".", "preset": "mc4nl", "role": "train"},
            r"'train' is not one of",
        ),
    ],
)
def test_invalid_source_entries_fail_naming_the_key(entry, message):
    with pytest.raises(ConfigError, match=message):
        load_sources({"sources": {"web": entry}})


def test_a_glob_path_is_refused_before_any_work_saying_how_to_write_it(tmp_path):
    (tmp_path / "a.json.gz").write_bytes(b"")
    entry = {"format": "jsonl", "path": f"{tmp_path}/*.json.gz", "preset": "mc4nl"}
    with pytest.raises(ConfigError) as e:
        load_sources({"sources": {"extra": entry}}, where="p.yaml")
    message = str(e.value)
    assert message.startswith("p.yaml: sources.extra: path")
    assert f"path: {tmp_path} and pattern: '*.json.gz'" in message
    # Written as the message says, the same files are read.
    entry = {"format": "jsonl", "path": str(tmp_path), "pattern": "*.json.gz", "preset": "mc4nl"}
    sources = load_sources({"sources": {"extra": entry}}, check_files=["extra"])
    assert reader_for("extra", sources["extra"]).files() == [str(tmp_path / "a.json.gz")]


@pytest.mark.parametrize("suffix", ["bz2", "xz"])
def test_other_compressions_damaged_partway_keep_what_they_hold(tmp_path, suffix):
    import bz2
    import lzma

    compress = {"bz2": bz2.compress, "xz": lzma.compress}[suffix]
    lines = "".join(json.dumps(r) + "\n" for r in web_records() * 3000).encode()  # bz2 blocks
    path = tmp_path / f"c4-nl-0.json.{suffix}"
    data = compress(lines)
    path.write_bytes(data[: len(data) * 2 // 3])
    reader = reader_for("web", SourceConfig(format="jsonl", path=str(path), preset="mc4nl"))
    *read, last = reader.read(str(path))
    assert 0 < len(read) < len(web_records()) * 3000
    assert last.id.endswith("/damaged") and last.error.startswith("damaged file: ")
