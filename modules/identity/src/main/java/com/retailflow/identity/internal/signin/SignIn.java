package com.retailflow.identity.internal.signin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.authentication.WebAuthenticationDetailsSource;
import org.springframework.security.web.authentication.logout.CookieClearingLogoutHandler;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfLogoutHandler;
import org.springframework.security.web.csrf.CsrfTokenRepository;

import com.retailflow.identity.AccountDetails;
import com.retailflow.identity.AccountId;
import com.retailflow.identity.IdentityManagement;
import com.retailflow.identity.internal.accounts.AccountPasswords;

/**
 * Signs a shopper in and out, for the sign-in page and {@code POST /api/v1/auth/sign-in} alike, the way Spring
 * Security's own login filter does: authenticate, rotate the session id (fixation) and the CSRF token, keep the
 * security context in the HTTP session (a Spring Session row in PostgreSQL). Nothing creates a session before this.
 * Signing in or out here signs the shopper's legacy session in or out too ({@link LegacySessions}).
 */
public class SignIn {

	private final AuthenticationManager authentication;
	private final SessionAuthenticationStrategy sessions;
	private final CsrfTokenRepository csrfTokens;
	private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
	private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();
	private final WebAuthenticationDetailsSource details = new WebAuthenticationDetailsSource();
	private final String sessionCookie;
	private final IdentityManagement identity;
	private final LegacySessions legacy;
	private final AccountPasswords passwords;

	SignIn(AuthenticationManager authentication, SessionAuthenticationStrategy sessions, CsrfTokenRepository csrfTokens,
			String sessionCookie, IdentityManagement identity, LegacySessions legacy, AccountPasswords passwords) {
		this.passwords = passwords;
		this.authentication = authentication;
		this.sessions = sessions;
		this.csrfTokens = csrfTokens;
		this.sessionCookie = sessionCookie;
		this.identity = identity;
		this.legacy = legacy;
	}

	/**
	 * @throws SignInThrottled too many failures for this e-mail or address (nothing was hashed)
	 * @throws com.retailflow.identity.internal.passwords.PasswordTooLong nothing was hashed
	 * @throws org.springframework.security.authentication.BadCredentialsException unknown e-mail or wrong password
	 */
	public Authentication signIn(String email, String password, HttpServletRequest request,
			HttpServletResponse response) throws AuthenticationException {
		var token = UsernamePasswordAuthenticationToken.unauthenticated(email, password);
		token.setDetails(details.buildDetails(request));
		Authentication result = authentication.authenticate(token);
		accountOf(result).ifPresent(account -> passwords.signedIn(account.value(), password, java.time.Instant.now()));
		start(result, request, response);
		accountOf(result).flatMap(identity::find).ifPresent(account -> legacy.signIn(account, request, response));
		return result;
	}

	/** Signs in an account that was just registered with the password the shopper typed (no second hashing). */
	public Authentication signInRegistered(AccountDetails account, HttpServletRequest request,
			HttpServletResponse response) {
		Authentication result = startWithoutPassword(account, request, response);
		legacy.signIn(account, request, response);
		return result;
	}

	/** The filter that keeps the new side's sign-in in step with the legacy session, for identity's security chain. */
	public jakarta.servlet.Filter legacySessionFollower() {
		return new LegacySessionFollower(this, identity, legacy);
	}

	/**
	 * Signs in the account the shopper's legacy session is signed in as: they signed in on a legacy page. Rotates the
	 * new side's session id as any sign-in does; the legacy session is left as it is.
	 */
	void adoptLegacySignIn(AccountDetails account, HttpServletRequest request, HttpServletResponse response) {
		startWithoutPassword(account, request, response);
		legacy.linked(account, request);
	}

	private Authentication startWithoutPassword(AccountDetails account, HttpServletRequest request,
			HttpServletResponse response) {
		var user = User.withUsername(account.id().toString())
			.password("")
			.roles(account.roles().stream().map(Enum::name).toArray(String[]::new))
			.build();
		var result = UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities());
		result.setDetails(details.buildDetails(request));
		start(result, request, response);
		return result;
	}

	private static java.util.Optional<AccountId> accountOf(Authentication result) {
		try {
			return java.util.Optional.of(new AccountId(java.util.UUID.fromString(result.getName())));
		}
		catch (IllegalArgumentException ex) {
			return java.util.Optional.empty();
		}
	}

	private void start(Authentication result, HttpServletRequest request, HttpServletResponse response) {
		sessions.onAuthentication(result, request, response);
		var context = holder.createEmptyContext();
		context.setAuthentication(result);
		holder.setContext(context);
		contexts.saveContext(context, request, response);
	}

	/**
	 * Ends the session (its row is deleted), clears the cookies and the CSRF token, and ends the legacy session too.
	 * Harmless when signed out.
	 */
	public void signOut(HttpServletRequest request, HttpServletResponse response) {
		endNewSession(request, response);
		legacy.signOut(request, response);
	}

	/** Ends only the new side's session: the legacy session was signed out (or in as someone else) on legacy. */
	void endNewSession(HttpServletRequest request, HttpServletResponse response) {
		@Nullable Authentication current = holder.getContext().getAuthentication();
		new CsrfLogoutHandler(csrfTokens).logout(request, response, current);
		new SecurityContextLogoutHandler().logout(request, response, current);
		new CookieClearingLogoutHandler(sessionCookie).logout(request, response, current);
	}
}
