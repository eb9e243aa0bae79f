COMMENT ON SCHEMA orders IS 'Owned by the orders module; its tables arrive with its first capability.';
