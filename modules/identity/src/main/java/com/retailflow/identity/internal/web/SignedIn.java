package com.retailflow.identity.internal.web;

import java.util.Optional;
import java.util.UUID;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import com.retailflow.identity.AccountId;

/** The account the current request is signed in as: the security context's name is the account id. */
final class SignedIn {

	private SignedIn() {
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
