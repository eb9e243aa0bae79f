COMMENT ON SCHEMA inventory IS 'Owned by the inventory module.';
