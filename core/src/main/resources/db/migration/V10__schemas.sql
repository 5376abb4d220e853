-- The schema registry (/v1/schemas): JSON Schemas of events' detail, named <source>@<DetailTypeWithoutSpaces> as
-- EventBridge names discovered schemas, each with immutable numbered versions. The compatibility setting says which
-- new versions are accepted (Confluent Schema Registry's meaning); see docs/adr/0014.
CREATE TABLE event_schema (
    id             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name           text        NOT NULL UNIQUE CHECK (name ~ '^[A-Za-z0-9._@-]+$' AND length(name) <= 256),
    description    text,
    format         text        NOT NULL CHECK (format IN ('JSONSchemaDraft4', 'JSONSchema2020-12')),
    compatibility  text        NOT NULL CHECK (compatibility IN ('NONE', 'BACKWARD', 'BACKWARD_TRANSITIVE', 'FORWARD',
                                                                 'FORWARD_TRANSITIVE', 'FULL', 'FULL_TRANSITIVE')),
    -- true while every version came from discovery (inferred from sampled events), not from a person
    discovered     boolean     NOT NULL DEFAULT false,
    latest_version integer     NOT NULL CHECK (latest_version >= 1),
    version        bigint      NOT NULL DEFAULT 1,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE event_schema_version (
    schema_id   bigint      NOT NULL REFERENCES event_schema (id) ON DELETE CASCADE,
    version     integer     NOT NULL CHECK (version >= 1),
    -- the document as registered (JSON text); never changed once written
    content     text        NOT NULL,
    -- SHA-256 of the document with its object keys sorted: the same content registered again is no new version
    fingerprint text        NOT NULL,
    discovered  boolean     NOT NULL DEFAULT false,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (schema_id, version),
    UNIQUE (schema_id, fingerprint)
);

-- What a bus does with events and schemas. schema_validation: OFF (no check), WARN (accepted and counted), ENFORCE
-- (refused when the latest version of the event's schema refuses its detail). require_schema: with WARN or
-- ENFORCE, an event whose schema does not exist counts as invalid too. schema_discovery: infer schemas from sampled
-- events.
ALTER TABLE bus
    ADD COLUMN schema_validation text    NOT NULL DEFAULT 'OFF' CHECK (schema_validation IN ('OFF', 'WARN', 'ENFORCE')),
    ADD COLUMN require_schema    boolean NOT NULL DEFAULT false,
    ADD COLUMN schema_discovery  boolean NOT NULL DEFAULT false;

-- Why the event's schema refused its detail, on a bus with schemaValidation WARN (accepted all the same); null when
-- it was not checked or passed. The explorer shows it.
ALTER TABLE event ADD COLUMN schema_problem text;
