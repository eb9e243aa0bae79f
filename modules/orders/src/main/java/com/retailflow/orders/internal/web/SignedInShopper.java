package com.retailflow.orders.internal.web;

import java.util.Optional;
import java.util.UUID;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import com.retailflow.identity.AccountId;

/**
 * The account the current request is signed in as. Identity's sign-in names the authentication by the account id;
 * an admin signed in to the console (named by e-mail or user name) is no shopper here.
 */
final class SignedInShopper {

	private SignedInShopper() {
	}

	static Optional<AccountId> account() {
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
