#!/usr/bin/env bash
# Times the explorer's searches on a server filled by bench/explorer/fill-1m.sql (docs/performance.md, "Explorer"):
# each query three times, the answer time in seconds and the number of events on the first page.
# Usage: EVENTBUS_URL=http://localhost:18080 EVENTBUS_ADMIN_TOKEN=... bench/explorer/time-queries.sh <id of orderId 424242> <oldest billing event id>
set -euo pipefail
url=${EVENTBUS_URL:-http://localhost:8080}
auth="Authorization: Bearer ${EVENTBUS_ADMIN_TOKEN:?set EVENTBUS_ADMIN_TOKEN}"
id=${1:?the id of the event with detail.orderId 424242}
rare=${2:?the id of the oldest billing event}
deep=$(curl -sf -H "$auth" "$url/v1/events?bus=big&limit=1&from=$(date -u -d '-12 hours' +%Y-%m-%dT%H:%M:%SZ)&to=$(date -u -d '-12 hours +1 second' +%Y-%m-%dT%H:%M:%SZ)" \
  | python3 -c 'import json,sys; e=json.load(sys.stdin)["events"][0]; print(e["ingestedAt"] + "_" + e["id"])')
queries=(
  "newest page, all buses|/v1/events"
  "newest page of bus big|/v1/events?bus=big"
  "page 12 h deep (cursor)|/v1/events?bus=big&before=$deep"
  "by id|/v1/events?id=$id"
  "source prefix shop.o (60 %)|/v1/events?source=shop.o"
  "source prefix BILL (1 %, any case)|/v1/events?source=BILL"
  "detail-type prefix user (39 %)|/v1/events?detailType=user"
  "field detail.customer.tier = gold (10 %)|/v1/events?field=detail.customer.tier&value=gold"
  "field detail.orderId = 424242 (one event)|/v1/events?field=detail.orderId&value=424242"
  "field detail.orderId = 424242, within its hour|/v1/events?field=detail.orderId&value=424242&from=$(date -u -d '-11 hours' +%Y-%m-%dT%H:00:00Z)&to=$(date -u -d '-9 hours' +%Y-%m-%dT%H:00:00Z)"
  "delivery=dead-lettered (5 %)|/v1/events?bus=big&delivery=dead-lettered"
  "the oldest billing event by id|/v1/events?id=$rare"
)
printf '| query | answer time (3 runs) | events |\n|---|---|---:|\n'
for q in "${queries[@]}"; do
  name=${q%%|*}; path=${q#*|}
  times=()
  for _ in 1 2 3; do
    times+=("$(curl -s -o /tmp/explorer-answer.json -w '%{time_total}' -H "$auth" "$url$path")")
  done
  n=$(python3 -c 'import json; print(len(json.load(open("/tmp/explorer-answer.json")).get("events", [])))')
  printf '| %s | %s | %s |\n' "$name" "$(printf '%s ' "${times[@]}")" "$n"
done
