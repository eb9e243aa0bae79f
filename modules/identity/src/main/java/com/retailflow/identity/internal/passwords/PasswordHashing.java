package com.retailflow.identity.internal.passwords;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import com.retailflow.identity.InvalidAccountData;

/**
 * Identity's passwords: a {@code DelegatingPasswordEncoder} whose default is Argon2id ({@code {argon2}}) and which
 * also reads imported legacy passwords ({@code {legacy-md5}}, see {@link LegacyMd5PasswordEncoder}); every hash goes
 * through one bound on concurrent hashing. Deliberately not a {@code PasswordEncoder} bean: Spring Security would take
 * such a bean for every other filter chain's users too (the proxy's admin users are encoded differently).
 */
public final class PasswordHashing {

	static final String ARGON2 = "argon2";
	static final String LEGACY_MD5 = "legacy-md5";
	private static final String LEGACY_PREFIX = "{" + LEGACY_MD5 + "}";

	/** Legacy's own rule ({@code strlen($password) < 6}), which counts bytes. */
	static final int MIN_BYTES = 6;

	private final PasswordEncoder encoder;
	private final LegacyMd5PasswordEncoder legacy;
	private final int maxBytes;

	PasswordHashing(PasswordSettings settings) {
		var argon2 = new Argon2PasswordEncoder(16, 32, 1, settings.argon2MemoryKib(), settings.argon2Iterations());
		var bounded = new BoundedPasswordEncoder(argon2, settings.permits(), settings.waitForHashing());
		this.legacy = new LegacyMd5PasswordEncoder(bounded);
		this.encoder = new DelegatingPasswordEncoder(ARGON2, Map.of(ARGON2, bounded, LEGACY_MD5, legacy));
		this.maxBytes = settings.maxBytes();
	}

	/** For {@code DaoAuthenticationProvider}: checks either kind, reports {@code {legacy-md5}} as upgradable. */
	public PasswordEncoder encoder() {
		return encoder;
	}

	/** A new password: checked against the rules, then hashed with Argon2id. */
	public String hashNew(String raw) {
		int bytes = raw.getBytes(StandardCharsets.UTF_8).length;
		if (bytes < MIN_BYTES) {
			throw new InvalidAccountData("password", "The password must be at least 6 characters long.");
		}
		if (bytes > maxBytes) {
			throw new InvalidAccountData("password", "The password is too long (at most " + maxBytes + " bytes).");
		}
		return encoder.encode(raw);
	}

	public boolean matches(String raw, String encoded) {
		return !tooLong(raw) && encoder.matches(raw, encoded);
	}

	public boolean tooLong(CharSequence raw) {
		// a char is at most 3 UTF-8 bytes: skip the encoding for the common short password
		return raw.length() * 3 > maxBytes && raw.toString().getBytes(StandardCharsets.UTF_8).length > maxBytes;
	}

	public int maxBytes() {
		return maxBytes;
	}

	/** An imported legacy md5 hex digest, wrapped. */
	public String wrapLegacy(String md5Hex) {
		return LEGACY_PREFIX + legacy.wrap(md5Hex);
	}

	/** What legacy checks a password against: {@code md5($password)}. Only ever handed to legacy, never stored here. */
	public static String legacyMd5(String raw) {
		return LegacyMd5PasswordEncoder.md5Hex(raw);
	}

	public static boolean isLegacy(String encoded) {
		return encoded.startsWith(LEGACY_PREFIX);
	}

	/** Whether a wrapped legacy hash was made from this md5 hex digest (one Argon2id computation). */
	public boolean wrapsLegacy(String md5Hex, String encodedLegacy) {
		return isLegacy(encodedLegacy) && legacy.wraps(md5Hex, encodedLegacy.substring(LEGACY_PREFIX.length()));
	}
}
