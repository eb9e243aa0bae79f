package com.retailflow.identity.internal.passwords;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How passwords are hashed (docs/adr/0035-password-hashing.md).
 *
 * @param argon2MemoryKib Argon2id memory cost in KiB (19 MiB: the OWASP minimum for t=2)
 * @param argon2Iterations Argon2id time cost
 * @param maxConcurrentHashes hashes computed at once by this instance; 0 means one per available core
 * @param waitForHashing how long a request waits for a free hashing slot before it is told to come back (503)
 * @param maxBytes the longest password accepted, in UTF-8 bytes; longer ones are refused with a 400 before hashing
 * @param legacyFingerprintKey the secret key of the imported legacy md5s' fingerprints ({@link PasswordHashing#legacyFingerprint});
 *        unset, a random key per process: the fingerprints then do not survive a restart, and the first legacy change
 *        of each customer after one costs an Argon2id check again
 */
@ConfigurationProperties("retailflow.identity.passwords")
public record PasswordSettings(@DefaultValue("19456") int argon2MemoryKib, @DefaultValue("2") int argon2Iterations,
		@DefaultValue("0") int maxConcurrentHashes, @DefaultValue("10s") Duration waitForHashing,
		@DefaultValue("1024") int maxBytes, @Nullable String legacyFingerprintKey) {

	int permits() {
		return maxConcurrentHashes > 0 ? maxConcurrentHashes : Runtime.getRuntime().availableProcessors();
	}
}
