-- Target health over long windows (GET /v1/buses/{bus}/target-health?window=24h|7d) from per-minute counts instead
-- of every attempt: the control plane's RollUpTargetMinutes adds each finished minute here once (a few minutes
-- after it ends, when no attempt of it can still be recorded), and the health query reads these rows up to
-- target_minute_mark.until and the attempts themselves after it. Kept 8 days.
CREATE TABLE target_minute (
    bus_id        bigint      NOT NULL,
    rule_name     text        NOT NULL,
    target_id     text        NOT NULL,
    minute        timestamptz NOT NULL,
    attempts      integer     NOT NULL DEFAULT 0,
    failed        integer     NOT NULL DEFAULT 0,
    delivered     integer     NOT NULL DEFAULT 0,
    dead_lettered integer     NOT NULL DEFAULT 0,
    -- attempts by latency, in the buckets of io.eventbus.control.health.LatencyBuckets
    latency       integer[]   NOT NULL,
    -- the minute's last failed attempt
    last_error    text,
    last_error_at timestamptz,
    PRIMARY KEY (bus_id, minute, rule_name, target_id)
);
CREATE INDEX target_minute_minute_idx ON target_minute (minute);

-- How far target_minute holds every minute: one row.
CREATE TABLE target_minute_mark (
    id    boolean     PRIMARY KEY DEFAULT true CHECK (id),
    until timestamptz NOT NULL
);
