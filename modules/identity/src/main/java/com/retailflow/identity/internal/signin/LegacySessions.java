package com.retailflow.identity.internal.signin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;

import com.retailflow.identity.AccountDetails;
import com.retailflow.identity.spi.LegacySessionLink;
import com.retailflow.identity.spi.LegacySignIn;

/**
 * The new side's half of the one sign-in for both systems. The new session remembers which legacy customer its
 * legacy session was signed in as ({@link #LINKED}): only a session that was linked ends when legacy signs out, so a
 * sign-in whose link could not be written (legacy's database down) is linked on a later request instead of lost.
 * Without a {@link LegacySessionLink} (no legacy shop) this does nothing.
 */
class LegacySessions {

	/** Session attribute: the legacy customer id the legacy session was signed in as when the two were linked. */
	static final String LINKED = LegacySessions.class.getName() + ".linked";

	private static final Logger log = LoggerFactory.getLogger(LegacySessions.class);

	private final ObjectProvider<LegacySessionLink> link;

	LegacySessions(ObjectProvider<LegacySessionLink> link) {
		this.link = link;
	}

	LegacySignIn current(HttpServletRequest request) {
		LegacySessionLink legacy = link.getIfAvailable();
		return legacy == null ? new LegacySignIn.Unknown() : legacy.current(request);
	}

	/** Signs the legacy session in as the account; an account legacy does not know yet has no legacy session. */
	void signIn(AccountDetails account, HttpServletRequest request, HttpServletResponse response) {
		LegacySessionLink legacy = link.getIfAvailable();
		Long legacyId = account.legacyId();
		if (legacy == null || legacyId == null) {
			return;
		}
		try {
			legacy.signIn(legacyId, account.name(), account.email().value(), request, response);
			linked(account, request);
		}
		catch (RuntimeException ex) {
			log.warn("Could not sign the legacy session in for account {}; linking on a later request: {}",
					account.id(), ex.getMessage());
		}
	}

	void linked(AccountDetails account, HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session != null && account.legacyId() != null) {
			session.setAttribute(LINKED, account.legacyId());
		}
	}

	boolean isLinked(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		return session != null && session.getAttribute(LINKED) != null;
	}

	void signOut(HttpServletRequest request, HttpServletResponse response) {
		LegacySessionLink legacy = link.getIfAvailable();
		if (legacy == null) {
			return;
		}
		try {
			legacy.signOut(request, response);
		}
		catch (RuntimeException ex) {
			log.warn("Could not end the legacy session: {}", ex.getMessage());
		}
	}
}
