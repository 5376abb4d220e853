#!/usr/bin/env bash
# The Java SDK publisher's benchmark (docs/performance.md, "Java SDK publisher"): starts server/target/eventbus.jar
# on a free loopback port with a fresh temporary EVENTBUS_HOME (through bench/ingest/server.sh, as the ingest bench
# does), runs io.eventbus.sdk.PublisherBench from the SDK's test classes against it, and stops the server.
#
# Usage: sdk-java/bench.sh [PublisherBench flags]   e.g. --duration 20 --batch 100 --in-flight 32 --producers 4
#        --client put (closed loops of Eventbus.putEventsAsync) or raw (of HttpClient.sendAsync) instead of the publisher
# Env:   EVENTBUS_DELIVERY_ENABLED=false and other EVENTBUS_* pass through to the server; SERVER_JAVA_OPTS too
#        BENCH_JAVA_OPTS  extra JVM options of the publisher (e.g. -XX:StartFlightRecording=filename=pub.jfr)
#        MAVEN_REPO   the local Maven repository to build with (default: Maven's own)
# Needs: server/target/eventbus.jar (./mvnw -DskipTests install)
set -euo pipefail
cd "$(dirname "$0")/.."
repo=${MAVEN_REPO:+-Dmaven.repo.local=$MAVEN_REPO}
# shellcheck disable=SC2086
./mvnw -B -q $repo -pl sdk-java test-compile dependency:build-classpath -Dmdep.includeScope=runtime \
  -Dmdep.outputFile=target/bench-classpath.txt
work=$(mktemp -d "${TMPDIR:-/tmp}/publisher-bench.XXXXXX")
# shellcheck source=bench/ingest/server.sh
source bench/ingest/server.sh
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
token=publisher-bench-admin-token-$RANDOM$RANDOM$RANDOM
server_pid=
cleanup() {
  [ -z "$server_pid" ] || server_stop "$work/home" "$server_pid"
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
EVENTBUS_ADMIN_TOKEN=$token server_start "$work/home" "$port" "$work/server.out"
echo "server up on 127.0.0.1:$port (pid $server_pid), delivery ${EVENTBUS_DELIVERY_ENABLED:-true}" >&2
java ${BENCH_JAVA_OPTS:-} -Xms256m -Xmx1g -cp "sdk-java/target/test-classes:sdk-java/target/classes:$(cat sdk-java/target/bench-classpath.txt)" \
  io.eventbus.sdk.PublisherBench --url "http://127.0.0.1:$port" --admin-token "$token" "$@"
