import pytest

from common.config import ConfigError, build, load_section
from pipeline.dedup.params import DedupParams


def dedup_params(section, where="params.yaml"):
    return build(DedupParams, section, f"{where}: dedup")


def test_defaults_and_range_checks():
    p = DedupParams()
    assert (p.exact, p.near, p.spans, p.ngram, p.threshold) == (True, True, False, 5, 0.8)
    assert p.bands * p.rows <= p.num_perm
    with pytest.raises(ValueError, match="bands: 16 bands x 8 rows need 128 values"):
        DedupParams(num_perm=64, bands=16, rows=8)
    with pytest.raises(ValueError, match=r"threshold must be in \(0, 1\]"):
        DedupParams(threshold=1.5)
    with pytest.raises(ValueError, match="ngram must be at least 1"):
        DedupParams(ngram=0)
    with pytest.raises(ValueError, match="seed must be non-negative"):
        DedupParams(seed=-1)
    with pytest.raises(AttributeError):
        p.threshold = 0.5


def test_built_from_a_section_by_the_common_loader():
    assert dedup_params({"threshold": 0.9, "spans": True}) == DedupParams(threshold=0.9, spans=True)
    assert dedup_params(None) == DedupParams()
    with pytest.raises(
        ConfigError, match=r"params.yaml: dedup: unknown key 'treshold' \(allowed: "
    ):
        dedup_params({"treshold": 0.9})
    with pytest.raises(ConfigError, match="p.yaml: dedup.num_perm: expected an integer"):
        dedup_params({"num_perm": "128"}, "p.yaml")
    with pytest.raises(ConfigError, match="params.yaml: dedup.exact: expected true or false"):
        dedup_params({"exact": "yes"})
    with pytest.raises(ConfigError, match="params.yaml: dedup.rows: expected an integer"):
        dedup_params({"rows": True})
    with pytest.raises(ConfigError, match="params.yaml: dedup: bands: 32 bands x 8 rows"):
        dedup_params({"bands": 32})


def test_loaded_from_a_parameter_file(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("dedup:\n  threshold: 0.7\n  bands: 32\n  rows: 4\n")
    assert load_section(DedupParams, path, "dedup") == DedupParams(threshold=0.7, bands=32, rows=4)
