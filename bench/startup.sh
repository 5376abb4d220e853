#!/usr/bin/env bash
# Prints start-up figures of the fat jar: first start (new home) and second start (data present) to a healthy
# /health, the jar's size, and memory after start (JVM RSS; embedded postgres PSS).
# Usage: bench/startup.sh [runs]   (after ./mvnw -DskipTests package)
set -euo pipefail
cd "$(dirname "$0")/.."
jar=server/target/eventbus.jar
runs=${1:-3}
[ -f "$jar" ] || { echo "build first: ./mvnw -DskipTests package" >&2; exit 1; }
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
work=$(mktemp -d)
trap 'pkill -TERM -f "$work" 2>/dev/null || true; sleep 2; rm -rf "$work"' EXIT

now_ms() { date +%s%3N; }

# Starts the jar on $1 (home), waits for UP, sets $ms and leaves the process running as $pid.
start_once() {
  local home=$1 t0
  t0=$(now_ms)
  EVENTBUS_HOME=$home MICRONAUT_SERVER_PORT=$port java -jar "$jar" >"$work/out.log" 2>&1 &
  pid=$!
  until curl -fs "http://127.0.0.1:$port/health" 2>/dev/null | grep -q '"UP"'; do
    kill -0 "$pid" 2>/dev/null || { cat "$work/out.log" >&2; exit 1; }
    sleep 0.05
  done
  ms=$(( $(now_ms) - t0 ))
}

stop() { kill -TERM "$pid"; wait "$pid" 2>/dev/null || true; }

rss_kib() { ps -o rss= -p "$1" | tr -d ' '; }
# Proportional set size: shared pages split among the processes that share them, so a sum is honest.
pss_kib() { awk '/^Pss:/ {print $2}' "/proc/$1/smaps_rollup"; }

first=(); second=()
for i in $(seq "$runs"); do
  home="$work/home-$i"
  start_once "$home"; first+=("$ms"); stop
  start_once "$home"; second+=("$ms")
  if [ "$i" = "$runs" ]; then
    sleep 2
    jvm=$(rss_kib "$pid")
    postmaster=$(pgrep -f "$home/postgres" | head -1)
    pg=$( { pss_kib "$postmaster"; pgrep -P "$postmaster" | while read -r p; do pss_kib "$p"; done; } | paste -sd+ | bc)
  fi
  stop
done

printf 'jar size:                      %s MiB (%s bytes)\n' "$(( $(stat -c %s "$jar") / 1048576 ))" "$(stat -c %s "$jar")"
printf 'first start to healthy (ms):   %s\n' "${first[*]}"
printf 'second start to healthy (ms):  %s\n' "${second[*]}"
printf 'RSS after start, JVM:          %s MiB\n' "$(( jvm / 1024 ))"
printf 'PSS after start, postgres:     %s MiB (postmaster and its children, shared pages split among them)\n' "$(( pg / 1024 ))"
