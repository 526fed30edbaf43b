"""The project's shape, checked: layers import one way, and every DVC stage depends on exactly
the project code it runs.

A stage that imports a module its `deps` do not list is a stale result waiting to happen: DVC
re-runs a stage only when a dep changes. So each stage's import closure (top-level and
function-level imports, followed through project modules, package `__init__`s included, and
the resource files those modules read) is computed from the stage's command in dvc.yaml and
compared with its deps, both ways: nothing reached is missing, and no code dep is listed that
the stage never reaches (an edit there would re-run it for nothing).

`python tests/test_architecture.py` prints the code deps each stage should list.
"""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("common", "filters", "pipeline", "training", "reporting", "cli", "stages")

# Which project packages each package may import (itself always). `stages` and `cli` sit on top.
ALLOWED = {
    "filters": set(),
    "common": set(),
    "pipeline": {"filters", "common"},
    "training": {"common"},
    "reporting": {"common"},
    "cli": {"pipeline", "filters", "common", "reporting"},
    "stages": {"pipeline", "filters", "common", "training", "reporting"},
}

# Inside `pipeline`, which subpackages each subpackage may import (itself always): the readers
# and how a job runs stand alone; the two jobs use them and never each other.
ALLOWED_INSIDE_PIPELINE = {
    "pipeline.sources": set(),
    "pipeline.beam": set(),
    "pipeline.clean": {"pipeline.sources", "pipeline.beam"},
    "pipeline.dedup": {"pipeline.beam"},
}

# A string like "resources/bad_words_exclusions.yaml" in a module: a file it reads at run time.
RESOURCE = re.compile(r"resources/[\w.-]+")


