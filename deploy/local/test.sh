#!/usr/bin/env bash
# Runs every test of the solution against Azurite: installs Azurite from package-lock.json when missing, starts it
# in memory (or reuses one that already runs on 127.0.0.1:10000-10002), builds BaiTiaoSwitch.sln and runs `dotnet test`
# on each of its test projects (a fresh Azurite for each, when this script started it), then a short chaos run
# (deploy/local/chaos.sh: silos SIGKILLed under HTTP load), stops Azurite and exits non-zero if any test or chaos
# check failed.
#
#   deploy/local/test.sh                                       every test, then 2 minutes of chaos
#   deploy/local/test.sh --filter "FullyQualifiedName~Smoke"   extra arguments go to dotnet test (no chaos then)
#   deploy/local/test.sh --no-chaos | --chaos                  leave out, or add, the chaos run
#
# Results (one .trx file per test project, and chaos.trx) go to $TEST_RESULTS_DIR, by default artifacts/test-results.
# The chaos run lasts $BTS_CHAOS_MINUTES (2) minutes with a kill every $BTS_CHAOS_EVERY (20) seconds.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"

if [[ ${1:-} == -h || ${1:-} == --help ]]; then
  sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  exit 0
fi

# Chaos runs on a full run (no arguments for dotnet test), unless --no-chaos; --chaos adds it to any run.
CHAOS=$([[ $# -eq 0 ]] && echo 1 || echo 0)
TEST_ARGS=()
for arg in "$@"; do
  case "$arg" in
    --chaos) CHAOS=1 ;;
    --no-chaos) CHAOS=0 ;;
    *) TEST_ARGS+=("$arg") ;;
  esac
done

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
RESULTS=${TEST_RESULTS_DIR:-$ROOT/artifacts/test-results}
# A hung test is stopped after this long, so a run always ends (CI has 20 minutes in all).
HANG_TIMEOUT=${TEST_HANG_TIMEOUT:-8m}

SCRIPT_NAME=test.sh
# shellcheck source=deploy/local/lib.sh
source "$ROOT/deploy/local/lib.sh"
say() { printf 'test.sh: %s\n' "$*"; }
require_tools dotnet node npm

AZURITE_LOG=$(mktemp "${TMPDIR:-/tmp}/bts-azurite.XXXXXX")
TEST_PID=""
CHAOS_PID=""
cleanup() {
  local code=$?
  trap - INT TERM
  if [[ -n $TEST_PID ]] && kill -0 "$TEST_PID" 2>/dev/null; then
    kill -TERM "$TEST_PID" 2>/dev/null || true
    { wait "$TEST_PID"; } 2>/dev/null || true
  fi
  if [[ -n $CHAOS_PID ]] && kill -0 "$CHAOS_PID" 2>/dev/null; then
    # chaos.sh stops its gateway, silos and supervisors on TERM; that takes a few seconds per silo.
    kill -TERM "$CHAOS_PID" 2>/dev/null || true
    for _ in $(seq 1 240); do kill -0 "$CHAOS_PID" 2>/dev/null || break; sleep 0.25; done
    stop_pid "$CHAOS_PID" || true
  fi
  [[ -n $AZURITE_PID ]] && stop_pid "$AZURITE_PID" && say "stopped Azurite"
  rm -f "$AZURITE_LOG"
  exit "$code"
}
AZURITE_PID=""
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The tests reach Azurite at its default ports (UseDevelopmentStorage=true) and use fresh table names per run,
# so an Azurite that already runs here can serve them.
start_or_reuse_azurite memory "$AZURITE_LOG"
if [[ $AZURITE_REUSED -eq 1 ]]; then
  say "Azurite already runs on 127.0.0.1:10000-10002; the tests use it"
else
  say "started Azurite in memory on 127.0.0.1:10000-10002"
fi

# The console's browser test drives Debian's chromium (installed here with apt-get when missing; sets CHROMIUM_PATH)
# and saves its screenshot into the results directory.
install_chromium
export TEST_RESULTS_DIR=$RESULTS

rm -rf "$RESULTS"
mkdir -p "$RESULTS"
set +e
say "dotnet build BaiTiaoSwitch.sln (Release)"
# In the background so that Ctrl-C or a CI timeout reaches the trap, which stops the run and Azurite.
dotnet build "$ROOT/BaiTiaoSwitch.sln" -c Release -v minimal --nologo &
TEST_PID=$!
wait "$TEST_PID"
code=$?
TEST_PID=""

