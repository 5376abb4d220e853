#!/usr/bin/env bash
# Ingest benchmark: starts the fat jar on a free loopback port with a fresh EVENTBUS_HOME (embedded
# PostgreSQL, fsync and synchronous_commit on), sets up a bus, a queue, rules and an API key through the admin
# API, runs the scenarios (raw PostgreSQL ceiling, open loop, closed loop per rule count and batch size),
# stops the server with SIGTERM, removes the home and prints the table.
#
# Usage: bench/ingest/run.sh [ingest-bench flags]      e.g. --duration 10 --clients 16 --rules 1,100
#        java -jar bench/ingest/target/ingest-bench.jar help     lists the flags
# Env:   SERVER_JAVA_OPTS  extra JVM options of the server (default none)
#        KEEP_HOME=1       keep the temporary EVENTBUS_HOME (server and postgres logs) for a look afterwards
#        BUILD_SERVER=1    rebuild server/target/eventbus.jar even when it exists
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
server_jar=server/target/eventbus.jar
bench_jar=bench/ingest/target/ingest-bench.jar

if [ ! -f "$server_jar" ] || [ "${BUILD_SERVER:-0}" = 1 ]; then
  echo "building the server: ./mvnw -B -q -DskipTests package" >&2
  ./mvnw -B -q -DskipTests package
fi
echo "building the bench: ./mvnw -B -q -f bench/ingest/pom.xml package" >&2
./mvnw -B -q -f bench/ingest/pom.xml package

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
work=$(mktemp -d "${TMPDIR:-/tmp}/ingest-bench.XXXXXX")
home=$work/home
table=$work/table.txt
server_pid=

stop_server() {
  [ -n "$server_pid" ] || return 0
  if kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 300); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$server_pid" 2>/dev/null; then
      echo "server (pid $server_pid) still running 30 s after SIGTERM; killing it" >&2
      kill -KILL "$server_pid" 2>/dev/null || true
    fi
  fi
  wait "$server_pid" 2>/dev/null || true
  server_pid=
  # the server stops its postgres; should one be left (server killed), stop it too: fast shutdown
  if [ -f "$home/postgres/postmaster.pid" ]; then
    pg_pid=$(head -1 "$home/postgres/postmaster.pid")
    if [ -n "$pg_pid" ] && kill -0 "$pg_pid" 2>/dev/null; then
      echo "postgres (pid $pg_pid) left running; stopping it" >&2
      kill -INT "$pg_pid" 2>/dev/null || true
      for _ in $(seq 100); do kill -0 "$pg_pid" 2>/dev/null || break; sleep 0.1; done
    fi
  fi
}

cleanup() {
  stop_server
  if [ "${KEEP_HOME:-0}" = 1 ]; then
    echo "kept $work" >&2
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir -p "$home"
echo "starting $server_jar on 127.0.0.1:$port, EVENTBUS_HOME=$home" >&2
# shellcheck disable=SC2086
EVENTBUS_HOME=$home MICRONAUT_SERVER_PORT=$port MICRONAUT_SERVER_HOST=127.0.0.1 \
  java ${SERVER_JAVA_OPTS:-} -jar "$server_jar" >"$work/server.out" 2>&1 &
server_pid=$!
deadline=$((SECONDS + 120))
until curl -fs "http://127.0.0.1:$port/health" 2>/dev/null | grep -q '"UP"'; do
  if ! kill -0 "$server_pid" 2>/dev/null || [ $SECONDS -ge $deadline ]; then
    echo "the server did not become healthy; its output:" >&2
    cat "$work/server.out" >&2
    exit 1
  fi
  sleep 0.2
done
echo "server up (pid $server_pid); commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')" \
  "$(git -C "$root" status --porcelain 2>/dev/null | grep -q . && echo '(work tree has changes)')" >&2

status=0
java -Xms256m -Xmx1g -jar "$bench_jar" suite --url "http://127.0.0.1:$port" --home "$home" \
  --server-pid "$server_pid" --out "$table" "$@" || status=$?

stop_server
echo
echo "server: java -jar $server_jar (commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?'))"
[ -f "$table" ] && cat "$table"
if [ "$status" != 0 ]; then
  echo "!! the bench reported errors (exit $status); server log tail:" >&2
  tail -20 "$work/server.out" >&2 || true
fi
exit "$status"
