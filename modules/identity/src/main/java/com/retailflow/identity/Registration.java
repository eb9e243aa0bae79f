package com.retailflow.identity;

/** A shopper's registration as typed: checked and normalised by {@link IdentityManagement#register}. */
public record Registration(String email, String name, String password) {

	@Override
	public String toString() {
		return "Registration[email=" + email + ", name=" + name + "]";
	}
}
