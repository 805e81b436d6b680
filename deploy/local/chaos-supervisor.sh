# Sourced by chaos.sh: silos under supervision, the killer, and the count of what happened.
# Every event is a line "unix-seconds start|exit|kill silo-index pid [exit-code]" in $STATE/events.
# shellcheck shell=bash
# Times are bash's own $EPOCHSECONDS (bash 5): a `date` child killed by a stopping run's TERM left an empty operand.

SUPERVISORS=()

# Keeps silo $1 running: starts it, waits for it to die, starts it again (after 1 s, like a service manager's
# restart delay), until $STATE/stopping exists. Runs in the background; its silo's pid is in $STATE/silo-$1.pid.
supervise() {
  local i=$1 pid code
  trap - EXIT INT TERM
  while [[ ! -e $STATE/stopping ]]; do
    start_silo $((12111 + i)) $((32000 + i)) "$LOGS/silo-$i.log"
    pid=$LAST_PID
    echo "$pid" >"$STATE/silo-$i.pid"
    echo "$EPOCHSECONDS start $i $pid" >>"$STATE/events"
    code=0
    wait "$pid" || code=$?
    echo "$EPOCHSECONDS exit $i $pid $code" >>"$STATE/events"
    [[ -e $STATE/stopping ]] || sleep 1
  done
}

# Every $EVERY s for $1 s, SIGKILLs a silo chosen by the seeded generator (only while the load client runs).
kill_randomly() {
  local end=$(( $EPOCHSECONDS + $1 )) next victim pid
  RANDOM=$SEED
  next=$(( $EPOCHSECONDS + EVERY ))
  while (( next < end )); do
    while (( $EPOCHSECONDS < next )); do
      kill -0 "$CLIENT_PID" 2>/dev/null || return 0
      sleep 0.5
    done
    victim=$(( RANDOM % SILOS ))
    pid=$(cat "$STATE/silo-$victim.pid")
    if kill -KILL "$pid" 2>/dev/null; then
      echo "$EPOCHSECONDS kill $victim $pid" >>"$STATE/events"
      say "chaos.sh: SIGKILL silo $victim (pid $pid) at +$(( $EPOCHSECONDS - end + $1 )) s"
    fi
    next=$(( next + EVERY ))
  done
}

count_events() { grep -c " $1 " "$STATE/events" || true; }

# Stops the silos (TERM, then KILL after 15 s) and their supervisors. Stop the gateway before, Azurite after.
stop_silos() {
  local i pid
  touch "$STATE/stopping"
  for (( i=0; i<SILOS; i++ )); do
    pid=$(cat "$STATE/silo-$i.pid" 2>/dev/null || true)
    [[ -n $pid ]] && kill -TERM "$pid" 2>/dev/null || true
  done
  for (( i=0; i<${#SUPERVISORS[@]}; i++ )); do
    for _ in $(seq 1 60); do kill -0 "${SUPERVISORS[$i]}" 2>/dev/null || break; sleep 0.25; done
    pid=$(cat "$STATE/silo-$i.pid" 2>/dev/null || true)
    [[ -n $pid ]] && kill -KILL "$pid" 2>/dev/null || true
    { wait "${SUPERVISORS[$i]}"; } 2>/dev/null || true
  done
}
