-- The strangler route table: one row per capability (route), seeded from configuration on first start.
CREATE TABLE routes (
    id              TEXT PRIMARY KEY,
    module          TEXT        NOT NULL,
    legacy_patterns TEXT[]      NOT NULL,
    new_patterns    TEXT[]      NOT NULL,
    mode            TEXT        NOT NULL DEFAULT 'LEGACY' CHECK (mode IN ('LEGACY', 'SHADOW', 'CANARY', 'NEW')),
    -- basis points (0..10000): the canary share in steps of 0.01 %
    percent_bp      INTEGER     NOT NULL DEFAULT 0 CHECK (percent_bp BETWEEN 0 AND 10000),
    -- a per-route salt so different routes bucket shoppers independently
    salt            TEXT        NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_by      TEXT        NOT NULL DEFAULT 'seed',
    -- bumped on every change; instances compare it to decide whether to reload
    version         BIGINT      NOT NULL DEFAULT 1
);

-- Who changed what, when, from which state to which, and why. Append-only.
CREATE TABLE route_audit (
    id           BIGSERIAL PRIMARY KEY,
    route_id     TEXT        NOT NULL REFERENCES routes (id),
    at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    actor        TEXT        NOT NULL,
    from_mode    TEXT        NOT NULL,
    from_percent INTEGER     NOT NULL,
    to_mode      TEXT        NOT NULL,
    to_percent   INTEGER     NOT NULL,
    reason       TEXT        NOT NULL,
    forced       BOOLEAN     NOT NULL DEFAULT FALSE,
    automatic    BOOLEAN     NOT NULL DEFAULT FALSE
);
CREATE INDEX route_audit_by_route ON route_audit (route_id, at DESC);

-- Instances poll this one-row table (cheap) and reload the route table when the number moves.
CREATE SEQUENCE routes_version_seq;
