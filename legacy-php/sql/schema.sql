-- RetailFlow legacy shop schema (the 2018 PHP + MySQL monolith).
--
-- Creates the tables in the CURRENT database (no database name is hardcoded).
-- Plain statements, each ending with a semicolon at the end of a line, no
-- DELIMITER blocks, so any simple script runner (mysql client, mysqli
-- multi_query, Spring ScriptUtils) can execute it.
--
-- Deliberate legacy traits, kept on purpose (see README.md, section Quirks):
--   * money is FLOAT (price, total, unit_price) - never exact
--   * status columns are TINYINT codes, not enums
--   * products.name and products.description are latin1 columns
--   * products.updated_at is maintained by application code, and some code
--     paths forget to bump it (stock has no updated_at at all, orders neither)
--   * customers.password is an unsalted md5 hex digest
--   * PHP sessions live in php_sessions, the cart is keyed by session id
--   * no foreign keys: the application keeps the relations (mostly)
--   * search is LIKE with a leading wildcard, so no index helps it

CREATE TABLE IF NOT EXISTS categories (
  id         INT NOT NULL AUTO_INCREMENT,
  parent_id  INT NULL DEFAULT NULL,          -- NULL for a top-level category
  name       VARCHAR(100) NOT NULL,
  slug       VARCHAR(100) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_categories_slug (slug),
  KEY idx_categories_parent (parent_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

-- products.status: 1 = active (listed and buyable)
--                  2 = hidden (not listed, product page is a 404)
--                  3 = discontinued (not listed, page shown, cannot be bought)
CREATE TABLE IF NOT EXISTS products (
  id           INT NOT NULL AUTO_INCREMENT,
  sku          VARCHAR(32) NOT NULL,
  category_id  INT NOT NULL,
  name         VARCHAR(255) CHARACTER SET latin1 COLLATE latin1_swedish_ci NOT NULL,
  description  TEXT CHARACTER SET latin1 COLLATE latin1_swedish_ci NULL,
  price        FLOAT NOT NULL DEFAULT 0,
  status       TINYINT NOT NULL DEFAULT 1,
  created_at   DATETIME NOT NULL,
  updated_at   DATETIME NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_products_sku (sku),
  KEY idx_products_category (category_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

-- One row per product. No updated_at: nobody can tell when stock last changed.
CREATE TABLE IF NOT EXISTS stock (
  product_id  INT NOT NULL,
  qty         INT NOT NULL DEFAULT 0,
  PRIMARY KEY (product_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

-- password = md5(plain password) as 32 lowercase hex characters, no salt.
-- email VARCHAR(191): the longest utf8mb4 column an InnoDB index took in 2018.
CREATE TABLE IF NOT EXISTS customers (
  id          INT NOT NULL AUTO_INCREMENT,
  email       VARCHAR(191) NOT NULL,
  password    CHAR(32) NOT NULL,
  name        VARCHAR(100) NOT NULL,
  created_at  DATETIME NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_customers_email (email)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

-- Written by the custom session handler in inc/session.php.
-- data = PHP session serialisation (serialize_handler "php": key|value...).
-- last_access = unix timestamp (seconds) of the last write.
CREATE TABLE IF NOT EXISTS php_sessions (
  id           VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  data         BLOB NOT NULL,
  last_access  INT UNSIGNED NOT NULL,
  PRIMARY KEY (id),
  KEY idx_php_sessions_last_access (last_access)
) ENGINE=InnoDB;

-- The cart, keyed by PHP session id (not by customer).
CREATE TABLE IF NOT EXISTS cart_items (
  id          INT NOT NULL AUTO_INCREMENT,
  session_id  VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  product_id  INT NOT NULL,
  qty         INT NOT NULL DEFAULT 1,
  added_at    DATETIME NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_cart_items_session_product (session_id, product_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

-- orders.status: 0 = new, 1 = paid, 2 = shipped, 3 = delivered, 9 = cancelled
CREATE TABLE IF NOT EXISTS orders (
  id            INT NOT NULL AUTO_INCREMENT,
  customer_id   INT NOT NULL,
  status        TINYINT NOT NULL DEFAULT 0,
  total         FLOAT NOT NULL DEFAULT 0,
  ship_name     VARCHAR(100) NOT NULL,
  ship_address  VARCHAR(255) NOT NULL,
  ship_city     VARCHAR(100) NOT NULL,
  ship_zip      VARCHAR(20) NOT NULL,
  created_at    DATETIME NOT NULL,
  PRIMARY KEY (id),
  KEY idx_orders_customer (customer_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

-- name and unit_price are copied from products when the order is placed.
CREATE TABLE IF NOT EXISTS order_items (
  id          INT NOT NULL AUTO_INCREMENT,
  order_id    INT NOT NULL,
  product_id  INT NOT NULL,
  qty         INT NOT NULL,
  unit_price  FLOAT NOT NULL,
  name        VARCHAR(255) NOT NULL,
  PRIMARY KEY (id),
  KEY idx_order_items_order (order_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
