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
Usage: deploy/local/run.sh [--silos N] [--no-build]

Starts Azurite (data in ./.azurite), N silos of one cluster (default 1) and, when the project exists,
the HTTP gateway on http://127.0.0.1:5080 in sandbox mode. Ctrl-C stops everything.

  --silos N     how many silos, 1 to 9; silo i listens on 11111+i (silo) and 30000+i (clients), i = 0..N-1
  --no-build    start what was built before instead of building (dotnet build -c Release)
  -h, --help    show this help
EOF
}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"

SILOS=1
BUILD=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --silos)
      [[ $# -ge 2 ]] || { echo "run.sh: --silos needs a number (1 to 9)." >&2; exit 2; }
      SILOS=$2; shift 2 ;;
    --silos=*) SILOS=${1#*=}; shift ;;
    --no-build) BUILD=0; shift ;;
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
CLUSTER_ID=${BaiTiaoSwitch__Silo__ClusterId:-baitiao-local}
SERVICE_ID=${BaiTiaoSwitch__Silo__ServiceId:-baitiao-switch}
STORAGE=${BaiTiaoSwitch__Storage__ConnectionString:-UseDevelopmentStorage=true}
NAME_PREFIX=${BaiTiaoSwitch__Storage__NamePrefix:-bts}
GATEWAY_URL=http://127.0.0.1:5080
ARTIFACTS=${ArtifactsPath:-$ROOT/artifacts}
LOGS=$ROOT/artifacts/local-run
AZURITE_DATA=$ROOT/.azurite
CHANNELS=$ROOT/deploy/local/channels.json
HAS_GATEWAY=0
[[ -f src/BaiTiaoSwitch.Gateway/BaiTiaoSwitch.Gateway.csproj ]] && HAS_GATEWAY=1

say() { printf '%s\n' "$*"; }
fail() { printf 'run.sh: %s\n' "$*" >&2; exit 1; }

for tool in dotnet node npm; do
  command -v "$tool" >/dev/null 2>&1 || fail "$tool is not installed; BaiTiaoSwitch needs the .NET SDK of global.json, and node/npm for Azurite."
done

# --- processes this script started, stopped in reverse order on exit -------------------------------------------
PIDS=()
NAMES=()
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
    local i
    for (( i=${#PIDS[@]}-1; i>=0; i-- )); do
      if kill -0 "${PIDS[$i]}" 2>/dev/null; then
        kill -TERM "${PIDS[$i]}" 2>/dev/null || true
        # Give each a graceful shutdown (a silo leaves the membership table), then insist.
        for _ in $(seq 1 40); do kill -0 "${PIDS[$i]}" 2>/dev/null || break; sleep 0.25; done
        kill -KILL "${PIDS[$i]}" 2>/dev/null || true
        { wait "${PIDS[$i]}"; } 2>/dev/null || true
        say "  stopped ${NAMES[$i]}"
      fi
    done
  fi
  exit "$code"
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

started() { PIDS+=("$1"); NAMES+=("$2"); }

# Children run in their own session, so Ctrl-C reaches this script only and it stops them in order
# (gateway, silos, then Azurite) instead of all at once.
SETSID=()
command -v setsid >/dev/null 2>&1 && SETSID=(setsid)

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# True when an Azurite service answers on the port (it names itself in the Server header).
is_azurite() {
  local reply
  reply=$(timeout 3 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1 && printf 'GET / HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3 && head -c 512 <&3" 2>/dev/null || true)
  [[ $reply == *"Server: Azurite-"* ]]
}

show_log() { say "--- last lines of $1 ---" >&2; tail -n 30 "$1" >&2 || true; }

mkdir -p "$LOGS"

# --- Azurite -------------------------------------------------------------------------------------------------
if [[ ! -x node_modules/.bin/azurite ]]; then
  say "Installing Azurite from package-lock.json (npm ci)..."
  npm ci --no-audit --no-fund --no-progress --loglevel=error || fail "npm ci failed; Azurite is pinned in package-lock.json."
fi

AZURITE_NOTE=""
if is_azurite 10000 && is_azurite 10002; then
  AZURITE_NOTE="already running on this machine: reused, its data stays where that instance keeps it"
elif port_open 10000 || port_open 10001 || port_open 10002; then
  fail "a port of 10000-10002 is taken by something that is not Azurite; stop it, then run again."
else
  mkdir -p "$AZURITE_DATA"
  "${SETSID[@]}" node_modules/.bin/azurite --silent --skipApiVersionCheck --location "$AZURITE_DATA" \
    --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 >"$LOGS/azurite.log" 2>&1 &
  started $! "Azurite"
  for _ in $(seq 1 120); do
    { port_open 10000 && port_open 10002; } && break
    kill -0 "${PIDS[-1]}" 2>/dev/null || { show_log "$LOGS/azurite.log"; fail "Azurite exited at start."; }
    sleep 0.25
  done
  port_open 10002 || { show_log "$LOGS/azurite.log"; fail "Azurite did not open its ports within 30 s."; }
  AZURITE_NOTE="data in ${AZURITE_DATA#"$ROOT"/}/, log ${LOGS#"$ROOT"/}/azurite.log"
fi

# --- build once, then run the built assemblies (N silos must not run N builds) -----------------------------------
PROJECTS=(src/BaiTiaoSwitch.Silo)
[[ $HAS_GATEWAY -eq 1 ]] && PROJECTS+=(src/BaiTiaoSwitch.Gateway)
if [[ $BUILD -eq 1 ]]; then
  for project in "${PROJECTS[@]}"; do
    log=$LOGS/build-$(basename "$project").log
    say "Building $project (Release; log ${log#"$ROOT"/})..."
    dotnet build "$project" -c Release </dev/null >"$log" 2>&1 || { show_log "$log"; fail "the build of $project failed."; }
  done
fi
SILO_DIR=$ARTIFACTS/bin/BaiTiaoSwitch.Silo/release
GATEWAY_DIR=$ARTIFACTS/bin/BaiTiaoSwitch.Gateway/release
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
  # The content root is the build folder, where appsettings(.Development).json are. "Application started" in the log
  # (Microsoft.Hosting.Lifetime) means the silo has joined the cluster.
  (
    cd "$SILO_DIR"
    export BaiTiaoSwitch__Silo__SiloPort=$((11111 + i)) BaiTiaoSwitch__Silo__GatewayPort=$((30000 + i))
    export BaiTiaoSwitch__Silo__ClusterId=$CLUSTER_ID BaiTiaoSwitch__Silo__ServiceId=$SERVICE_ID
    export BaiTiaoSwitch__Storage__ConnectionString=$STORAGE BaiTiaoSwitch__Storage__NamePrefix=$NAME_PREFIX
    # Sandbox binding: one-time codes go to the HTTP edge's outbox, which GET /v1/sandbox/otp reads.
    export BaiTiaoSwitch__HttpEdge__Sandbox=true
    exec "${SETSID[@]}" dotnet BaiTiaoSwitch.Silo.dll --Logging:LogLevel:Microsoft.Hosting.Lifetime=Information --Logging:LogLevel:Polly=Warning
  ) >"$LOGS/silo-$i.log" 2>&1 &
  started $! "silo $i"
  SILO_PIDS+=($!)
done

say "Starting $SILOS silo(s)..."
for (( i=0; i<SILOS; i++ )); do
  for _ in $(seq 1 720); do
    grep -q "Application started" "$LOGS/silo-$i.log" 2>/dev/null && break
    kill -0 "${SILO_PIDS[$i]}" 2>/dev/null || { show_log "$LOGS/silo-$i.log"; fail "silo $i exited at start."; }
    sleep 0.25
  done
  grep -q "Application started" "$LOGS/silo-$i.log" || { show_log "$LOGS/silo-$i.log"; fail "silo $i did not start within 180 s."; }
done

# --- gateway ---------------------------------------------------------------------------------------------------
GATEWAY_NOTE="not started: src/BaiTiaoSwitch.Gateway does not exist yet"
GATEWAY_DOWN_AT_START=0
if [[ $HAS_GATEWAY -eq 1 ]]; then
  (
    cd "$GATEWAY_DIR"
    exec "${SETSID[@]}" dotnet BaiTiaoSwitch.Gateway.dll --urls "$GATEWAY_URL" --Gateway:Mode=Sandbox --Gateway:ChannelsFile="$CHANNELS" \
      --Cluster:ClusterId="$CLUSTER_ID" --Cluster:ServiceId="$SERVICE_ID" --Cluster:StorageConnectionString="$STORAGE" \
      --Cluster:StorageNamePrefix="$NAME_PREFIX"
  ) >"$LOGS/gateway.log" 2>&1 &
  started $! "gateway"
  GATEWAY_PID=$!
  say "Starting the gateway..."
  ready=0
  for _ in $(seq 1 240); do
    if ! kill -0 "$GATEWAY_PID" 2>/dev/null; then
      show_log "$LOGS/gateway.log"
      ready=-1
      break
    fi
    if reply=$(timeout 3 bash -c "exec 3<>/dev/tcp/127.0.0.1/5080 && printf 'GET /health/ready HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3 && head -c 64 <&3" 2>/dev/null) \
      && [[ $reply == "HTTP/1.1 200"* ]]; then
      ready=1
      break
    fi
    sleep 0.25
  done
  if [[ $ready -eq 1 ]]; then
    GATEWAY_NOTE="$GATEWAY_URL (sandbox mode), OpenAPI $GATEWAY_URL/openapi/v1.json, log ${LOGS#"$ROOT"/}/gateway.log"
  elif [[ $ready -eq -1 ]]; then
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
  say "  Silo $i    silo port $((11111 + i)), gateway port $((30000 + i)); log ${LOGS#"$ROOT"/}/silo-$i.log"
done
say "  Cluster   ClusterId $CLUSTER_ID, ServiceId $SERVICE_ID, storage $([[ $STORAGE == UseDevelopmentStorage=true ]] && echo "local Azurite" || echo "as configured")"
say "  Gateway   $GATEWAY_NOTE"
say "  Channels  development channel secrets (alipay, wechatpay, issuer) in deploy/local/channels.json; local only"
say ""
say "In another terminal:"
say "  dotnet run --project src/BaiTiaoSwitch.Cli -- demo              # through the .NET client SDK"
[[ $HAS_GATEWAY -eq 1 ]] && say "  dotnet run --project src/BaiTiaoSwitch.Cli -- demo --via http   # through the signed HTTP API"
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
