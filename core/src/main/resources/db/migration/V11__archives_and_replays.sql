-- Archives and replays (/v1/archives, /v1/replays; docs/adr/0016).

-- An archive keeps the events of its bus that match its pattern (every event of the bus without one) for
-- retention_days (0: forever), whatever the bus' own event retention. Ingest writes them in the event's own
-- transaction. A bus with archives cannot be deleted (no cascade): its archives are deleted first.
CREATE TABLE archive (
    id             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name           text        NOT NULL UNIQUE CHECK (name ~ '^[A-Za-z0-9._-]{1,64}$'),
    bus_id         bigint      NOT NULL REFERENCES bus (id),
    description    text,
    -- NULL: every event of the bus
    event_pattern  jsonb,
    retention_days integer     NOT NULL DEFAULT 0 CHECK (retention_days BETWEEN 0 AND 36500),
    version        bigint      NOT NULL DEFAULT 1,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX archive_bus_idx ON archive (bus_id);

-- The archived events: one list partition per archive, archived_event_<archive id> (dropped whole with its
-- archive), itself partitioned by ingestion day in UTC, archived_event_<archive id>_<yyyymmdd> (retention drops
-- whole days, never row by row), with a default partition for days not created yet.
CREATE TABLE archived_event (
    archive_id  bigint      NOT NULL,
    ingested_at timestamptz NOT NULL,
    id          uuid        NOT NULL,
    -- the event's own time (the envelope's "time"): replays select and order by it, as EventBridge's do
    event_time  timestamptz NOT NULL,
    -- the EventBridge envelope exactly as it was delivered
    envelope    text        NOT NULL
) PARTITION BY LIST (archive_id);
-- A replay reads its archive in (event_time, id) order, from where it stopped.
CREATE INDEX archived_event_replay_idx ON archived_event (archive_id, event_time, id);

-- The partition of an archive and its daily partitions from yesterday to days_ahead days ahead. Idempotent: the
-- control plane runs it when it creates the archive, the data plane's maintenance hourly.
CREATE FUNCTION eventbus_ensure_archive_partitions(archive bigint, days_ahead integer) RETURNS void
    LANGUAGE plpgsql AS
$$
DECLARE
    today  date := (now() AT TIME ZONE 'UTC')::date;
    parent text := 'archived_event_' || archive;
    d      date;
BEGIN
    EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF archived_event FOR VALUES IN (%s)'
                       || ' PARTITION BY RANGE (ingested_at)', parent, archive);
    EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF %I DEFAULT', parent || '_default', parent);
    FOR d IN SELECT generate_series(today - 1, today + days_ahead, interval '1 day')::date
        LOOP
            EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)',
                           parent || '_' || to_char(d, 'YYYYMMDD'), parent, d::text || ' 00:00:00+00',
                           (d + 1)::text || ' 00:00:00+00');
        END LOOP;
END
$$;

-- A replay sends the archived events of a time window (by event time) again through the bus' rules (all, or the
-- ones named), to their targets, with a top-level "replay-name" field. States are
-- io.eventbus.core.replay.ReplayState, drawn in docs/replay-state-machine.md. A data plane works on a replay while
-- it holds its lease, and moves its position in the transaction that stores the page of events it replayed, so a
-- replay resumed after a crash neither skips nor repeats an event.
CREATE TABLE replay (
    id                    bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name                  text        NOT NULL UNIQUE CHECK (name ~ '^[A-Za-z0-9._-]{1,64}$'),
    description           text,
    -- NULL once the archive is deleted (not while the replay is active: the control plane refuses that)
    archive_id            bigint      REFERENCES archive (id) ON DELETE SET NULL,
    archive_name          text        NOT NULL,
    bus_id                bigint      NOT NULL REFERENCES bus (id) ON DELETE CASCADE,
    -- the window, by event time: start inclusive, end exclusive
    event_start_time      timestamptz NOT NULL,
    event_end_time        timestamptz NOT NULL CHECK (event_end_time > event_start_time),
    -- the rules to replay into; NULL: every rule of the bus
    rules                 text[],
    rate_limit_per_second integer CHECK (rate_limit_per_second > 0),
    state                 text        NOT NULL DEFAULT 'STARTING'
        CHECK (state IN ('STARTING', 'RUNNING', 'CANCELLING', 'COMPLETED', 'CANCELLED', 'FAILED')),
    state_reason          text,
    -- the archived events in the window, counted when the replay starts
    events_total          bigint,
    -- archived events gone through (whether or not a chosen rule matched them), and the deliveries they made
    events_replayed       bigint      NOT NULL DEFAULT 0,
    deliveries            bigint      NOT NULL DEFAULT 0,
    -- where the replay is: the (event_time, id) of the last archived event gone through
    position_time         timestamptz,
    position_id           uuid,
    leased_by             text,
    lease_expires_at      timestamptz,
    created_at            timestamptz NOT NULL DEFAULT now(),
    started_at            timestamptz,
    finished_at           timestamptz,
    updated_at            timestamptz NOT NULL DEFAULT now()
);
-- Data planes look for replays to work on among the active ones only.
CREATE INDEX replay_active_idx ON replay (created_at) WHERE state IN ('STARTING', 'RUNNING', 'CANCELLING');

-- A replayed event is stored again, with its original id, its new ingestion time and the replay's name, so the
-- explorer shows it and its deliveries beside the original.
ALTER TABLE event ADD COLUMN replay_name text;
