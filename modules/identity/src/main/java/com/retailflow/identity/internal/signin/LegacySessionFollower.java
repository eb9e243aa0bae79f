package com.retailflow.identity.internal.signin;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

import com.retailflow.identity.AccountDetails;
import com.retailflow.identity.SignedInAccount;
import com.retailflow.identity.IdentityManagement;
import com.retailflow.identity.spi.LegacySignIn;

/**
 * Makes the new side's sign-in follow the legacy session on every identity request (pages and API), so a shopper is
 * signed in as the same customer on both sides, whichever side they signed in or out on:
 * <ul>
 * <li>legacy signed in, new side not: sign in here as the account with that legacy id (no password; a new session
 * id, as every sign-in);</li>
 * <li>both signed in, as different customers (someone signed in on legacy as another customer in this browser): end
 * the new session and sign in as legacy's customer; legacy's is the sign-in every legacy page shows;</li>
 * <li>new side signed in and linked, legacy signed out: the shopper signed out on legacy, so end the new session;</li>
 * <li>new side signed in but not linked yet (the link could not be written): link it now;</li>
 * <li>legacy cannot be asked: change nothing.</li>
 * </ul>
 * Runs after the CSRF check, so a form is checked against the token it was rendered with.
 */
final class LegacySessionFollower extends OncePerRequestFilter {

	private final SignIn signIn;
	private final IdentityManagement identity;
	private final LegacySessions legacy;

	LegacySessionFollower(SignIn signIn, IdentityManagement identity, LegacySessions legacy) {
		this.signIn = signIn;
		this.identity = identity;
		this.legacy = legacy;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		follow(request, response);
		chain.doFilter(request, response);
	}

	private void follow(HttpServletRequest request, HttpServletResponse response) {
		LegacySignIn onLegacy = legacy.current(request);
		if (onLegacy instanceof LegacySignIn.Unknown) {
			return;
		}
		Optional<AccountDetails> here = SignedInAccount.current().flatMap(identity::find);
		if (here.isEmpty()) {
			if (onLegacy instanceof LegacySignIn.SignedIn(long customerId)) {
				identity.findByLegacyId(customerId).ifPresent(account -> signIn.adoptLegacySignIn(account, request, response));
			}
			return;
		}
		AccountDetails account = here.get();
		Long legacyId = account.legacyId();
		if (legacyId == null) {
			return; // legacy does not know this account (yet): there is no legacy session to follow
		}
		switch (onLegacy) {
			case LegacySignIn.SignedIn(long customerId) when customerId == legacyId -> legacy.linked(account, request);
			case LegacySignIn.SignedIn(long customerId) -> {
				signIn.endNewSession(request, response);
				identity.findByLegacyId(customerId).ifPresent(other -> signIn.adoptLegacySignIn(other, request, response));
			}
			case LegacySignIn.SignedOut() when legacy.isLinked(request) -> signIn.endNewSession(request, response);
			case LegacySignIn.SignedOut() -> legacy.signIn(account, request, response);
			case LegacySignIn.Unknown() -> {
			}
		}
	}
}
