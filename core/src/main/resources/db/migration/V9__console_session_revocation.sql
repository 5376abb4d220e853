-- Console sessions revoked by signing out, until they would have expired anyway (ConsoleSession, docs/adr/0011).
-- Every process keeps the ids in memory: loaded at start, added to through the config channel's NOTIFY. Data-plane
-- maintenance deletes rows past expires_at. A new table only: the previous release neither reads nor writes it.
CREATE TABLE console_session_revocation (
    session_id text PRIMARY KEY,
    expires_at timestamptz NOT NULL,
    revoked_at timestamptz NOT NULL DEFAULT now()
);
