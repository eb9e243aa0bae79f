-- Stock per SKU and the reservations held against it.
--
-- available = on_hand - reserved. Every write that could oversell is a single conditional UPDATE on the stock row
-- (see StockLevels), so the row lock serialises competing reservations. The CHECK constraints below are the last line
-- of defence: even a faulty statement cannot commit negative stock or more units reserved than are on hand.

CREATE TABLE inventory.stock
(
  sku        VARCHAR(64) NOT NULL,
  on_hand    INTEGER     NOT NULL,
  reserved   INTEGER     NOT NULL DEFAULT 0,
  updated_at TIMESTAMPTZ NOT NULL,
  CONSTRAINT stock_pk PRIMARY KEY (sku),
  CONSTRAINT stock_on_hand_not_negative CHECK (on_hand >= 0),
  CONSTRAINT stock_reserved_not_negative CHECK (reserved >= 0),
  CONSTRAINT stock_reserved_within_on_hand CHECK (reserved <= on_hand)
)
-- Hot SKUs are updated on every reservation; free space on each page lets PostgreSQL do HOT updates
-- (no index columns change) instead of writing new index entries.
WITH (fillfactor = 90);

COMMENT ON TABLE inventory.stock IS 'Units on hand per SKU and how many of them open reservations hold.';
COMMENT ON COLUMN inventory.stock.reserved IS 'Sum of the quantities of the OPEN reservations of this SKU.';

CREATE TABLE inventory.reservation
(
  id         UUID        NOT NULL,
  sku        VARCHAR(64) NOT NULL,
  quantity   INTEGER     NOT NULL,
  status     VARCHAR(16) NOT NULL DEFAULT 'OPEN',
  created_at TIMESTAMPTZ NOT NULL,
  expires_at TIMESTAMPTZ NOT NULL,
  closed_at  TIMESTAMPTZ,
  CONSTRAINT reservation_pk PRIMARY KEY (id),
  CONSTRAINT reservation_stock_fk FOREIGN KEY (sku) REFERENCES inventory.stock (sku),
  CONSTRAINT reservation_quantity_positive CHECK (quantity > 0),
  CONSTRAINT reservation_status_known CHECK (status IN ('OPEN', 'CONFIRMED', 'RELEASED', 'EXPIRED')),
  CONSTRAINT reservation_closed_when_not_open CHECK ((status = 'OPEN') = (closed_at IS NULL)),
  CONSTRAINT reservation_expires_after_creation CHECK (expires_at > created_at)
);

COMMENT ON TABLE inventory.reservation IS 'Units held for a shopper until confirmed, released or expired.';

-- The expiry job's only query: open reservations by due time. Partial, so closed history does not bloat it.
CREATE INDEX reservation_open_by_expiry ON inventory.reservation (expires_at) WHERE status = 'OPEN';
