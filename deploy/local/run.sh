#!/usr/bin/env bash
# Brings BaiTiaoSwitch up on this machine: Azurite (Azure Storage emulator), a cluster of silos, and the HTTP
# gateway on http://127.0.0.1:5080 in sandbox mode. Ctrl-C stops everything.
#
#   deploy/local/run.sh              one silo
#   deploy/local/run.sh --silos 3    three silos (ports 11111-11113, gateway ports 30000-30002)
#
# Needs dotnet (see global.json) and node/npm; Azurite is installed from package-lock.json when missing.
# LOCAL DEVELOPMENT ONLY: the silos run with DOTNET_ENVIRONMENT=Development, which is what lets them read the public
# local-dev keys of appsettings.Development.json (data protection, and each channel's cluster key) and stay plaintext
# (no TLS certificate); the gateway uses the public secrets and cluster keys of deploy/local/channels.json.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: deploy/local/run.sh [--silos N] [--no-build] [--fresh]

Starts Azurite (data in ./.azurite), N silos of one cluster (default 1) and, when the project exists,
the HTTP gateway on http://127.0.0.1:5080 in sandbox mode. Ctrl-C stops everything.

  --silos N     how many silos, 1 to 9; silo i listens on 11111+i (silo) and 30000+i (clients), i = 0..N-1
  --no-build    start what was built before instead of building (dotnet build -c Release)
  --fresh       start from an empty Azurite data folder (./.azurite is deleted first): every account, card and
                key of earlier runs is gone
  -h, --help    show this help
EOF
}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"

SILOS=1
BUILD=1
FRESH=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --silos)
      [[ $# -ge 2 ]] || { echo "run.sh: --silos needs a number (1 to 9)." >&2; exit 2; }
      SILOS=$2; shift 2 ;;
    --silos=*) SILOS=${1#*=}; shift ;;
    --no-build) BUILD=0; shift ;;
    --fresh) FRESH=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run.sh: unknown argument '$1'." >&2; usage >&2; exit 2 ;;
  esac
done
if ! [[ $SILOS =~ ^[1-9]$ ]]; then
  echo "run.sh: --silos must be a number from 1 to 9, not '$SILOS'." >&2
  exit 2
fi

export DOTNET_ENVIRONMENT=Development ASPNETCORE_ENVIRONMENT=Development
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
SCRIPT_NAME=run.sh
# shellcheck source=deploy/local/lib.sh
source "$ROOT/deploy/local/lib.sh"
CLUSTER_ID=${BaiTiaoSwitch__Silo__ClusterId:-baitiao-local}
SERVICE_ID=${BaiTiaoSwitch__Silo__ServiceId:-baitiao-switch}
STORAGE=${BaiTiaoSwitch__Storage__ConnectionString:-UseDevelopmentStorage=true}
NAME_PREFIX=${BaiTiaoSwitch__Storage__NamePrefix:-bts}
GATEWAY_URL=http://127.0.0.1:5080
LOGS=$ROOT/artifacts/local-run
AZURITE_DATA=$ROOT/.azurite
CHANNELS=$ROOT/deploy/local/channels.json
HAS_GATEWAY=0
[[ -f src/BaiTiaoSwitch.Gateway/BaiTiaoSwitch.Gateway.csproj ]] && HAS_GATEWAY=1

require_tools dotnet node npm

