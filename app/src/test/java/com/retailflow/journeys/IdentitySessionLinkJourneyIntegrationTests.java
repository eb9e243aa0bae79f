package com.retailflow.journeys;

import static com.retailflow.journeys.IdentityJourneys.flipIdentity;
import static com.retailflow.journeys.IdentityJourneys.identitySideOf;
import static com.retailflow.journeys.IdentityJourneys.signInOnLegacy;
import static com.retailflow.journeys.IdentityJourneys.signInOnNew;
import static com.retailflow.journeys.IdentityJourneys.signedInOnLegacy;
import static com.retailflow.journeys.IdentityJourneys.signedInOnNew;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import java.time.ZoneOffset;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import com.retailflow.identity.IdentityManagement;
import com.retailflow.identity.LegacyCustomer;

/**
 * One sign-in for both systems, over real HTTP through the proxy in front of the real PHP shop: the identity route
 * flips LEGACY → NEW → LEGACY and sits at CANARY 50 %, and at every step the shopper is signed in (or out) as
 * themselves on legacy pages ({@code /account.php}, which stays legacy) and on the new side
 * ({@code /api/v1/auth/me}), whichever side they signed in or out on.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "retailflow.legacy.backfill-on-start=false")
class IdentitySessionLinkJourneyIntegrationTests extends WholeAppAgainstLegacyShop {

	@Autowired
	IdentityManagement identity;

	@BeforeEach
	void legacyCustomersAreKnownOnTheNewSide() throws Exception {
		// not the demo shopper: IdentityCutoverJourneyIntegrationTests (same context) upgrades its md5 itself
		for (String email : new String[] { "alice@example.com", "bob@example.com" }) {
			identity.importLegacyCustomer(legacyCustomer(email));
		}
	}

	@Test
	void aShopperStaysThemselvesThroughLegacyNewAndBack() throws Exception {
		var browser = new ShopperBrowser(port);
		flipIdentity(browser, "LEGACY");
		assertThat(signedInOnNew(browser)).isNull();

		signInOnLegacy(browser, "bob@example.com", "bob1234");
		assertThat(signedInOnLegacy(browser)).isEqualTo("bob@example.com");
		assertThat(signedInOnNew(browser)).as("signed in on legacy, so on the new side").isEqualTo("bob@example.com");

		flipIdentity(browser, "NEW");
		assertThat(identitySideOf(browser)).isEqualTo("new");
		assertThat(signedInOnNew(browser)).isEqualTo("bob@example.com");
		assertThat(browser.get("/account/profile").body()).contains("bob@example.com");

		var signOut = browser.get("/sign-out");
		assertThat(signOut.statusCode()).isEqualTo(302);
		assertThat(signedInOnNew(browser)).isNull();
		assertThat(signedInOnLegacy(browser)).as("signed out on the new side, so on legacy").isNull();

		signInOnNew(browser, "alice@example.com", "alice1234");
		assertThat(signedInOnNew(browser)).isEqualTo("alice@example.com");
		assertThat(signedInOnLegacy(browser)).as("signed in on the new side, so on legacy").isEqualTo("alice@example.com");

		flipIdentity(browser, "LEGACY");
		assertThat(identitySideOf(browser)).isEqualTo("legacy");
		assertThat(signedInOnLegacy(browser)).isEqualTo("alice@example.com");
		assertThat(signedInOnNew(browser)).isEqualTo("alice@example.com");

		assertThat(browser.get("/logout.php").statusCode()).isEqualTo(302);
		assertThat(signedInOnLegacy(browser)).isNull();
		assertThat(signedInOnNew(browser)).as("signed out on legacy, so on the new side").isNull();
	}

	@Test
	void signingInOnLegacyAsSomeoneElseNeverLeavesTheNewSideOnThePreviousShopper() throws Exception {
		var browser = new ShopperBrowser(port);
		flipIdentity(browser, "NEW");
		signInOnNew(browser, "alice@example.com", "alice1234");
		assertThat(signedInOnNew(browser)).isEqualTo("alice@example.com");

		flipIdentity(browser, "LEGACY");
		signInOnLegacy(browser, "bob@example.com", "bob1234");

		assertThat(signedInOnLegacy(browser)).isEqualTo("bob@example.com");
		assertThat(signedInOnNew(browser)).isEqualTo("bob@example.com");
	}

	@Test
	void atCanaryFiftyPercentBothBucketsShareOneSignIn() throws Exception {
		var probe = new ShopperBrowser(port);
		flipIdentity(probe, "CANARY");
		ShopperBrowser onLegacy = null;
		ShopperBrowser onNew = null;
		for (int i = 0; i < 60 && (onLegacy == null || onNew == null); i++) {
			var browser = new ShopperBrowser(port);
			if (identitySideOf(browser).equals("new")) {
				onNew = onNew == null ? browser : onNew;
			}
			else {
				onLegacy = onLegacy == null ? browser : onLegacy;
			}
		}
		assertThat(onLegacy).as("a visit in the legacy bucket").isNotNull();
		assertThat(onNew).as("a visit in the new bucket").isNotNull();

		signInOnLegacy(onLegacy, "alice@example.com", "alice1234");
		signInOnNew(onNew, "bob@example.com", "bob1234");

		assertThat(signedInOnNew(onLegacy)).isEqualTo("alice@example.com");
		assertThat(signedInOnLegacy(onLegacy)).isEqualTo("alice@example.com");
		assertThat(signedInOnLegacy(onNew)).isEqualTo("bob@example.com");
		assertThat(signedInOnNew(onNew)).isEqualTo("bob@example.com");

		flipIdentity(probe, "NEW");
		assertThat(signedInOnNew(onLegacy)).isEqualTo("alice@example.com");
		flipIdentity(probe, "LEGACY");
		assertThat(signedInOnLegacy(onNew)).isEqualTo("bob@example.com");
	}

	@Test
	void shoppersStayThemselvesFromLegacyThroughCanaryAndNewBackToLegacy() throws Exception {
		var onLegacy = new ShopperBrowser(port);
		var onNew = new ShopperBrowser(port);
		flipIdentity(onLegacy, "LEGACY");
		signInOnLegacy(onLegacy, "alice@example.com", "alice1234");
		signInOnLegacy(onNew, "bob@example.com", "bob1234");

		for (String mode : new String[] { "CANARY", "NEW", "LEGACY" }) {
			flipIdentity(onLegacy, mode);
			assertThat(signedInOnLegacy(onLegacy)).as(mode).isEqualTo("alice@example.com");
			assertThat(signedInOnNew(onLegacy)).as(mode).isEqualTo("alice@example.com");
			assertThat(signedInOnLegacy(onNew)).as(mode).isEqualTo("bob@example.com");
			assertThat(signedInOnNew(onNew)).as(mode).isEqualTo("bob@example.com");
		}
	}

	/** Legacy's row, as the customers sync reads it. */
	static LegacyCustomer legacyCustomer(String email) throws Exception {
		var db = LEGACY.database();
		try (var connection = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
				var statement = connection
					.prepareStatement("SELECT id, email, name, password, created_at FROM customers WHERE email = ?")) {
			statement.setString(1, email);
			try (var row = statement.executeQuery()) {
				assertThat(row.next()).as(email).isTrue();
				return new LegacyCustomer(row.getLong(1), row.getString(2), row.getString(3), row.getString(4),
						row.getTimestamp(5).toLocalDateTime().toInstant(ZoneOffset.UTC));
			}
		}
	}
}
