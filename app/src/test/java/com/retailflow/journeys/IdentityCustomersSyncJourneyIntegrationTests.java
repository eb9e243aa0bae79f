package com.retailflow.journeys;

import static com.retailflow.journeys.IdentityJourneys.csrf;
import static com.retailflow.journeys.IdentityJourneys.flipIdentity;
import static com.retailflow.journeys.IdentityJourneys.signInOnNew;
import static com.retailflow.journeys.IdentityJourneys.signedInOnNew;
import static com.retailflow.journeys.LegacySyncJourneyIntegrationTests.await;
import static com.retailflow.journeys.LegacySyncJourneyIntegrationTests.legacySql;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Legacy customers come over through the adapter's sync engine (the {@code customers} table mapping), over the whole
 * app in front of the real PHP shop with the backfill and the change stream on, as {@code ./run.sh} runs them: the
 * initial copy brings every customer with its md5 wrapped, a registration on legacy's own page and a password changed
 * in legacy's database follow within seconds, and the new side's own registrations are not echoed back.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "retailflow.legacy.backfill-on-start=true")
class IdentityCustomersSyncJourneyIntegrationTests extends WholeAppAgainstLegacyShop {

	static final Duration BACKFILL = Duration.ofSeconds(180);
	static final Duration WITHIN = Duration.ofSeconds(10);

	@Autowired
	JdbcClient jdbc;

	@Test
	void everyLegacyCustomerComesOverWrappedAndLegacyChangesFollow() throws Exception {
		await(BACKFILL, () -> accountsFromLegacy() >= legacyCount("SELECT count(*) FROM customers"));
		assertThat(jdbc.sql("SELECT count(*) FROM identity.accounts WHERE legacy_id IS NOT NULL "
				+ "AND password_hash NOT LIKE '{legacy-md5}%' AND password_hash NOT LIKE '{argon2}%'")
			.query(Long.class)
			.single()).as("every imported password is wrapped or upgraded, never a bare md5").isZero();

		var browser = new ShopperBrowser(port);
		flipIdentity(browser, "LEGACY");
		String email = "ivan-" + System.nanoTime() + "@example.com";
		var form = browser.get("/register.php");
		assertThat(form.headers().firstValue("X-Served-By")).hasValue("legacy");
		var registered = browser.post("/register.php",
				Map.of("csrf", csrf(form.body()), "name", "Ivan", "email", email, "password", "ivan-pw1"));
		assertThat(registered.statusCode()).isEqualTo(302);
		await(WITHIN, () -> hashOf(email) != null);
		assertThat(hashOf(email)).startsWith("{legacy-md5}");
		assertThat(signedInOnNew(browser)).as("registered and signed in on legacy, so on the new side").isEqualTo(email);

		legacySql("UPDATE customers SET password = MD5('ivan-pw2') WHERE email = '" + email + "'");
		String before = hashOf(email);
		await(WITHIN, () -> !before.equals(hashOf(email)));
		flipIdentity(browser, "NEW");
		var later = new ShopperBrowser(port);
		signInOnNew(later, email, "ivan-pw2");
		assertThat(signedInOnNew(later)).isEqualTo(email);

		String onNew = "judy-" + System.nanoTime() + "@example.com";
		var newForm = later.get("/register");
		assertThat(later.post("/register",
				Map.of("csrf", csrf(newForm.body()), "name", "Judy", "email", onNew, "password", "judy-pw"))
			.statusCode()).isEqualTo(302);
		long legacyId = jdbc.sql("SELECT legacy_id FROM identity.accounts WHERE email = ?").param(onNew).query(Long.class).single();
		assertThat(legacyCount("SELECT count(*) FROM rf_change WHERE table_name = 'customers' AND row_key = '" + legacyId + "'"))
			.as("the write-back is not captured: no echo").isZero();
		flipIdentity(browser, "LEGACY");
	}

	private long accountsFromLegacy() {
		return jdbc.sql("SELECT count(*) FROM identity.accounts WHERE legacy_id IS NOT NULL").query(Long.class).single();
	}

	private String hashOf(String email) {
		return jdbc.sql("SELECT password_hash FROM identity.accounts WHERE email = ?")
			.param(email)
			.query(String.class)
			.optional()
			.orElse(null);
	}

	private static long legacyCount(String sql) throws Exception {
		try (var connection = DriverManager.getConnection(LEGACY.database().jdbcUrl(), LEGACY.database().username(),
				LEGACY.database().password()); var rows = connection.createStatement().executeQuery(sql)) {
			rows.next();
			return rows.getLong(1);
		}
	}
}
