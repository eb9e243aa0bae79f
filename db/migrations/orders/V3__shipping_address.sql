-- Where an order goes, when checkout asked for it; NULL for orders placed without one and for imported legacy orders.
ALTER TABLE orders
  ADD COLUMN ship_name    VARCHAR(100),
  ADD COLUMN ship_address VARCHAR(255),
  ADD COLUMN ship_city    VARCHAR(100),
  ADD COLUMN ship_zip     VARCHAR(20);
