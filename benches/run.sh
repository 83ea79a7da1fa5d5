#!/usr/bin/env bash
# Every benchmark of BENCHMARKS.md, in one run on this machine:
#   1. cargo bench (in-process: divan medians; the latency harness's p50/p99),
#   2. benches/run.py (whole program in a pseudo-terminal, against head -qn1, less and grep).
# Usage: benches/run.sh [--quick]   (--quick: RUNS=3, SIZES="1000 10000")
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${1:-}" == "--quick" ]]; then
    export RUNS=3 SIZES="1000 10000"
fi
echo "# newsdesk benchmarks, $(date -u +%Y-%m-%d), $(nproc) cores, $(uname -sr)"
echo "# $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
cargo build --release --quiet
cargo bench --quiet --bench core 2>/dev/null
cargo bench --quiet --bench library 2>/dev/null
cargo bench --quiet --bench latency 2>/dev/null
cargo bench --quiet --bench formats 2>/dev/null
python3 benches/run.py
