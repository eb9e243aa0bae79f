package com.retailflow.identity;

import java.util.Objects;
import java.util.UUID;

/** Identifies an account on the new side; legacy's integer customer id is kept separately, for the sync. */
public record AccountId(UUID value) {

	public AccountId {
		Objects.requireNonNull(value, "value");
	}

	public static AccountId random() {
		return new AccountId(UUID.randomUUID());
	}

	@Override
	public String toString() {
		return value.toString();
	}
}
