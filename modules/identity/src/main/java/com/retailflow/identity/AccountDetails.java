package com.retailflow.identity;

import java.time.Instant;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What other modules and the pages may know of an account: never its password hash.
 *
 * @param legacyId legacy's {@code customers.id}, {@code null} until the account exists on the legacy side
 */
public record AccountDetails(AccountId id, Email email, String name, Set<Role> roles, @Nullable Long legacyId,
		Instant createdAt, Instant updatedAt) {

	public AccountDetails {
		roles = Set.copyOf(roles);
	}

	public boolean isAdmin() {
		return roles.contains(Role.ADMIN);
	}
}
