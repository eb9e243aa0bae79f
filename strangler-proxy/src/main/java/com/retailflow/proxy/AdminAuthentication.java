package com.retailflow.proxy;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.AuthenticationException;

/**
 * Who may use the console and the admin API: the proxy asks this, and keeps no accounts of its own. The application
 * provides one bean (in RetailFlow: identity's ADMIN accounts, docs/adr/0053-admin-accounts-in-identity.md).
 *
 * <p>The provider must authenticate only the people allowed on the admin side and give them {@code ROLE_ADMIN};
 * anybody else is an {@code AuthenticationException} (a {@code BadCredentialsException} for unknown names, wrong
 * passwords and accounts without the right), never a {@code null} for a username and password. The authentication's
 * name is what the route audit log records as the actor.
 */
public interface AdminAuthentication {

	AuthenticationProvider authenticationProvider();

	/** When {@code failure} was a refusal to even check the password (too many failures), how long to wait. */
	default Optional<Duration> retryAfter(AuthenticationException failure) {
		return Optional.empty();
	}

	/** The admin side from a provider and its answer to {@link #retryAfter}. */
	static AdminAuthentication of(AuthenticationProvider provider,
			Function<AuthenticationException, Optional<Duration>> retryAfter) {
		return new AdminAuthentication() {
			@Override
			public AuthenticationProvider authenticationProvider() {
				return provider;
			}

			@Override
			public Optional<Duration> retryAfter(AuthenticationException failure) {
				return retryAfter.apply(failure);
			}
		};
	}
}
