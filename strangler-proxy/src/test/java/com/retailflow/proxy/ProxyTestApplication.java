package com.retailflow.proxy;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The proxy with a stand-in "new side" (see {@link NewSideController}) in front of the real legacy shop. */
@SpringBootApplication
@EnableScheduling
class ProxyTestApplication {

	private static final Pattern LEGACY_PRODUCT = Pattern.compile("/product\\.php\\?id=(\\d+)");
	private static final Pattern NEW_PRODUCT = Pattern.compile("/products/(\\d+)");
	private static final Pattern LEGACY_FLAKY = Pattern.compile("/flaky\\.php\\?case=(\\w+)");
	private static final Pattern NEW_FLAKY = Pattern.compile("/flaky/(\\w+)");

	/** A signed-in user the throttle of {@link #testAdmins} refuses to check, as identity's throttle would. */
	static final String THROTTLED = "throttled";

	/**
	 * Stands in for identity's ADMIN accounts: {@code admin/admin-secret} (ADMIN), {@code viewer/viewer-secret}
	 * (signed in, without the role) and {@value #THROTTLED}, whose every attempt is refused for 42 seconds.
	 */
	@Bean
	AdminAuthentication testAdmins() {
		var encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
		var users = new InMemoryUserDetailsManager(
				User.withUsername("admin").password(encoder.encode("admin-secret")).roles("ADMIN").build(),
				User.withUsername("viewer").password(encoder.encode("viewer-secret")).roles("VIEWER").build());
		var dao = new DaoAuthenticationProvider(users);
		dao.setPasswordEncoder(encoder);
		final class Throttled extends LockedException {
			Throttled() {
				super("too many failures");
			}
		}
		AuthenticationProvider provider = new AuthenticationProvider() {
			@Override
			public org.springframework.security.core.Authentication authenticate(
					org.springframework.security.core.Authentication authentication) {
				if (authentication.getName().equals(THROTTLED)) {
					throw new Throttled();
				}
				return dao.authenticate(authentication);
			}

			@Override
			public boolean supports(Class<?> authentication) {
				return dao.supports(authentication);
			}
		};
		return AdminAuthentication.of(provider,
				failure -> failure instanceof Throttled ? Optional.of(Duration.ofSeconds(42)) : Optional.empty());
	}

	/** Stands in for the session bridge: a cookie {@code test_customer} means "signed in as that customer". */
	@Bean
	ShopperIdentity testIdentity() {
		return request -> request.getCookies() == null ? Optional.empty()
				: java.util.Arrays.stream(request.getCookies())
					.filter(cookie -> cookie.getName().equals("test_customer"))
					.map(jakarta.servlet.http.Cookie::getValue)
					.findFirst();
	}

	/** The mapping the legacy adapter provides in the real application, reduced to what these tests need. */
	@Bean
	UrlTranslator testTranslator() {
		return new UrlTranslator() {
			@Override
			public Optional<String> toNew(String url) {
				var product = LEGACY_PRODUCT.matcher(url);
				if (product.matches()) {
					return Optional.of("/products/" + product.group(1));
				}
				if (url.startsWith("/assets/")) {
					return Optional.of("/mirror/" + url.substring("/assets/".length()));
				}
				var flaky = LEGACY_FLAKY.matcher(url);
				return flaky.matches() ? Optional.of("/flaky/" + flaky.group(1)) : Optional.empty();
			}

			@Override
			public Optional<String> toLegacy(String url) {
				var product = NEW_PRODUCT.matcher(url);
				if (product.matches()) {
					return Optional.of("/product.php?id=" + product.group(1));
				}
				if (url.startsWith("/mirror/")) {
					return Optional.of("/assets/" + url.substring("/mirror/".length()));
				}
				var flaky = NEW_FLAKY.matcher(url);
				return flaky.matches() ? Optional.of("/flaky.php?case=" + flaky.group(1)) : Optional.empty();
			}
		};
	}
}
