package com.retailflow.identity.internal.accounts;

import java.time.Instant;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Stores a password re-hashed by a successful sign-in (the same password, a stronger hash). */
@Component
public class AccountPasswords {

	private final Accounts accounts;

	AccountPasswords(Accounts accounts) {
		this.accounts = accounts;
	}

	@Transactional
	public void upgrade(UUID account, String newHash, Instant now) {
		accounts.findById(account).ifPresent(found -> {
			found.upgradePassword(newHash, now);
			accounts.save(found);
		});
	}
}
