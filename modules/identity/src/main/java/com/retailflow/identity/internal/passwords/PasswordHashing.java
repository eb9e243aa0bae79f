package com.retailflow.identity.internal.passwords;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

	private static final Logger log = LoggerFactory.getLogger(PasswordHashing.class);

	static final String ARGON2 = "argon2";
	private static final String HMAC = "HmacSHA256";
	static final String LEGACY_MD5 = "legacy-md5";
	private static final String LEGACY_PREFIX = "{" + LEGACY_MD5 + "}";

	/** Legacy's own rule ({@code strlen($password) < 6}), which counts bytes. */
	static final int MIN_BYTES = 6;

	private final PasswordEncoder encoder;
	private final LegacyMd5PasswordEncoder legacy;
	private final int maxBytes;
	private final SecretKeySpec fingerprintKey;

	PasswordHashing(PasswordSettings settings) {
		var argon2 = new Argon2PasswordEncoder(16, 32, 1, settings.argon2MemoryKib(), settings.argon2Iterations());
		var bounded = new BoundedPasswordEncoder(argon2, settings.permits(), settings.waitForHashing());
		this.legacy = new LegacyMd5PasswordEncoder(bounded);
		this.encoder = new DelegatingPasswordEncoder(ARGON2, Map.of(ARGON2, bounded, LEGACY_MD5, legacy));
		this.maxBytes = settings.maxBytes();
		this.fingerprintKey = new SecretKeySpec(fingerprintKey(settings), HMAC);
	}

	private static byte[] fingerprintKey(PasswordSettings settings) {
		String configured = settings.legacyFingerprintKey();
		if (configured != null && !configured.isBlank()) {
			return configured.getBytes(StandardCharsets.UTF_8);
		}
		log.warn("retailflow.identity.passwords.legacy-fingerprint-key is not set: legacy password fingerprints use a "
				+ "random key and do not survive a restart (the first legacy change of a customer after one costs an "
				+ "Argon2id check). Set it in production.");
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return key;
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

	/**
	 * A keyed fingerprint (HMAC-SHA256) of an imported md5 hex digest: tells at the cost of a SHA-256 whether legacy
	 * still holds the md5 an account's wrapped legacy hash was made from, so a customer row that changed in something
	 * else (a name, an e-mail) costs no Argon2id. Without the key it is no help in guessing the password.
	 */
	public String legacyFingerprint(String md5Hex) {
		try {
			Mac mac = Mac.getInstance(HMAC); // a Mac is not thread-safe; getting one is cheap
			mac.init(fingerprintKey);
			return HexFormat.of().formatHex(mac.doFinal(md5Hex.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is part of every JDK", ex);
		}
	}

	/** Whether a wrapped legacy hash was made from this md5 hex digest (one Argon2id computation). */
	public boolean wrapsLegacy(String md5Hex, String encodedLegacy) {
		return isLegacy(encodedLegacy) && legacy.wraps(md5Hex, encodedLegacy.substring(LEGACY_PREFIX.length()));
	}
}
