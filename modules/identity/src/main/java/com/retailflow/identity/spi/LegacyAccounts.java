package com.retailflow.identity.spi;

import java.time.Instant;

import com.retailflow.identity.Email;

/**
 * Legacy's {@code customers} table, written from the new side so that a shopper who registered or changed their
 * password or profile here can still sign in on legacy pages (during a canary, and after a rollback of identity to
 * LEGACY). Legacy can only check {@code md5(password)}, so that digest is handed over here, in the request, and
 * nowhere else: it is never stored in PostgreSQL nor put in an event. Every write is state, not a delta: repeating
 * one changes nothing. Each method throws when legacy cannot be written; identity then records the account as
 * having a stale legacy password (see docs/adr/0039-identity-rollback-and-legacy-passwords.md).
 */
public interface LegacyAccounts {

	/**
	 * Creates the customer on legacy and answers its {@code customers.id}.
	 *
	 * @throws com.retailflow.identity.EmailAlreadyRegistered legacy already has a customer with this e-mail
	 */
	long register(Email email, String name, String md5Password, Instant createdAt);

	/** Sets the customer's md5 password on legacy. */
	void changePassword(long legacyCustomerId, String md5Password);

	/**
	 * Sets the customer's e-mail and name on legacy.
	 *
	 * @throws com.retailflow.identity.EmailAlreadyRegistered legacy has another customer with this e-mail
	 */
	void changeProfile(long legacyCustomerId, Email email, String name);
}
