package com.retailflow.identity.internal.signin;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.User;
import org.springframework.transaction.support.TransactionTemplate;

import com.retailflow.identity.AdminAccounts;
import com.retailflow.identity.internal.accounts.Account;
import com.retailflow.identity.internal.accounts.Accounts;

/**
 * ADMIN accounts as an {@link AuthenticationProvider}: the throttled admins-only provider, with the admin's sign-in
 * name (not the account id the shoppers' session keeps) as the principal, since that is what the route audit log and
 * the console show.
 */
final class IdentityAdminAccounts implements AdminAccounts, AuthenticationProvider {

	private final AuthenticationProvider admins;
	private final Accounts accounts;
	private final TransactionTemplate transactions;
	private final boolean demo;

	IdentityAdminAccounts(AuthenticationProvider admins, Accounts accounts, TransactionTemplate transactions,
			boolean demo) {
		this.admins = admins;
		this.accounts = accounts;
		this.transactions = transactions;
		this.demo = demo;
	}

	@Override
	public AuthenticationProvider authenticationProvider() {
		return this;
	}

	@Override
	public Optional<Duration> retryAfter(AuthenticationException failure) {
		return failure instanceof SignInThrottled throttled ? Optional.of(Duration.ofSeconds(throttled.retryAfterSeconds()))
				: Optional.empty();
	}

	@Override
	public @Nullable Authentication authenticate(Authentication authentication) throws AuthenticationException {
		if (!demo && authentication.getName().strip().equalsIgnoreCase("admin")
				&& "admin".equals(authentication.getCredentials())) {
			// an account made by a demo start on this database: its password is public
			throw new BadCredentialsException("admin/admin is accepted in the demo profile only");
		}
		Authentication result = admins.authenticate(authentication);
		if (result == null) {
			return null;
		}
		UUID id = UUID.fromString(result.getName());
		String name = transactions.execute(status -> accounts.findById(id).map(IdentityAdminAccounts::signInName)
			.orElse(id.toString()));
		var admin = User.withUsername(name).password("").authorities(result.getAuthorities()).build();
		var signedIn = UsernamePasswordAuthenticationToken.authenticated(admin, null, result.getAuthorities());
		signedIn.setDetails(result.getDetails());
		return signedIn;
	}

	private static String signInName(Account account) {
		String username = account.username();
		return username != null ? username : account.email();
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return admins.supports(authentication);
	}
}
