#!/usr/bin/env bash
# Chaos run (R1): Azurite, N silos each under a supervisor that restarts it when it dies, and the HTTP gateway in
# sandbox mode; a random silo is killed with SIGKILL every --every seconds for --minutes while a load client drives
# signed HTTP traffic with retries (same Idempotency-Key); then the client checks, from the API alone, that nothing
# acknowledged was lost or applied twice. Prints the counts; exits non-zero on any violation.
#
#   deploy/local/chaos.sh                              3 silos, 2 minutes, a kill every 20 s
#   deploy/local/chaos.sh --minutes 30 --every 20      the long run of docs/reliability.md
#
# LOCAL ONLY: development settings and the public secrets of deploy/local/channels.json. It uses its own ports,
# cluster id and table prefix, so it can run beside run.sh and leaves no state in run.sh's tables.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: deploy/local/chaos.sh [--silos N] [--minutes M] [--every S] [--concurrency C] [--lines L] [--seed N]
                             [--trx FILE] [--no-build]

  --silos N        silos under supervision, 2 to 9 (default 3); silo i listens on 12111+i and 32000+i
  --minutes M      how long the load runs and silos are killed (default 2; decimals allowed)
  --every S        seconds between two kills (default 20)
  --concurrency C  concurrent wallets of the load client (default 16)
  --lines L        credit lines the load spreads over (default 4)
  --seed N         seed of the load client and of the choice of silo to kill (default: random)
  --trx FILE       also write the checks as a .trx test result (deploy/local/test.sh counts it)
  --no-build       use what was built before (dotnet build -c Release); build only what is missing
  -h, --help       show this help

Logs go to artifacts/chaos/. The gateway listens on http://127.0.0.1:5180.
USAGE
}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
SCRIPT_NAME=chaos.sh
# shellcheck source=deploy/local/lib.sh
source "$ROOT/deploy/local/lib.sh"

