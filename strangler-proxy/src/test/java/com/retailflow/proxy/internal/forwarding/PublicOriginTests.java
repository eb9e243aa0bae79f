package com.retailflow.proxy.internal.forwarding;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** The public origin legacy is told about (X-Forwarded-Host and -Port) and redirects are moved to. */
class PublicOriginTests {

	final MockHttpServletRequest request = new MockHttpServletRequest("GET", "/cart.php");

	PublicOriginTests() {
		// Behind a balancer: the request reached this server on its own port.
		request.setServerName("10.0.0.7");
		request.setServerPort(8080);
		request.addHeader("Host", "10.0.0.7:8080");
	}

	@Test
	void aConfiguredPublicUrlGivesHostAndPortNotTheServersOwn() {
		var origin = new PublicOrigin(URI.create("https://shop.example"));
		assertThat(origin.host(request)).isEqualTo("shop.example");
		assertThat(origin.port(request)).isEqualTo(443);
		assertThat(new PublicOrigin(URI.create("http://shop.example:8088")).port(request)).isEqualTo(8088);
		assertThat(new PublicOrigin(URI.create("http://shop.example")).port(request)).isEqualTo(80);
	}

	@Test
	void withoutOneTheRequestsOwnHostAndPort() {
		var origin = new PublicOrigin((URI) null);
		assertThat(origin.host(request)).isEqualTo("10.0.0.7:8080");
		assertThat(origin.port(request)).isEqualTo(8080);
	}
}
