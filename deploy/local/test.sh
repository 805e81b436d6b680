#!/usr/bin/env bash
# Runs every test of the solution against Azurite: installs Azurite from package-lock.json when missing, starts it
# on a fresh temporary folder (or reuses one that already runs on 127.0.0.1:10000-10002), runs
# `dotnet test BaiTiaoSwitch.sln`, stops Azurite and exits with the test run's exit code.
#
#   deploy/local/test.sh                                       every test
#   deploy/local/test.sh --filter "FullyQualifiedName~Smoke"   extra arguments go to dotnet test
#
# Results (one .trx file per test project) go to $TEST_RESULTS_DIR, by default artifacts/test-results.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"

if [[ ${1:-} == -h || ${1:-} == --help ]]; then
  sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  exit 0
fi

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
RESULTS=${TEST_RESULTS_DIR:-$ROOT/artifacts/test-results}
# A hung test is stopped after this long, so a run always ends (CI has 20 minutes in all).
HANG_TIMEOUT=${TEST_HANG_TIMEOUT:-8m}

say() { printf 'test.sh: %s\n' "$*"; }
fail() { printf 'test.sh: %s\n' "$*" >&2; exit 1; }

for tool in dotnet node npm; do
  command -v "$tool" >/dev/null 2>&1 || fail "$tool is not installed; the tests need the .NET SDK of global.json, and node/npm for Azurite."
done

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# True when an Azurite service answers on the port (it names itself in the Server header).
is_azurite() {
  local reply
  reply=$(timeout 3 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1 && printf 'GET / HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3 && head -c 512 <&3" 2>/dev/null || true)
  [[ $reply == *"Server: Azurite-"* ]]
}

AZURITE_PID=""
AZURITE_DATA=""
TEST_PID=""
cleanup() {
  local code=$?
  trap - INT TERM
  if [[ -n $TEST_PID ]] && kill -0 "$TEST_PID" 2>/dev/null; then
    kill -TERM "$TEST_PID" 2>/dev/null || true
    { wait "$TEST_PID"; } 2>/dev/null || true
  fi
  if [[ -n $AZURITE_PID ]] && kill -0 "$AZURITE_PID" 2>/dev/null; then
    kill -TERM "$AZURITE_PID" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$AZURITE_PID" 2>/dev/null || break; sleep 0.25; done
    kill -KILL "$AZURITE_PID" 2>/dev/null || true
    { wait "$AZURITE_PID"; } 2>/dev/null || true
    say "stopped Azurite"
  fi
  [[ -n $AZURITE_DATA ]] && rm -rf "$AZURITE_DATA"
  exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [[ ! -x node_modules/.bin/azurite ]]; then
  say "installing Azurite from package-lock.json (npm ci)"
  npm ci --no-audit --no-fund --no-progress --loglevel=error || fail "npm ci failed; Azurite is pinned in package-lock.json."
fi

# The tests reach Azurite at its default ports (UseDevelopmentStorage=true) and use fresh table names per run,
# so an Azurite that already runs here can serve them.
if is_azurite 10000 && is_azurite 10002; then
  say "Azurite already runs on 127.0.0.1:10000-10002; the tests use it"
elif port_open 10000 || port_open 10001 || port_open 10002; then
  fail "a port of 10000-10002 is taken by something that is not Azurite; the tests need those ports."
else
  AZURITE_DATA=$(mktemp -d "${TMPDIR:-/tmp}/bts-azurite.XXXXXX")
  # In memory: the on-disk store rewrites its whole table file as it grows, which slows every write of a long run.
  node_modules/.bin/azurite --silent --skipApiVersionCheck --inMemoryPersistence --extentMemoryLimit 4096 \
    --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 >"$AZURITE_DATA/azurite.log" 2>&1 &
  AZURITE_PID=$!
  for _ in $(seq 1 120); do
    { port_open 10000 && port_open 10002; } && break
    kill -0 "$AZURITE_PID" 2>/dev/null || { cat "$AZURITE_DATA/azurite.log" >&2; fail "Azurite exited at start."; }
    sleep 0.25
  done
  port_open 10002 || fail "Azurite did not open its ports within 30 s."
  say "started Azurite on 127.0.0.1:10000-10002 with fresh data in $AZURITE_DATA"
fi

rm -rf "$RESULTS"
mkdir -p "$RESULTS"
say "dotnet test BaiTiaoSwitch.sln (results in $RESULTS)"
set +e
# In the background so that Ctrl-C or a CI timeout reaches the trap, which stops the run and Azurite.
# -m:1 runs the test projects one after another: each starts real clusters, and the machine may have 2 cores.
dotnet test "$ROOT/BaiTiaoSwitch.sln" -c Release -m:1 \
  --logger trx --logger "console;verbosity=normal" --results-directory "$RESULTS" \
  --blame-hang-timeout "$HANG_TIMEOUT" --blame-hang-dump-type none "$@" &
TEST_PID=$!
wait "$TEST_PID"
code=$?
TEST_PID=""
set -e

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
say "$passed passed, $failed failed, $skipped not run, in $projects test project(s); dotnet test exited $code"
exit "$code"
