package com.retailflow.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import com.retailflow.platform.testing.Browser;

/**
 * The identity facade on real PostgreSQL: e-mails normalised, registrations and changes as events, legacy customers
 * imported idempotently, the bootstrap admin, and the profile page's changes.
 */
@IdentityHttpTest
@RecordApplicationEvents
class AccountsIntegrationTests {

	@Autowired
	IdentityManagement identity;

	@Autowired
	AdminAccounts admins;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationEvents events;

	@LocalServerPort
	int port;

	@Test
	void anEmailInAnotherCaseIsTheSameAccount() {
		var account = identity.register(new Registration("  Mixed.Case@Example.COM ", " Mixed Case ", "mixed-case"));

		assertThat(account.email().value()).isEqualTo("mixed.case@example.com");
		assertThat(account.name()).isEqualTo("Mixed Case");
		assertThat(account.roles()).containsExactly(Role.SHOPPER);
		assertThat(identity.findByEmail("MIXED.case@example.com")).map(AccountDetails::id).hasValue(account.id());
		assertThatThrownBy(() -> identity.register(new Registration("mixed.case@EXAMPLE.com", "Other", "other-pass")))
			.isInstanceOf(EmailAlreadyRegistered.class);
		assertThat(events.stream(AccountRegistered.class).filter(e -> e.account().equals(account.id())).count())
			.isEqualTo(1);
	}

	@Test
	void importingALegacyCustomerIsIdempotentByLegacyId() {
		var row = new LegacyCustomer(8001, "Importer@Example.com", "Im Porter", SignInIntegrationTests.md5("import-1"),
				Instant.parse("2018-05-05T05:05:05Z"));

		assertThat(identity.importLegacyCustomer(row)).isEqualTo(LegacyImport.CREATED);
		assertThat(identity.importLegacyCustomer(row)).isEqualTo(LegacyImport.UNCHANGED);
		var imported = identity.findByEmail("importer@example.com").orElseThrow();
		assertThat(imported.legacyId()).isEqualTo(8001L);
		assertThat(imported.createdAt()).isEqualTo(row.createdAt());
		assertThat(count("SELECT count(*) FROM identity.accounts WHERE legacy_id = 8001")).isEqualTo(1);

		var renamed = new LegacyCustomer(8001, "importer.new@example.com", "Renamed", row.md5Password(), row.createdAt());
		assertThat(identity.importLegacyCustomer(renamed)).isEqualTo(LegacyImport.UPDATED);
		assertThat(identity.find(imported.id())).hasValueSatisfying(account -> {
			assertThat(account.email().value()).isEqualTo("importer.new@example.com");
			assertThat(account.name()).isEqualTo("Renamed");
		});
		assertThat(events.stream(AccountImported.class).filter(e -> e.legacyId() == 8001).count()).isEqualTo(1);
		// legacy's own changes are not the shopper changing something here: nothing to write back
		assertThat(events.stream(EmailChanged.class).filter(e -> e.account().equals(imported.id()))).isEmpty();
		assertThat(events.stream(NameChanged.class).filter(e -> e.account().equals(imported.id()))).isEmpty();
	}

	@Test
	void aLegacyRowChangedInAnythingButItsPasswordCostsNoPasswordCheck() {
		var row = new LegacyCustomer(8003, "fingerprint@example.com", "Finger Print",
				SignInIntegrationTests.md5("finger-1"), Instant.parse("2019-01-01T00:00:00Z"));
		assertThat(identity.importLegacyCustomer(row)).isEqualTo(LegacyImport.CREATED);
		// A wrapped hash no md5 matches: an Argon2id check of the unchanged md5 would replace it with a fresh wrap.
		jdbc.sql("UPDATE identity.accounts SET password_hash = '{legacy-md5}no-argon2-check' WHERE legacy_id = 8003")
			.update();

		var renamed = new LegacyCustomer(8003, row.email(), "Finger Renamed", row.md5Password(), row.createdAt());
		assertThat(identity.importLegacyCustomer(renamed)).isEqualTo(LegacyImport.UPDATED);
		assertThat(identity.importLegacyCustomer(renamed)).isEqualTo(LegacyImport.UNCHANGED);
		assertThat(passwordHash(8003)).isEqualTo("{legacy-md5}no-argon2-check");

		var newPassword = new LegacyCustomer(8003, row.email(), "Finger Renamed", SignInIntegrationTests.md5("finger-2"),
				row.createdAt());
		assertThat(identity.importLegacyCustomer(newPassword)).isEqualTo(LegacyImport.UPDATED);
		assertThat(passwordHash(8003)).startsWith("{legacy-md5}$argon2id$");
	}

	private String passwordHash(long legacyId) {
		return jdbc.sql("SELECT password_hash FROM identity.accounts WHERE legacy_id = ?").param(legacyId)
			.query(String.class).single();
	}

	@Test
	void aLegacyRowOfAnAccountRegisteredHereLinksItAndKeepsItsPassword() {
		var registered = identity.register(new Registration("linked@example.com", "Linked", "new-side-pass"));

		var row = new LegacyCustomer(8002, "Linked@example.com", "Linked", SignInIntegrationTests.md5("other"),
				Instant.now());
		assertThat(identity.importLegacyCustomer(row)).isEqualTo(LegacyImport.LINKED);

		assertThat(identity.find(registered.id()).orElseThrow().legacyId()).isEqualTo(8002L);
		assertThat(jdbc.sql("SELECT password_hash FROM identity.accounts WHERE email = 'linked@example.com'")
			.query(String.class).single()).startsWith("{argon2}");
	}

