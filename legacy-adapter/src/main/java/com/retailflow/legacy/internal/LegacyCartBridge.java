package com.retailflow.legacy.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.retailflow.checkout.spi.LegacyCartLine;
import com.retailflow.checkout.spi.LegacyCarts;

/**
 * The cart bridge: a PHP session's cart is legacy's {@code cart_items} rows under the session id, written with the
 * statements {@code cart.php} uses, so a line added on either side is the same row on both (ADR 0057). Checkout has
 * validated every change; what is left here is legacy's storage and its cap per line.
 */
@Component
class LegacyCartBridge implements LegacyCarts {

	private static final Pattern VALID_ID = Pattern.compile("[A-Za-z0-9,-]{16,128}");

	private final LegacyDatabase legacy;
	private final TransactionTemplate transactions;
	private final Clock clock;

	private final PhpSessions sessions;

	LegacyCartBridge(LegacyDatabase legacy, PhpSessions sessions) {
		this.legacy = legacy;
		this.sessions = sessions;
		this.transactions = new TransactionTemplate(new DataSourceTransactionManager(legacy.dataSource()));
		this.clock = Clock.systemDefaultZone();
	}

	@Override
	public List<LegacyCartLine> lines(String sessionId) {
		return legacy.jdbc()
			.sql("SELECT product_id, qty FROM cart_items WHERE session_id = ? ORDER BY id")
			.param(valid(sessionId))
			.query((rs, n) -> new LegacyCartLine(rs.getLong(1), rs.getInt(2)))
			.list();
	}

	@Override
	public void add(String sessionId, long productId, int quantity, int maxQuantity) {
		// legacy's DATETIME columns hold the shop's local time (PHP's date()), so added_at does too
		legacy.jdbc()
			.sql("""
					INSERT INTO cart_items (session_id, product_id, qty, added_at) VALUES (?, ?, ?, ?)
					ON DUPLICATE KEY UPDATE qty = LEAST(qty + VALUES(qty), ?)""")
			.params(valid(sessionId), productId, Math.min(quantity, maxQuantity),
					Timestamp.valueOf(LocalDateTime.now(clock).withNano(0)), maxQuantity)
			.update();
	}

	@Override
	public void set(String sessionId, Map<Long, Integer> quantities) {
		String id = valid(sessionId);
		transactions.executeWithoutResult(status -> quantities.forEach((product, quantity) -> {
			if (quantity == 0) {
				legacy.jdbc().sql("DELETE FROM cart_items WHERE session_id = ? AND product_id = ?").params(id, product)
					.update();
			}
			else {
				legacy.jdbc().sql("UPDATE cart_items SET qty = ? WHERE session_id = ? AND product_id = ?")
					.params(quantity, id, product)
					.update();
			}
		}));
	}

	@Override
	public void remove(String sessionId, long productId) {
		legacy.jdbc().sql("DELETE FROM cart_items WHERE session_id = ? AND product_id = ?")
			.params(valid(sessionId), productId)
			.update();
	}

	@Override
	public void clear(String sessionId) {
		legacy.jdbc().sql("DELETE FROM cart_items WHERE session_id = ?").param(valid(sessionId)).update();
	}

	@Override
	public boolean formToken(String sessionId, String token) {
		return !token.isEmpty() && sessions.load(sessionId)
			.map(values -> values.get("csrf"))
			.filter(String.class::isInstance)
			.map(csrf -> MessageDigest.isEqual(((String) csrf).getBytes(StandardCharsets.UTF_8),
					token.getBytes(StandardCharsets.UTF_8)))
			.orElse(false);
	}

	private static String valid(String sessionId) {
		if (!VALID_ID.matcher(sessionId).matches()) {
			throw new IllegalArgumentException("Not a PHP session id");
		}
		return sessionId;
	}
}
