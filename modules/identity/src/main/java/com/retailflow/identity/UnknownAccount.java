package com.retailflow.identity;

/** No account has this id (it may have been removed under a live session). */
public class UnknownAccount extends RuntimeException {

	public UnknownAccount(AccountId id) {
		super("No account " + id);
	}
}
