package com.retailflow.identity.internal.accounts;

import com.retailflow.identity.InvalidAccountData;

/** Legacy's rule for a customer's name: trimmed, 1 to 100 characters; control characters are refused here too. */
final class AccountNames {

	static final int MAX = 100;

	private AccountNames() {
	}

	static String check(String typed) {
		String name = typed.strip();
		if (name.isEmpty() || name.codePointCount(0, name.length()) > MAX || name.chars().anyMatch(Character::isISOControl)) {
			throw new InvalidAccountData("name", "Please enter your name (up to 100 characters).");
		}
		return name;
	}
}
