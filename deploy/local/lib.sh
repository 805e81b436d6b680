# Shared by run.sh, chaos.sh and test.sh (sourced, never run on its own): Azurite, silo and gateway processes.
# The caller sets ROOT (the repository), SCRIPT_NAME (for messages) and, for the process helpers, LOGS.
# shellcheck shell=bash

say() { printf '%s\n' "$*"; }
fail() { printf '%s: %s\n' "$SCRIPT_NAME" "$*" >&2; exit 1; }
show_log() { say "--- last lines of $1 ---" >&2; tail -n 30 "$1" >&2 || true; }

require_tools() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null 2>&1 || fail "$tool is not installed; BaiTiaoSwitch needs the .NET SDK of global.json, and node/npm for Azurite."
  done
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# True when an Azurite service answers on the port (it names itself in the Server header).
is_azurite() {
  local reply
  reply=$(timeout 3 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1 && printf 'GET / HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3 && head -c 512 <&3" 2>/dev/null || true)
  [[ $reply == *"Server: Azurite-"* ]]
}

# Children run in their own session, so Ctrl-C reaches the script only and it stops them in order.
SETSID=()
command -v setsid >/dev/null 2>&1 && SETSID=(setsid)

# --- processes a script started, stopped in reverse order on exit ------------------------------------------------
PIDS=()
NAMES=()
started() { PIDS+=("$1"); NAMES+=("$2"); }

# Stops one process: TERM, up to 10 s for a graceful shutdown (a silo leaves the membership table), then KILL.
stop_pid() {
  local pid=$1
  kill -0 "$pid" 2>/dev/null || return 1
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  kill -KILL "$pid" 2>/dev/null || true
  { wait "$pid"; } 2>/dev/null || true
  return 0
}

stop_started() {
  local i
  for (( i=${#PIDS[@]}-1; i>=0; i-- )); do
    stop_pid "${PIDS[$i]}" && say "  stopped ${NAMES[$i]}"
  done
  return 0
}

# --- Azurite ---------------------------------------------------------------------------------------------------
install_azurite() {
  if [[ ! -x $ROOT/node_modules/.bin/azurite ]]; then
    say "Installing Azurite from package-lock.json (npm ci)..."
    (cd "$ROOT" && npm ci --no-audit --no-fund --no-progress --loglevel=error) || fail "npm ci failed; Azurite is pinned in package-lock.json."
  fi
}

# --- Chromium, for the console's browser test ----------------------------------------------------------------
# Debian's chromium package, installed with apt-get when missing (Playwright for .NET drives it; it cannot download a
# browser of its own here). Sets CHROMIUM_PATH. As root, or with sudo; without either the browser test says why it fails.
install_chromium() {
  CHROMIUM_PATH=$(command -v chromium || command -v chromium-browser || true)
  if [[ -z $CHROMIUM_PATH ]]; then
    local sudo=()
    [[ $(id -u) -ne 0 ]] && command -v sudo >/dev/null 2>&1 && sudo=(sudo -n)
    say "Installing Debian's chromium for the console's browser test (apt-get install chromium)..."
    if "${sudo[@]}" apt-get update -qq >/dev/null 2>&1 \
      && DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk >/dev/null 2>&1; then
      CHROMIUM_PATH=$(command -v chromium || true)
    else
      say "$SCRIPT_NAME: apt-get install chromium failed; the console's browser test will fail and say so." >&2
    fi
  fi
  export CHROMIUM_PATH
}

# Reuses an Azurite that answers on 127.0.0.1:10000-10002, or starts one: on disk in $1, or in memory when $1 is
# "memory" (the on-disk store rewrites its whole table file as it grows, which slows every write of a long run).
# Sets AZURITE_PID (empty when reused) and AZURITE_REUSED.
start_or_reuse_azurite() {
  local location=$1 log=$2
  AZURITE_PID=""
  AZURITE_REUSED=0
  install_azurite
  # A busy Azurite (after a long test run in memory) may take more than one 3-second probe to answer: ask again for
  # up to 30 s before taking a held port for something else.
  local probe
  for probe in 1 2 3 4 5 6 7 8 9 10; do
    if is_azurite 10000 && is_azurite 10002; then
      AZURITE_REUSED=1
      return 0
    fi
    port_open 10000 || port_open 10001 || port_open 10002 || break
    say "a port of 10000-10002 is held but did not answer as Azurite (probe $probe of 10); asking again"
    sleep 2
  done
  if port_open 10000 || port_open 10001 || port_open 10002; then
    fail "a port of 10000-10002 is taken by something that is not Azurite; stop it, then run again."
  fi
  local storage=(--location "$location")
  [[ $location == memory ]] && storage=(--inMemoryPersistence --extentMemoryLimit 4096)
  [[ $location != memory ]] && mkdir -p "$location"
  # --disableTelemetry: Azurite otherwise reports each request to Microsoft (its own tracing, about 5% of its CPU
  # here); nothing of a local run leaves the machine.
  "${SETSID[@]}" "$ROOT/node_modules/.bin/azurite" --silent --skipApiVersionCheck --disableTelemetry "${storage[@]}" \
    --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 >"$log" 2>&1 &
  AZURITE_PID=$!
  for _ in $(seq 1 120); do
    { port_open 10000 && port_open 10002; } && break
    kill -0 "$AZURITE_PID" 2>/dev/null || { show_log "$log"; fail "Azurite exited at start."; }
    sleep 0.25
  done
  port_open 10002 || { show_log "$log"; fail "Azurite did not open its ports within 30 s."; }
}

# --- build and run the switch ------------------------------------------------------------------------------------
ARTIFACTS=${ArtifactsPath:-$ROOT/artifacts}
SILO_DIR=$ARTIFACTS/bin/BaiTiaoSwitch.Silo/release
GATEWAY_DIR=$ARTIFACTS/bin/BaiTiaoSwitch.Gateway/release

build_projects() {
  local project log
  for project in "$@"; do
    log=$LOGS/build-$(basename "$project").log
    say "Building $project (Release; log ${log#"$ROOT"/})..."
    dotnet build "$ROOT/$project" -c Release </dev/null >"$log" 2>&1 || { show_log "$log"; fail "the build of $project failed."; }
  done
}

# Starts a silo in the background (development settings, sandbox binding) and sets LAST_PID. Uses CLUSTER_ID,
# SERVICE_ID, STORAGE and NAME_PREFIX. The content root is the build folder, where appsettings.json is.
start_silo() {
  local silo_port=$1 gateway_port=$2 log=$3
  (
    cd "$SILO_DIR"
    export BaiTiaoSwitch__Silo__SiloPort=$silo_port BaiTiaoSwitch__Silo__GatewayPort=$gateway_port
    # The operators' HTTP port (Orleans Dashboard, /metrics): 8480 for the silo on 11111, one more per silo after it.
    export BaiTiaoSwitch__Silo__HttpPort=$((silo_port - 11111 + 8480))
    export BaiTiaoSwitch__Silo__ClusterId=$CLUSTER_ID BaiTiaoSwitch__Silo__ServiceId=$SERVICE_ID
    export BaiTiaoSwitch__Storage__ConnectionString=$STORAGE BaiTiaoSwitch__Storage__NamePrefix=$NAME_PREFIX
    # Sandbox binding: one-time codes go to the HTTP edge's outbox, which GET /v1/sandbox/otp reads.
    export BaiTiaoSwitch__HttpEdge__Sandbox=true
    exec "${SETSID[@]}" dotnet BaiTiaoSwitch.Silo.dll --Logging:LogLevel:Microsoft.Hosting.Lifetime=Information --Logging:LogLevel:Polly=Warning
  ) >>"$log" 2>&1 &
  LAST_PID=$!
}

# Waits until the silo's log says "Application started" (it has joined the cluster): 0 when it has, 1 when it exited.
wait_silo_started() {
  local pid=$1 log=$2 name=$3
  for _ in $(seq 1 720); do
    grep -q "Application started" "$log" 2>/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || { show_log "$log"; fail "$name exited at start."; }
    sleep 0.25
  done
  show_log "$log"
  fail "$name did not start within 180 s."
}

# Starts the HTTP gateway in sandbox mode on $1 with the channels of $2, and sets LAST_PID.
start_gateway() {
  local url=$1 channels=$2 log=$3
  (
    cd "$GATEWAY_DIR"
    exec "${SETSID[@]}" dotnet BaiTiaoSwitch.Gateway.dll --urls "$url" --Gateway:Mode=Sandbox --Gateway:ChannelsFile="$channels" \
      --Cluster:ClusterId="$CLUSTER_ID" --Cluster:ServiceId="$SERVICE_ID" --Cluster:StorageConnectionString="$STORAGE" \
      --Cluster:StorageNamePrefix="$NAME_PREFIX"
  ) >"$log" 2>&1 &
  LAST_PID=$!
}

# Waits up to 60 s for GET /health/ready on port $1 to answer 200: 0 ready, 1 not ready in time, 2 the gateway exited.
wait_gateway_ready() {
  local port=$1 pid=$2 reply
  for _ in $(seq 1 240); do
    kill -0 "$pid" 2>/dev/null || return 2
    if reply=$(timeout 3 bash -c "exec 3<>/dev/tcp/127.0.0.1/$port && printf 'GET /health/ready HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3 && head -c 64 <&3" 2>/dev/null) \
      && [[ $reply == "HTTP/1.1 200"* ]]; then
      return 0
    fi
    sleep 0.25
  done
  return 1
}

# --- results as a .trx, so that test.sh and .ci/run count them with the dotnet test results ----------------------
xml_escape() { local s=$1; s=${s//&/&amp;}; s=${s//</&lt;}; s=${s//>/&gt;}; s=${s//\"/&quot;}; printf '%s' "$s"; }

# Writes $2 (a .trx) from $1, a file of lines "PASS|name|detail" or "FAIL|name|detail"; $3 names the test class.
write_trx() {
  local results=$1 trx=$2 class=$3 outcome name detail passed=0 failed=0 rows=""
  while IFS='|' read -r outcome name detail; do
    [[ -z $name ]] && continue
    if [[ $outcome == PASS ]]; then passed=$((passed + 1)); outcome=Passed; else failed=$((failed + 1)); outcome=Failed; fi
    rows+="    <UnitTestResult testId=\"$(cat /proc/sys/kernel/random/uuid)\" testName=\"$(xml_escape "$class.$name")\" outcome=\"$outcome\">"
    rows+="<Output><StdOut>$(xml_escape "$detail")</StdOut>"
    [[ $outcome == Failed ]] && rows+="<ErrorInfo><Message>$(xml_escape "$detail")</Message></ErrorInfo>"
    rows+=$'</Output></UnitTestResult>\n'
  done <"$results"
  {
    printf '<?xml version="1.0" encoding="UTF-8"?>\n'
    printf '<TestRun id="%s" name="%s" xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">\n' "$(cat /proc/sys/kernel/random/uuid)" "$(xml_escape "$class")"
    printf '  <Results>\n%s  </Results>\n' "$rows"
    printf '  <ResultSummary outcome="%s">\n' "$([[ $failed -eq 0 && $passed -gt 0 ]] && echo Completed || echo Failed)"
    printf '    <Counters total="%d" executed="%d" passed="%d" failed="%d" error="0" timeout="0" aborted="0" inconclusive="0" notExecuted="0" />\n' \
      $((passed + failed)) $((passed + failed)) "$passed" "$failed"
    printf '  </ResultSummary>\n</TestRun>\n'
  } >"$trx"
}
