-- Orders: capture of legacy's orders and order_items, and the link table of the order write-back.
--
-- An order is one synced row, keyed by orders.id: a change to any of its order_items is recorded as a change of
-- its order ('orders', order_id), so the adapter re-reads the order with all its items. Rows written back by the
-- adapter (@retailflow_writeback = 1) are not recorded, as for the other tables.

-- Which legacy order row the write-back created for an order placed on the new side. Written in the same legacy
-- transaction as the order's rows, so a write-back repeated after a crash finds its row instead of adding a second.
CREATE TABLE rf_order_link (
  order_id        CHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
  legacy_order_id INT NOT NULL,
  UNIQUE KEY uq_rf_order_link_legacy (legacy_order_id)
) ENGINE=InnoDB;

CREATE TRIGGER rf_orders_insert AFTER INSERT ON orders FOR EACH ROW
  INSERT INTO rf_change (table_name, row_key, op)
  SELECT 'orders', NEW.id, 'I' FROM DUAL WHERE COALESCE(@retailflow_writeback, 0) <> 1;

CREATE TRIGGER rf_orders_update AFTER UPDATE ON orders FOR EACH ROW
  INSERT INTO rf_change (table_name, row_key, op)
  SELECT 'orders', k.id, 'U' FROM (SELECT NEW.id AS id UNION SELECT OLD.id) k
   WHERE COALESCE(@retailflow_writeback, 0) <> 1;

CREATE TRIGGER rf_orders_delete AFTER DELETE ON orders FOR EACH ROW
  INSERT INTO rf_change (table_name, row_key, op)
  SELECT 'orders', OLD.id, 'D' FROM DUAL WHERE COALESCE(@retailflow_writeback, 0) <> 1;

CREATE TRIGGER rf_order_items_insert AFTER INSERT ON order_items FOR EACH ROW
  INSERT INTO rf_change (table_name, row_key, op)
  SELECT 'orders', NEW.order_id, 'U' FROM DUAL WHERE COALESCE(@retailflow_writeback, 0) <> 1;

CREATE TRIGGER rf_order_items_update AFTER UPDATE ON order_items FOR EACH ROW
  INSERT INTO rf_change (table_name, row_key, op)
  SELECT 'orders', k.id, 'U' FROM (SELECT NEW.order_id AS id UNION SELECT OLD.order_id) k
   WHERE COALESCE(@retailflow_writeback, 0) <> 1;

CREATE TRIGGER rf_order_items_delete AFTER DELETE ON order_items FOR EACH ROW
  INSERT INTO rf_change (table_name, row_key, op)
  SELECT 'orders', OLD.order_id, 'U' FROM DUAL WHERE COALESCE(@retailflow_writeback, 0) <> 1;