SILOS=3 MINUTES=2 EVERY=20 CONCURRENCY=16 LINES=4 SEED=$((RANDOM * 32768 + RANDOM)) TRX="" BUILD=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --silos|--minutes|--every|--concurrency|--lines|--seed|--trx)
      [[ $# -ge 2 ]] || { usage >&2; fail "$1 needs a value."; }
      name=${1#--}; name=${name^^}; printf -v "$name" '%s' "$2"; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; fail "unknown argument '$1'." ;;
  esac
done
[[ $SILOS =~ ^[2-9]$ ]] || fail "--silos must be from 2 to 9 (one silo dies at a time; the others carry the load)."
[[ $MINUTES =~ ^[0-9]+(\.[0-9]+)?$ ]] || fail "--minutes must be a number of minutes, not '$MINUTES'."
[[ $EVERY =~ ^[1-9][0-9]*$ ]] || fail "--every must be a whole number of seconds, not '$EVERY'."
[[ $SEED =~ ^[0-9]+$ ]] || fail "--seed must be a whole number."
LOAD_SECONDS=$(awk -v m="$MINUTES" 'BEGIN { printf "%d", m * 60 }')

export DOTNET_ENVIRONMENT=Development ASPNETCORE_ENVIRONMENT=Development
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# Table names start with the prefix, which the switch wants as 3 to 20 lowercase letters: chaos + 10 letters.
RUN=chaos$(printf '%05x%05x' $((SEED % 1048576)) $(( $(date +%s) % 1048576 )) | tr '0-9a-f' 'a-p')
CLUSTER_ID=$RUN SERVICE_ID=$RUN NAME_PREFIX=$RUN STORAGE=UseDevelopmentStorage=true
HTTP_PORT=5180
LOGS=$ROOT/artifacts/chaos
STATE=$LOGS/state
CLIENT_DIR=$ARTIFACTS/bin/BaiTiaoSwitch.Chaos/release
require_tools dotnet node npm
rm -rf "$LOGS"
mkdir -p "$STATE"
RESULTS=$STATE/results
: >"$RESULTS"
: >"$STATE/events"

# shellcheck source=deploy/local/chaos-supervisor.sh
source "$ROOT/deploy/local/chaos-supervisor.sh"
GATEWAY_PID="" CLIENT_PID=""

# On any exit: the silos' own check, the counts, the .trx; then stop the gateway, the silos and Azurite.
finish() {
  local code=$1 kills starts restarts crashes alive=0 i
  trap - EXIT INT TERM
  exec 2>/dev/null
  [[ -n $CLIENT_PID ]] && stop_pid "$CLIENT_PID"
  for (( i=0; i<${#SUPERVISORS[@]}; i++ )); do
    kill -0 "$(cat "$STATE/silo-$i.pid" 2>/dev/null || echo 0)" 2>/dev/null && alive=$((alive + 1))
  done
  kills=$(count_events kill) starts=$(count_events start)
  restarts=$(( starts > ${#SUPERVISORS[@]} ? starts - ${#SUPERVISORS[@]} : 0 ))
  crashes=$(( $(grep -c ' exit ' "$STATE/events" || true) - kills ))
  local expected=$(( (LOAD_SECONDS - 1) / EVERY ))
  if [[ -e $STATE/load-started ]]; then
    if (( kills >= (expected > 0 ? 1 : 0) && restarts >= kills && alive == ${#SUPERVISORS[@]} )); then
      echo "PASS|silos_killed_and_restarted|$kills kills, $restarts restarts, $alive of $SILOS silos up at the end" >>"$RESULTS"
    else
      echo "FAIL|silos_killed_and_restarted|$kills kills (about $expected planned), $restarts restarts, $alive of $SILOS silos up at the end" >>"$RESULTS"
    fi
  fi
  local client_code=$(cat "$STATE/client.code" 2>/dev/null || echo none)
  grep -q '^FAIL' "$RESULTS" || [[ $client_code == 0 ]] || echo "FAIL|load_client_finished|the load client exited with $client_code before checking; see ${LOGS#"$ROOT"/}/client.log" >>"$RESULTS"
  [[ -s $RESULTS ]] || echo "FAIL|chaos_run_started|the run ended (exit $code) before the load started; see ${LOGS#"$ROOT"/}/" >>"$RESULTS"
  local violations=$(grep -c '^FAIL' "$RESULTS" || true)
  local absorbed=$(grep -c 'Response did not arrive on time' "$LOGS/gateway.log" 2>/dev/null || true)
  say "chaos.sh: kills $kills, restarts $restarts, silo exits not caused by a kill $((crashes > 0 ? crashes : 0)); $SILOS silos, a kill every $EVERY s for $MINUTES min"
  say "chaos.sh: grain calls of the gateway that timed out: ${absorbed:-0} (its SDK retries them with the same key; 503 when its retries run out)"
  say "chaos.sh: violations $violations"
  [[ -n $TRX ]] && write_trx "$RESULTS" "$TRX" "BaiTiaoSwitch.Chaos.ChaosRun"
  [[ -n $GATEWAY_PID ]] && stop_pid "$GATEWAY_PID"
  stop_silos
  stop_started
  (( violations > 0 && code == 0 )) && code=1
  exit "$code"
}

trap 'finish $?' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

start_or_reuse_azurite memory "$LOGS/azurite.log"
[[ $AZURITE_REUSED -eq 1 ]] && say "chaos.sh: Azurite already runs on 127.0.0.1:10000-10002; reused (tables prefixed $RUN)"
[[ -n $AZURITE_PID ]] && started "$AZURITE_PID" "Azurite"
# --no-build still builds what is missing: dotnet test builds the silo and the gateway, not the load client.
for project in src/BaiTiaoSwitch.Silo:$SILO_DIR src/BaiTiaoSwitch.Gateway:$GATEWAY_DIR tests/BaiTiaoSwitch.Chaos:$CLIENT_DIR; do
  dll=${project#*:}/$(basename "${project%%:*}").dll
  [[ $BUILD -eq 1 || ! -f $dll ]] && build_projects "${project%%:*}"
  [[ -f $dll ]] || fail "the build of ${project%%:*} left no $dll."
done
for (( i=0; i<SILOS; i++ )); do
  for port in $((12111 + i)) $((32000 + i)); do port_open "$port" && fail "port $port is in use; is another chaos run going?"; done
done
port_open $HTTP_PORT && fail "port $HTTP_PORT is in use; is another chaos run going?"

say "chaos.sh: run $RUN: $SILOS silos under supervision, a SIGKILL every $EVERY s for $MINUTES min, seed $SEED; logs in ${LOGS#"$ROOT"/}/"
for (( i=0; i<SILOS; i++ )); do
  # The supervisor's shell reports each SIGKILLed child ("Killed ..."): noise, kept in its own log.
  supervise "$i" 2>>"$LOGS/supervisor.log" &
  SUPERVISORS+=($!)
done
for (( i=0; i<SILOS; i++ )); do
  until [[ -s $STATE/silo-$i.pid ]]; do sleep 0.1; done
  wait_silo_started "$(cat "$STATE/silo-$i.pid")" "$LOGS/silo-$i.log" "silo $i"
done

start_gateway "http://127.0.0.1:$HTTP_PORT" "$ROOT/deploy/local/channels.json" "$LOGS/gateway.log"
GATEWAY_PID=$LAST_PID
wait_gateway_ready $HTTP_PORT "$GATEWAY_PID" || { show_log "$LOGS/gateway.log"; fail "the gateway is not ready."; }

dotnet "$CLIENT_DIR/BaiTiaoSwitch.Chaos.dll" --gateway "http://127.0.0.1:$HTTP_PORT" --channels "$ROOT/deploy/local/channels.json" \
  --minutes "$MINUTES" --concurrency "$CONCURRENCY" --lines "$LINES" --seed "$SEED" \
  --results "$RESULTS" --started "$STATE/load-started" >"$LOGS/client.log" 2>&1 &
CLIENT_PID=$!
tail -n +1 -f --pid="$CLIENT_PID" "$LOGS/client.log" &
TAIL_PID=$!
until [[ -e $STATE/load-started ]]; do
  kill -0 "$CLIENT_PID" 2>/dev/null || break
  sleep 0.2
done

[[ -e $STATE/load-started ]] && kill_randomly "$LOAD_SECONDS"
CLIENT_CODE=0
wait "$CLIENT_PID" || CLIENT_CODE=$?
wait "$TAIL_PID" || true
echo "$CLIENT_CODE" >"$STATE/client.code"
CLIENT_PID=""
exit "$CLIENT_CODE"
