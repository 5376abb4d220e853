-- Every attempt of every delivery, for the event explorer (GET /v1/events/{id}); kept for a bounded time by
-- the data plane's maintenance.
CREATE TABLE delivery_attempt (
    delivery_id uuid        NOT NULL,
    attempt     integer     NOT NULL,
    at          timestamptz NOT NULL DEFAULT now(),
    -- The HTTP status, or NULL when no answer came (timeout, connection error) or the target is not HTTP.
    status      integer,
    latency_ms  integer     NOT NULL,
    error       text,
    -- The first KiB of the target's answer.
    response    text,
    PRIMARY KEY (delivery_id, attempt)
);
CREATE INDEX delivery_attempt_at_idx ON delivery_attempt (at);
