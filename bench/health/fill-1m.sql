-- Target health on a large table (docs/performance.md, "Target health"): fills the database of a server that has
-- bus 'big' with rule 'r' and webhook targets t1..t4 (delivery off: EVENTBUS_DELIVERY_ENABLED=false) with
-- 1,000,000 events on bus 'big' over the last 24 h, one delivery each to rule r / target t1..t4 (250k each),
-- 95 % DELIVERED, 3 % DEAD_LETTERED, 2 % RETRYABLE; one attempt per delivery (+1 failed before a dead letter)
\timing on
INSERT INTO event (id, bus_id, ingested_at, event_time, source, detail_type, envelope)
SELECT gen_random_uuid(), b.id, now() - (g * interval '86 ms'), now() - (g * interval '86 ms'), 'shop', 'Order Placed',
       '{"source":"shop","detail":{"n":1}}'
FROM generate_series(1, 1000000) g, bus b WHERE b.name = 'big';
INSERT INTO delivery (id, event_id, event_ingested_at, bus_id, rule_name, target_id, state, attempt, next_attempt_at,
                      last_error, finished_at)
SELECT gen_random_uuid(), e.id, e.ingested_at, e.bus_id, 'r', 't' || (1 + (abs(hashtext(e.id::text)) % 4)),
       CASE WHEN x < 95 THEN 'DELIVERED' WHEN x < 98 THEN 'DEAD_LETTERED' ELSE 'RETRYABLE' END, 1,
       e.ingested_at + interval '1 minute', CASE WHEN x >= 95 THEN 'HTTP 500' END,
       CASE WHEN x < 98 THEN e.ingested_at + interval '50 ms' END
FROM (SELECT e.*, abs(hashtext(e.id::text || 'x')) % 100 AS x FROM event e JOIN bus b ON b.id = e.bus_id AND b.name = 'big') e;
INSERT INTO delivery_attempt (delivery_id, attempt, at, status, latency_ms, error)
SELECT d.id, 1, d.event_ingested_at + interval '40 ms', CASE WHEN d.state = 'DELIVERED' THEN 200 ELSE 500 END,
       5 + abs(hashtext(d.id::text)) % 40, CASE WHEN d.state <> 'DELIVERED' THEN 'HTTP 500' END
FROM delivery d JOIN bus b ON b.id = d.bus_id AND b.name = 'big';
VACUUM ANALYZE event; VACUUM ANALYZE delivery; VACUUM ANALYZE delivery_attempt;
