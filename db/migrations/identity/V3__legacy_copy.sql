-- Set when a registration, password, e-mail or name change made on the new side could not be written to legacy's
-- customers row (legacy's database was unavailable): from then until the copy is repaired (the shopper's next
-- sign-in on the new side writes it), legacy would sign this shopper in only with what it last held, or not at all
-- for a registration it never saw. Listed before a rollback of identity to LEGACY; see the identity runbook.
ALTER TABLE accounts ADD COLUMN legacy_stale_since TIMESTAMPTZ;

CREATE INDEX accounts_legacy_stale_ix ON accounts (legacy_stale_since) WHERE legacy_stale_since IS NOT NULL;
