-- Removes the adapter's change capture from the legacy database: the triggers, the change table and Flyway's
-- history of them. Leaves every legacy table and row as it was. Safe to run twice.
-- Run by scripts/legacy-capture.sh remove (and by the adapter's own removal, which tests use).
DROP TRIGGER IF EXISTS rf_categories_insert;
DROP TRIGGER IF EXISTS rf_categories_update;
DROP TRIGGER IF EXISTS rf_categories_delete;
DROP TRIGGER IF EXISTS rf_products_insert;
DROP TRIGGER IF EXISTS rf_products_update;
DROP TRIGGER IF EXISTS rf_products_delete;
DROP TRIGGER IF EXISTS rf_stock_insert;
DROP TRIGGER IF EXISTS rf_stock_update;
DROP TRIGGER IF EXISTS rf_stock_delete;
DROP TRIGGER IF EXISTS rf_customers_insert;
DROP TRIGGER IF EXISTS rf_customers_update;
DROP TRIGGER IF EXISTS rf_customers_delete;
DROP TRIGGER IF EXISTS rf_orders_insert;
DROP TRIGGER IF EXISTS rf_orders_update;
DROP TRIGGER IF EXISTS rf_orders_delete;
DROP TRIGGER IF EXISTS rf_order_items_insert;
DROP TRIGGER IF EXISTS rf_order_items_update;
DROP TRIGGER IF EXISTS rf_order_items_delete;
DROP TABLE IF EXISTS rf_order_link;
DROP TABLE IF EXISTS rf_change;
DROP TABLE IF EXISTS rf_capture_history;
