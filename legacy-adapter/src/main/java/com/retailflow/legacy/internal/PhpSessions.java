package com.retailflow.legacy.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

/**
 * The legacy shop's sessions, which live in MariaDB ({@code php_sessions}, PHP's own serialisation). The new
 * side reads and writes them here so a shopper keeps their sign-in, cart and CSRF token across a flip.
 */
@Component
class PhpSessions {

	/** PHP's session id alphabet (ids are 26 or 32 characters here, depending on the PHP config). */
	private static final Pattern VALID_ID = Pattern.compile("[A-Za-z0-9,-]{16,128}");
	private static final SecureRandom RANDOM = new SecureRandom();

	private final LegacyDatabase legacy;
	private final LegacySettings settings;
	private final Clock clock;

	PhpSessions(LegacyDatabase legacy, LegacySettings settings) {
		this.legacy = legacy;
		this.settings = settings;
		this.clock = Clock.systemUTC();
	}

	/** A live session's values and the units in its cart. */
	record Loaded(Map<String, Object> values, int cartUnits) {
	}

	/** The live session's values, if the id is well-formed, known and not idle past PHP's lifetime. */
	Optional<Map<String, Object>> load(String id) {
		return loadWithCart(id).map(Loaded::values);
	}

	/** The session and its cart size in one round trip: this runs for every new page a shopper sees. */
	Optional<Loaded> loadWithCart(String id) {
		if (id == null || !VALID_ID.matcher(id).matches()) {
			return Optional.empty();
		}
		long oldest = clock.instant().minus(settings.sessionLifetime()).getEpochSecond();
		return legacy.jdbc()
			.sql("""
					SELECT s.data, (SELECT COALESCE(SUM(c.qty), 0) FROM cart_items c WHERE c.session_id = s.id) AS units
					FROM php_sessions s WHERE s.id = ? AND s.last_access >= ?""")
			.params(id, oldest)
			.query((rs, n) -> new Object[] { rs.getBytes(1), rs.getInt(2) })
			.optional()
			.flatMap(row -> parse((byte[]) row[0]).map(values -> new Loaded(values, (Integer) row[1])));
	}

	void save(String id, Map<String, Object> values) {
		legacy.jdbc()
			.sql("""
					INSERT INTO php_sessions (id, data, last_access) VALUES (?, ?, ?)
					ON DUPLICATE KEY UPDATE data = VALUES(data), last_access = VALUES(last_access)""")
			.params(id, PhpSerialization.write(values), clock.instant().getEpochSecond())
			.update();
	}

	/** Starts a session the way PHP would: a random id and a CSRF token. */
	String start(Map<String, Object> values) {
		String id = HexFormat.of().formatHex(randomBytes(16));
		save(id, values);
		return id;
	}

	static String newCsrfToken() {
		return HexFormat.of().formatHex(randomBytes(16));
	}

	private static byte[] randomBytes(int n) {
		byte[] bytes = new byte[n];
		RANDOM.nextBytes(bytes);
		return bytes;
	}

	private static Optional<Map<String, Object>> parse(byte[] data) {
		try {
			return Optional.of(new LinkedHashMap<>(PhpSerialization.session(data)));
		}
		catch (PhpSerialization.Malformed | NumberFormatException ex) {
			return Optional.empty();
		}
	}
}
