from dataclasses import dataclass, field
from typing import Literal

import pytest

from common.config import ConfigError, build, load_yaml, section


@dataclass(frozen=True)
class Inner:
    rate: float = 0.1


@dataclass(frozen=True)
class Example:
    name: str
    steps: int = 10
    mode: Literal["a", "b"] = "a"
    tags: list[str] = field(default_factory=list)
    inner: Inner = field(default_factory=Inner)
    limit: int | None = None


def test_build_accepts_valid_values_and_ints_for_floats():
    e = build(Example, {"name": "x", "steps": 3, "tags": ["t"], "inner": {"rate": 1}}, "p: ex")
    assert e == Example("x", 3, "a", ["t"], Inner(1.0), None)
    assert build(Example, {"name": "x", "limit": None}, "p: ex").limit is None  # YAML's null
    assert build(Example, {"name": "x", "limit": 4}, "p: ex").limit == 4


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"name": "x", "stepz": 1},
            "p: ex: unknown key 'stepz' (allowed: inner, limit, mode, name, steps, tags)",
        ),
        ({"name": "x", "steps": "10"}, "p: ex.steps: expected an integer, got str '10'"),
        ({"name": "x", "steps": True}, "p: ex.steps: expected an integer, got bool True"),
        (
            {"name": "x", "inner": {"rate": True}},
            "p: ex.inner.rate: expected a number, got bool True",
        ),
        (
            {"name": "x", "inner": {"rate": "fast"}},
            "p: ex.inner.rate: expected a number, got str 'fast'",
        ),
        ({"name": "x", "mode": "c"}, "p: ex.mode: 'c' is not one of 'a', 'b'"),
        ({"name": "x", "tags": "t"}, "p: ex.tags: expected a list, got str 't'"),
        ({"name": "x", "inner": {"rat": 1}}, "p: ex.inner: unknown key 'rat' (allowed: rate)"),
        ({}, "p: ex: missing required key 'name'"),
        # `int | None`: the message of its one member that is not None.
        ({"name": "x", "limit": "3"}, "p: ex.limit: expected an integer, got str '3'"),
    ],
)
def test_build_errors_name_the_key(data, message):
    with pytest.raises(ConfigError) as e:
        build(Example, data, "p: ex")
    assert str(e.value) == message


