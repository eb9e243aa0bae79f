-- Keyed fingerprint (HMAC-SHA256, key retailflow.identity.passwords.legacy-fingerprint-key) of the legacy md5 an
-- account's wrapped legacy hash was made from: a legacy customers row that changed in anything but the password is
-- told apart with a SHA-256 instead of an Argon2id check. NULL: not known, the next import checks with Argon2id.
ALTER TABLE accounts ADD COLUMN legacy_md5_fingerprint TEXT;
