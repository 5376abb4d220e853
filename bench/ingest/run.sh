#!/usr/bin/env bash
# Ingest benchmark: starts the fat jar on a free loopback port with a fresh EVENTBUS_HOME (embedded PostgreSQL,
# fsync and synchronous_commit on; start and stop in server.sh), sets up a bus, a queue, rules and an API key
# through the admin API, runs the scenarios (raw PostgreSQL ceiling, open loop, closed loop per rule count and
# batch size), stops the server with SIGTERM, removes the home and prints the table. With `delivery` first, the
# delivery benchmark instead (see README.md).
#
# Usage: bench/ingest/run.sh [ingest-bench flags]      e.g. --duration 10 --clients 16 --rules 1,100
#        bench/ingest/run.sh delivery [flags]          the delivery scenarios (latency to a webhook receiver in
#                                                      the bench, drain rate, ingest with delivery on/off; replay
#                                                      rate beside live traffic with --scenarios replay; the
#                                                      rate to each kind of target, webhook to Kafka, with
#                                                      --scenarios targets); the bench starts and restarts the
#                                                      servers itself
#        java -jar bench/ingest/target/ingest-bench.jar help     lists the flags
# Env:   SERVER_JAVA_OPTS  extra JVM options of the server (default none); other EVENTBUS_* pass through
#                          to the server (e.g. EVENTBUS_DELIVERY_ENABLED=false: ingest only)
#        KEEP_HOME=1       keep the temporary EVENTBUS_HOME (server and postgres logs) for a look afterwards
#        BUILD_SERVER=1    rebuild server/target/eventbus.jar even when it exists
#        SERVER_JAR=path   run another server jar (an older build to compare with); the bench is this checkout's
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
server_jar=${SERVER_JAR:-server/target/eventbus.jar}
bench_jar=bench/ingest/target/ingest-bench.jar

if [ -n "${SERVER_JAR:-}" ]; then
  [ -f "$SERVER_JAR" ] || { echo "SERVER_JAR=$SERVER_JAR: no such file" >&2; exit 2; }
  SERVER_JAR=$(cd "$(dirname "$SERVER_JAR")" && pwd)/$(basename "$SERVER_JAR"); export SERVER_JAR
  server_jar=$SERVER_JAR
elif [ ! -f "$server_jar" ] || [ "${BUILD_SERVER:-0}" = 1 ]; then
  echo "building the server: ./mvnw -B -q -DskipTests package" >&2
  ./mvnw -B -q -DskipTests package
fi
echo "building the bench: ./mvnw -B -q -f bench/ingest/pom.xml package" >&2
./mvnw -B -q -f bench/ingest/pom.xml package

work=$(mktemp -d "${TMPDIR:-/tmp}/ingest-bench.XXXXXX")
# shellcheck source=bench/ingest/server.sh
source bench/ingest/server.sh
commit="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')"
if git -C "$root" status --porcelain 2>/dev/null | grep -q .; then commit="$commit (work tree has changes)"; fi
if [ -n "${SERVER_JAR:-}" ]; then commit="the jar $SERVER_JAR (SERVER_JAR; bench at $commit)"; fi
# the jar is used as it is when it exists: say so when it is older than the commit checked out
jar_time=$(stat -c %Y "$server_jar" 2>/dev/null || echo 0)
head_time=$(git -C "$root" log -1 --format=%ct 2>/dev/null || echo 0)
if [ -z "${SERVER_JAR:-}" ] && [ "$jar_time" -lt "$head_time" ]; then
  commit="$commit; but the server jar was built $(date -u -d "@$jar_time" +%FT%TZ), before it (BUILD_SERVER=1 rebuilds)"
fi

if [ "${1:-}" = delivery ]; then
  # The bench starts, restarts and stops servers itself (through server.sh), each phase with its own home under
  # $work; this trap stops whichever one is up when the bench dies.
  shift
  cleanup() {
    for pidfile in "$work"/*.pid; do
      [ -f "$pidfile" ] && server_stop "${pidfile%.pid}"
    done
    if [ "${KEEP_HOME:-0}" = 1 ]; then echo "kept $work" >&2; else rm -rf "$work"; fi
  }
  trap cleanup EXIT
  trap 'exit 130' INT TERM
  status=0
  java -Xms256m -Xmx1g -jar "$bench_jar" delivery --server-script "$root/bench/ingest/server.sh" --work "$work" \
    --commit "$commit" --out "$work/table.txt" "$@" || status=$?
  echo
  [ -f "$work/table.txt" ] && cat "$work/table.txt"
  [ "$status" = 0 ] || echo "!! the bench reported errors (exit $status); KEEP_HOME=1 keeps the server logs" >&2
  exit "$status"
fi

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
home=$work/home
table=$work/table.txt
server_pid=

cleanup() {
  [ -z "$server_pid" ] || server_stop "$home" "$server_pid"
  server_pid=
  if [ "${KEEP_HOME:-0}" = 1 ]; then
    echo "kept $work" >&2
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "starting $server_jar on 127.0.0.1:$port, EVENTBUS_HOME=$home" >&2
server_start "$home" "$port" "$work/server.out" || { server_pid=; exit 1; }
echo "server up (pid $server_pid); commit $commit" >&2

status=0
java -Xms256m -Xmx1g -jar "$bench_jar" suite --url "http://127.0.0.1:$port" --home "$home" \
  --server-pid "$server_pid" --commit "$commit" --out "$table" "$@" || status=$?

server_stop "$home" "$server_pid"
server_pid=
echo
echo "server: java -jar $server_jar (commit $commit)"
[ -f "$table" ] && cat "$table"
if [ "$status" != 0 ]; then
  echo "!! the bench reported errors (exit $status); server log tail:" >&2
  tail -20 "$work/server.out" >&2 || true
fi
exit "$status"
