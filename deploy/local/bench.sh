#!/usr/bin/env bash
# The benchmark of issue 7 in one go: the signed-HTTP benchmark (tests/BaiTiaoSwitch.Gateway.Benchmarks, one
# line, authorize mode), then the core benchmark (tests/BaiTiaoSwitch.Benchmarks: Azurite ceilings, hot line
# closed and open loop, the PostgreSQL peer, 10,000 Zipf lines), whose summary quotes the HTTP figure.
# Take figures on a quiet machine: both share its cores with whatever else runs, and say how much did.
#
#   deploy/local/bench.sh                  full run (about 10 minutes on 2 cores)
#   deploy/local/bench.sh --quick          smoke run (about 2 minutes; the figures are not the benchmark's)
#   deploy/local/bench.sh --parts ap       other arguments go to the core benchmark (see its --help)
#
# Outputs go to $BENCH_OUT, by default artifacts/bench/<UTC time>/ (http.txt, core.txt). The PostgreSQL peer needs
# Debian's postgresql (sudo apt-get update && sudo apt-get install -y postgresql); without it the rest still runs.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"

if [[ ${1:-} == -h || ${1:-} == --help ]]; then
  sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  exit 0
fi

HTTP_SECONDS=15
for arg in "$@"; do
  [[ $arg == --quick ]] && HTTP_SECONDS=5
done

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
OUT=${BENCH_OUT:-$ROOT/artifacts/bench/$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$OUT"

if [[ ! -x node_modules/.bin/azurite ]]; then
  echo "bench.sh: npm ci (Azurite from package-lock.json)"
  npm ci --no-audit --no-fund --no-progress --loglevel=error </dev/null
fi

if ! command -v pgbench >/dev/null 2>&1 && ! compgen -G "/usr/lib/postgresql/*/bin/pgbench" >/dev/null; then
  echo "bench.sh: PostgreSQL is not installed, so the peer will not run. Install it with:"
  echo "  sudo apt-get update && sudo apt-get install -y postgresql"
fi

dotnet build tests/BaiTiaoSwitch.Gateway.Benchmarks -c Release -v quiet -nologo
dotnet build tests/BaiTiaoSwitch.Benchmarks -c Release -v quiet -nologo

echo "bench.sh: signed HTTP, one line, ${HTTP_SECONDS} s -> $OUT/http.txt"
if ! dotnet run -c Release --no-build --project tests/BaiTiaoSwitch.Gateway.Benchmarks -- --seconds "$HTTP_SECONDS" --mode authorize 2>&1 | tee "$OUT/http.txt"; then
  echo "bench.sh: the HTTP benchmark failed; the summary will say its figure is missing."
fi

echo "bench.sh: core benchmark -> $OUT/core.txt"
dotnet run -c Release --no-build --project tests/BaiTiaoSwitch.Benchmarks -- --http-result "$OUT/http.txt" "$@" 2>&1 | tee "$OUT/core.txt"
exit "${PIPESTATUS[0]}"
