package com.retailflow.identity;

import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The identity module's API: accounts, their registration and changes, and the import of legacy customers.
 * Signing in happens through Spring Security (the module's sign-in page and {@code /api/v1/auth}).
 */
public interface IdentityManagement {

	/**
	 * Registers a shopper (role SHOPPER).
	 *
	 * @throws InvalidAccountData for a malformed e-mail, an empty or overlong name, a too short or too long password
	 * @throws EmailAlreadyRegistered when the normalised e-mail belongs to another account
	 */
	AccountDetails register(Registration registration);

	/**
	 * Brings one legacy customer in, idempotently by legacy id: calling it again with the same row changes nothing.
	 * A changed e-mail, name or md5 password on the legacy side is taken over (legacy is the system of record until
	 * identity is cut over). An unlinked account registered here with the same e-mail gets the legacy id and keeps
	 * its own password.
	 */
	LegacyImport importLegacyCustomer(LegacyCustomer customer);

	/**
	 * Legacy deleted this customer: the account goes too (a session signed in as it ends at its next identity
	 * request). Nothing happens for an unknown legacy id.
	 */
	void removeLegacyCustomer(long legacyId);

	/**
	 * The accounts of legacy customers with {@code fromLegacyId <= legacyId < toLegacyId} ({@code null}: unbounded),
	 * in legacy id order: what reconciliation compares with legacy's {@code customers} rows.
	 */
	List<AccountDetails> legacyCustomerAccounts(@Nullable Long fromLegacyId, @Nullable Long toLegacyId);

	Optional<AccountDetails> find(AccountId id);

	Optional<AccountDetails> findByEmail(String email);

	/** The account of legacy's {@code customers.id}, once it came over from legacy or was written back there. */
	Optional<AccountDetails> findByLegacyId(long legacyId);

	/**
	 * The accounts legacy would not sign in as they sign in here, oldest first: what a rollback of identity to LEGACY
	 * would do to them (docs/adr/0039-identity-rollback-and-legacy-passwords.md).
	 */
	List<StaleLegacyCopy> staleLegacyCopies();

	/** @throws InvalidAccountData for an empty or overlong name */
	AccountDetails changeName(AccountId id, String name);

	/** @throws EmailAlreadyRegistered when another account has it */
	AccountDetails changeEmail(AccountId id, String email);

	/**
	 * @throws WrongPassword when {@code currentPassword} is not the account's password (nothing changes)
	 * @throws InvalidAccountData when the new password breaks the password rules
	 */
	void changePassword(AccountId id, String currentPassword, String newPassword);
}
