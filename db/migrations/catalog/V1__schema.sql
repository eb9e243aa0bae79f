COMMENT ON SCHEMA catalog IS 'Owned by the catalog module.';
