package com.retailflow.identity.internal.accounts;

import java.time.Instant;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a successful sign-in does with the password it just checked: stores it re-hashed (the same password, a
 * stronger hash), and writes it to legacy for an account whose legacy copy is stale.
 */
@Component
public class AccountPasswords {

	private final Accounts accounts;
	private final LegacyCopy legacy;

	AccountPasswords(Accounts accounts, LegacyCopy legacy) {
		this.accounts = accounts;
		this.legacy = legacy;
	}

	@Transactional
	public void upgrade(UUID account, String newHash, Instant now) {
		accounts.findById(account).ifPresent(found -> {
			found.upgradePassword(newHash, now);
			accounts.save(found);
		});
	}

	/** After a successful sign-in: a stale (or never written) legacy copy is written with the password just checked. */
	@Transactional
	public void signedIn(UUID account, String password, Instant now) {
		accounts.findById(account).filter(found -> legacy.repair(found, password, now)).ifPresent(accounts::save);
	}
}
