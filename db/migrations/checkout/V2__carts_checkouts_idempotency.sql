-- Carts: one per owner (an account, or an anonymous shopper's key). Lines hold a product id and a quantity only;
-- prices are read from the catalog whenever the cart is shown or checked out.
CREATE TABLE checkout.carts (
    id          uuid PRIMARY KEY,
    owner_key   text        NOT NULL UNIQUE,
    version     bigint      NOT NULL,
    updated_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL
);
CREATE INDEX carts_expires_at ON checkout.carts (expires_at);

CREATE TABLE checkout.cart_lines (
    cart_id     uuid    NOT NULL REFERENCES checkout.carts (id) ON DELETE CASCADE,
    position    int     NOT NULL,
    product_id  bigint  NOT NULL CHECK (product_id > 0),
    quantity    int     NOT NULL CHECK (quantity BETWEEN 1 AND 99),
    PRIMARY KEY (cart_id, position)
);

-- One row per order checkout placed: what it holds in inventory and where its payment stands. Written in the same
-- transaction as the order and its reservations, so an order never exists without it (and the other way round).
CREATE TABLE checkout.checkouts (
    order_id           uuid        PRIMARY KEY,
    owner_key          text        NOT NULL,
    payment            text        NOT NULL CHECK (payment IN ('PENDING', 'AUTHORIZED', 'DECLINED', 'CAPTURED', 'VOIDED')),
    payment_reference  text,
    stock              text        NOT NULL CHECK (stock IN ('HELD', 'CONFIRMED', 'RELEASED')),
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL
);
CREATE INDEX checkouts_unresolved ON checkout.checkouts (created_at) WHERE payment = 'PENDING' OR stock = 'HELD';

CREATE TABLE checkout.order_reservations (
    order_id        uuid NOT NULL REFERENCES checkout.checkouts (order_id),
    reservation_id  uuid NOT NULL,
    PRIMARY KEY (order_id, reservation_id)
);

-- Idempotency-Key store (IETF draft -07): per shopper and key, the request's fingerprint, and once done the response
-- to replay. Kept at least 24 hours; every instance sees the same rows.
CREATE TABLE checkout.idempotency_keys (
    owner_key        text        NOT NULL,
    idempotency_key  text        NOT NULL,
    fingerprint      text        NOT NULL,
    order_id         uuid        NOT NULL,
    response_status  int,
    response_body    text,
    created_at       timestamptz NOT NULL,
    completed_at     timestamptz,
    PRIMARY KEY (owner_key, idempotency_key)
);
CREATE INDEX idempotency_keys_created_at ON checkout.idempotency_keys (created_at);

-- The simulated payment provider's own ledger. It stands in for an external system, so it lives apart from the
-- checkout's tables and is only reached through the PaymentGateway port. One charge per idempotency key.
CREATE TABLE checkout.simulated_charges (
    idempotency_key  text          PRIMARY KEY,
    reference        text          NOT NULL UNIQUE,
    amount           numeric(19,4) NOT NULL CHECK (amount >= 0),
    currency         char(3)       NOT NULL,
    status           text          NOT NULL CHECK (status IN ('AUTHORIZED', 'CAPTURED', 'VOIDED')),
    created_at       timestamptz   NOT NULL,
    updated_at       timestamptz   NOT NULL
);
