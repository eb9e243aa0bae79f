COMMENT ON SCHEMA checkout IS 'Owned by the checkout module; its tables arrive with its first capability.';
