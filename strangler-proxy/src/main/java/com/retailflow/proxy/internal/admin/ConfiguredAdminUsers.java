package com.retailflow.proxy.internal.admin;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * Who may use the console and the admin API. Accounts come from configuration ({@code retailflow.admin.users});
 * there is no default outside the {@code demo} profile: without configured accounts, with a blank password, or
 * with {@code admin/admin} outside that profile, the application refuses to start. The demo profile (what
 * {@code ./run.sh} uses) falls back to {@code admin/admin} and says so on start.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConfiguredAdminUsers.AdminSettings.class)
class ConfiguredAdminUsers {

	static final String DEMO_PROFILE = "demo";

	private static final Logger log = LoggerFactory.getLogger(ConfiguredAdminUsers.class);

	/** Configured admin-side users. */
	@ConfigurationProperties("retailflow.admin")
	record AdminSettings(@DefaultValue List<Account> users) {

		record Account(String username, String password, @DefaultValue("ADMIN") List<String> roles) {
		}
	}

	/** Thrown at start when the accounts would let anyone in. */
	static final class UnsafeAdminUsers extends IllegalStateException {

		UnsafeAdminUsers(String message) {
			super(message + ". Configure retailflow.admin.users (or RETAILFLOW_ADMIN_USER and RETAILFLOW_ADMIN_PASSWORD),"
					+ " or run with the '" + DEMO_PROFILE + "' profile for a local demo.");
		}
	}

	@Bean
	UserDetailsService adminUsers(AdminSettings settings, Environment environment) {
		var encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
		return new InMemoryUserDetailsManager(accounts(settings.users(), environment.acceptsProfiles(Profiles.of(DEMO_PROFILE)))
			.stream()
			.map(account -> User.withUsername(account.username())
				.password(encoder.encode(account.password()))
				.roles(account.roles().toArray(String[]::new))
				.build())
			.toList());
	}

	/** The accounts to use, or why none may be used. */
	static List<AdminSettings.Account> accounts(List<AdminSettings.Account> configured, boolean demo) {
		List<AdminSettings.Account> accounts = new ArrayList<>();
		for (var account : configured) {
			if (account.username() == null || account.username().isBlank()) {
				throw new UnsafeAdminUsers("An admin account has no username");
			}
			if (account.password() == null || account.password().isBlank()) {
				if (demo) {
					continue;
				}
				throw new UnsafeAdminUsers("Admin account '" + account.username() + "' has no password");
			}
			if (!demo && account.username().equals("admin") && account.password().equals("admin")) {
				throw new UnsafeAdminUsers("Admin account 'admin' still has the demo password 'admin'");
			}
			accounts.add(account);
		}
		if (accounts.isEmpty()) {
			if (!demo) {
				throw new UnsafeAdminUsers("No admin account is configured");
			}
			accounts.add(new AdminSettings.Account("admin", "admin", List.of("ADMIN")));
		}
		if (demo) {
			boolean demoPassword = accounts.stream().anyMatch(a -> a.username().equals("admin") && a.password().equals("admin"));
			log.warn("DEMO profile active{}: for a local demo only, never in production",
					demoPassword ? ": the console (/admin) and the admin API accept admin/admin" : "");
		}
		return accounts;
	}
}
