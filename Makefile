# `make repro` and `make test` each set themselves up on a fresh clone (python3, git, make).
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# Offline by design: no hub downloads, caches inside the repository, no DVC analytics.
export PATH := $(CURDIR)/$(BIN):$(PATH)
export HF_HOME := $(CURDIR)/.hf_home
export HF_HUB_OFFLINE := 1
export HF_DATASETS_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export DVC_NO_ANALYTICS := 1
export PYTHONHASHSEED := 0

.PHONY: install lock jobservers prism clusters repro test lint mutants bench bench-quick bench-memory clean-outputs

install: $(STAMP)

# The environment is requirements.lock: every Python package, the main ones, dev and bench,
# pinned with its hashes for Linux x86_64 and Python 3.11. `make install` installs exactly it
# (uv's `pip sync` removes what the lock does not name); `make lock` regenerates it after a
# change to pyproject.toml's dependencies, and the tests are run on the new lock before it is
# committed. torch is pinned to 2.13.0: PyPI's CUDA build (~3 GB, runs on the CPU), cached after.
UV_VERSION := 0.13.9
UV := $(BIN)/uv
LOCK := requirements.lock

# --compile-bytecode: uv, unlike pip, installs no .pyc files, and where Python may not write
# them (PYTHONDONTWRITEBYTECODE, a read-only venv) every process then compiles every module it
# imports: about 13 CPU-seconds for Beam's, in every job, SDK worker and test subprocess.
$(STAMP): $(LOCK) pyproject.toml Makefile
	python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(UV) pip sync --quiet --compile-bytecode --python $(BIN)/python $(LOCK)
	$(UV) pip install --quiet --python $(BIN)/python --no-deps -e .
	touch $@

# uv keeps the versions already in the lock where pyproject.toml still allows them;
# `make lock LOCK_FLAGS=--upgrade` moves every package to the newest allowed.
LOCK_FLAGS ?=
lock: $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(UV) pip compile pyproject.toml --extra dev --extra bench --generate-hashes \
		--python-version 3.11 --python-platform x86_64-manylinux_2_28 --no-header \
		--quiet $(LOCK_FLAGS) -o $(LOCK)

$(VENV)/bin/python:
	python3 -m venv $(VENV)

