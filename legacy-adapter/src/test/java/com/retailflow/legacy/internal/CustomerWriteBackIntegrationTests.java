package com.retailflow.legacy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.DigestUtils;

import com.retailflow.identity.AccountDetails;
import com.retailflow.identity.IdentityManagement;
import com.retailflow.identity.Registration;
import com.retailflow.identity.internal.accounts.AccountPasswords;
import com.retailflow.platform.testing.CuttableTcpProxy;
import com.retailflow.platform.testing.LegacyShop;
import com.retailflow.platform.testing.TestDatabases;

/**
 * The rollback policy when legacy's database is unreachable at the moment a shopper registers or changes their
 * password on the new side (real MariaDB behind a TCP link the test cuts): the change stands here, the account is
 * listed as stale on the console's rollback page, and the shopper's next sign-in on the new side writes legacy's row.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CustomerWriteBackIntegrationTests {

	static final TestDatabases.Database MARIADB = seeded();
	static final CuttableTcpProxy LINK = new CuttableTcpProxy(MARIADB.host(), MARIADB.port());

	@DynamicPropertySource
	static void legacy(DynamicPropertyRegistry registry) {
		registry.add("retailflow.legacy.datasource.url",
				() -> MARIADB.jdbcUrl().replace(":" + MARIADB.port() + "/", ":" + LINK.port() + "/"));
		registry.add("retailflow.legacy.datasource.username", MARIADB::username);
		registry.add("retailflow.legacy.datasource.password", MARIADB::password);
	}

	@AfterAll
	static void closeLink() {
		LINK.close();
	}

	@Autowired
	IdentityManagement identity;

	@Autowired
	AccountPasswords signIns;

	@LocalServerPort
	int port;

	@Test
	void aRegistrationLegacyCouldNotTakeIsListedThenWrittenAtTheNextSignIn() throws Exception {
		String email = "grace-" + System.nanoTime() + "@example.com";
		AccountDetails account;
		LINK.refuse();
		try {
			account = identity.register(new Registration(email, "Grace", "grace-pw"));
		}
		finally {
			LINK.restore();
		}
		assertThat(account.legacyId()).isNull();
		assertThat(identity.staleLegacyCopies()).anySatisfy(stale -> {
			assertThat(stale.email().value()).isEqualTo(email);
			assertThat(stale.unknownToLegacy()).isTrue();
		});
		assertThat(admin("/admin/api/identity/rollback")).contains(email)
			.contains("cannot sign in: legacy has no account for this e-mail address");
		assertThat(admin("/admin/identity/rollback")).contains("<h1>Rolling identity back to LEGACY</h1>")
			.contains(email);
		assertThat(legacyPassword(email)).isNull();

		signInUntilLegacyAnswers(account, "grace-pw");

		assertThat(legacyPassword(email)).isEqualTo(md5("grace-pw"));
		assertThat(identity.find(account.id()).orElseThrow().legacyId()).isNotNull();
		assertThat(identity.staleLegacyCopies()).noneSatisfy(stale -> assertThat(stale.email().value()).isEqualTo(email));
	}

	@Test
	void aPasswordChangeLegacyCouldNotTakeIsListedThenWrittenAtTheNextSignIn() throws Exception {
		String email = "heidi-" + System.nanoTime() + "@example.com";
		var account = identity.register(new Registration(email, "Heidi", "heidi-pw1"));
		assertThat(legacyPassword(email)).isEqualTo(md5("heidi-pw1"));
		LINK.refuse();
		try {
			identity.changePassword(account.id(), "heidi-pw1", "heidi-pw2");
		}
		finally {
			LINK.restore();
		}
		assertThat(identity.staleLegacyCopies()).anySatisfy(stale -> {
			assertThat(stale.email().value()).isEqualTo(email);
			assertThat(stale.unknownToLegacy()).isFalse();
		});
		assertThat(legacyPassword(email)).as("legacy still has the previous password").isEqualTo(md5("heidi-pw1"));
		assertThat(admin("/admin/api/identity/rollback")).contains(email)
			.contains("signs in only with the previous e-mail address and password");

		signInUntilLegacyAnswers(account, "heidi-pw2");

		assertThat(legacyPassword(email)).isEqualTo(md5("heidi-pw2"));
		assertThat(identity.staleLegacyCopies()).noneSatisfy(stale -> assertThat(stale.email().value()).isEqualTo(email));
	}

	/**
	 * What a successful sign-in does with the password, repeated as a shopper's later sign-ins would: the first
	 * attempts right after the link comes back may still get a pooled connection the cut killed.
	 */
	private void signInUntilLegacyAnswers(AccountDetails account, String password) throws Exception {
		for (int attempt = 0; attempt < 50 && identity.staleLegacyCopies().stream()
			.anyMatch(stale -> stale.account().equals(account.id())); attempt++) {
			signIns.signedIn(account.id().value(), password, Instant.now());
			Thread.sleep(200);
		}
	}

	private String admin(String path) throws Exception {
		var response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
				.header("Authorization", "Basic " + Base64.getEncoder()
					.encodeToString("admin:adapter-test-secret".getBytes(StandardCharsets.UTF_8)))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return response.body();
	}

	private static String md5(String password) {
		return DigestUtils.md5DigestAsHex(password.getBytes(StandardCharsets.UTF_8));
	}

	private static String legacyPassword(String email) throws Exception {
		try (var connection = DriverManager.getConnection(MARIADB.jdbcUrl(), MARIADB.username(), MARIADB.password());
				var statement = connection.prepareStatement("SELECT password FROM customers WHERE email = ?")) {
			statement.setString(1, email);
			try (var row = statement.executeQuery()) {
				return row.next() ? row.getString(1) : null;
			}
		}
	}

	private static TestDatabases.Database seeded() {
		var database = TestDatabases.newMariaDb();
		LegacyShop.seed(database, 20, 0);
		return database;
	}
}
