package com.retailflow.identity.internal.accounts;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.CrudRepository;

import com.retailflow.identity.Role;

/** The accounts, by id, e-mail (normalised), legacy id or admin sign-in name. */
public interface Accounts extends CrudRepository<Account, UUID> {

	Optional<Account> findByEmail(String normalisedEmail);

	Optional<Account> findByLegacyId(long legacyId);

	/** An admin by its console sign-in name (lower case). */
	Optional<Account> findByUsername(String username);

	java.util.List<Account> findByLegacyStaleSinceIsNotNullOrderByLegacyStaleSince();

	java.util.List<Account> findByLegacyIdGreaterThanEqualAndLegacyIdLessThanOrderByLegacyId(long from, long to);

	@Query("select count(a) > 0 from Account a join a.roles r where r = :role")
	boolean existsWithRole(Role role);
}
