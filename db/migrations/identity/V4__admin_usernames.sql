-- The name an ADMIN account signs in to the console and the admin API with (RETAILFLOW_ADMIN_USER for the bootstrap
-- admin), besides its e-mail. Stored lower case, unique; NULL for every shopper.
ALTER TABLE accounts ADD COLUMN username VARCHAR(64) CHECK (username = lower(username) AND username <> '');

CREATE UNIQUE INDEX accounts_username_ix ON accounts (username);