# --- processes this script started, stopped in reverse order on exit -------------------------------------------
STOPPING=0
stop_all() {
  local code=$?
  [[ $STOPPING -eq 1 ]] && return
  STOPPING=1
  trap - INT TERM
  if [[ ${#PIDS[@]} -gt 0 ]]; then
    # Bash's own notices of how each child ended ("Terminated", "Aborted") are noise here.
    exec 2>/dev/null
    say ""
    say "Stopping..."
    stop_started
  fi
  exit "$code"
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mkdir -p "$LOGS"

# --- Azurite -------------------------------------------------------------------------------------------------
if [[ $FRESH -eq 1 ]]; then
  if is_azurite 10000; then
    fail "--fresh: an Azurite already runs on 127.0.0.1:10000-10002 and would be reused with its data; stop it first."
  fi
  rm -rf "$AZURITE_DATA"
  say "Fresh start: the Azurite data folder ${AZURITE_DATA#"$ROOT"/}/ was emptied; nothing of earlier runs is kept."
fi
start_or_reuse_azurite "$AZURITE_DATA" "$LOGS/azurite.log"
if [[ $AZURITE_REUSED -eq 1 ]]; then
  AZURITE_NOTE="already running on this machine: reused, its data stays where that instance keeps it"
else
  started "$AZURITE_PID" "Azurite"
  AZURITE_NOTE="data in ${AZURITE_DATA#"$ROOT"/}/, log ${LOGS#"$ROOT"/}/azurite.log"
fi

# --- build once, then run the built assemblies (N silos must not run N builds) -----------------------------------
PROJECTS=(src/BaiTiaoSwitch.Silo)
[[ $HAS_GATEWAY -eq 1 ]] && PROJECTS+=(src/BaiTiaoSwitch.Gateway)
[[ $BUILD -eq 1 ]] && build_projects "${PROJECTS[@]}"
[[ -f $SILO_DIR/BaiTiaoSwitch.Silo.dll ]] || fail "no build at $SILO_DIR; run without --no-build."
if [[ $HAS_GATEWAY -eq 1 && ! -f $GATEWAY_DIR/BaiTiaoSwitch.Gateway.dll ]]; then
  fail "no build at $GATEWAY_DIR; run without --no-build."
fi

# --- silos -----------------------------------------------------------------------------------------------------
for (( i=0; i<SILOS; i++ )); do
  for port in $((11111 + i)) $((30000 + i)); do
    port_open "$port" && fail "port $port is already in use (is the switch already running?); stop that first."
  done
done
[[ $HAS_GATEWAY -eq 1 ]] && port_open 5080 && fail "port 5080 is already in use (is the gateway already running?); stop that first."

SILO_PIDS=()
for (( i=0; i<SILOS; i++ )); do
  : >"$LOGS/silo-$i.log"
  start_silo $((11111 + i)) $((30000 + i)) "$LOGS/silo-$i.log"
  started "$LAST_PID" "silo $i"
  SILO_PIDS+=("$LAST_PID")
done

say "Starting $SILOS silo(s)..."
for (( i=0; i<SILOS; i++ )); do
  wait_silo_started "${SILO_PIDS[$i]}" "$LOGS/silo-$i.log" "silo $i"
done

# --- gateway ---------------------------------------------------------------------------------------------------
GATEWAY_NOTE="not started: src/BaiTiaoSwitch.Gateway does not exist yet"
GATEWAY_DOWN_AT_START=0
if [[ $HAS_GATEWAY -eq 1 ]]; then
  start_gateway "$GATEWAY_URL" "$CHANNELS" "$LOGS/gateway.log"
  started "$LAST_PID" "gateway"
  say "Starting the gateway..."
  ready=0
  wait_gateway_ready 5080 "$LAST_PID" || ready=$?
  if [[ $ready -eq 0 ]]; then
    GATEWAY_NOTE="$GATEWAY_URL (sandbox mode), OpenAPI $GATEWAY_URL/openapi/v1.json, log ${LOGS#"$ROOT"/}/gateway.log"
  elif [[ $ready -eq 2 ]]; then
    show_log "$LOGS/gateway.log"
    GATEWAY_NOTE="EXITED at start (the silos stay up); see ${LOGS#"$ROOT"/}/gateway.log"
    GATEWAY_DOWN_AT_START=1
  else
    GATEWAY_NOTE="$GATEWAY_URL (sandbox mode) is NOT READY after 60 s: it cannot reach the cluster; see ${LOGS#"$ROOT"/}/gateway.log"
  fi
fi

say ""
say "BaiTiaoSwitch is running (local development)."
say "  Azurite   blob 127.0.0.1:10000, queue :10001, table :10002; $AZURITE_NOTE"
for (( i=0; i<SILOS; i++ )); do
  say "  Silo $i    silo port $((11111 + i)), gateway port $((30000 + i)); Orleans Dashboard http://127.0.0.1:$((8480 + i))/dashboard/, /metrics; log ${LOGS#"$ROOT"/}/silo-$i.log"
done
say "  Cluster   ClusterId $CLUSTER_ID, ServiceId $SERVICE_ID, storage $([[ $STORAGE == UseDevelopmentStorage=true ]] && echo "local Azurite" || echo "as configured")"
say "  Gateway   $GATEWAY_NOTE"
[[ $HAS_GATEWAY -eq 1 ]] && say "  Console   http://127.0.0.1:5080/console/ (open on loopback in sandbox mode); metrics http://127.0.0.1:5080/metrics"
say "  Channels  development channel secrets (alipay, wechatpay, issuer) in deploy/local/channels.json; local only"
say ""
say "In another terminal:"
say "  dotnet run --project src/BaiTiaoSwitch.Cli -- demo              # through the .NET client SDK"
[[ $HAS_GATEWAY -eq 1 ]] && say "  dotnet run --project src/BaiTiaoSwitch.Cli -- demo --via http   # through the signed HTTP API"
say "  dotnet run --project src/BaiTiaoSwitch.Cli -- statement <accountId>   # an account's statement (账单), e.g. the demo's line"
say ""
say "Press Ctrl-C to stop everything."

# Stay up until Ctrl-C. If Azurite or a silo dies on its own, say which and stop the rest. If the gateway dies,
# say so and keep the cluster up: the SDK (and the demo through it) still works without it.
GATEWAY_DOWN=$GATEWAY_DOWN_AT_START
while true; do
  for (( i=0; i<${#PIDS[@]}; i++ )); do
    if ! kill -0 "${PIDS[$i]}" 2>/dev/null; then
      if [[ ${NAMES[$i]} == gateway ]]; then
        if [[ $GATEWAY_DOWN -eq 0 ]]; then
          say "run.sh: the gateway exited on its own; the silos stay up. See ${LOGS#"$ROOT"/}/gateway.log." >&2
          GATEWAY_DOWN=1
        fi
        continue
      fi
      say "run.sh: ${NAMES[$i]} exited on its own; stopping the rest. Its log is in ${LOGS#"$ROOT"/}/." >&2
      exit 1
    fi
  done
  sleep 1 &
  wait $! || true
done
