package com.retailflow.identity;

import java.time.Duration;
import java.util.Optional;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.AuthenticationException;

/**
 * Authenticates the migration team against identity's ADMIN accounts, for the admin API (HTTP Basic) and console
 * (form sign-in). The name typed is the admin's sign-in name (the bootstrap admin's {@code RETAILFLOW_ADMIN_USER}) or
 * its e-mail. Only accounts with role ADMIN authenticate, anybody else is a {@code BadCredentialsException} like a
 * wrong password; the authentication's name is the admin's sign-in name (its e-mail when it has none) and its
 * authorities {@code ROLE_ADMIN} (and {@code ROLE_SHOPPER} if it has that too). Passwords are checked with
 * identity's encoder and upgraded like shoppers'; failed attempts count in the shoppers' throttle, and outside the
 * {@code demo} profile {@code admin/admin} is refused even when an account has that password.
 */
public interface AdminAccounts {

	/** A provider to hand to an {@code HttpSecurity} chain's own {@code AuthenticationManager}. */
	AuthenticationProvider authenticationProvider();

	/** How long to wait before the next attempt, when {@code failure} is the throttle refusing one (429). */
	Optional<Duration> retryAfter(AuthenticationException failure);
}
