package com.retailflow.proxy.internal.visits;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.retailflow.proxy.internal.ProxySettings;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.mock.web.MockHttpServletRequest;

/** The visit cookie: signed, tamper-evident, and ended by an idle timeout with its pins. */
class VisitsTests {

	final Visits visits = new Visits(List.of(), settings("secret-for-tests", "30m"));

	@Test
	void aVisitRoundTripsThroughItsSignedCookie() {
		var visit = new Visit("shopper-1", Map.of("catalog", 3), Instant.now().getEpochSecond(), null, true);
		var decoded = visits.decode(visits.encode(visit)).orElseThrow();
		assertThat(decoded.key()).isEqualTo("shopper-1");
		assertThat(decoded.pinnedTo("catalog", 3)).isTrue();
		assertThat(decoded.pinnedTo("catalog", 4)).as("a later generation").isFalse();
	}

	@Test
	void aCookieSignedWithAnotherSecretOrAlteredIsRefused() {
		var visit = new Visit("shopper-1", Map.of("catalog", 0), Instant.now().getEpochSecond(), null, true);
		var other = new Visits(List.of(), settings("another-secret", "30m"));
		assertThat(visits.decode(other.encode(visit))).isEmpty();
		String cookie = visits.encode(visit);
		assertThat(visits.decode("x" + cookie)).isEmpty();
		assertThat(visits.decode(cookie.substring(0, cookie.indexOf('.')))).isEmpty();
	}

	@Test
	void anIdleVisitEndsAndItsPinsWithIt() {
		long twoHoursAgo = Instant.now().minus(Duration.ofHours(2)).getEpochSecond();
		var stale = new Visit("old-key", Map.of("catalog", 0), twoHoursAgo, null, false);
		var request = new MockHttpServletRequest();
		request.setCookies(new Cookie(Visits.VISIT_COOKIE, visits.encode(stale)),
				new Cookie(Visits.SHOPPER_COOKIE, "0b0f6a9e-1c4e-4d52-9a39-2f3b1d0c6e11"));
		var visit = visits.visit(request);
		assertThat(visit.key()).isEqualTo("0b0f6a9e-1c4e-4d52-9a39-2f3b1d0c6e11");
		assertThat(visit.pins()).isEmpty();
		assertThat(visit.changed()).isTrue();
	}

	static ProxySettings settings(String secret, String idle) {
		var source = new MapConfigurationPropertySource(Map.of("retailflow.proxy.legacy-url", URI.create("http://x").toString(),
				"retailflow.proxy.visits.secret", secret, "retailflow.proxy.visits.idle-timeout", idle));
		return new Binder(source).bind("retailflow.proxy", Bindable.of(ProxySettings.class)).get();
	}
}
