-- The key-only change table the triggers of V2 write into (the Bucardo pattern): which row of which legacy table
-- changed and how. The adapter re-reads the live row, so several changes to one key coalesce and a missing row
-- means the row is gone. Installed and removed by the legacy adapter, never by the legacy shop.
CREATE TABLE rf_change (
  id         BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  table_name VARCHAR(64) NOT NULL,
  row_key    VARCHAR(191) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  op         CHAR(1) NOT NULL,             -- 'I', 'U', 'D'
  changed_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)
) ENGINE=InnoDB;
