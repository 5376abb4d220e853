#!/usr/bin/env bash
# The regression guard (docs/performance.md, "Regression guard"): short forms of the benches in rounds, compared
# with the figures recorded in the repository:
#   1. ingest, delivery off: 3 rounds of the raw PostgreSQL ceiling and the server's closed and open loops; their
#      median ratios to the ceiling against bench/ingest/baseline-ingest.tsv;
#   2. delivery: 3 rounds of 1,000 events/s, one per request, to one webhook; end-to-end p50 and p99 and the server's
#      and postgres' CPU per event against bench/ingest/baseline-delivery.tsv (figures of the machine: they decide
#      only on the machine that recorded them).
# It says which figure got worse by more than the spread measured (the recorded one's or this run's, the larger) and
# exits 1 when a deciding figure did. About 10 minutes on 2 cores. On demand; not a test in CI.
#
# Usage: bench/ingest/guard.sh            compare with the recorded figures
#        bench/ingest/guard.sh --record   run, then write this run's figures as the new ones (on a release; add its
#                                         row to docs/performance.md)
# Env:   GUARD_ROUNDS (3), GUARD_DURATION (10 s measured per ingest scenario, 15 s per delivery round)
set -euo pipefail
cd "$(dirname "$0")/../.."
ingest=bench/ingest/baseline-ingest.tsv
delivery=bench/ingest/baseline-delivery.tsv
if [ "${1:-}" = --record ]; then
  shift
  ingest_mode=(--record "$PWD/$ingest")
  delivery_mode=(--record "$PWD/$delivery")
else
  for f in "$ingest" "$delivery"; do
    [ -f "$f" ] || { echo "no recorded figures in $f: bench/ingest/guard.sh --record writes them" >&2; exit 2; }
  done
  ingest_mode=(--baseline "$PWD/$ingest")
  delivery_mode=(--baseline "$PWD/$delivery")
fi
rounds=${GUARD_ROUNDS:-3}
status=0
EVENTBUS_DELIVERY_ENABLED=false bench/ingest/run.sh --rounds "$rounds" --duration "${GUARD_DURATION:-10}" \
  "${ingest_mode[@]}" || status=1
bench/ingest/run.sh delivery --scenarios latency --rates 1000x1 --rounds "$rounds" --warmup 90 --round-warmup 10 \
  --duration "${GUARD_DURATION:-15}" "${delivery_mode[@]}" || status=1
if [ "$status" != 0 ]; then echo "!! the guard found a figure worse by more than the spread, or a bench failed" >&2; fi
exit "$status"
