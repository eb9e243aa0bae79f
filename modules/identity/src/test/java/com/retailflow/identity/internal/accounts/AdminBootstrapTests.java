package com.retailflow.identity.internal.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.retailflow.identity.internal.IdentitySettings.BootstrapAdmin;

/** No default admin password outside the demo profile: the application refuses to start instead. */
class AdminBootstrapTests {

	static final BootstrapAdmin CONFIGURED = new BootstrapAdmin("Ops", null, "s3cret-long", "Administrator");

	@Test
	void unsafeBootstrapAdminsAreRefusedOutsideTheDemoProfile() {
		record Case(BootstrapAdmin admin, String why) {
		}
		for (var c : List.of(new Case(new BootstrapAdmin("admin", null, null, "A"), "No bootstrap admin password"),
				new Case(new BootstrapAdmin("admin", "ops@example.com", "", "A"), "No bootstrap admin password"),
				new Case(new BootstrapAdmin("admin", null, "admin", "A"), "demo password"),
				new Case(new BootstrapAdmin(" ADMIN ", null, "admin", "A"), "demo password"),
				new Case(new BootstrapAdmin(" ", null, "s3cret-long", "A"), "username"),
				new Case(new BootstrapAdmin("ops@example.com", null, "s3cret-long", "A"), "username"))) {
			assertThatThrownBy(() -> AdminBootstrap.check(c.admin(), false)).as(c.toString())
				.isInstanceOf(AdminBootstrap.UnsafeAdminBootstrap.class)
				.hasMessageContaining(c.why())
				.hasMessageContaining("RETAILFLOW_ADMIN_PASSWORD");
		}
		var configured = AdminBootstrap.check(CONFIGURED, false);
		assertThat(configured.username()).isEqualTo("ops");
		assertThat(configured.email()).as("no e-mail given: a reserved domain").isEqualTo("ops@admin.invalid");
		assertThat(configured.password()).isEqualTo("s3cret-long");
	}

	@Test
	void theDemoProfileFallsBackToAdminAdmin() {
		var demo = AdminBootstrap.check(new BootstrapAdmin("admin", null, "", "A"), true);
		assertThat(demo.username()).isEqualTo("admin");
		assertThat(demo.password()).isEqualTo("admin");
		assertThat(AdminBootstrap.check(new BootstrapAdmin("admin", null, "admin", "A"), true).password()).isEqualTo("admin");
		assertThat(AdminBootstrap.check(CONFIGURED, true).password()).isEqualTo("s3cret-long");
	}
}
