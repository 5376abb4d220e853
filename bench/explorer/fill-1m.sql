-- The event explorer on a large table (docs/performance.md, "Explorer"): fills the database of a server that has
-- bus 'big' (delivery off: EVENTBUS_DELIVERY_ENABLED=false) with 1,000,000 events over the last 24 h: ids that are
-- UUIDv7 of their time, as ingest makes them; sources shop.orders (60 %), shop.users (39 %), billing (1 %);
-- detail-types 'Order Placed' and 'User Created'; detail.orderId = the row's number (each value once). Every 20th
-- event has one DEAD_LETTERED delivery, the rest one DELIVERED delivery.
\timing on
INSERT INTO event (id, bus_id, ingested_at, event_time, source, detail_type, envelope)
SELECT e.id, e.bus_id, e.at, e.at, e.source, e.detail_type,
       '{"version":"0","id":"' || e.id || '","detail-type":"' || e.detail_type || '","source":"' || e.source
           || '","detail":{"orderId":' || e.g || ',"customer":{"tier":"' || CASE WHEN e.g % 10 = 0 THEN 'gold' ELSE 'basic' END
           || '"}}}'
FROM (SELECT g, b.id AS bus_id, t.at,
             CAST(lpad(to_hex(CAST(floor(extract(epoch FROM t.at) * 1000) AS bigint)), 12, '0') || '7'
                  || substr(md5(g::text), 1, 3) || '8' || substr(md5(g::text || 'v'), 1, 15) AS uuid) AS id,
             CASE WHEN g % 100 = 0 THEN 'billing' WHEN g % 100 < 60 THEN 'shop.orders' ELSE 'shop.users' END AS source,
             CASE WHEN g % 100 < 60 THEN 'Order Placed' ELSE 'User Created' END AS detail_type
      FROM generate_series(1, 1000000) g CROSS JOIN LATERAL (SELECT now() - g * interval '86 ms' AS at) t, bus b
      WHERE b.name = 'big') e;
INSERT INTO delivery (id, event_id, event_ingested_at, bus_id, rule_name, target_id, state, attempt, next_attempt_at,
                      last_error, finished_at)
SELECT gen_random_uuid(), e.id, e.ingested_at, e.bus_id, 'r', 't1',
       CASE WHEN n % 20 = 0 THEN 'DEAD_LETTERED' ELSE 'DELIVERED' END, 1, e.ingested_at,
       CASE WHEN n % 20 = 0 THEN 'HTTP 500' END, e.ingested_at + interval '50 ms'
FROM (SELECT e.*, row_number() OVER () AS n FROM event e JOIN bus b ON b.id = e.bus_id AND b.name = 'big') e;
VACUUM ANALYZE event; VACUUM ANALYZE delivery;
