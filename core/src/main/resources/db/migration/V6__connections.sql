-- Connections: how webhook targets authenticate to their endpoints (EventBridge's connections: basic auth,
-- an API key header, OAuth client credentials). Managed at /v1/connections; the data plane reads them to deliver.
CREATE TABLE connection (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name               text        NOT NULL UNIQUE CHECK (name ~ '^[A-Za-z0-9._-]{1,64}$'),
    description        text,
    authorization_type text        NOT NULL
        CHECK (authorization_type IN ('BASIC', 'API_KEY', 'OAUTH_CLIENT_CREDENTIALS')),
    -- What is not secret: {"username"} (BASIC), {"apiKeyName"} (API_KEY: the header), or {"authorizationEndpoint",
    -- "clientId", "scope", "httpMethod"} (OAUTH_CLIENT_CREDENTIALS).
    parameters         jsonb       NOT NULL DEFAULT '{}'::jsonb,
    -- The password, API key value or client secret, encrypted by the application (docs/adr/0006); never plaintext.
    secret             text        NOT NULL CHECK (secret LIKE 'eb1:%'),
    version            bigint      NOT NULL DEFAULT 1,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now()
);

-- The connection a webhook target authenticates with (its config names it too, for the API). A connection in
-- use cannot be deleted.
ALTER TABLE target ADD COLUMN connection_id bigint REFERENCES connection (id);
CREATE INDEX target_connection_idx ON target (connection_id) WHERE connection_id IS NOT NULL;
