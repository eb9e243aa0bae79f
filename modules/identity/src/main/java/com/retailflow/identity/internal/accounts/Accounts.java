package com.retailflow.identity.internal.accounts;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.CrudRepository;

import com.retailflow.identity.Role;

/** The accounts, by id, e-mail (normalised) or legacy id. */
public interface Accounts extends CrudRepository<Account, UUID> {

	Optional<Account> findByEmail(String normalisedEmail);

	Optional<Account> findByLegacyId(long legacyId);

	java.util.List<Account> findByLegacyStaleSinceIsNotNullOrderByLegacyStaleSince();

	java.util.List<Account> findByLegacyIdGreaterThanEqualAndLegacyIdLessThanOrderByLegacyId(long from, long to);

	@Query("select count(a) > 0 from Account a join a.roles r where r = :role")
	boolean existsWithRole(Role role);
}
