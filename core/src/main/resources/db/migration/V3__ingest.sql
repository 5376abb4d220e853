-- Ingest: idempotency keys and daily event partitions.

-- An idempotency key maps to the first event put with it on a bus. Keys older than the window (24 h) are
-- reused as new; maintenance deletes them.
CREATE TABLE idempotency_key (
    bus_id     bigint      NOT NULL,
    key        text        NOT NULL,
    event_id   uuid        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (bus_id, key)
);
CREATE INDEX idempotency_key_created_idx ON idempotency_key (created_at);

-- Daily partitions of event, by ingestion day in UTC, from yesterday to days_ahead days ahead. Idempotent;
-- run at migration and regularly by the data plane, so that rows never fall into event_default.
CREATE FUNCTION eventbus_ensure_event_partitions(days_ahead integer) RETURNS void
    LANGUAGE plpgsql AS
$$
DECLARE
    today date := (now() AT TIME ZONE 'UTC')::date;
    d     date;
BEGIN
    FOR d IN SELECT generate_series(today - 1, today + days_ahead, interval '1 day')::date
        LOOP
            EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF event FOR VALUES FROM (%L) TO (%L)',
                           'event_' || to_char(d, 'YYYYMMDD'), d::text || ' 00:00:00+00',
                           (d + 1)::text || ' 00:00:00+00');
        END LOOP;
END
$$;

SELECT eventbus_ensure_event_partitions(7);
