package com.retailflow.journeys;

import static com.retailflow.journeys.IdentityJourneys.csrf;
import static com.retailflow.journeys.IdentityJourneys.flipIdentity;
import static com.retailflow.journeys.IdentityJourneys.signInOnLegacy;
import static com.retailflow.journeys.IdentityJourneys.signInOnNew;
import static com.retailflow.journeys.IdentityJourneys.signedInOnLegacy;
import static com.retailflow.journeys.IdentityJourneys.signedInOnNew;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.DigestUtils;

import com.retailflow.identity.IdentityManagement;

/**
 * Rolling identity back to LEGACY (docs/adr/0039-identity-rollback-and-legacy-passwords.md) over real HTTP in front of
 * the real PHP shop: whatever a shopper did on the new side (register, change password, name or e-mail, or only sign
 * in and have the md5 upgraded), after the flip back legacy's own sign-in page takes the password and e-mail they
 * use now, and refuses the ones they replaced.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "retailflow.legacy.backfill-on-start=false")
class IdentityRollbackJourneyIntegrationTests extends WholeAppAgainstLegacyShop {

	@Autowired
	IdentityManagement identity;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aShopperWhoRegisteredOnTheNewSideSignsInOnLegacyAfterTheRollback() throws Exception {
		var browser = new ShopperBrowser(port);
		flipIdentity(browser, "NEW");
		String email = unique("carol");
		var form = browser.get("/register");
		var registered = browser.post("/register",
				Map.of("csrf", csrf(form.body()), "name", "Carol New", "email", email, "password", "carol-secret"));
		assertThat(registered.statusCode()).as(registered.body()).isEqualTo(302);
		assertThat(signedInOnLegacy(browser)).as("signed in on legacy right away").isEqualTo(email);
		assertThat(legacyPassword(email)).isEqualTo(md5("carol-secret"));
		assertThat(jdbc.sql("SELECT legacy_id IS NOT NULL AND legacy_stale_since IS NULL FROM identity.accounts WHERE email = ?")
			.param(email)
			.query(Boolean.class)
			.single()).as("linked to its legacy row, nothing stale").isTrue();
		assertThat(jdbc.sql("SELECT count(*) FROM identity.accounts WHERE password_hash LIKE '%' || ? || '%'")
			.param(md5("carol-secret"))
			.query(Long.class)
			.single()).as("no md5 in PostgreSQL").isZero();

		flipIdentity(browser, "LEGACY");
		var later = new ShopperBrowser(port);
		signInOnLegacy(later, email, "carol-secret");
		assertThat(signedInOnLegacy(later)).isEqualTo(email);
	}

	@Test
	void passwordNameAndEmailChangedOnTheNewSideAreWhatLegacyTakesAfterTheRollback() throws Exception {
		String email = unique("dave");
		var browser = new ShopperBrowser(port);
		flipIdentity(browser, "NEW");
		var form = browser.get("/register");
		browser.post("/register", Map.of("csrf", csrf(form.body()), "name", "Dave", "email", email, "password", "first-pw"));
		var profile = browser.get("/account/profile");
		assertThat(browser.post("/account/profile/password",
				Map.of("csrf", csrf(profile.body()), "current", "first-pw", "password", "second-pw"))
			.statusCode()).isEqualTo(302);
		profile = browser.get("/account/profile");
		browser.post("/account/profile/name", Map.of("csrf", csrf(profile.body()), "name", "Dave Renamed"));
		String newEmail = unique("dave-renamed");
		profile = browser.get("/account/profile");
		browser.post("/account/profile/email", Map.of("csrf", csrf(profile.body()), "email", newEmail));
		assertThat(browser.get("/account.php").body()).contains("Dave Renamed");

		flipIdentity(browser, "LEGACY");
		var later = new ShopperBrowser(port);
		var old = later.post("/login.php", Map.of("csrf", csrf(later.get("/login.php").body()), "email", newEmail,
				"password", "first-pw"));
		assertThat(old.statusCode()).as("the replaced password no longer works on legacy").isEqualTo(200);
		assertThat(old.body()).contains("The e-mail address or password is not correct.");
		signInOnLegacy(later, newEmail, "second-pw");
		assertThat(signedInOnLegacy(later)).isEqualTo(newEmail);
		assertThat(signedInOnNew(later)).isEqualTo(newEmail);
	}

	@Test
	void aLegacyAccountUpgradedOnTheNewSideStillSignsInOnLegacy() throws Exception {
		String email = unique("erin");
		long legacyId = insertLegacyCustomer(email, "Erin", "erin-pw");
		identity.importLegacyCustomer(IdentitySessionLinkJourneyIntegrationTests.legacyCustomer(email));
		var browser = new ShopperBrowser(port);
		flipIdentity(browser, "NEW");
		signInOnNew(browser, email, "erin-pw");
		assertThat(jdbc.sql("SELECT password_hash FROM identity.accounts WHERE legacy_id = ?")
			.param(legacyId)
			.query(String.class)
			.single()).startsWith("{argon2}");
		assertThat(legacyPassword(email)).as("an upgrade here leaves legacy's md5 as it was").isEqualTo(md5("erin-pw"));

		flipIdentity(browser, "LEGACY");
		var later = new ShopperBrowser(port);
		signInOnLegacy(later, email, "erin-pw");
		assertThat(signedInOnLegacy(later)).isEqualTo(email);
	}

	@Test
	void registeringAnEmailOnlyLegacyKnowsIsRefusedAsLegacyRefusesIt() throws Exception {
		String email = unique("frank");
		insertUncapturedLegacyCustomer(email, "Frank", "frank-pw"); // a legacy row the sync has not brought over yet
		var browser = new ShopperBrowser(port);
		flipIdentity(browser, "NEW");
		var form = browser.get("/register");
		var refused = browser.post("/register",
				Map.of("csrf", csrf(form.body()), "name", "Imposter", "email", email, "password", "other-pw"));

		assertThat(refused.statusCode()).isEqualTo(200);
		assertThat(refused.body()).contains("An account with this e-mail address already exists.");
		assertThat(identity.findByEmail(email)).isEmpty();
		assertThat(legacyPassword(email)).isEqualTo(md5("frank-pw"));
	}

	private static String unique(String name) {
		return name + "-" + System.nanoTime() + "@example.com";
	}

	private static String md5(String password) {
		return DigestUtils.md5DigestAsHex(password.getBytes(java.nio.charset.StandardCharsets.UTF_8));
	}

	private static String legacyPassword(String email) throws Exception {
		var db = LEGACY.database();
		try (var connection = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
				var statement = connection.prepareStatement("SELECT password FROM customers WHERE email = ?")) {
			statement.setString(1, email);
			try (var row = statement.executeQuery()) {
				assertThat(row.next()).as("legacy customer " + email).isTrue();
				return row.getString(1);
			}
		}
	}

	private static long insertLegacyCustomer(String email, String name, String password) throws Exception {
		return insertLegacyCustomer(email, name, password, false);
	}

	/** As the adapter's own writes are done: the capture triggers skip it, so the change stream never sees it. */
	private static void insertUncapturedLegacyCustomer(String email, String name, String password) throws Exception {
		insertLegacyCustomer(email, name, password, true);
	}

	private static long insertLegacyCustomer(String email, String name, String password, boolean uncaptured)
			throws Exception {
		var db = LEGACY.database();
		try (var connection = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
				var marker = connection.createStatement();
				var statement = connection.prepareStatement(
						"INSERT INTO customers (email, password, name, created_at) VALUES (?, MD5(?), ?, NOW())",
						java.sql.Statement.RETURN_GENERATED_KEYS)) {
			if (uncaptured) {
				marker.execute("SET @retailflow_writeback = 1");
			}
			statement.setString(1, email);
			statement.setString(2, password);
			statement.setString(3, name);
			statement.executeUpdate();
			try (var keys = statement.getGeneratedKeys()) {
				keys.next();
				return keys.getLong(1);
			}
		}
	}
}
