package com.retailflow.identity;

/**
 * Registration or an e-mail change asked for an address another account has. The legacy shop says so on its
 * registration page too ("An account with this e-mail address already exists"), so saying it reveals nothing new.
 */
public class EmailAlreadyRegistered extends RuntimeException {

	public EmailAlreadyRegistered() {
		super("An account with this e-mail address already exists. Please sign in instead.");
	}
}
