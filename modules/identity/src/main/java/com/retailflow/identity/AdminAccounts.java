package com.retailflow.identity;

import org.springframework.security.authentication.AuthenticationProvider;

/**
 * Authenticates the migration team against identity's ADMIN accounts, for the admin API (HTTP Basic) and console
 * (form sign-in): username = the account's e-mail. Only accounts with role ADMIN authenticate; their authorities are
 * {@code ROLE_ADMIN} (and {@code ROLE_SHOPPER} if they have it). Passwords are checked with identity's encoder and
 * upgraded like shoppers'; failed attempts are throttled like shoppers'.
 */
public interface AdminAccounts {

	/** A provider to hand to an {@code HttpSecurity} chain ({@code http.authenticationProvider(...)}). */
	AuthenticationProvider authenticationProvider();
}
