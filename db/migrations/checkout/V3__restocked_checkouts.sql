-- A paid order cancelled before it shipped: the units its checkout had confirmed came back on hand.
ALTER TABLE checkout.checkouts DROP CONSTRAINT checkouts_stock_check;
ALTER TABLE checkout.checkouts
  ADD CONSTRAINT checkouts_stock_check CHECK (stock IN ('HELD', 'CONFIRMED', 'RELEASED', 'RESTOCKED'));
