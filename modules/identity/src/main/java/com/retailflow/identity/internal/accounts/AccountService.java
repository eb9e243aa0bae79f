package com.retailflow.identity.internal.accounts;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.retailflow.identity.AccountDetails;
import com.retailflow.identity.AccountId;
import com.retailflow.identity.Email;
import com.retailflow.identity.EmailAlreadyRegistered;
import com.retailflow.identity.IdentityManagement;
import com.retailflow.identity.InvalidAccountData;
import com.retailflow.identity.LegacyCustomer;
import com.retailflow.identity.LegacyImport;
import com.retailflow.identity.Registration;
import com.retailflow.identity.UnknownAccount;
import com.retailflow.identity.WrongPassword;
import com.retailflow.identity.internal.passwords.PasswordHashing;

/**
 * The facade: checks input, hashes outside the aggregate, and lets {@link Account} decide. A unique-index violation
 * (two registrations of one e-mail racing) becomes {@link EmailAlreadyRegistered}, like legacy's duplicate-key branch.
 */
@Service
@Transactional
class AccountService implements IdentityManagement {

	private final Accounts accounts;
	private final PasswordHashing passwords;
	private final LegacyCopy legacy;
	private final Clock clock;

	AccountService(Accounts accounts, PasswordHashing passwords, LegacyCopy legacy) {
		this.accounts = accounts;
		this.passwords = passwords;
		this.legacy = legacy;
		this.clock = Clock.systemUTC();
	}

	@Override
	public AccountDetails register(Registration registration) {
		Email email = Email.of(registration.email());
		String name = AccountNames.check(registration.name());
		if (accounts.findByEmail(email.value()).isPresent()) {
			throw new EmailAlreadyRegistered();
		}
		String hash = passwords.hashNew(registration.password());
		var now = clock.instant();
		var account = Account.register(email, name, hash, now);
		// legacy refuses an e-mail it already has (and this transaction rolls back), as its own registration does
		legacy.registered(account, registration.password(), now);
		return saveUnique(account).details();
	}

	@Override
	public LegacyImport importLegacyCustomer(LegacyCustomer customer) {
		Email email = Email.of(customer.email());
		var now = clock.instant();
		var known = accounts.findByLegacyId(customer.legacyId());
		if (known.isEmpty()) {
			var sameEmail = accounts.findByEmail(email.value());
			if (sameEmail.isPresent()) {
				// Registered here, then written back to legacy, whose row now comes round: link it, keep its password.
				sameEmail.get().linkLegacy(customer.legacyId(), now);
				accounts.save(sameEmail.get());
				return LegacyImport.LINKED;
			}
			accounts.save(Account.importLegacy(customer.legacyId(), email, customer.name(),
					passwords.wrapLegacy(customer.md5Password()), passwords.legacyFingerprint(customer.md5Password()),
					customer.createdAt(), now));
			return LegacyImport.CREATED;
		}
		Account account = known.get();
		boolean changed = account.takeLegacyDetails(email, customer.name(), now);
		// Most legacy changes of a customer are not its password: the fingerprint tells without an Argon2id.
		String fingerprint = passwords.legacyFingerprint(customer.md5Password());
		if (!account.derivesFromLegacyFingerprint(fingerprint)) {
			String legacyDerived = account.legacyDerivedHash();
			if (legacyDerived == null || !passwords.wrapsLegacy(customer.md5Password(), legacyDerived)) {
				account.takeLegacyPassword(passwords.wrapLegacy(customer.md5Password()), fingerprint, now);
			}
			else {
				account.rememberLegacyFingerprint(fingerprint);
			}
			changed = true;
		}
		if (!changed) {
			return LegacyImport.UNCHANGED;
		}
		saveUnique(account);
		return LegacyImport.UPDATED;
	}

	@Override
	public void removeLegacyCustomer(long legacyId) {
		accounts.findByLegacyId(legacyId).ifPresent(accounts::delete);
	}

	@Override
	@Transactional(readOnly = true)
	public java.util.List<AccountDetails> legacyCustomerAccounts(@org.jspecify.annotations.Nullable Long fromLegacyId,
			@org.jspecify.annotations.Nullable Long toLegacyId) {
		return accounts
			.findByLegacyIdGreaterThanEqualAndLegacyIdLessThanOrderByLegacyId(fromLegacyId == null ? 0 : fromLegacyId,
					toLegacyId == null ? Long.MAX_VALUE : toLegacyId)
			.stream()
			.map(Account::details)
			.toList();
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<AccountDetails> find(AccountId id) {
		return accounts.findById(id.value()).map(Account::details);
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<AccountDetails> findByEmail(String email) {
		try {
			return accounts.findByEmail(Email.of(email).value()).map(Account::details);
		}
		catch (InvalidAccountData ex) {
			return Optional.empty();
		}
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<AccountDetails> findByLegacyId(long legacyId) {
		return accounts.findByLegacyId(legacyId).map(Account::details);
	}

	@Override
	@Transactional(readOnly = true)
	public java.util.List<com.retailflow.identity.StaleLegacyCopy> staleLegacyCopies() {
		return accounts.findByLegacyStaleSinceIsNotNullOrderByLegacyStaleSince()
			.stream()
			.map(account -> new com.retailflow.identity.StaleLegacyCopy(account.accountId(), account.details().email(),
					account.legacyId(), Objects.requireNonNull(account.legacyStaleSince())))
			.toList();
	}

	@Override
	public AccountDetails changeName(AccountId id, String name) {
		Account account = load(id);
		var now = clock.instant();
		if (account.changeName(name, now)) {
			legacy.profileChanged(account, now);
			accounts.save(account);
		}
		return account.details();
	}

	@Override
	public AccountDetails changeEmail(AccountId id, String email) {
		Email normalised = Email.of(email);
		Account account = load(id);
		if (accounts.findByEmail(normalised.value()).filter(other -> !other.equals(account)).isPresent()) {
			throw new EmailAlreadyRegistered();
		}
		var now = clock.instant();
		if (account.changeEmail(normalised, now)) {
			legacy.profileChanged(account, now);
			saveUnique(account);
		}
		return account.details();
	}

	@Override
	public void changePassword(AccountId id, String currentPassword, String newPassword) {
		Account account = load(id);
		if (!passwords.matches(currentPassword, account.passwordHash())) {
			throw new WrongPassword();
		}
		var now = clock.instant();
		account.changePassword(passwords.hashNew(newPassword), now);
		legacy.passwordChanged(account, newPassword, now);
		accounts.save(account);
	}

	private Account load(AccountId id) {
		return accounts.findById(Objects.requireNonNull(id).value()).orElseThrow(() -> new UnknownAccount(id));
	}

	private Account saveUnique(Account account) {
		try {
			return accounts.save(account);
		}
		catch (DataIntegrityViolationException ex) {
			throw new EmailAlreadyRegistered();
		}
	}
}
