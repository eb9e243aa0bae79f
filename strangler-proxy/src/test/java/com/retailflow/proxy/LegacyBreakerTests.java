package com.retailflow.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The breaker around the legacy side, against a legacy that answers slowly on request: legacy is not called at
 * all while it is open (neither safe nor unsafe requests reach it), other routes' breakers are not affected, and
 * one good probe after the open time closes it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "retailflow.proxy.read-timeout=300ms", "retailflow.proxy.breaker.minimum-calls=2",
				"retailflow.proxy.breaker.window=2", "retailflow.proxy.breaker.open-for=1s",
				"retailflow.proxy.breaker.probes=1" })
class LegacyBreakerTests {

	static final FakeLegacy LEGACY = new FakeLegacy();

	@DynamicPropertySource
	static void legacy(DynamicPropertyRegistry registry) {
		registry.add("retailflow.proxy.legacy-url", LEGACY::url);
	}

	@AfterAll
	static void stop() {
		LEGACY.close();
	}

	@LocalServerPort
	int port;

	String proxy() {
		return "http://127.0.0.1:" + port;
	}

	@Test
	void anOpenBreakerNeverCallsLegacyAndOneGoodProbeClosesIt() {
		// /slow.php matches no route: its breaker is the one named "none". (The fake reads ms= to the end.)
		for (int i = 0; i < 2; i++) {
			assertThat(ProxyHttp.get(proxy(), "/slow.php?n=" + i + "&ms=2000").statusCode()).isEqualTo(504);
		}
		LEGACY.clear();

		long start = System.nanoTime();
		var page = ProxyHttp.get(proxy(), "/slow.php?n=open&ms=0", "Accept", "text/html");
		var post = ProxyHttp.send(ProxyHttp.request(proxy(), "/slow.php?n=post&ms=0")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("qty=1"))
			.build());
		assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(300);
		assertThat(page.statusCode()).isEqualTo(503);
		assertThat(page.headers().firstValue("Retry-After")).hasValue("1");
		assertThat(page.body()).contains("temporarily unavailable");
		assertThat(post.statusCode()).isEqualTo(503);
		assertThat(post.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(LEGACY.received()).as("nothing reaches legacy, the POST least of all").isEmpty();

		// Another route has a breaker of its own.
		assertThat(ProxyHttp.get(proxy(), "/index.php?n=catalog").statusCode()).isEqualTo(200);

		await().atMost(Duration.ofSeconds(3))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> ProxyHttp.get(proxy(), "/slow.php?n=probe&ms=0").statusCode() == 200);
		assertThat(ProxyHttp.get(proxy(), "/slow.php?n=closed&ms=0").statusCode()).isEqualTo(200);
		assertThat(LEGACY.received()).contains("GET /slow.php?n=closed&ms=0").doesNotContain("POST /slow.php?n=post&ms=0");
	}
}
