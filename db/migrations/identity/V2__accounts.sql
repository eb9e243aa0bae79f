-- Customer and admin accounts. The e-mail is stored normalised (trimmed, lower case), so one unique index makes
-- "Alice@Example.com" and "alice@example.com" the same account, as legacy's case-insensitive collation does.
CREATE TABLE accounts (
  id                   UUID PRIMARY KEY,
  email                VARCHAR(191) NOT NULL CHECK (email = lower(email)),
  name                 VARCHAR(100) NOT NULL CHECK (name <> ''),
  -- Spring Security's DelegatingPasswordEncoder format: {argon2}..., or {legacy-md5}... (Argon2id over the legacy
  -- md5 hex digest) for an imported customer who has not signed in here yet. Never a bare md5.
  password_hash        TEXT NOT NULL CHECK (password_hash LIKE '{%}%'),
  -- While legacy is the system of record: the {legacy-md5} hash an upgraded password replaced, so a re-import of the
  -- same legacy row is recognised as unchanged. NULL for accounts that never came from legacy.
  legacy_password_hash TEXT CHECK (legacy_password_hash LIKE '{legacy-md5}%'),
  legacy_id            BIGINT UNIQUE,
  created_at           TIMESTAMPTZ NOT NULL,
  updated_at           TIMESTAMPTZ NOT NULL,
  version              BIGINT NOT NULL
);

CREATE UNIQUE INDEX accounts_email_ix ON accounts (email);

CREATE TABLE account_roles (
  account_id UUID NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  role       VARCHAR(16) NOT NULL CHECK (role IN ('SHOPPER', 'ADMIN')),
  PRIMARY KEY (account_id, role)
);

-- Failed sign-ins per key (account+IP, IP) in a fixed window, shared by every app instance.
CREATE TABLE sign_in_failures (
  throttle_key      VARCHAR(300) PRIMARY KEY,
  failures          INT NOT NULL,
  window_started_at TIMESTAMPTZ NOT NULL
);

CREATE INDEX sign_in_failures_window_ix ON sign_in_failures (window_started_at);

COMMENT ON SCHEMA identity IS 'Owned by the identity module: accounts, roles, sign-in throttling.';
