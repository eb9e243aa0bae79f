-- Reconciliation reports: legacy and the new side compared per table (counts and checksums over key ranges of the
-- translated values, bisected down to rows). Kept for the console and the cut-over gate; old ones are pruned.
CREATE TABLE legacy_sync.reconciliation
(
  id          BIGINT GENERATED ALWAYS AS IDENTITY,
  module      TEXT        NOT NULL,
  started_at  TIMESTAMPTZ NOT NULL,
  finished_at TIMESTAMPTZ NOT NULL,
  triggered_by TEXT       NOT NULL,
  drift_rows  BIGINT      NOT NULL,
  CONSTRAINT reconciliation_pk PRIMARY KEY (id),
  CONSTRAINT reconciliation_drift_not_negative CHECK (drift_rows >= 0)
);

CREATE INDEX reconciliation_latest_idx ON legacy_sync.reconciliation (module, finished_at DESC);

COMMENT ON COLUMN legacy_sync.reconciliation.drift_rows IS 'Rows missing on either side, different, or untranslatable on legacy, over all tables.';

-- One row per table compared; the counts are exact even when the listed keys are capped.
CREATE TABLE legacy_sync.reconciliation_table
(
  reconciliation_id BIGINT  NOT NULL,
  table_name        TEXT    NOT NULL,
  legacy_rows       BIGINT  NOT NULL,
  new_rows          BIGINT  NOT NULL,
  ranges_compared   BIGINT  NOT NULL,
  missing_on_new    BIGINT  NOT NULL,
  missing_on_legacy BIGINT  NOT NULL,
  different         BIGINT  NOT NULL,
  untranslatable    BIGINT  NOT NULL,
  keys_truncated    BOOLEAN NOT NULL,
  CONSTRAINT reconciliation_table_pk PRIMARY KEY (reconciliation_id, table_name),
  CONSTRAINT reconciliation_table_report_fk FOREIGN KEY (reconciliation_id)
    REFERENCES legacy_sync.reconciliation (id) ON DELETE CASCADE
);

-- The differing keys (the first ones found, up to retailflow.legacy.reconciliation.keys-listed per table).
CREATE TABLE legacy_sync.reconciliation_difference
(
  reconciliation_id BIGINT NOT NULL,
  table_name        TEXT   NOT NULL,
  row_key           TEXT   NOT NULL,
  kind              TEXT   NOT NULL,
  reason            TEXT,
  CONSTRAINT reconciliation_difference_pk PRIMARY KEY (reconciliation_id, table_name, row_key),
  CONSTRAINT reconciliation_difference_table_fk FOREIGN KEY (reconciliation_id, table_name)
    REFERENCES legacy_sync.reconciliation_table (reconciliation_id, table_name) ON DELETE CASCADE,
  CONSTRAINT reconciliation_difference_kind CHECK (kind IN ('MISSING_ON_NEW', 'MISSING_ON_LEGACY', 'DIFFERENT',
                                                            'UNTRANSLATABLE'))
);
