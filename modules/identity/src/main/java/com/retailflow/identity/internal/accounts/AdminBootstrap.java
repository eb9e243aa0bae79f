package com.retailflow.identity.internal.accounts;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.retailflow.identity.Email;
import com.retailflow.identity.Role;
import com.retailflow.identity.internal.IdentitySettings;
import com.retailflow.identity.internal.passwords.PasswordHashing;

/**
 * Creates the first ADMIN account from {@code retailflow.identity.bootstrap-admin} (the environment variables
 * {@code RETAILFLOW_ADMIN_EMAIL} and {@code RETAILFLOW_ADMIN_PASSWORD} in the application's configuration) when no
 * admin exists yet. Later starts change nothing, so an admin who changed the password keeps it. Instances starting
 * together race on the e-mail's unique index; the loser finds the admin there.
 */
@Component
class AdminBootstrap implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

	private final Accounts accounts;
	private final PasswordHashing passwords;
	private final IdentitySettings settings;
	private final TransactionTemplate transactions;

	AdminBootstrap(Accounts accounts, PasswordHashing passwords, IdentitySettings settings,
			TransactionTemplate transactions) {
		this.accounts = accounts;
		this.passwords = passwords;
		this.settings = settings;
		this.transactions = transactions;
	}

	@Override
	public void run(ApplicationArguments args) {
		var admin = settings.bootstrapAdmin();
		if (!admin.configured()) {
			log.info("No bootstrap admin configured (retailflow.identity.bootstrap-admin.email/password)");
			return;
		}
		try {
			transactions.executeWithoutResult(status -> create(admin));
		}
		catch (DataIntegrityViolationException ex) {
			log.info("Bootstrap admin already created by another instance");
		}
	}

	private void create(IdentitySettings.BootstrapAdmin admin) {
		if (accounts.existsWithRole(Role.ADMIN)) {
			return;
		}
		Email email = Email.of(admin.email());
		var now = Clock.systemUTC().instant();
		var existing = accounts.findByEmail(email.value());
		if (existing.isPresent()) {
			// A shopper with that address: make it the admin rather than fail the start; the password stays theirs.
			existing.get().grant(Role.ADMIN, now);
			accounts.save(existing.get());
			log.warn("Bootstrap admin {}: the existing account was granted ADMIN; its password is unchanged", email);
			return;
		}
		String hash = passwords.encoder().encode(admin.password());
		accounts.save(Account.bootstrapAdmin(email, admin.name(), hash, now));
		log.info("Bootstrap admin {} created", email);
	}
}
