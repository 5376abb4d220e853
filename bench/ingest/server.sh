#!/usr/bin/env bash
# Starts and stops the fat jar for the benches: one copy of that logic for run.sh (which sources this file) and
# for the delivery scenarios (the bench JVM runs it, since it restarts the server between phases).
#
#   bench/ingest/server.sh start HOME PORT LOG   starts server/target/eventbus.jar in the background with
#                                                EVENTBUS_HOME=HOME on 127.0.0.1:PORT, output to LOG; waits for
#                                                /health UP (120 s at most); writes HOME.pid; prints the pid
#   bench/ingest/server.sh stop HOME [PID]       SIGTERM, SIGKILL after 30 s; then stops a postgres left behind
#
# The environment passes through to the server (EVENTBUS_DELIVERY_ENABLED, EVENTBUS_DELIVERY_MAX_IN_FLIGHT, ...);
# SERVER_JAVA_OPTS holds extra JVM options of the server; SERVER_JAR another jar than server/target/eventbus.jar (an
# older build, to compare with). Run from anywhere: paths are the repository's.

server_sh_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

# server_alive PID: running (a zombie child of a shell that sources this file is not)
server_alive() {
  [ -r "/proc/$1/stat" ] || return 1
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  stat=${stat##*) }
  [ "${stat%% *}" != Z ]
}

# server_start HOME PORT LOG: sets server_pid, or returns 1 (the log printed to stderr)
server_start() {
  local home=$1 port=$2 log=$3
  mkdir -p "$home"
  # shellcheck disable=SC2086
  EVENTBUS_HOME=$home MICRONAUT_SERVER_PORT=$port MICRONAUT_SERVER_HOST=127.0.0.1 \
    java ${SERVER_JAVA_OPTS:-} -jar "${SERVER_JAR:-$server_sh_root/server/target/eventbus.jar}" >>"$log" 2>&1 </dev/null &
  server_pid=$!
  echo "$server_pid" >"$home.pid"
  local deadline=$((SECONDS + 120))
  until curl -fs "http://127.0.0.1:$port/health" 2>/dev/null | grep -q '"UP"'; do
    if ! server_alive "$server_pid" || [ $SECONDS -ge $deadline ]; then
      echo "the server did not become healthy; its output:" >&2
      cat "$log" >&2
      server_stop "$home" "$server_pid"
      return 1
    fi
    sleep 0.2
  done
}

# server_stop HOME [PID]: PID defaults to the one in HOME.pid
server_stop() {
  local home=$1 pid=${2:-}
  [ -n "$pid" ] || pid=$(cat "$home.pid" 2>/dev/null || true)
  if [ -n "$pid" ] && server_alive "$pid"; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 300); do server_alive "$pid" || break; sleep 0.1; done
    if server_alive "$pid"; then
      echo "server (pid $pid) still running 30 s after SIGTERM; killing it" >&2
      kill -KILL "$pid" 2>/dev/null || true
      for _ in $(seq 50); do server_alive "$pid" || break; sleep 0.1; done
    fi
  fi
  [ -z "$pid" ] || wait "$pid" 2>/dev/null || true # reaps it when it is our child
  rm -f "$home.pid"
  # the server stops its postgres; should one be left (server killed), stop it too: fast shutdown
  if [ -f "$home/postgres/postmaster.pid" ]; then
    local pg_pid
    pg_pid=$(head -1 "$home/postgres/postmaster.pid")
    if [ -n "$pg_pid" ] && server_alive "$pg_pid"; then
      echo "postgres (pid $pg_pid) left running; stopping it" >&2
      kill -INT "$pg_pid" 2>/dev/null || true
      for _ in $(seq 100); do server_alive "$pg_pid" || break; sleep 0.1; done
    fi
  fi
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  case "${1:-}" in
    start)
      [ $# -eq 4 ] || { echo "usage: $0 start HOME PORT LOG" >&2; exit 2; }
      server_start "$2" "$3" "$4"
      echo "$server_pid"
      ;;
    stop)
      [ $# -ge 2 ] || { echo "usage: $0 stop HOME [PID]" >&2; exit 2; }
      server_stop "$2" "${3:-}"
      ;;
    *)
      echo "usage: $0 start HOME PORT LOG | stop HOME [PID]" >&2
      exit 2
      ;;
  esac
fi
