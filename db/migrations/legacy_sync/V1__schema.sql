COMMENT ON SCHEMA legacy_sync IS 'Owned by the legacy_sync module; its tables arrive with its first capability.';
