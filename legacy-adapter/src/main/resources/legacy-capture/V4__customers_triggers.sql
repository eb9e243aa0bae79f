-- Change capture for legacy customers (the identity module's data), as V2 does for the catalog's tables: every
-- registration on legacy, and every change a script or a mysql session makes, lands in rf_change with the writer's
-- transaction. The new side's own write-back of accounts (registrations and changes made there) runs with
-- @retailflow_writeback = 1 and is not recorded, so it never comes back as a legacy change.

CREATE TRIGGER rf_customers_insert AFTER INSERT ON customers FOR EACH ROW
  INSERT INTO rf_change (table_name, row_key, op)
  SELECT 'customers', NEW.id, 'I' FROM DUAL WHERE COALESCE(@retailflow_writeback, 0) <> 1;

CREATE TRIGGER rf_customers_update AFTER UPDATE ON customers FOR EACH ROW
  INSERT INTO rf_change (table_name, row_key, op)
  SELECT 'customers', k.id, 'U' FROM (SELECT NEW.id AS id UNION SELECT OLD.id) k
   WHERE COALESCE(@retailflow_writeback, 0) <> 1;

CREATE TRIGGER rf_customers_delete AFTER DELETE ON customers FOR EACH ROW
  INSERT INTO rf_change (table_name, row_key, op)
  SELECT 'customers', OLD.id, 'D' FROM DUAL WHERE COALESCE(@retailflow_writeback, 0) <> 1;
