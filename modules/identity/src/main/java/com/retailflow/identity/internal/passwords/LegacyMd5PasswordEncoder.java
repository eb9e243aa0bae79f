package com.retailflow.identity.internal.passwords;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.util.DigestUtils;

/**
 * A legacy customer's password as imported: Argon2id over legacy's unsalted md5 hex digest, so no bare md5 sits in
 * PostgreSQL and checking it costs what checking any other password costs. Registered under the id
 * {@code legacy-md5} in the {@code DelegatingPasswordEncoder}, which then reports it as upgradable: the first
 * successful sign-in re-hashes the password with plain Argon2id.
 */
final class LegacyMd5PasswordEncoder implements PasswordEncoder {

	private final PasswordEncoder argon2;

	LegacyMd5PasswordEncoder(PasswordEncoder argon2) {
		this.argon2 = argon2;
	}

	/** What legacy's PHP computes: {@code md5($password)} over the bytes the browser sent (UTF-8). */
	static String md5Hex(CharSequence raw) {
		return DigestUtils.md5DigestAsHex(raw.toString().getBytes(StandardCharsets.UTF_8));
	}

	@Override
	public @Nullable String encode(@Nullable CharSequence rawPassword) {
		return rawPassword == null ? null : wrap(md5Hex(rawPassword));
	}

	@Override
	public boolean matches(@Nullable CharSequence rawPassword, @Nullable String encodedPassword) {
		return rawPassword != null && encodedPassword != null && argon2.matches(md5Hex(rawPassword), encodedPassword);
	}

	String wrap(String md5Hex) {
		return argon2.encode(md5Hex);
	}

	boolean wraps(String md5Hex, String encodedPassword) {
		return argon2.matches(md5Hex, encodedPassword);
	}
}
