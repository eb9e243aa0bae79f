-- The change stream from the legacy shop (legacy rf_change → catalog and inventory through their APIs).
-- Written in the same transaction as the data the stream applies, so a crash at any point loses nothing and
-- applies nothing twice.

-- How far the stream has read rf_change: every change id up to position was applied, or is listed as a gap.
CREATE TABLE legacy_sync.change_checkpoint
(
  stream     TEXT        NOT NULL,
  position   BIGINT      NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL,
  CONSTRAINT change_checkpoint_pk PRIMARY KEY (stream),
  CONSTRAINT change_checkpoint_position_not_negative CHECK (position >= 0)
);

-- Change ids below the position that were not visible when the stream passed them: a legacy transaction still
-- open (it holds an id it has not committed yet), or one that rolled back (its id never appears). Looked up
-- again on every poll until found, or until they are older than any legacy transaction can be.
CREATE TABLE legacy_sync.change_gap
(
  stream     TEXT        NOT NULL,
  change_id  BIGINT      NOT NULL,
  noticed_at TIMESTAMPTZ NOT NULL,
  CONSTRAINT change_gap_pk PRIMARY KEY (stream, change_id)
);

-- Legacy rows the stream could not translate or the module refused, with the reason. The stream goes on; the row
-- leaves the quarantine when a later change of it applies.
CREATE TABLE legacy_sync.quarantine
(
  table_name     TEXT        NOT NULL,
  row_key        TEXT        NOT NULL,
  reason         TEXT        NOT NULL,
  change_id      BIGINT      NOT NULL,
  quarantined_at TIMESTAMPTZ NOT NULL,
  CONSTRAINT quarantine_pk PRIMARY KEY (table_name, row_key)
);