# Beam's Flink and Spark job servers (`clean.runner: flink | spark`, docs/runners.md), built
# with Maven from deploy/jobserver/pom.xml: the runner jars and their dependencies from Maven
# Central into .cache/jobserver/ENGINE/lib, and a launcher jar that Beam runs with `java -jar`.
JOBSERVERS := .cache/jobserver
JOBSERVER_SRC := deploy/jobserver/pom.xml $(wildcard deploy/jobserver/src/main/resources/*)

$(JOBSERVERS)/%/job-server.jar: $(JOBSERVER_SRC)
	rm -rf $(JOBSERVERS)/$*
	mkdir -p $(JOBSERVERS)
	@echo "building the $* job server with Maven (log: $(JOBSERVERS)/$*.log)"
	@# Maven writes colour escapes even with -q and style.color=never: its output goes to the
	@# log, and only a failure's tail is shown, the escapes removed.
	@mvn -q -B -Dstyle.color=never -f deploy/jobserver/pom.xml -P $* package \
		-Dout=$(CURDIR)/$(JOBSERVERS)/$* > $(JOBSERVERS)/$*.log 2>&1 \
		|| { sed 's/\x1b\[[0-9;]*m//g' $(JOBSERVERS)/$*.log | tail -40; exit 1; }

jobservers: $(JOBSERVERS)/flink/job-server.jar $(JOBSERVERS)/spark/job-server.jar

# Prism, Beam's own local runner (`clean.runner: prism`), built with `go install` from the Go
# module proxy at the release of the Python SDK that pyproject.toml pins (~2 min the first
# time, then served from Go's module cache).
BEAM_VERSION := $(shell sed -n 's/.*"apache-beam\[.*\]==\([0-9.]*\)".*/\1/p' pyproject.toml)
PRISM := .cache/prism/prism

$(PRISM): pyproject.toml
	GOBIN=$(CURDIR)/$(dir $(PRISM)) \
		go install github.com/apache/beam/sdks/v2/go/cmd/prism@v$(BEAM_VERSION)
	touch $@

prism: $(PRISM)

# Real clusters for the tests (tests/clusters.py): Spark 3.5.0's standalone daemons from
# pyspark's distribution and a Flink 1.19.0 session cluster from apache-flink's, from PyPI,
# each in a folder of its own under .cache/clusters (apache-flink pins apache-beam<2.49: kept
# out of the project's venv, installed without dependencies; only their JVM daemons run).
CLUSTERS := .cache/clusters

$(CLUSTERS)/spark/.installed: | $(STAMP)
	rm -rf $(CLUSTERS)/spark
	$(UV) pip install --quiet --python $(BIN)/python --no-deps --target $(CLUSTERS)/spark \
		pyspark==3.5.0
	touch $@

$(CLUSTERS)/flink/.installed: | $(STAMP)
	rm -rf $(CLUSTERS)/flink
	$(UV) pip install --quiet --python $(BIN)/python --no-deps --target $(CLUSTERS)/flink \
		apache-flink==1.19.0 apache-flink-libraries==1.19.0
	touch $@

clusters: $(CLUSTERS)/spark/.installed $(CLUSTERS)/flink/.installed

# The default runner (`direct`) needs only Python: no job server, Prism or cluster is built.
repro: install
	$(BIN)/dvc repro

# The tests start the clusters themselves, on 127.0.0.1, and stop them by PID when they end;
# SCHOON_REQUIRE_ENGINES turns a missing engine or cluster into a failure instead of a skip.
test: install jobservers prism clusters
	$(BIN)/ruff check .
	SCHOON_REQUIRE_ENGINES=1 $(BIN)/python -m pytest

# Mutation testing (docs/testing.md): mutmut mutates the modules that decide which data is
# kept ([tool.mutmut] in pyproject.toml) in a copy under mutants/, and runs, for each mutant,
# the selected tests that reach the mutated function. Not part of `make test`.
mutants: install
	rm -rf mutants
	SCHOON_CORPORA=$(CURDIR)/../shared/corpora $(BIN)/mutmut run --max-children 2 > mutants.log 2>&1 \
		|| { tail -c 2000 mutants.log; exit 1; }
	$(BIN)/mutmut export-cicd-stats
	$(BIN)/python -c "import json; s = json.load(open('mutants/mutmut-cicd-stats.json')); \
		print({k: s[k] for k in ('total', 'killed', 'survived', 'no_tests', 'timeout')})"
	$(BIN)/mutmut results > mutants/survivors.txt; echo "survivors: mutants/survivors.txt"

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Benchmarks (docs/benchmarks.md): builds the corpora from ../shared/corpora, then measures.
# Their packages (datatrove, spaCy, ...) are in the lock, installed by `make install`.
BENCH_DATA := bench/data

$(BENCH_DATA)/%/.done: bench/make_corpus.py | $(STAMP)
	$(BIN)/python -m bench.make_corpus --out $(BENCH_DATA)/$* \
		--docs $(subst k,000,$(subst 1M,1000k,$*)) --shards $(if $(filter 10k,$*),1,4)
	touch $@

bench: $(STAMP) $(BENCH_DATA)/10k/.done $(BENCH_DATA)/100k/.done
	$(BIN)/python -m bench.filters.language_id --input $(BENCH_DATA)/10k
	$(BIN)/python -m bench.cleaning.throughput --input $(BENCH_DATA)/10k --tag 10k
	$(BIN)/python -m bench.cleaning.chain_profile --input $(BENCH_DATA)/10k --language cld2
	$(BIN)/python -m bench.cleaning.throughput --input $(BENCH_DATA)/100k --tag 100k \
		--configs parse_raw,parse,check_nolid,beam_nolid,check_cld2,beam_cld2
	$(BIN)/python -m bench.cleaning.throughput --input $(BENCH_DATA)/10k --tag workers \
		--configs beam_mp1,beam_mp2
	$(MAKE) bench-memory
	$(BIN)/python -m bench.cleaning.throughput --plot

# The speed guard (bench/cleaning/quick.py): ratios to the parse limit against
# bench/baseline.json; fails when one falls more than 25% below it. Not part of `make test`.
bench-quick: $(STAMP) $(BENCH_DATA)/10k/.done
	$(BIN)/python -m bench.cleaning.quick --input $(BENCH_DATA)/10k

# Peak memory as the input grows; the 1M corpus is ~600 MB of gzip and takes a while.
bench-memory: $(STAMP) $(BENCH_DATA)/10k/.done $(BENCH_DATA)/100k/.done $(BENCH_DATA)/1M/.done
	$(BIN)/python -m bench.cleaning.throughput --tag memory --configs check_nolid,beam_nolid \
		--scaling $(BENCH_DATA)/10k,$(BENCH_DATA)/100k,$(BENCH_DATA)/1M

# `dvc plots show` offline: vega, vega-lite and vega-embed (the versions DVC's page asks for)
# from the npm registry, inlined into a local template. Output: dvc_plots/index.html.
VEGA := .cache/vega
$(VEGA)/template.html: reporting/vega_offline.py | $(STAMP)
	mkdir -p $(VEGA)
	cd $(VEGA) && npm install --silent --no-audit --no-fund --legacy-peer-deps \
		vega@5.20.2 vega-lite@5.2.0 vega-embed@6.18.2
	$(BIN)/python -m reporting.vega_offline $(VEGA)/node_modules $@

plots: install $(VEGA)/template.html
	$(BIN)/dvc plots show --html-template $(VEGA)/template.html
