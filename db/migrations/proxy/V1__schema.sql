COMMENT ON SCHEMA proxy IS 'Owned by the strangler proxy.';
