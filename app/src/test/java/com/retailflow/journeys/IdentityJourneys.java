package com.retailflow.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** What identity's journeys do over HTTP: flip the identity route, sign in and out on either side, ask who is in. */
final class IdentityJourneys {

	static final String ADMIN = "Basic "
			+ Base64.getEncoder().encodeToString("admin:app-test-secret".getBytes(StandardCharsets.UTF_8));

	private IdentityJourneys() {
	}

	static void flipIdentity(ShopperBrowser browser, String mode, int percent) throws Exception {
		HttpResponse<String> response = browser.send(HttpRequest
			.newBuilder(URI.create(browser.base() + "/admin/api/routes/identity"))
			.header("Authorization", ADMIN)
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString("{\"mode\":\"" + mode + "\",\"percent\":" + percent
					+ ",\"reason\":\"journey test\",\"force\":true}"))
			.build());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}

	static void flipIdentity(ShopperBrowser browser, String mode) throws Exception {
		flipIdentity(browser, mode, "CANARY".equals(mode) ? 50 : 0);
	}

	/** Who the new side says is signed in: the e-mail, or null. */
	static String signedInOnNew(ShopperBrowser browser) throws Exception {
		var me = browser.send(HttpRequest.newBuilder(URI.create(browser.base() + "/api/v1/auth/me"))
			.header("Accept", "application/json")
			.build());
		if (me.statusCode() == 401) {
			return null;
		}
		assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
		var email = java.util.regex.Pattern.compile("\"email\":\"([^\"]+)\"").matcher(me.body());
		assertThat(email.find()).as(me.body()).isTrue();
		return email.group(1);
	}

	/**
	 * Who legacy's own account page (the orders route, LEGACY in these journeys) shows signed in: the e-mail, or null
	 * when it sends the shopper to sign in.
	 */
	static String signedInOnLegacy(ShopperBrowser browser) throws Exception {
		var account = browser.get("/account.php");
		if (account.statusCode() == 302) {
			// legacy's own sign-in page, or the new one when the proxy maps legacy's redirect (identity NEW)
			assertThat(account.headers().firstValue("Location").orElseThrow()).containsAnyOf("/login.php?", "/sign-in?");
			return null;
		}
		assertThat(account.statusCode()).as(account.body()).isEqualTo(200);
		assertThat(account.headers().firstValue("X-Served-By")).hasValue("legacy");
		var details = java.util.regex.Pattern.compile("class=\"account-details\">[^&]*&middot; ([^ ]+) &middot;")
			.matcher(account.body());
		assertThat(details.find()).as(account.body()).isTrue();
		return details.group(1);
	}

	/** Signs in on legacy's own page (the identity route must send this visit to legacy). */
	static void signInOnLegacy(ShopperBrowser browser, String email, String password) throws Exception {
		var form = browser.get("/login.php");
		assertThat(form.statusCode()).as(form.body()).isEqualTo(200);
		assertThat(form.headers().firstValue("X-Served-By")).hasValue("legacy");
		var signedIn = browser.post("/login.php", Map.of("csrf", ShopperBrowser.csrf(form.body()), "email", email,
				"password", password));
		assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(302);
		assertThat(signedIn.headers().firstValue("Location").orElseThrow()).endsWith("/account.php");
	}

	/** Signs in on the new page (the identity route must send this visit to the new side). */
	static void signInOnNew(ShopperBrowser browser, String email, String password) throws Exception {
		var form = browser.get("/sign-in");
		assertThat(form.statusCode()).as(form.body()).isEqualTo(200);
		assertThat(form.headers().firstValue("X-Served-By")).hasValue("new");
		var signedIn = browser.post("/sign-in",
				Map.of("csrf", csrf(form.body()), "email", email, "password", password));
		assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(302);
	}

	/** The CSRF field of a form, legacy's (hex) or the new side's (masked token). */
	static String csrf(String html) {
		var matcher = java.util.regex.Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(html);
		assertThat(matcher.find()).as("csrf token in page").isTrue();
		return matcher.group(1);
	}

	/** Which side the identity route sends this visit to, asked with legacy's sign-in URL. */
	static String identitySideOf(ShopperBrowser browser) throws Exception {
		var login = browser.get("/login.php");
		return login.statusCode() == 301 ? "new" : login.headers().firstValue("X-Served-By").orElseThrow();
	}
}
