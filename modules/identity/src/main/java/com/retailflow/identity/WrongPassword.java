package com.retailflow.identity;

/** A password change whose current password did not match: nothing was changed. */
public class WrongPassword extends RuntimeException {

	public WrongPassword() {
		super("The current password is not correct.");
	}
}
