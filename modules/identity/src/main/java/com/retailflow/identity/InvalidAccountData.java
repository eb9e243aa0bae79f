package com.retailflow.identity;

/** Input an account cannot take (a malformed e-mail, a too short or too long password, an empty name). */
public class InvalidAccountData extends RuntimeException {

	private final String field;

	public InvalidAccountData(String field, String message) {
		super(message);
		this.field = field;
	}

	/** The form field or JSON member at fault: {@code email}, {@code name} or {@code password}. */
	public String field() {
		return field;
	}
}
