"""Damaged and wrongly described inputs through `schoon clean`, as a user meets them: a
truncated shard keeps what it holds and says so in one line; a source whose records all fail
to read fails in one line naming the setting; never a traceback."""

from __future__ import annotations

import json

from tests.pipeline.helpers import output_flags, schoon_clean, shards_params, write_shards


def run(cwd, params, out, source="shards"):
    proc = schoon_clean(cwd, params, *output_flags(out), source=source)
    _, err = proc.communicate(timeout=300)
    return proc.returncode, err


def test_a_truncated_shard_keeps_its_records_and_says_so_once(tmp_path):
    shards = tmp_path / "shards"
    write_shards(shards, 2, docs=400)
    damaged = shards / "c4-nl-00001.json.gz"
    damaged.write_bytes(damaged.read_bytes()[: damaged.stat().st_size // 2])
    params = shards_params(tmp_path / "params.yaml", shards)
    code, err = run(tmp_path, params, tmp_path / "out")
    assert code == 0, err
    notes = [line for line in err.splitlines() if "damaged" in line]
    assert len(notes) == 1, err
    assert notes[0].startswith(
        "clean: source 'shards': 1 file damaged partway, the records before the damage kept "
        "and the rest counted as malformed: shards/c4-nl-00001.json.gz (Compressed file ended"
    )
    assert "Traceback" not in err and "WARNING" not in err
    stats = json.loads((tmp_path / "out/s.json").read_text())
    assert stats["files_damaged"] == 1
    assert 400 < stats["docs_in"] < 800  # the whole first shard, part of the second, 1 rest
    assert stats["docs_dropped"]["malformed"] == 1


def _params(tmp_path, entry: str):
    path = tmp_path / "params.yaml"
    path.write_text(f"clean: {{}}\nsources:\n  liedjes: {entry}\n", encoding="utf-8")
    return path


def test_a_wrong_text_field_fails_in_one_line_naming_it(tmp_path):
    (tmp_path / "liedjes.csv").write_text(
        "artist,title,lyrics\nDe Zangers,Regen,Het regent zacht op het dak van ons huis\n"
        "De Zangers,Zon,De zon schijnt weer over de velden\n",
        encoding="utf-8",
    )
    params = _params(tmp_path, f"{{format: csv, path: {tmp_path / 'liedjes.csv'}, "
                               "preset: lyrics, text_field: tekst}")  # fmt: skip
    code, err = run(tmp_path, params, tmp_path / "out", source="liedjes")
    assert code == 2, err
    assert err.splitlines()[-1] == (
        "schoon: source 'liedjes': all 2 records are malformed, all of them for one cause: "
        "field 'tekst' is missing (the record has: artist, lyrics, title); "
        "set sources.liedjes.text_field to the field that holds the text"
    ), err
    assert "Traceback" not in err
    # Nothing that looks like a result (the work directory keeps the per-file work only).
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [".schoon-work-kept"]


def test_a_latin1_text_file_names_the_encoding_option(tmp_path):
    (tmp_path / "oud.txt").write_bytes("Café De Zwaan, één keer per week.\n".encode("latin-1"))
    params = _params(tmp_path, f"{{format: text, path: {tmp_path / 'oud.txt'}, preset: lyrics}}")
    code, err = run(tmp_path, params, tmp_path / "out", source="liedjes")
    assert code == 2, err
    last = err.splitlines()[-1]
    assert last.startswith("schoon: source 'liedjes': all 1 records are malformed"), err
    assert "set sources.liedjes.options: {encoding: ...}, e.g. latin-1" in last
    assert "Traceback" not in err


def test_a_parquet_file_with_a_damaged_row_group_keeps_the_groups_before_it(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    from tests.pipeline.helpers import NEWS

    shards = tmp_path / "shards"
    shards.mkdir()
    table = pa.table({"text": [f"{NEWS} {i}" for i in range(300)]})
    pq.write_table(table, shards / "a.parquet", row_group_size=100)
    pq.write_table(table, shards / "b.parquet", row_group_size=100)
    damaged = shards / "b.parquet"
    page = pq.ParquetFile(damaged).metadata.row_group(2).column(0).data_page_offset
    data = damaged.read_bytes()
    damaged.write_bytes(data[:page] + bytes(200) + data[page + 200 :])
    params = _params(tmp_path, f"{{format: parquet, path: {shards}, preset: mc4nl}}")
    code, err = run(tmp_path, params, tmp_path / "out", source="liedjes")
    assert code == 0, err
    notes = [line for line in err.splitlines() if "damaged" in line]
    assert len(notes) == 1, err
    assert notes[0].startswith(
        "clean: source 'liedjes': 1 file damaged partway, the records before the damage kept "
        "and the rest counted as malformed: liedjes/b.parquet (not readable as Parquet: "
    ), err
    assert "Traceback" not in err and "WARNING" not in err
    stats = json.loads((tmp_path / "out/s.json").read_text())
    assert stats["files_damaged"] == 1
    assert stats["docs_in"] == 300 + 200 + 1  # a whole, b's first two groups, one for the rest
    assert stats["docs_dropped"]["malformed"] == 1
