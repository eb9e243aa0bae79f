package com.retailflow.identity.internal.accounts;

import java.time.Clock;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.retailflow.identity.Email;
import com.retailflow.identity.Role;
import com.retailflow.identity.internal.IdentitySettings;
import com.retailflow.identity.internal.passwords.PasswordHashing;

/**
 * Creates the first ADMIN account from {@code retailflow.identity.bootstrap-admin} (the environment variables
 * {@code RETAILFLOW_ADMIN_USER}, {@code RETAILFLOW_ADMIN_PASSWORD} and {@code RETAILFLOW_ADMIN_EMAIL} in the
 * application's configuration) when no admin exists yet. Later starts change nothing, so an admin who changed the
 * password keeps it. Instances starting together race on the unique indexes; the loser finds the admin there.
 *
 * <p>There is no default admin outside the {@value #DEMO_PROFILE} profile: without a bootstrap password, or with the
 * demo's {@code admin/admin}, the application refuses to start. The demo profile ({@code ./run.sh}) brings
 * {@code admin/admin} and says so on start.
 */
@Component
class AdminBootstrap implements ApplicationRunner {

	static final String DEMO_PROFILE = "demo";

	private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);
	private static final Pattern USERNAME = Pattern.compile("[^@\\p{Cntrl}\\s]{1,64}");

	private final Accounts accounts;
	private final PasswordHashing passwords;
	private final IdentitySettings.BootstrapAdmin admin;
	private final TransactionTemplate transactions;

	AdminBootstrap(Accounts accounts, PasswordHashing passwords, IdentitySettings settings,
			TransactionTemplate transactions, Environment environment) {
		this.accounts = accounts;
		this.passwords = passwords;
		this.admin = check(settings.bootstrapAdmin(), environment.acceptsProfiles(Profiles.of(DEMO_PROFILE)));
		this.transactions = transactions;
	}

	/** Thrown at start when the configuration would leave no way in, or an open one. */
	static final class UnsafeAdminBootstrap extends IllegalStateException {

		UnsafeAdminBootstrap(String message) {
			super(message + ". Set RETAILFLOW_ADMIN_PASSWORD (and RETAILFLOW_ADMIN_USER, RETAILFLOW_ADMIN_EMAIL), or"
					+ " run with the '" + DEMO_PROFILE + "' profile for a local demo.");
		}
	}

	/** The bootstrap admin to use, or why the application must not start. */
	static IdentitySettings.BootstrapAdmin check(IdentitySettings.BootstrapAdmin admin, boolean demo) {
		if (!USERNAME.matcher(admin.username()).matches()) {
			throw new UnsafeAdminBootstrap("The bootstrap admin's username '" + admin.username()
					+ "' is empty, too long, or has an '@', a space or a control character");
		}
		if (demo) {
			if (!admin.configured()) {
				// run.sh's environment may leave the password empty: the demo falls back to its own rather than refuse
				admin = new IdentitySettings.BootstrapAdmin(admin.username(), admin.email(), "admin", admin.name());
			}
			log.warn("DEMO profile active{}: for a local demo only, never in production",
					admin.username().equals("admin") && admin.password().equals("admin")
							? ": the console (/admin) and the admin API accept admin/admin" : "");
			return admin;
		}
		if (!admin.configured()) {
			throw new UnsafeAdminBootstrap("No bootstrap admin password is configured");
		}
		if (admin.username().equals("admin") && admin.password().equals("admin")) {
			throw new UnsafeAdminBootstrap("The bootstrap admin still has the demo password 'admin'");
		}
		return admin;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!admin.configured()) {
			log.info("No bootstrap admin password configured (retailflow.identity.bootstrap-admin.password)");
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
			existing.get().makeAdmin(admin.username(), now);
			accounts.save(existing.get());
			log.warn("Bootstrap admin {} ({}): the existing account was made an admin; its password is unchanged",
					admin.username(), email);
			return;
		}
		String hash = passwords.encoder().encode(admin.password());
		accounts.save(Account.bootstrapAdmin(email, admin.username(), admin.name(), hash, now));
		log.info("Bootstrap admin {} ({}) created", admin.username(), email);
	}
}
