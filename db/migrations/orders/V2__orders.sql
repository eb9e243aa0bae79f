-- Orders and their lines. Money is NUMERIC in the order's currency, never a float; times are timestamptz.
CREATE TABLE orders (
  id                 UUID PRIMARY KEY,
  -- NULL for a guest order, and for an order imported from legacy (it names legacy's customer instead).
  account_id         UUID,
  legacy_customer_id BIGINT,
  shopper_email      VARCHAR(191) NOT NULL,
  status             VARCHAR(16) NOT NULL CHECK (status IN ('PLACED', 'PAID', 'SHIPPED', 'DELIVERED', 'CANCELLED')),
  currency           VARCHAR(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  total              NUMERIC(19, 4) NOT NULL CHECK (total >= 0),
  payment_reference  VARCHAR(255),
  cancel_reason      VARCHAR(500),
  -- Where the order was placed: NEW here, LEGACY for a row the sync brought over from legacy's orders table.
  origin             VARCHAR(8) NOT NULL CHECK (origin IN ('NEW', 'LEGACY')),
  -- legacy's orders.id: of the imported row, or of the row written back there after cut-over.
  legacy_order_id    BIGINT UNIQUE,
  placed_at          TIMESTAMPTZ NOT NULL,
  updated_at         TIMESTAMPTZ NOT NULL,
  version            BIGINT NOT NULL
);

CREATE INDEX orders_account_ix ON orders (account_id, placed_at DESC) WHERE account_id IS NOT NULL;
CREATE INDEX orders_legacy_customer_ix ON orders (legacy_customer_id, placed_at DESC) WHERE legacy_customer_id IS NOT NULL;

CREATE TABLE order_lines (
  order_id   UUID NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  line_no    INT NOT NULL,
  product_id VARCHAR(64) NOT NULL,
  sku        VARCHAR(64) NOT NULL,
  name       VARCHAR(255) NOT NULL,
  unit_price NUMERIC(19, 4) NOT NULL CHECK (unit_price >= 0),
  quantity   INT NOT NULL CHECK (quantity > 0),
  PRIMARY KEY (order_id, line_no)
);

COMMENT ON SCHEMA orders IS 'Owned by the orders module: orders, their lines and lifecycle.';
