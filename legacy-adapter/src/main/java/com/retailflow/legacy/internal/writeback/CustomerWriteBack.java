package com.retailflow.legacy.internal.writeback;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import com.retailflow.identity.Email;
import com.retailflow.identity.EmailAlreadyRegistered;
import com.retailflow.identity.spi.LegacyAccounts;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * Writes accounts registered or changed on the new side into legacy's {@code customers}, so legacy pages sign the
 * shopper in with what they use on the new side (during a canary, and after identity is rolled back to LEGACY).
 * Called by identity in the request that makes the change ({@link LegacyAccounts}); every write sets state, so
 * repeating one changes nothing. Through {@link LegacyWriteBack}'s transaction it runs with {@code @retailflow_writeback = 1}, which
 * the capture triggers honour: the change stream never sees these writes come back (no echo).
 */
@Component
class CustomerWriteBack implements LegacyAccounts {

	private final LegacyWriteBack writeBack;

	CustomerWriteBack(LegacyWriteBack writeBack) {
		this.writeBack = writeBack;
	}

	/**
	 * Legacy's registration, as {@code register.php} inserts it. The same e-mail with the same md5 is the same
	 * registration repeated (a retry after the new side failed to commit), and answers the row it made.
	 */
	@Override
	public long register(Email email, String name, String md5Password, Instant createdAt) {
		return writeBack.inWriteBackTransactionReturning(jdbc -> {
			Optional<Long> existing = jdbc.sql("SELECT id FROM customers WHERE email = ? AND password = ? FOR UPDATE")
				.params(email.value(), md5Password)
				.query(Long.class)
				.optional();
			if (existing.isPresent()) {
				return existing.get();
			}
			try {
				var key = new org.springframework.jdbc.support.GeneratedKeyHolder();
				jdbc.sql("INSERT INTO customers (email, password, name, created_at) VALUES (?, ?, ?, ?)")
					.params(email.value(), md5Password, name, LocalDateTime.ofInstant(createdAt, ZoneOffset.UTC))
					.update(key);
				return key.getKeyAs(Number.class).longValue();
			}
			catch (DuplicateKeyException ex) {
				throw new EmailAlreadyRegistered();
			}
		});
	}

	@Override
	public void changePassword(long legacyCustomerId, String md5Password) {
		writeBack.inWriteBackTransaction(jdbc -> jdbc.sql("UPDATE customers SET password = ? WHERE id = ?")
			.params(md5Password, legacyCustomerId)
			.update());
	}

	@Override
	public void changeProfile(long legacyCustomerId, Email email, String name) {
		writeBack.inWriteBackTransactionReturning(jdbc -> {
			try {
				return jdbc.sql("UPDATE customers SET email = ?, name = ? WHERE id = ?")
					.params(email.value(), name, legacyCustomerId)
					.update();
			}
			catch (DuplicateKeyException ex) {
				throw new EmailAlreadyRegistered();
			}
		});
	}
}
