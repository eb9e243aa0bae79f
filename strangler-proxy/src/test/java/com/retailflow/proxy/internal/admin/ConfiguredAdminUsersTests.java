package com.retailflow.proxy.internal.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import com.retailflow.proxy.internal.admin.ConfiguredAdminUsers.AdminSettings.Account;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.core.userdetails.UserDetailsService;

/** No default admin password outside the demo profile: the application refuses to start instead. */
class ConfiguredAdminUsersTests {

	static final Account ADMIN_ADMIN = new Account("admin", "admin", List.of("ADMIN"));
	static final Account CONFIGURED = new Account("ops", "s3cret-long", List.of("ADMIN"));

	final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(ConfiguredAdminUsers.class);

	@Test
	void unsafeAccountsAreRefusedOutsideTheDemoProfile() {
		record Case(List<Account> configured, String why) {
		}
		for (var c : List.of(new Case(List.of(), "No admin account"),
				new Case(List.of(ADMIN_ADMIN), "demo password"),
				new Case(List.of(new Account("ops", "", List.of("ADMIN"))), "no password"),
				new Case(List.of(new Account("ops", null, List.of("ADMIN"))), "no password"),
				new Case(List.of(new Account(" ", "x", List.of("ADMIN"))), "no username"))) {
			assertThatThrownBy(() -> ConfiguredAdminUsers.accounts(c.configured(), false)).as(c.toString())
				.isInstanceOf(ConfiguredAdminUsers.UnsafeAdminUsers.class)
				.hasMessageContaining(c.why());
		}
		assertThat(ConfiguredAdminUsers.accounts(List.of(CONFIGURED), false)).containsExactly(CONFIGURED);
	}

	@Test
	void theDemoProfileFallsBackToAdminAdmin() {
		assertThat(ConfiguredAdminUsers.accounts(List.of(), true)).containsExactly(ADMIN_ADMIN);
		// run.sh's environment may leave the password empty: the demo falls back rather than refuse.
		assertThat(ConfiguredAdminUsers.accounts(List.of(new Account("admin", "", List.of("ADMIN"))), true))
			.containsExactly(ADMIN_ADMIN);
		assertThat(ConfiguredAdminUsers.accounts(List.of(CONFIGURED), true)).containsExactly(CONFIGURED);
	}

	@Test
	void theApplicationRefusesToStartWithoutConfiguredAccounts() {
		context.run(started -> assertThat(started).hasFailed()
			.getFailure()
			.rootCause()
			.hasMessageContaining("No admin account is configured"));
		context.withPropertyValues("retailflow.admin.users[0].username=admin", "retailflow.admin.users[0].password=admin")
			.run(started -> assertThat(started).hasFailed());
		context.withPropertyValues("spring.profiles.active=demo")
			.run(started -> assertThat(started.getBean(UserDetailsService.class).loadUserByUsername("admin")).isNotNull());
		context.withPropertyValues("retailflow.admin.users[0].username=ops", "retailflow.admin.users[0].password=pw")
			.run(started -> assertThat(started.getBean(UserDetailsService.class).loadUserByUsername("ops").getAuthorities())
				.extracting(Object::toString)
				.containsExactly("ROLE_ADMIN"));
	}
}
