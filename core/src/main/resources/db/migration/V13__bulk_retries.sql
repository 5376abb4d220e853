-- A bulk retry (POST /v1/deliveries:retry): what it retried, so that its progress can be followed and what it has
-- not attempted yet put back as it was (POST /v1/bulk-retries/{id}:cancel). Kept for days by the data plane's
-- maintenance, as attempt logs are.
CREATE TABLE bulk_retry (
    id              uuid        PRIMARY KEY,
    bus_id          bigint      NOT NULL REFERENCES bus (id) ON DELETE CASCADE,
    -- The filter as asked (rule, target, states, from, to).
    filter          jsonb       NOT NULL,
    rate_per_second integer     NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    created_by      text        NOT NULL,
    last_due_at     timestamptz,
    cancelled_at    timestamptz
);
CREATE INDEX bulk_retry_bus_idx ON bulk_retry (bus_id, created_at);
CREATE INDEX bulk_retry_created_idx ON bulk_retry (created_at);

-- Each delivery a bulk retry made AVAILABLE, with what it was before: a cancel restores that while the retry's
-- attempt has not begun (the delivery still AVAILABLE with the same attempt count).
CREATE TABLE bulk_retry_delivery (
    bulk_retry_id            uuid        NOT NULL REFERENCES bulk_retry (id) ON DELETE CASCADE,
    delivery_id              uuid        NOT NULL,
    attempt                  integer     NOT NULL,
    previous_state           text        NOT NULL,
    previous_next_attempt_at timestamptz NOT NULL,
    previous_finished_at     timestamptz,
    cancelled                boolean     NOT NULL DEFAULT false,
    PRIMARY KEY (bulk_retry_id, delivery_id)
);
