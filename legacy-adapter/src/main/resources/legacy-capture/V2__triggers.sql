-- AFTER INSERT/UPDATE/DELETE triggers on the synced legacy tables. Each writes the key and the operation into
-- rf_change inside the writer's own transaction, so a change and its record commit (or roll back) together,
-- whoever wrote it: the shop's pages, scripts/price-fix.php, a plain mysql session. Nothing depends on an
-- updated_at column.
--
-- Rows written while the session variable @retailflow_writeback is 1 are the adapter's own write-back; they are
-- not recorded, so a write-back never comes back as a legacy change (no echo).
--
-- Each body is one INSERT ... SELECT (no BEGIN/END block), so no DELIMITER is needed. An UPDATE that moves a row
-- to another key records both keys: the old one is then re-read as missing, i.e. deleted.

CREATE TRIGGER rf_categories_insert AFTER INSERT ON categories FOR EACH ROW
  INSERT INTO rf_change (table_name, row_key, op)
  SELECT 'categories', NEW.id, 'I' FROM DUAL WHERE COALESCE(@retailflow_writeback, 0) <> 1;

CREATE TRIGGER rf_categories_update AFTER UPDATE ON categories FOR EACH ROW
  INSERT INTO rf_change (table_name, row_key, op)
  SELECT 'categories', k.id, 'U' FROM (SELECT NEW.id AS id UNION SELECT OLD.id) k
   WHERE COALESCE(@retailflow_writeback, 0) <> 1;

CREATE TRIGGER rf_categories_delete AFTER DELETE ON categories FOR EACH ROW
  INSERT INTO rf_change (table_name, row_key, op)
  SELECT 'categories', OLD.id, 'D' FROM DUAL WHERE COALESCE(@retailflow_writeback, 0) <> 1;

CREATE TRIGGER rf_products_insert AFTER INSERT ON products FOR EACH ROW
  INSERT INTO rf_change (table_name, row_key, op)
  SELECT 'products', NEW.id, 'I' FROM DUAL WHERE COALESCE(@retailflow_writeback, 0) <> 1;

CREATE TRIGGER rf_products_update AFTER UPDATE ON products FOR EACH ROW
  INSERT INTO rf_change (table_name, row_key, op)
  SELECT 'products', k.id, 'U' FROM (SELECT NEW.id AS id UNION SELECT OLD.id) k
   WHERE COALESCE(@retailflow_writeback, 0) <> 1;

CREATE TRIGGER rf_products_delete AFTER DELETE ON products FOR EACH ROW
  INSERT INTO rf_change (table_name, row_key, op)
  SELECT 'products', OLD.id, 'D' FROM DUAL WHERE COALESCE(@retailflow_writeback, 0) <> 1;

CREATE TRIGGER rf_stock_insert AFTER INSERT ON stock FOR EACH ROW
  INSERT INTO rf_change (table_name, row_key, op)
  SELECT 'stock', NEW.product_id, 'I' FROM DUAL WHERE COALESCE(@retailflow_writeback, 0) <> 1;

CREATE TRIGGER rf_stock_update AFTER UPDATE ON stock FOR EACH ROW
  INSERT INTO rf_change (table_name, row_key, op)
  SELECT 'stock', k.id, 'U' FROM (SELECT NEW.product_id AS id UNION SELECT OLD.product_id) k
   WHERE COALESCE(@retailflow_writeback, 0) <> 1;

CREATE TRIGGER rf_stock_delete AFTER DELETE ON stock FOR EACH ROW
  INSERT INTO rf_change (table_name, row_key, op)
  SELECT 'stock', OLD.product_id, 'D' FROM DUAL WHERE COALESCE(@retailflow_writeback, 0) <> 1;
