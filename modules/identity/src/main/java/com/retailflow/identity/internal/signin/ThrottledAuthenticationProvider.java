package com.retailflow.identity.internal.signin;

import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import com.retailflow.identity.internal.passwords.PasswordHashing;
import com.retailflow.identity.internal.passwords.PasswordTooLong;

/**
 * Puts the throttle and the length limit in front of a {@code DaoAuthenticationProvider}: a throttled or overlong
 * attempt is refused before any hashing; a wrong password (or an unknown e-mail, which the provider answers the same
 * way, after hashing a dummy password) counts as a failure; a success clears the account's count.
 */
class ThrottledAuthenticationProvider implements AuthenticationProvider {

	private final AuthenticationProvider delegate;
	private final SignInThrottle throttle;
	private final PasswordHashing passwords;

	ThrottledAuthenticationProvider(AuthenticationProvider delegate, SignInThrottle throttle, PasswordHashing passwords) {
		this.delegate = delegate;
		this.throttle = throttle;
		this.passwords = passwords;
	}

	@Override
	public @Nullable Authentication authenticate(Authentication authentication) throws AuthenticationException {
		String email = authentication.getName();
		String address = address(authentication);
		Object credentials = authentication.getCredentials();
		if (credentials instanceof CharSequence password && passwords.tooLong(password)) {
			throw new PasswordTooLong(passwords.maxBytes());
		}
		var wait = throttle.retryAfter(email, address);
		if (wait.isPresent()) {
			throw new SignInThrottled(wait.get());
		}
		try {
			Authentication result = delegate.authenticate(authentication);
			throttle.succeeded(email, address);
			return result;
		}
		catch (BadCredentialsException ex) {
			throttle.failed(email, address);
			throw ex;
		}
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

	private static String address(Authentication authentication) {
		if (authentication.getDetails() instanceof WebAuthenticationDetails details && details.getRemoteAddress() != null) {
			return details.getRemoteAddress();
		}
		return "unknown";
	}
}
