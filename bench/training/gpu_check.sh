#!/usr/bin/env bash
# The GPU benchmark of issue 5 in one call, for a session that is lent an H200 (device tool):
#
#     run(command="bash bench/training/gpu_check.sh", timeout_s=590)
#
# Within about 9 minutes (its two time limits), all on the device machine's own python3 (its
# image holds torch, transformers, numpy, pyarrow, pyyaml, tqdm and psutil, what the train
# stage's loop and bench/harness.py import; nothing can be installed from a registry there).
# If that python lacks a package, copy wheels into .whl/ (README of the device tool:
# `pip download --only-binary=:all: ...`), add `carry: [".whl"]` to the call, and this script
# installs them into /tmp/site first.
#
#   1. the environment (GPU, driver, torch, transformers)                     -> $OUT/env.txt
#   2. every variant on the seed's workload, 300 timed steps each after a one-epoch warm-up,
#      the 200 epochs extrapolated                                           -> $OUT/gpu_bench.json
#   3. the variant with the shortest extrapolated run, for all 200 epochs    -> $OUT/gpu_bench_full.json
#
# Logs go to $OUT/*.log; the tables are printed last, so the tool's output_tail holds them.
# Without OUT (a run by hand on any CUDA machine) everything goes to bench/results/.
# A dry run of this script without a GPU (what the project's CI machines can do):
#     GPU_BENCH_DEVICE=cpu GPU_BENCH_ARGS="--workload tiny --threads 1" \
#         GPU_BENCH_VARIANTS=fp32,bf16 OUT=/tmp/gpu_check bash bench/training/gpu_check.sh
set -uo pipefail
cd "$(dirname "$0")/../.."
OUT=${OUT:-bench/results}
mkdir -p "$OUT"
# TQDM_DISABLE: the train stage's progress bar stays out of the logs.
export PYTHONUNBUFFERED=1 TQDM_DISABLE=1 HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 HF_HOME=/tmp/hf_home
PY=${PYTHON:-python3}
DEVICE=${GPU_BENCH_DEVICE:-cuda}
VARIANTS=${GPU_BENCH_VARIANTS:-fp32,bf16}
read -r -a EXTRA <<<"${GPU_BENCH_ARGS:-}"

if compgen -G ".whl/*.whl" >/dev/null; then
  "$PY" -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade \
    --target /tmp/site .whl/*.whl || exit 1
  export PYTHONPATH=/tmp/site${PYTHONPATH:+:$PYTHONPATH}
fi
if ! "$PY" -c "import torch, transformers, numpy, pyarrow, yaml, tqdm, psutil" 2>/dev/null; then
  echo "gpu_check: $PY lacks torch, transformers, numpy, pyarrow, yaml, tqdm or psutil; carry their wheels in .whl/" >&2
  exit 1
fi

{
  date -u
  nvidia-smi --query-gpu=name,memory.total,driver_version,clocks.sm,clocks.max.sm,power.limit \
    --format=csv 2>&1
  "$PY" - <<'EOF'
import platform, torch, transformers
print("python", platform.python_version(), "torch", torch.__version__, "cuda", torch.version.cuda,
      "transformers", transformers.__version__)
if torch.cuda.is_available():
    p = torch.cuda.get_device_properties(0)
    print(p.name, p.multi_processor_count, "SMs", round(p.total_memory / 2**30, 1), "GiB")
EOF
  nproc
} 2>&1 | tee "$OUT/env.txt"

# 2. All variants; each writes its JSON line as it ends, so a timeout keeps the earlier ones.
timeout 360 "$PY" -m bench.training.gpu_bench --device "$DEVICE" --steps 300 \
  --variants "$VARIANTS" "${EXTRA[@]}" --out "$OUT/gpu_bench.json" 2>&1 | tee "$OUT/gpu_bench.log"
echo "gpu_bench (variants) exit: ${PIPESTATUS[0]}"

# 3. The fastest variant over the whole seed workload: measured, not extrapolated.
best=$("$PY" - "$OUT/gpu_bench.json" <<'EOF'
import json, sys
try:
    runs = [r for r in json.load(open(sys.argv[1]))["variants"] if "error" not in r]
except (OSError, ValueError, KeyError):
    runs = []
print(min(runs, key=lambda r: r["full_run_s"])["variant"] if runs else "bf16")
EOF
)
echo "full run: $best"
timeout 170 "$PY" -m bench.training.gpu_bench --device "$DEVICE" --full --variants "$best" \
  "${EXTRA[@]}" --out "$OUT/gpu_bench_full.json" 2>&1 | tee "$OUT/gpu_bench_full.log" | grep -v '^{'
echo "gpu_bench (full run) exit: ${PIPESTATUS[0]}"

echo
echo "== variants (300 timed steps each, 200 epochs extrapolated) =="
grep '^|' "$OUT/gpu_bench.log" || true
echo "== seed reference: RTX 3060, 1:21, 6048 MB =="
ls -l "$OUT"
