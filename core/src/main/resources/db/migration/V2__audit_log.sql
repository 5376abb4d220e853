-- Who changed what in the control plane, and when. Written in the same transaction as the change.
CREATE TABLE audit_log (
    id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at       timestamptz NOT NULL DEFAULT now(),
    actor    text        NOT NULL,
    action   text        NOT NULL,
    resource text        NOT NULL,
    -- What changed, without secrets.
    detail   jsonb
);
CREATE INDEX audit_log_at_idx ON audit_log (at DESC, id DESC);
