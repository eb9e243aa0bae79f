package com.retailflow.identity.internal.signin;

import java.time.Duration;

import org.springframework.security.core.AuthenticationException;

/** Too many failed sign-ins: refused before any hashing, answered 429 with {@code Retry-After}. */
public class SignInThrottled extends AuthenticationException {

	private final Duration retryAfter;

	SignInThrottled(Duration retryAfter) {
		super("Too many failed sign-in attempts.");
		this.retryAfter = retryAfter;
	}

	/** Whole seconds, rounded up, at least one. */
	public long retryAfterSeconds() {
		return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
	}
}
