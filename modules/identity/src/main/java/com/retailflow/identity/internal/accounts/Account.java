package com.retailflow.identity.internal.accounts;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.AbstractAggregateRoot;

import com.retailflow.identity.AccountDetails;
import com.retailflow.identity.AccountId;
import com.retailflow.identity.AccountImported;
import com.retailflow.identity.AccountRegistered;
import com.retailflow.identity.Email;
import com.retailflow.identity.EmailChanged;
import com.retailflow.identity.NameChanged;
import com.retailflow.identity.PasswordChanged;
import com.retailflow.identity.Role;
import com.retailflow.identity.internal.passwords.PasswordHashing;

/**
 * An account: the aggregate behind registration, sign-in and profile changes. Its transitions check their input and
 * register past-tense events, published when {@link Accounts} saves it. Password hashes arrive already hashed: the
 * aggregate decides what to keep, never how to hash.
 */
@Entity
@Table(name = "accounts", schema = "identity")
public class Account extends AbstractAggregateRoot<Account> {

	@Id
	private UUID id;

	private String email;

	/** The console and admin API sign-in name of an admin; shoppers have none. */
	private @Nullable String username;

	private String name;

	@Column(name = "password_hash")
	private String passwordHash;

	@Column(name = "legacy_password_hash")
	private @Nullable String legacyPasswordHash;

	/** Keyed fingerprint of the md5 that {@link #legacyDerivedHash()} wraps; null when not known. */
	@Column(name = "legacy_md5_fingerprint")
	private @Nullable String legacyMd5Fingerprint;

	@Column(name = "legacy_id")
	private @Nullable Long legacyId;

	@Column(name = "legacy_stale_since")
	private @Nullable Instant legacyStaleSince;

	@ElementCollection(fetch = FetchType.EAGER)
	@CollectionTable(name = "account_roles", schema = "identity", joinColumns = @JoinColumn(name = "account_id"))
	@Column(name = "role")
	@Enumerated(EnumType.STRING)
	private Set<Role> roles = EnumSet.noneOf(Role.class);

	@Column(name = "created_at")
	private Instant createdAt;

	@Column(name = "updated_at")
	private Instant updatedAt;

	@Version
	private @Nullable Long version;

	@SuppressWarnings("NullAway.Init")
	protected Account() {
		// for JPA
	}

	private Account(Email email, String name, String passwordHash, Set<Role> roles, Instant now) {
		this.id = UUID.randomUUID();
		this.email = email.value();
		this.name = AccountNames.check(name);
		this.passwordHash = passwordHash;
		this.roles = EnumSet.copyOf(roles);
		this.createdAt = now;
		this.updatedAt = now;
	}

	/** A shopper registering on the new side. */
	static Account register(Email email, String name, String passwordHash, Instant now) {
		var account = new Account(email, name, passwordHash, Set.of(Role.SHOPPER), now);
		account.registerEvent(new AccountRegistered(account.accountId(), email, account.name));
		return account;
	}

	/** A customer that exists on the legacy side, with its wrapped md5 password. */
	static Account importLegacy(long legacyId, Email email, String name, String wrappedLegacyHash,
			String md5Fingerprint, Instant createdAt, Instant now) {
		var account = new Account(email, name, wrappedLegacyHash, Set.of(Role.SHOPPER), now);
		account.legacyId = legacyId;
		account.legacyMd5Fingerprint = md5Fingerprint;
		account.createdAt = createdAt;
		account.registerEvent(new AccountImported(account.accountId(), legacyId));
		return account;
	}

	/** The first admin, from the environment. */
	static Account bootstrapAdmin(Email email, String username, String name, String passwordHash, Instant now) {
		var admin = new Account(email, name, passwordHash, Set.of(Role.ADMIN), now);
		admin.username = username;
		return admin;
	}

	boolean changeName(String newName, Instant now) {
		String checked = AccountNames.check(newName);
		if (checked.equals(name)) {
			return false;
		}
		name = checked;
		updatedAt = now;
		registerEvent(new NameChanged(accountId(), checked));
		return true;
	}

	boolean changeEmail(Email newEmail, Instant now) {
		if (newEmail.value().equals(email)) {
			return false;
		}
		email = newEmail.value();
		updatedAt = now;
		registerEvent(new EmailChanged(accountId(), newEmail));
		return true;
	}