def module_path(module: str) -> Path | None:
    """The file of a project module (`a.b` -> a/b.py or a/b/__init__.py), or None."""
    if module.split(".")[0] not in PACKAGES:
        return None
    base = ROOT.joinpath(*module.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


@cache
def imports_of(module: str) -> tuple[str, ...]:
    """Project modules that `module` imports anywhere in its body (functions included)."""
    path = module_path(module)
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative import
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(p for p in [*parts, base] if p)
            found.append(base)
            # `from pkg import mod` imports the module pkg.mod when there is one.
            found += [f"{base}.{alias.name}" for alias in node.names]
    return tuple(m for m in dict.fromkeys(found) if module_path(m) is not None)


def with_parents(module: str) -> list[str]:
    """Importing a.b.c runs a/__init__.py and a/b/__init__.py first."""
    parts = module.split(".")
    return [".".join(parts[: i + 1]) for i in range(len(parts))]


def closure(module: str) -> set[Path]:
    """Every project file that running `python -m module` can import or read."""
    seen: set[str] = set()
    todo = [module]
    while todo:
        current = todo.pop()
        for m in with_parents(current):
            if m not in seen and module_path(m) is not None:
                seen.add(m)
                todo += imports_of(m)
    files = {module_path(m) for m in seen}
    for path in list(files):
        for resource in RESOURCE.findall(path.read_text(encoding="utf-8")):
            candidate = path.parent / resource
            if candidate.is_file():
                files.add(candidate)
    return files


def stages() -> dict[str, dict]:
    """dvc.yaml's stages; a `foreach` stage once, as its `do` template."""
    spec = yaml.safe_load((ROOT / "dvc.yaml").read_text(encoding="utf-8"))["stages"]
    return {name: stage.get("do", stage) for name, stage in spec.items()}


def entry_module(cmd: str) -> str:
    match = re.match(r"python -m ([\w.]+)", cmd)
    assert match, f"a stage command should be `python -m stages.NAME ...`: {cmd}"
    return match.group(1)


def dep_paths(stage: dict) -> list[str]:
    return [next(iter(d)) if isinstance(d, dict) else d for d in stage.get("deps", [])]


def code_files_under(dep: str) -> set[Path]:
    """The project files a dep covers (a file, or every file under a directory)."""
    path = ROOT / dep
    if path.is_file():
        return {path}
    return {
        p
        for p in path.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    }


def is_code_dep(dep: str) -> bool:
    return dep.split("/")[0] in PACKAGES


def check_stage(stage: dict) -> tuple[set[Path], set[str]]:
    """(closure files no dep covers, code deps the stage never reaches)."""
    needed = closure(entry_module(stage["cmd"]))
    covered: set[Path] = set()
    extra: set[str] = set()
    for dep in dep_paths(stage):
        if not is_code_dep(dep):
            continue
        files = code_files_under(dep)
        covered |= files
        if not files or not files <= needed:
            extra.add(dep)
    return needed - covered, extra


def suggested_deps(stage: dict) -> list[str]:
    """The closure as deps: a whole directory (a package or a subpackage) where the stage
    reaches all of it, its files one by one where it does not."""
    needed = closure(entry_module(stage["cmd"]))

    def as_deps(directory: Path) -> list[str]:
        files = code_files_under(str(directory.relative_to(ROOT)))
        if not files & needed:
            return []
        if files <= needed:
            return [str(directory.relative_to(ROOT))]
        deps = []
        for child in sorted(directory.iterdir()):
            if child.is_dir() and child.name != "__pycache__":
                deps += as_deps(child)
            elif child in needed:
                deps.append(str(child.relative_to(ROOT)))
        return deps

    return [dep for package in PACKAGES for dep in as_deps(ROOT / package)]


@pytest.mark.parametrize("name", sorted(stages()))
def test_each_stage_depends_on_exactly_the_code_it_runs(name):
    stage = stages()[name]
    missing, extra = check_stage(stage)
    hint = f"\nthe code deps of '{name}' should be: {suggested_deps(stage)}"
    assert not missing, f"{name} runs {sorted(str(p.relative_to(ROOT)) for p in missing)}" + hint
    assert not extra, f"{name} lists {sorted(extra)} but never imports it all" + hint


def project_modules() -> list[str]:
    modules = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            modules.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return modules


def test_layers_import_one_way():
    wrong = []
    for module in project_modules():
        package = module.split(".")[0]
        for imported in imports_of(module):
            target = imported.split(".")[0]
            if target != package and target not in ALLOWED[package]:
                wrong.append(f"{module} imports {imported}")
    assert not wrong, "imports against the layering:\n" + "\n".join(wrong)


def test_pipelines_subpackages_import_one_way():
    subpackages = {m for m in project_modules() if m.count(".") == 1 and m.startswith("pipeline.")}
    subpackages = {m for m in subpackages if (ROOT / m.replace(".", "/")).is_dir()}
    assert subpackages == set(ALLOWED_INSIDE_PIPELINE)  # a new subpackage: give it a row
    wrong = []
    for module in project_modules():
        own = ".".join(module.split(".")[:2])
        if own not in ALLOWED_INSIDE_PIPELINE:
            continue
        for imported in imports_of(module):
            target = ".".join(imported.split(".")[:2])
            inside = target.startswith("pipeline.") and target != own
            if inside and target not in ALLOWED_INSIDE_PIPELINE[own]:
                wrong.append(f"{module} imports {imported}")
    assert not wrong, "imports against pipeline's layering:\n" + "\n".join(wrong)


def test_no_library_function_is_over_60_lines():
    long = []
    for module in project_modules():
        path = module_path(module)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = node.end_lineno - node.lineno + 1
                if lines > 60:
                    long.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name} ({lines})")
    assert not long, "split these:\n" + "\n".join(long)


def test_a_change_to_dedup_code_reruns_no_cleaning():
    for name in ("check", "clean"):
        assert not [d for d in dep_paths(stages()[name]) if d.startswith("pipeline/dedup")]


def test_the_closure_follows_function_level_imports(tmp_path):
    # pipeline.clean.source imports the Beam job only inside clean_source; it must still be reached.
    files = {str(p.relative_to(ROOT)) for p in closure("pipeline.clean.source")}
    assert {"pipeline/clean/job.py", "pipeline/__init__.py", "common/config.py"} <= files
    assert "filters/resources/bad_words_exclusions.yaml" in files


def test_the_checks_see_a_missing_and_an_extra_dep():
    stage = {"cmd": "python -m stages.figures", "deps": ["stages/figures.py", "training"]}
    missing, extra = check_stage(stage)
    assert ROOT / "reporting" / "figures.py" in missing
    assert extra == {"training"}


if __name__ == "__main__":
    for stage_name, spec in stages().items():
        print(f"{stage_name}:")
        for dep in suggested_deps(spec):
            print(f"  - {dep}")


def test_each_clean_stage_depends_on_its_raw_input_and_settings():
    """The foreach stage: a changed input file or source setting must re-run `clean@NAME`."""
    clean = yaml.safe_load((ROOT / "dvc.yaml").read_text())["stages"]["clean"]
    assert clean["foreach"] == "${sources}"
    assert "${item.path}" in clean["do"]["deps"]
    assert "sources.${key}" in clean["do"]["params"]
