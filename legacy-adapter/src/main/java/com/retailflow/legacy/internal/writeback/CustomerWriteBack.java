package com.retailflow.legacy.internal.writeback;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.Function;

import com.retailflow.identity.Email;
import com.retailflow.identity.EmailAlreadyRegistered;
import com.retailflow.identity.spi.LegacyAccounts;
import com.retailflow.legacy.internal.LegacyDatabase;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;

/**
 * Writes accounts registered or changed on the new side into legacy's {@code customers}, so legacy pages sign the
 * shopper in with what they use on the new side (during a canary, and after identity is rolled back to LEGACY).
 * Called by identity in the request that makes the change ({@link LegacyAccounts}); every write sets state, so
 * repeating one changes nothing. Like {@link LegacyWriteBack} it runs with {@code @retailflow_writeback = 1}, which
 * the capture triggers honour: the change stream never sees these writes come back (no echo).
 */
@Component
class CustomerWriteBack implements LegacyAccounts {

	private static final Logger log = LoggerFactory.getLogger(CustomerWriteBack.class);

	private final LegacyDatabase legacy;

	CustomerWriteBack(LegacyDatabase legacy) {
		this.legacy = legacy;
	}

	/**
	 * Legacy's registration, as {@code register.php} inserts it. The same e-mail with the same md5 is the same
	 * registration repeated (a retry after the new side failed to commit), and answers the row it made.
	 */
	@Override
	public long register(Email email, String name, String md5Password, Instant createdAt) {
		return inWriteBackTransaction(jdbc -> {
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
		inWriteBackTransaction(jdbc -> jdbc.sql("UPDATE customers SET password = ? WHERE id = ?")
			.params(md5Password, legacyCustomerId)
			.update());
	}

	@Override
	public void changeProfile(long legacyCustomerId, Email email, String name) {
		inWriteBackTransaction(jdbc -> {
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

	private <T> T inWriteBackTransaction(Function<JdbcClient, T> work) {
		try (Connection connection = legacy.dataSource().getConnection()) {
			var jdbc = JdbcClient.create(new SingleConnectionDataSource(connection, true));
			boolean reset = false;
			try {
				connection.setAutoCommit(false);
				jdbc.sql("SET @retailflow_writeback = 1").update();
				T result = work.apply(jdbc);
				connection.commit();
				return result;
			}
			catch (RuntimeException | SQLException ex) {
				connection.rollback();
				throw ex;
			}
			finally {
				try {
					jdbc.sql("SET @retailflow_writeback = NULL").update();
					connection.setAutoCommit(true);
					reset = true;
				}
				catch (RuntimeException | SQLException ex) {
					log.warn("Could not reset the write-back marker; discarding the connection: {}", ex.getMessage());
				}
				if (!reset) {
					connection.abort(Runnable::run);
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Write-back of a customer to legacy failed", ex);
		}
	}
}
