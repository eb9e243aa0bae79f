package com.retailflow.legacy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Pattern;

import com.retailflow.catalog.CatalogManagement;
import com.retailflow.catalog.ProductId;
import com.retailflow.catalog.ProductStatus;
import com.retailflow.inventory.Availability;
import com.retailflow.inventory.InventoryManagement;
import com.retailflow.inventory.Sku;
import com.retailflow.legacy.internal.backfill.Backfill;
import com.retailflow.platform.testing.LegacyShop;

import com.retailflow.catalog.spi.ShopperState;

import io.micrometer.core.instrument.MeterRegistry;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import jakarta.servlet.http.Cookie;

/**
 * The adapter against the real legacy shop: the backfill translates every quirk, URLs map both ways, and the
 * session bridge reads and writes PHP's own sessions so that both sides accept each other's tokens.
 */
@SpringBootTest
class LegacyAdapterIntegrationTests {

	static final LegacyShop LEGACY = LegacyShop.withProducts(120);
	static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([0-9a-f]+)\"");
	static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@DynamicPropertySource
	static void legacy(DynamicPropertyRegistry registry) {
		TestDataSources.legacy(registry, LEGACY.database());
	}

	@Autowired
	Backfill backfill;

	@Autowired
	CatalogManagement catalog;

	@Autowired
	InventoryManagement inventory;

	@Autowired
	LegacyUrls urls;

	@Autowired
	SessionBridge bridge;

	@Autowired
	PhpSessions sessions;

	@Autowired
	LegacySettings settings;

	static final ObjectProvider<MeterRegistry> NO_METRICS = new StaticListableBeanFactory()
		.getBeanProvider(MeterRegistry.class);

	@Test
	void backfillTranslatesTheLegacyQuirksAndCopiesOnce() {
		backfill.run();
		var second = backfill.run();
		assertThat(second).extracting(Backfill.TableResult::rowsCopied).containsOnly(0L);
		assertThat(catalog.categories()).hasSize(48);

		var espresso = catalog.product(ProductId.of(1)).orElseThrow();
		assertThat(espresso.product().name()).isEqualTo("Café Crème Espresso Beans 1 kg");
		assertThat(espresso.product().price().amount()).isEqualByComparingTo(new BigDecimal("14.99"));
		assertThat(espresso.product().price().currency().getCurrencyCode()).isEqualTo("USD");
		assertThat(catalog.product(ProductId.of(13)).orElseThrow().product().status()).isEqualTo(ProductStatus.DISCONTINUED);
		assertThat(inventory.availabilityOf(new Sku("SKU-000011")).level()).isEqualTo(Availability.Level.OUT_OF_STOCK);
		assertThat(inventory.availabilityOf(new Sku("SKU-000012"))).isEqualTo(Availability.of(new Sku("SKU-000012"), 3));
		assertThat(inventory.availabilityOf(new Sku("SKU-000120")).level()).isNotNull();
	}

	@Test
	void urlsMapBothWays() {
		backfill.run();
		var category = catalog.categoryById(1).orElseThrow();
		assertThat(urls.toNew("/product.php?id=42")).hasValue("/products/42");
		assertThat(urls.toLegacy("/products/42")).hasValue("/product.php?id=42");
		assertThat(urls.toNew("/category.php?id=1&page=2")).hasValue("/categories/" + category.slug() + "?page=2");
		assertThat(urls.toLegacy("/categories/" + category.slug() + "?page=2")).hasValue("/category.php?id=1&page=2");
		assertThat(urls.toNew("/search.php?q=caf%C3%A9+cr%C3%A8me")).hasValue("/search?q=caf%C3%A9+cr%C3%A8me");
		assertThat(urls.toLegacy("/search?q=tea&page=3")).hasValue("/search.php?q=tea&page=3");
		assertThat(urls.toNew("/index.php")).hasValue("/");
		// What the new side has no page for, or parameters it does not understand, stay with legacy.
		assertThat(urls.toNew("/product.php?id=abc")).isEmpty();
		assertThat(urls.toNew("/product.php?id=1&ref=mail")).isEmpty();
		assertThat(urls.toNew("/category.php?id=999999")).isEmpty();
		assertThat(urls.toNew("/cart.php")).isEmpty();
	}

	@Test
	void identityUrlsMapBothWaysWithTheirVariants() {
		assertThat(urls.toNew("/login.php")).hasValue("/sign-in");
		assertThat(urls.toNew("/login.php?next=%2Fcart.php")).hasValue("/sign-in?next=%2Fcart.php");
		assertThat(urls.toNew("/login.php?utm_source=mail&next=/cart.php")).hasValue("/sign-in?next=/cart.php");
		assertThat(urls.toNew("/login.php/")).hasValue("/sign-in");
		assertThat(urls.toNew("/register.php?next=/checkout.php&x=1")).hasValue("/register?next=/checkout.php");
		assertThat(urls.toNew("/logout.php?next=/x")).hasValue("/sign-out");
		assertThat(urls.toLegacy("/sign-in?next=/cart.php")).hasValue("/login.php?next=/cart.php");
		assertThat(urls.toLegacy("/sign-in/")).hasValue("/login.php");
		assertThat(urls.toLegacy("/register")).hasValue("/register.php");
		assertThat(urls.toLegacy("/sign-out")).hasValue("/logout.php");
		assertThat(urls.toLegacy("/account/profile")).isEmpty();
	}

	@Test
	void theBridgeSeesTheLegacySignInCartAndToken() throws Exception {
		var page = get("/login.php", null);
		String session = cookie(page, "PHPSESSID");
		var signIn = post("/login.php", session,
				"email=demo%40example.com&password=demo1234&next=&csrf=" + csrf(page.body()));
		assertThat(signIn.statusCode()).isEqualTo(302);
		session = cookie(signIn, "PHPSESSID");
		var product = get("/product.php?id=1", session);
		post("/cart.php", session, "action=add&product_id=1&qty=3&csrf=" + csrf(product.body()));

		var request = new MockHttpServletRequest();
		request.setCookies(new Cookie("PHPSESSID", session));
		var state = bridge.current(request, new MockHttpServletResponse());
		assertThat(state.customerName()).isNotBlank();
		assertThat(state.cartItemCount()).isEqualTo(3);
		assertThat(state.csrfToken()).isEqualTo(csrf(product.body()));
		assertThat(bridge.customerId(request)).isPresent();
	}

	@Test
	void aSessionStartedByTheNewSideIsAcceptedByLegacy() throws Exception {
		var response = new MockHttpServletResponse();
		var state = bridge.current(new MockHttpServletRequest(), response);
		String setCookie = response.getHeader("Set-Cookie");
		assertThat(setCookie).startsWith("PHPSESSID=");
		String session = setCookie.substring("PHPSESSID=".length(), setCookie.indexOf(';'));
		// The add-to-cart form of a new page carries this token; legacy must accept it for this session.
		var added = post("/cart.php", session, "action=add&product_id=2&qty=1&csrf=" + state.csrfToken());
		assertThat(added.statusCode()).isEqualTo(302);
		// Through the proxy, that POST's response would have carried a new private-content version.
		var request = page(session, "after-the-add");
		assertThat(bridge.current(request, new MockHttpServletResponse()).cartItemCount()).isEqualTo(1);
		assertThat(bridge.customerId(request)).isEmpty();
	}

	/**
	 * Instances A and B each keep the state they read; a cart change made on legacy through instance C (which bumps
	 * the private-content version on that POST's response) shows on the next page of both, with its message once.
	 * Under the old version both still answer from what they kept: without the version, the change would not show.
	 */
	@Test
	void aKeptShopperStateIsUsedOnlyUnderTheVersionItWasReadWithOnEveryInstance() throws Exception {
		var page = get("/login.php", null);
		var signIn = post("/login.php", cookie(page, "PHPSESSID"),
				"email=demo%40example.com&password=demo1234&next=&csrf=" + csrf(page.body()));
		String session = cookie(signIn, "PHPSESSID");
		var product = get("/product.php?id=1", session);
		String token = csrf(product.body());
		var instanceA = new KeptShopperStates(settings, NO_METRICS);
		var instanceB = new KeptShopperStates(settings, NO_METRICS);
		var bridgeA = new SessionBridge(sessions, instanceA);
		var bridgeB = new SessionBridge(sessions, instanceB);
		for (int i = 0; i < 3; i++) {
			assertThat(bridgeA.current(page(session, null), new MockHttpServletResponse()).cartItemCount()).isZero();
			assertThat(bridgeB.current(page(session, null), new MockHttpServletResponse()).cartItemCount()).isZero();
		}

		var through = new MockHttpServletRequest("POST", "/cart.php");
		through.setCookies(new Cookie("PHPSESSID", session));
		var bumped = new MockHttpServletResponse();
		new PrivateContentFilter(new KeptShopperStates(settings, NO_METRICS)).doFilter(through, bumped,
				new MockFilterChain());
		assertThat(post("/cart.php", session, "action=add&product_id=1&qty=3&csrf=" + token).statusCode())
			.isEqualTo(302);
		String version = bumped.getCookie(PrivateContentVersion.COOKIE).getValue();
		assertThat(version).isNotEmpty();

		assertThat(bridgeA.current(page(session, null), new MockHttpServletResponse()).cartItemCount()).isZero();
		assertThat(bridgeB.current(page(session, null), new MockHttpServletResponse()).cartItemCount()).isZero();
		var next = bridgeA.current(page(session, version), new MockHttpServletResponse());
		assertThat(next.cartItemCount()).isEqualTo(3);
		assertThat(next.flashes()).singleElement().extracting(ShopperState.Flash::text).asString().contains("added");
		for (int i = 0; i < 3; i++) {
			var onA = bridgeA.current(page(session, version), new MockHttpServletResponse());
			var onB = bridgeB.current(page(session, version), new MockHttpServletResponse());
			assertThat(onA.cartItemCount()).isEqualTo(3);
			assertThat(onB.cartItemCount()).isEqualTo(3);
			assertThat(onA.flashes()).isEmpty();
			assertThat(onB.flashes()).isEmpty();
			assertThat(onB.customerName()).isEqualTo(next.customerName()).isNotBlank();
		}

		// The instance that passes a change on forgets the session's state at once, whatever version comes next.
		new PrivateContentFilter(instanceA).doFilter(through, new MockHttpServletResponse(), new MockFilterChain());
		get("/logout.php", session);
		assertThat(bridgeA.current(page(session, version), new MockHttpServletResponse()).signedIn()).isFalse();
	}

	/** Legacy may write its session after its redirect reached the browser: the first read under a new version is not relied on. */
	@Test
	void theFirstReadUnderABumpedVersionIsShownButNotKept() throws Exception {
		var page = get("/product.php?id=2", null);
		String session = cookie(page, "PHPSESSID");
		var bridge = new SessionBridge(sessions, new KeptShopperStates(settings, NO_METRICS));
		assertThat(bridge.current(page(session, "bumped"), new MockHttpServletResponse()).cartItemCount()).isZero();
		post("/cart.php", session, "action=add&product_id=2&qty=2&csrf=" + csrf(page.body())); // the late write
		assertThat(bridge.current(page(session, "bumped"), new MockHttpServletResponse()).cartItemCount()).isEqualTo(2);
		// Read twice under this version, it is kept now: a change that no request through the proxy announced
		// (here, straight to legacy) shows only after the next bump or the time to live.
		post("/cart.php", session, "action=add&product_id=2&qty=1&csrf=" + csrf(page.body()));
		assertThat(bridge.current(page(session, "bumped"), new MockHttpServletResponse()).cartItemCount()).isEqualTo(2);
		assertThat(bridge.current(page(session, "next"), new MockHttpServletResponse()).cartItemCount()).isEqualTo(3);
	}

	@Test
	void onlyRequestsThatMayChangeTheShopperBumpTheVersion() {
		assertThat(PrivateContentFilter.mayChangeShopper(new MockHttpServletRequest("GET", "/products/1"))).isFalse();
		assertThat(PrivateContentFilter.mayChangeShopper(new MockHttpServletRequest("HEAD", "/cart.php"))).isFalse();
		assertThat(PrivateContentFilter.mayChangeShopper(new MockHttpServletRequest("POST", "/cart.php"))).isTrue();
		assertThat(PrivateContentFilter.mayChangeShopper(new MockHttpServletRequest("DELETE", "/api/cart/1"))).isTrue();
		assertThat(PrivateContentFilter.mayChangeShopper(new MockHttpServletRequest("GET", "/logout.php"))).isTrue();
		assertThat(PrivateContentFilter.mayChangeShopper(new MockHttpServletRequest("GET", "/sign-out"))).isTrue();
	}

	static MockHttpServletRequest page(String session, String version) {
		var request = new MockHttpServletRequest("GET", "/products/1");
		request.setCookies(version == null ? new Cookie[] { new Cookie("PHPSESSID", session) }
				: new Cookie[] { new Cookie("PHPSESSID", session), new Cookie(PrivateContentVersion.COOKIE, version) });
		return request;
	}

	static HttpResponse<String> get(String path, String session) throws Exception {
		var builder = HttpRequest.newBuilder(URI.create(LEGACY.url() + path));
		if (session != null) {
			builder.header("Cookie", "PHPSESSID=" + session);
		}
		return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
	}

	static HttpResponse<String> post(String path, String session, String form) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(URI.create(LEGACY.url() + path))
			.header("Cookie", "PHPSESSID=" + session)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	static String cookie(HttpResponse<String> response, String name) {
		return response.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter(c -> c.startsWith(name + "="))
			.map(c -> c.substring(name.length() + 1, c.indexOf(';')))
			.reduce((first, last) -> last)
			.orElseThrow(() -> new AssertionError("no " + name + " in " + response.headers().map()));
	}

	static String csrf(String html) {
		var matcher = CSRF.matcher(html);
		assertThat(matcher.find()).isTrue();
		return matcher.group(1);
	}
}
