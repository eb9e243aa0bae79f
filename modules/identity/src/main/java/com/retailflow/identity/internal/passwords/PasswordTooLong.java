package com.retailflow.identity.internal.passwords;

import org.springframework.security.core.AuthenticationException;

/** A sign-in with a password longer than identity ever accepts: refused with a 400, before any hashing. */
public class PasswordTooLong extends AuthenticationException {

	public PasswordTooLong(int maxBytes) {
		super("The password is too long (at most " + maxBytes + " bytes).");
	}
}