	@Test
	void theBootstrapAdminExistsOnceAndAuthenticatesAsAdmin() {
		var admin = identity.findByEmail("admin@example.com").orElseThrow();
		assertThat(admin.roles()).containsExactly(Role.ADMIN);
		assertThat(count("SELECT count(*) FROM identity.account_roles WHERE role = 'ADMIN'")).isEqualTo(1);

		var signedIn = admins.authenticationProvider()
			.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("ADMIN@example.com", "admin-password-1"));
		assertThat(signedIn).isNotNull();
		assertThat(signedIn.getAuthorities()).extracting(Object::toString).contains("ROLE_ADMIN")
			.doesNotContain("ROLE_SHOPPER");
		assertThat(signedIn.getName()).as("the admin's sign-in name, for the audit log").isEqualTo("admin");
		var byName = admins.authenticationProvider()
			.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(" Admin ", "admin-password-1"));
		assertThat(byName.getName()).isEqualTo("admin");
		assertThat(byName.getAuthorities()).extracting(Object::toString).contains("ROLE_ADMIN");
		for (String nobody : new String[] { "admin\u0000", "x".repeat(10_000), "", "ad min" }) {
			assertThatThrownBy(() -> admins.authenticationProvider()
				.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(nobody, "admin-password-1")))
				.as(nobody.length() > 20 ? "a long name" : nobody).isInstanceOf(BadCredentialsException.class);
		}
		assertThatThrownBy(() -> admins.authenticationProvider()
			.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("admin", "admin")))
			.as("the demo's admin/admin, outside the demo profile").isInstanceOf(BadCredentialsException.class);

		identity.register(new Registration("not-an-admin@example.com", "Shopper", "shopper-pass"));
		assertThatThrownBy(() -> admins.authenticationProvider()
			.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("not-an-admin@example.com", "shopper-pass")))
			.isInstanceOf(BadCredentialsException.class);
	}

	@Test
	void changesThatFailChangeNothing() {
		identity.register(new Registration("taken@example.com", "Taken", "taken-pass"));
		var account = identity.register(new Registration("changer@example.com", "Changer", "changer-pass"));
		String before = row("changer@example.com");

		assertThatThrownBy(() -> identity.changeEmail(account.id(), "TAKEN@example.com"))
			.isInstanceOf(EmailAlreadyRegistered.class);
		assertThatThrownBy(() -> identity.changePassword(account.id(), "not-my-password", "new-password"))
			.isInstanceOf(WrongPassword.class);
		assertThatThrownBy(() -> identity.changePassword(account.id(), "changer-pass", "short"))
			.isInstanceOf(InvalidAccountData.class);
		assertThatThrownBy(() -> identity.changeName(account.id(), " "))
			.isInstanceOf(InvalidAccountData.class);

		assertThat(row("changer@example.com")).isEqualTo(before);
	}

	@Test
	void theProfilePageChangesNameEmailAndPassword() {
		identity.register(new Registration("profile@example.com", "Pro File", "profile-pass"));
		var browser = new Browser(port);
		browser.get("/sign-in?next=/account/profile");
		assertThat(browser.post("/sign-in", Map.of("email", "profile@example.com", "password", "profile-pass",
				"next", "/account/profile")).statusCode()).isEqualTo(302);

		browser.get("/account/profile");
		assertThat(browser.post("/account/profile/name", Map.of("name", "New Name")).statusCode()).isEqualTo(302);
		assertThat(browser.get("/account/profile").body()).contains("Your name has been changed.")
			.contains("New Name &middot; profile@example.com");
		assertThat(browser.post("/account/profile/email", Map.of("email", "Profile.New@example.com")).statusCode())
			.isEqualTo(302);
		browser.get("/account/profile");
		var wrong = browser.post("/account/profile/password", Map.of("current", "nope-nope", "password", "brand-new"));
		assertThat(wrong.statusCode()).isEqualTo(400);
		assertThat(wrong.body()).contains("The current password is not correct.");
		assertThat(browser.post("/account/profile/password", Map.of("current", "profile-pass", "password", "brand-new"))
			.statusCode()).isEqualTo(302);

		var again = new Browser(port);
		assertThat(again.postJson("/api/v1/auth/sign-in",
				"{\"email\":\"profile.new@example.com\",\"password\":\"brand-new\"}").statusCode()).isEqualTo(200);
		assertThat(new Browser(port).get("/account/profile").statusCode()).isEqualTo(302);
	}

	@Test
	void theOpenApiDocumentDescribesEveryAuthEndpoint() {
		String document = new Browser(port).get("/v3/api-docs").body();
		for (String path : java.util.List.of("/api/v1/auth/csrf", "/api/v1/auth/sign-in", "/api/v1/auth/sign-out",
				"/api/v1/auth/me", "/api/v1/auth/register")) {
			assertThat(document).contains("\"" + path + "\"");
		}
		assertThat(document).contains("Sign in with e-mail and password").contains("application/problem+json");
	}

	private long count(String sql) {
		return jdbc.sql(sql).query(Long.class).single();
	}

	private String row(String email) {
		return jdbc.sql("SELECT email || name || password_hash || updated_at FROM identity.accounts WHERE email = ?")
			.param(email)
			.query(String.class)
			.single();
	}
}
