package com.retailflow.identity.internal.accounts;

import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import com.retailflow.identity.EmailAlreadyRegistered;
import com.retailflow.identity.Role;
import com.retailflow.identity.internal.passwords.PasswordHashing;
import com.retailflow.identity.spi.LegacyAccounts;

/**
 * Keeps legacy's {@code customers} row of an account in step with changes made on the new side, in the request that
 * makes them, so legacy can sign the shopper in with what they use here (ADR 0039): a registration creates the row,
 * a password change hands legacy the md5 it checks, a profile change the e-mail and name. When legacy cannot be
 * written the change here still stands and the account is marked stale ({@link Account#legacyCopyFailed}); the
 * shopper's next sign-in here, which has the password, writes the whole row ({@link #repair}).
 * Without a {@link LegacyAccounts} (no legacy shop) nothing is written and nothing is stale.
 */
@Component
class LegacyCopy {

	private static final Logger log = LoggerFactory.getLogger(LegacyCopy.class);

	private final ObjectProvider<LegacyAccounts> legacy;

	LegacyCopy(ObjectProvider<LegacyAccounts> legacy) {
		this.legacy = legacy;
	}

	/** @throws EmailAlreadyRegistered legacy has a customer with this e-mail (and another password) */
	void registered(Account account, String password, Instant now) {
		LegacyAccounts customers = legacy.getIfAvailable();
		if (customers == null) {
			return;
		}
		try {
			long legacyId = customers.register(account.details().email(), account.name(),
					PasswordHashing.legacyMd5(password), now);
			account.linkLegacy(legacyId, now);
			account.legacyCopyWritten();
		}
		catch (EmailAlreadyRegistered ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			failed(account, "registration", ex, now);
		}
	}

	void passwordChanged(Account account, String password, Instant now) {
		LegacyAccounts customers = legacy.getIfAvailable();
		if (customers == null) {
			return;
		}
		Long legacyId = account.legacyId();
		if (legacyId == null) {
			repair(account, password, now); // a registration legacy never saw: create the row now
			return;
		}
		try {
			customers.changePassword(legacyId, PasswordHashing.legacyMd5(password));
			if (account.legacyStaleSince() != null) {
				customers.changeProfile(legacyId, account.details().email(), account.name());
			}
			account.legacyCopyWritten();
		}
		catch (RuntimeException ex) {
			failed(account, "password change", ex, now);
		}
	}

	/** @throws EmailAlreadyRegistered legacy has another customer with the account's new e-mail */
	void profileChanged(Account account, Instant now) {
		LegacyAccounts customers = legacy.getIfAvailable();
		Long legacyId = account.legacyId();
		if (customers == null || legacyId == null) {
			return;
		}
		try {
			customers.changeProfile(legacyId, account.details().email(), account.name());
		}
		catch (EmailAlreadyRegistered ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			failed(account, "profile change", ex, now);
		}
	}

	/**
	 * Writes a stale account's whole row (e-mail, name, md5 of the password just checked) to legacy; creates it
	 * when legacy never saw the registration.
	 *
	 * @return whether the account changed here (linked or no longer stale)
	 */
	boolean repair(Account account, String password, Instant now) {
		LegacyAccounts customers = legacy.getIfAvailable();
		if (customers == null || (account.legacyStaleSince() == null && account.legacyId() != null)
				|| !account.roles().contains(Role.SHOPPER)) {
			return false; // nothing to repair; admins are no legacy customers
		}
		try {
			String md5 = PasswordHashing.legacyMd5(password);
			Long legacyId = account.legacyId();
			if (legacyId == null) {
				account.linkLegacy(customers.register(account.details().email(), account.name(), md5, now), now);
			}
			else {
				customers.changeProfile(legacyId, account.details().email(), account.name());
				customers.changePassword(legacyId, md5);
			}
			account.legacyCopyWritten();
			return true;
		}
		catch (RuntimeException ex) {
			log.warn("Account {} is still not written to legacy: {}", account.accountId(), ex.getMessage());
			return false;
		}
	}

	private static void failed(Account account, String what, RuntimeException ex, Instant now) {
		log.warn("Could not write the {} of account {} to legacy; marked stale until its next sign-in here: {}", what,
				account.accountId(), ex.getMessage());
		account.legacyCopyFailed(now);
	}
}
