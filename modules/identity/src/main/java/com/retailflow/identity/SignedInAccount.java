package com.retailflow.identity;

import java.util.Optional;
import java.util.UUID;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The shopper account the current request is signed in as. Identity's sign-in names the authentication by the
 * account id, so anything else in the security context (anonymous, an admin named by user name) is no shopper.
 */
public final class SignedInAccount {

	private SignedInAccount() {
	}

	public static Optional<AccountId> current() {
		Authentication authentication = SecurityContextHolder.getContextHolderStrategy().getContext().getAuthentication();
		if (authentication == null || !authentication.isAuthenticated()
				|| authentication instanceof AnonymousAuthenticationToken) {
			return Optional.empty();
		}
		try {
			return Optional.of(new AccountId(UUID.fromString(authentication.getName())));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}
}
