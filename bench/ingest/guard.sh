#!/usr/bin/env bash
# The regression guard (docs/performance.md, "Regression guard"): a short form of the ingest bench in rounds, with
# delivery off, whose median ratios to the raw PostgreSQL ceiling are compared with the figures recorded in
# bench/ingest/baseline.tsv. It says which figure got worse by more than the spread measured (the recorded one's or
# this run's, the larger) and exits 1 when a ratio did. About 6 minutes on 2 cores. On demand; not a test in CI.
#
# Usage: bench/ingest/guard.sh [flags]            compare with bench/ingest/baseline.tsv
#        bench/ingest/guard.sh --record [flags]   run, then write this run's figures as the new baseline (do it on a
#                                                 release, and add the row to docs/performance.md)
# Env:   GUARD_ROUNDS (3), GUARD_DURATION (10 s measured per scenario); flags go to run.sh (e.g. --steady-slice 2)
set -euo pipefail
cd "$(dirname "$0")/../.."
baseline=bench/ingest/baseline.tsv
mode=(--baseline "$PWD/$baseline")
if [ "${1:-}" = --record ]; then
  shift
  mode=(--record "$PWD/$baseline")
elif [ ! -f "$baseline" ]; then
  echo "no recorded figures in $baseline: bench/ingest/guard.sh --record writes them" >&2
  exit 2
fi
EVENTBUS_DELIVERY_ENABLED=false exec bench/ingest/run.sh --rounds "${GUARD_ROUNDS:-3}" \
  --duration "${GUARD_DURATION:-10}" "${mode[@]}" "$@"
