-- Progress of the initial copy from legacy, one row per synced legacy table (categories, products, stock).
--
-- start_position is MAX(rf_change.id) in the legacy database, read before the first row was copied (0 when the change
-- table was empty or not installed yet). The change stream applies a table's changes only once its backfill is
-- complete, and never below start_position: every change made while the copy ran is replayed after it.
-- last_key is the legacy primary key of the last row copied, committed in the same transaction as the rows: after a
-- crash the copy resumes right after it.
CREATE TABLE legacy_sync.backfill
(
  table_name     TEXT        NOT NULL,
  start_position BIGINT      NOT NULL,
  last_key       BIGINT,
  rows_copied    BIGINT      NOT NULL DEFAULT 0,
  untranslatable BIGINT      NOT NULL DEFAULT 0,
  started_at     TIMESTAMPTZ NOT NULL,
  completed_at   TIMESTAMPTZ,
  CONSTRAINT backfill_pk PRIMARY KEY (table_name),
  CONSTRAINT backfill_position_not_negative CHECK (start_position >= 0)
);

COMMENT ON TABLE legacy_sync.backfill IS 'Initial copy from legacy per table: where the change stream takes over, and where a crashed copy resumes.';
COMMENT ON COLUMN legacy_sync.backfill.untranslatable IS 'Rows skipped because they cannot be translated; reconciliation reports them as drift.';
