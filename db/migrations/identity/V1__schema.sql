COMMENT ON SCHEMA identity IS 'Owned by the identity module; its tables arrive with its first capability.';