# One project after another (each starts real clusters, and the machine may have 2 cores), each on a fresh Azurite
# when this script started it: an in-memory Azurite keeps everything earlier projects wrote, and on it the last
# project's first activations took over 30 s (Orleans' activation deadline) to load.
mapfile -t TEST_PROJECTS < <(grep -l 'Microsoft.NET.Test.Sdk' "$ROOT"/tests/*/*.csproj)
[[ $code -ne 0 ]] && say "the build failed (exit $code): no test runs" && TEST_PROJECTS=()
first=1
for project in "${TEST_PROJECTS[@]}"; do
  if [[ $first -eq 0 && $AZURITE_REUSED -eq 0 ]]; then
    stop_pid "$AZURITE_PID"
    start_or_reuse_azurite memory "$AZURITE_LOG"
  fi
  first=0
  say "dotnet test $(basename "$project" .csproj) (results in $RESULTS)"
  dotnet test "$project" -c Release --no-build \
    --logger trx --logger "console;verbosity=normal" --results-directory "$RESULTS" \
    --blame-hang-timeout "$HANG_TIMEOUT" --blame-hang-dump-type none "${TEST_ARGS[@]}" &
  TEST_PID=$!
  wait "$TEST_PID"
  project_code=$?
  TEST_PID=""
  [[ $project_code -ne 0 ]] && code=$project_code
done
set -e

# The chaos run counts as one test result file, chaos.trx, written by chaos.sh (or here, if chaos.sh could not).
if [[ $CHAOS -eq 1 ]]; then
  # A fresh Azurite for the chaos run, as a fresh deployment has: the tests' one holds everything they wrote, and in
  # it the silos took four times as long to start (about 2 minutes instead of 30 s).
  if [[ -n $AZURITE_PID ]]; then
    stop_pid "$AZURITE_PID" && say "stopped the tests' Azurite; the chaos run starts its own"
    AZURITE_PID=""
  fi
  say "chaos run: ${BTS_CHAOS_MINUTES:-2} min, a SIGKILL every ${BTS_CHAOS_EVERY:-20} s (deploy/local/chaos.sh; logs in artifacts/chaos)"
  chaos_code=0
  "$ROOT/deploy/local/chaos.sh" --no-build --minutes "${BTS_CHAOS_MINUTES:-2}" --every "${BTS_CHAOS_EVERY:-20}" --trx "$RESULTS/chaos.trx" </dev/null &
  CHAOS_PID=$!
  wait "$CHAOS_PID" || chaos_code=$?
  CHAOS_PID=""
  if [[ ! -s $RESULTS/chaos.trx ]]; then
    echo "FAIL|chaos_run_finished|deploy/local/chaos.sh exited $chaos_code without writing its results" >"$RESULTS/chaos.results"
    write_trx "$RESULTS/chaos.results" "$RESULTS/chaos.trx" "BaiTiaoSwitch.Chaos.ChaosRun"
  fi
  [[ $chaos_code -ne 0 && $code -eq 0 ]] && code=1
fi

# One line a person (and .ci/run) can read: the counters of every project's .trx summed.
passed=0 failed=0 skipped=0 projects=0
shopt -s nullglob
for trx in "$RESULTS"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  value() { local v; v=$(sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"); echo "${v:-0}"; }
  passed=$((passed + $(value passed)))
  failed_here=$(( $(value failed) + $(value error) + $(value timeout) + $(value aborted) ))
  # An aborted run (test host crash, or a hang stopped by --blame-hang-timeout) lists only the tests that finished.
  outcome=$(grep -o '<ResultSummary outcome="[^"]*"' "$trx" | head -n 1 | sed 's/.*outcome="\([^"]*\)"/\1/')
  if [[ $failed_here -eq 0 && $outcome != Completed && $outcome != Passed && $outcome != Warning ]]; then
    project=$(grep -o 'storage="[^"]*"' "$trx" | head -n 1 | sed 's/storage="\(.*\)"/\1/; s|.*/||')
    say "the test run of ${project:-$(basename "$trx")} ended '$outcome' with no failed test listed: counted as 1 failure"
    failed_here=1
  fi
  failed=$((failed + failed_here))
  skipped=$((skipped + $(value notExecuted)))
  projects=$((projects + 1))
done
# The failed tests by name, last, so that a log cut to its tail still says which ones failed.
for trx in "$RESULTS"/*.trx; do
  { grep -o '<UnitTestResult [^>]*outcome="Failed"[^>]*>' "$trx" || true; } | sed 's/.* testName="\([^"]*\)".*/\1/' |
    while read -r name; do say "FAILED: $name"; done
done
say "$passed passed, $failed failed, $skipped not run, in $projects result file(s); exit code $code"
exit "$code"
