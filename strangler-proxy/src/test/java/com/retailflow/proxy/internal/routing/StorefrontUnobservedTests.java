package com.retailflow.proxy.internal.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.observation.Observation;

import org.junit.jupiter.api.Test;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** http.server.requests observes the application's own paths, not the storefront's (ProxyFilter measures those). */
class StorefrontUnobservedTests {

	final StorefrontUnobserved predicate = new StorefrontUnobserved();

	@Test
	void storefrontPathsAreNotObserved() {
		assertThat(predicate.test("http.server.requests", request("/product.php"))).isFalse();
		assertThat(predicate.test("http.server.requests", request("/adminer.php"))).isFalse();
	}

	@Test
	void theApplicationsPathsAndOtherObservationsAre() {
		assertThat(predicate.test("http.server.requests", request("/admin/api/routes"))).isTrue();
		assertThat(predicate.test("http.server.requests", request("/actuator/health"))).isTrue();
		assertThat(predicate.test("jdbc.query", new Observation.Context())).isTrue();
	}

	private static ServerRequestObservationContext request(String path) {
		return new ServerRequestObservationContext(new MockHttpServletRequest("GET", path), new MockHttpServletResponse());
	}
}