	/** The shopper chose a new password (already hashed). */
	void changePassword(String newHash, Instant now) {
		passwordHash = newHash;
		updatedAt = now;
		registerEvent(new PasswordChanged(accountId()));
	}

	/**
	 * The same password, hashed anew by the sign-in that just checked it ({@code {legacy-md5}} → {@code {argon2}}).
	 * The legacy hash it replaces is kept while legacy may still send this customer's row again.
	 */
	void upgradePassword(String newHash, Instant now) {
		if (PasswordHashing.isLegacy(passwordHash)) {
			legacyPasswordHash = passwordHash;
		}
		passwordHash = newHash;
		updatedAt = now;
	}

	/**
	 * Legacy's row says so (legacy is the system of record until cut-over): no event, nothing to write back.
	 *
	 * @return whether anything changed
	 */
	boolean takeLegacyDetails(Email legacyEmail, String legacyName, Instant now) {
		String checked = AccountNames.check(legacyName);
		if (legacyEmail.value().equals(email) && checked.equals(name)) {
			return false;
		}
		email = legacyEmail.value();
		name = checked;
		updatedAt = now;
		return true;
	}

	/** Legacy's customer changed its password there: legacy's (wrapped) md5 is the password again. */
	void takeLegacyPassword(String wrappedLegacyHash, String md5Fingerprint, Instant now) {
		passwordHash = wrappedLegacyHash;
		legacyPasswordHash = null;
		legacyMd5Fingerprint = md5Fingerprint;
		updatedAt = now;
	}

	/**
	 * Whether legacy's md5 is the one this account's password derives from, by its fingerprint alone (no Argon2id):
	 * false when the fingerprint is unknown (an account linked to legacy, or fingerprinted with another key).
	 */
	boolean derivesFromLegacyFingerprint(String md5Fingerprint) {
		return legacyDerivedHash() != null && md5Fingerprint.equals(legacyMd5Fingerprint);
	}

	/** An Argon2id check proved that the wrapped legacy hash was made from the md5 with this fingerprint. */
	void rememberLegacyFingerprint(String md5Fingerprint) {
		legacyMd5Fingerprint = md5Fingerprint;
	}

	/** The wrapped legacy hash this account's password currently derives from, if any. */
	@Nullable
	String legacyDerivedHash() {
		return PasswordHashing.isLegacy(passwordHash) ? passwordHash : legacyPasswordHash;
	}

	void linkLegacy(long id, Instant now) {
		if (legacyId != null && legacyId != id) {
			throw new IllegalStateException("Account " + this.id + " is legacy customer " + legacyId + ", not " + id);
		}
		legacyId = id;
		updatedAt = now;
	}

	/**
	 * A change made here could not be written to legacy's row: until it is, legacy signs this shopper in only with
	 * what it last held (or not at all, for a registration it never saw). The first failure's time is kept.
	 */
	void legacyCopyFailed(Instant now) {
		if (legacyStaleSince == null) {
			legacyStaleSince = now;
		}
	}

	/** Legacy's row holds this account's e-mail, name and password again. */
	void legacyCopyWritten() {
		legacyStaleSince = null;
	}

	public @Nullable Instant legacyStaleSince() {
		return legacyStaleSince;
	}

	void grant(Role role, Instant now) {
		if (roles.add(role)) {
			updatedAt = now;
		}
	}

	/** Makes this account an admin that also signs in to the console as {@code adminName} (lower case). */
	void makeAdmin(String adminName, Instant now) {
		grant(Role.ADMIN, now);
		if (!adminName.equals(username)) {
			username = adminName;
			updatedAt = now;
		}
	}

	public @Nullable String username() {
		return username;
	}

	public AccountId accountId() {
		return new AccountId(id);
	}

	public String passwordHash() {
		return passwordHash;
	}

	public String email() {
		return email;
	}

	public Set<Role> roles() {
		return Set.copyOf(roles);
	}

	public @Nullable Long legacyId() {
		return legacyId;
	}

	public String name() {
		return name;
	}

	public AccountDetails details() {
		return new AccountDetails(accountId(), new Email(email), name, roles, legacyId, createdAt, updatedAt);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Account account && Objects.equals(id, account.id);
	}

	@Override
	public int hashCode() {
		return Objects.hashCode(id);
	}
}
