package com.retailflow.identity.internal.signin;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.retailflow.identity.internal.IdentitySettings;

/**
 * Counts failed sign-ins in PostgreSQL, so every app instance sees the same counts: per e-mail and client address
 * (someone guessing one shopper's password) and per client address (someone trying many e-mails). A key that reached
 * its limit is refused until its fixed window ends. Plain SQL on purpose: a single upsert is the whole algorithm, and
 * no PostgreSQL-backed rate-limit library is available from this build's repository.
 */
@Component
class SignInThrottle {

	private static final java.util.regex.Pattern CONTROL = java.util.regex.Pattern.compile("\\p{Cntrl}");

	private final JdbcClient jdbc;
	private final IdentitySettings.Throttle limits;

	SignInThrottle(JdbcClient jdbc, IdentitySettings settings) {
		this.jdbc = jdbc;
		this.limits = settings.throttle();
	}

	/** How long this sign-in must wait, or empty when it may go ahead (checked before any hashing). */
	Optional<Duration> retryAfter(String email, String address) {
		Instant now = Instant.now();
		record Counter(String key, int failures, Instant windowStartedAt) {
		}
		List<Counter> counters = jdbc.sql("""
				SELECT throttle_key, failures, window_started_at FROM identity.sign_in_failures
				WHERE throttle_key IN (:account, :address)""")
			.param("account", accountKey(email, address))
			.param("address", addressKey(address))
			.query((rs, row) -> new Counter(rs.getString(1), rs.getInt(2), rs.getTimestamp(3).toInstant()))
			.list();
		Duration wait = Duration.ZERO;
		for (Counter counter : counters) {
			int limit = counter.key().startsWith("a|") ? limits.perAccountAndAddress() : limits.perAddress();
			Instant windowEnds = counter.windowStartedAt().plus(limits.window());
			if (counter.failures() >= limit && windowEnds.isAfter(now)) {
				Duration left = Duration.between(now, windowEnds);
				wait = left.compareTo(wait) > 0 ? left : wait;
			}
		}
		return wait.isZero() ? Optional.empty() : Optional.of(wait);
	}

	void failed(String email, String address) {
		for (String key : List.of(accountKey(email, address), addressKey(address))) {
			jdbc.sql("""
					INSERT INTO identity.sign_in_failures AS f (throttle_key, failures, window_started_at)
					VALUES (:key, 1, now())
					ON CONFLICT (throttle_key) DO UPDATE SET
					  failures = CASE WHEN f.window_started_at <= now() - make_interval(secs => :window) THEN 1
					                  ELSE f.failures + 1 END,
					  window_started_at = CASE WHEN f.window_started_at <= now() - make_interval(secs => :window)
					                  THEN now() ELSE f.window_started_at END""")
				.param("key", key)
				.param("window", (double) limits.window().toSeconds())
				.update();
		}
		if (ThreadLocalRandom.current().nextInt(100) == 0) {
			// Expired windows are dead weight: one failure in a hundred sweeps them (any instance, idempotent).
			jdbc.sql("DELETE FROM identity.sign_in_failures WHERE window_started_at <= now() - make_interval(secs => :window)")
				.param("window", (double) limits.window().toSeconds())
				.update();
		}
	}

	/** A successful sign-in clears that account's count from that address; the address's own count stays. */
	void succeeded(String email, String address) {
		jdbc.sql("DELETE FROM identity.sign_in_failures WHERE throttle_key = :key")
			.param("key", accountKey(email, address))
			.update();
	}

	private static String accountKey(String email, String address) {
		// whatever was typed, bounded and without control characters (PostgreSQL text cannot hold NUL)
		String normalised = CONTROL.matcher(email.strip().toLowerCase(Locale.ROOT)).replaceAll("?");
		if (normalised.length() > 200) {
			normalised = normalised.substring(0, 200);
		}
		return "a|" + normalised + "|" + address;
	}

	private static String addressKey(String address) {
		return "ip|" + address;
	}
}
