-- A confirmed reservation whose order was cancelled before it shipped: its units came back on hand.
ALTER TABLE inventory.reservation DROP CONSTRAINT reservation_status_known;
ALTER TABLE inventory.reservation
  ADD CONSTRAINT reservation_status_known CHECK (status IN ('OPEN', 'CONFIRMED', 'RELEASED', 'EXPIRED', 'RESTOCKED'));