def test_load_yaml_and_section_errors(tmp_path):
    path = tmp_path / "params.yaml"
    path.write_text("train: [1, 2]\n", encoding="utf-8")
    params = load_yaml(path)
    with pytest.raises(ConfigError, match="section 'train' must be a mapping"):
        section(params, "train", str(path))
    with pytest.raises(ConfigError, match="missing section 'clean'"):
        section(params, "clean", str(path))
    path.write_text("a: [", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid YAML"):
        load_yaml(path)


def test_the_project_params_file_is_valid():
    from pipeline.beam.runner import BeamConfig
    from pipeline.clean.params import CleanParams
    from pipeline.clean.source import load_sources
    from tests.conftest import ROOT

    params = load_yaml(ROOT / "params.yaml")
    build(CleanParams, section(params, "clean"), "params.yaml: clean")
    build(BeamConfig, section(params, "beam"), "params.yaml: beam")
    sources = {name: entry for name, entry in params["sources"].items()}
    assert {"web", "lyrics"} <= set(sources)
    for entry in sources.values():
        entry = dict(entry, path=str(ROOT / entry["path"]))
        load_sources({"sources": {"s": entry}}, check_files=["s"])


def test_exponent_floats_that_yaml_reads_as_strings_are_numbers():
    assert build(Inner, {"rate": "5e-5"}, "p").rate == 5e-5
    assert build(Inner, {"rate": "1E3"}, "p").rate == 1000.0
    with pytest.raises(ConfigError, match="expected a number, got str 'fast'"):
        build(Inner, {"rate": "fast"}, "p")


def test_process_workers_and_a_worker_pool_are_refused_together():
    from pipeline.beam.runner import BeamConfig

    data = {"runner": "flink", "worker_environment": "process", "worker_pool": "localhost:50000"}
    with pytest.raises(ConfigError, match=r"params.yaml: beam: worker_pool names running"):
        build(BeamConfig, data, "params.yaml: beam")
    assert build(BeamConfig, dict(data, worker_pool=""), "params.yaml: beam").worker_pool == ""
    assert build(BeamConfig, dict(data, worker_environment="external"), "x").worker_pool


@dataclass(frozen=True)
class Typed:
    counts: list[int] = field(default_factory=list)
    pair: tuple[str, ...] = ()
    weights: dict[str, float] = field(default_factory=dict)
    anything: list = field(default_factory=list)
    flag: bool = False
    either: int | str = 0
    label: str = ""


def test_items_keys_and_members_are_checked_and_named():
    t = build(Typed, {"counts": [1, 2], "pair": ["a", "b"], "weights": {"x": 1},
                      "anything": [1, "a"], "either": "s"}, "p: t")  # fmt: skip
    assert t == Typed([1, 2], ("a", "b"), {"x": 1.0}, [1, "a"], False, "s")
    assert isinstance(t.pair, tuple) and isinstance(t.weights["x"], float)
    for data, message in [
        ({"counts": [1, "2"]}, "p: t.counts[1]: expected an integer, got str '2'"),
        ({"pair": ["a", 3]}, "p: t.pair[1]: expected a string, got int 3"),
        ({"weights": {"x": "heavy"}}, "p: t.weights.x: expected a number, got str 'heavy'"),
        ({"weights": [1]}, "p: t.weights: expected a mapping, got list [1]"),
        ({"flag": "yes"}, "p: t.flag: expected true or false, got str 'yes'"),
        ({"label": 5}, "p: t.label: expected a string, got int 5"),
        ({"either": 1.5}, "p: t.either: unexpected float 1.5"),
        ({"either": None}, "p: t.either: unexpected NoneType None"),
    ]:
        with pytest.raises(ConfigError) as e:
            build(Typed, data, "p: t")
        assert str(e.value) == message


def test_a_section_that_is_not_a_mapping_and_a_file_that_is_not_either(tmp_path):
    from common.config import load_section

    path = tmp_path / "params.yaml"
    with pytest.raises(ConfigError) as e:
        load_yaml(path)
    assert str(e.value) == f"{path}: no such parameter file"
    path.write_text("- 1\n", encoding="utf-8")
    with pytest.raises(ConfigError) as e:
        load_yaml(path)
    assert str(e.value) == f"{path}: expected a mapping at the top level, got list"
    path.write_text("inner: {rate: één}\n", encoding="utf-8")  # read as UTF-8
    with pytest.raises(ConfigError) as e:
        load_section(Inner, path, "inner")
    assert str(e.value) == f"{path}: inner.rate: expected a number, got str 'één'"
    with pytest.raises(ConfigError) as e:
        build(Inner, [1], "p: i")
    assert str(e.value) == "p: i: expected a mapping, got list [1]"


def test_a_missing_section_names_the_file_it_was_looked_for_in(tmp_path):
    from common.config import load_section

    path = tmp_path / "eigen.yaml"
    path.write_text("train: {}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as e:
        load_section(Inner, path, "inner")
    assert str(e.value) == f"{path}: missing section 'inner'"


class Colour:
    """A type YAML cannot give: only an instance passes."""


@dataclass(frozen=True)
class Loose:
    items: list = field(default_factory=list)  # no item type: any item
    table: dict = field(default_factory=dict)  # no value type: any value
    maybe: None | int = None  # None first in the union
    colour: Colour | None = None


def test_unparameterised_containers_none_first_unions_and_other_types():
    got = build(Loose, {"items": [1, "a"], "table": {"x": [1]}, "maybe": 3}, "p: l")
    assert (got.items, got.table, got.maybe) == ([1, "a"], {"x": [1]}, 3)
    assert build(Loose, {"maybe": None}, "p: l").maybe is None
    with pytest.raises(ConfigError) as e:
        build(Loose, {"colour": "rood"}, "p: l")
    assert str(e.value) == "p: l.colour: expected Colour, got str 'rood'"
