package com.retailflow.identity.internal.passwords;

import java.time.Duration;

/** Every hashing slot stayed taken for the whole wait: the request is answered 503 with {@code Retry-After}. */
public class HashingBusy extends RuntimeException {

	private final Duration retryAfter;

	HashingBusy(Duration retryAfter) {
		super("Too many sign-ins at once; please try again in a moment.");
		this.retryAfter = retryAfter;
	}

	public Duration retryAfter() {
		return retryAfter;
	}
}
