package com.retailflow.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.retailflow.platform.testing.LegacyShop;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** With the legacy shop down, shoppers get a clean 502 at once (page or problem), never a hang or a 500. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LegacyDownTests {

	static final int CLOSED_PORT = LegacyShop.freePort();

	@DynamicPropertySource
	static void legacy(DynamicPropertyRegistry registry) {
		registry.add("retailflow.proxy.legacy-url", () -> "http://127.0.0.1:" + CLOSED_PORT);
	}

	@LocalServerPort
	int port;

	@Test
	void browsersGetA502PageFast() {
		long start = System.nanoTime();
		var response = ProxyHttp.get("http://127.0.0.1:" + port, "/index.php", "Accept", "text/html");
		assertThat(response.statusCode()).isEqualTo(502);
		assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
		assertThat(response.body()).contains("temporarily unavailable");
		assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1500);
	}

	@Test
	void apiClientsGetAProblem() {
		var response = ProxyHttp.get("http://127.0.0.1:" + port, "/cart.php", "Accept", "application/json");
		assertThat(response.statusCode()).isEqualTo(502);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("\"status\":502");
	}
}
