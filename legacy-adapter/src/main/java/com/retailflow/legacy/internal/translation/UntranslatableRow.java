package com.retailflow.legacy.internal.translation;

/**
 * A legacy row whose values have no faithful translation (a negative price, bytes that are not latin1 text, a status
 * code the shop never defined). It is never guessed at: the change stream quarantines the row with this reason,
 * the backfill skips it, and reconciliation counts it as drift until someone fixes it on legacy.
 */
public final class UntranslatableRow extends RuntimeException {

	private final String reason;

	public UntranslatableRow(String reason) {
		super(reason);
		this.reason = reason;
	}

	/** Why the row cannot be translated, in words for the migration team. */
	public String reason() {
		return reason;
	}
}
