package com.retailflow.checkout.internal.idempotency;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.retailflow.checkout.CartOwner;
import com.retailflow.orders.OrderId;

/**
 * The Idempotency-Key store on PostgreSQL (ADR 0047), so every instance sees every key. The primary key (shopper,
 * key) decides which of several concurrent requests is the first: exactly one INSERT wins, the others see its row.
 */
@Component
public class IdempotencyStore {

	/**
	 * {@code retailflow.checkout.idempotency.*}.
	 *
	 * @param retention how long a key is kept (at least 24 h by the draft)
	 * @param lease how long a first request may stay in flight before a retry may take its place (it died with its
	 *        instance); longer than any checkout takes
	 */
	@ConfigurationProperties("retailflow.checkout.idempotency")
	public record IdempotencySettings(@DefaultValue("24h") Duration retention, @DefaultValue("60s") Duration lease) {
	}

	/** What a request with a key is to do. */
	public sealed interface Claim {

		/** This request is the first (or takes the place of a first that died): go on with this order id. */
		record First(OrderId orderId) implements Claim {
		}

		/** The key's first request finished: answer what it answered. */
		record Replay(int status, String body) implements Claim {
		}

		/** The key's first request is still running. */
		record InFlight() implements Claim {
		}

		/** The key was used for a different request. */
		record Mismatch() implements Claim {
		}
	}

	private final JdbcClient jdbc;
	private final IdempotencySettings settings;
	private final Clock clock;

	IdempotencyStore(JdbcClient jdbc, IdempotencySettings settings, ObjectProvider<Clock> clock) {
		this.jdbc = jdbc;
		this.settings = settings;
		this.clock = clock.getIfUnique(Clock::systemUTC);
	}

	public Claim claim(CartOwner owner, IdempotencyKey key, String fingerprint) {
		Instant now = clock.instant();
		UUID proposed = UUID.randomUUID();
		int inserted = jdbc.sql("""
				INSERT INTO checkout.idempotency_keys (owner_key, idempotency_key, fingerprint, order_id, created_at)
				VALUES (?, ?, ?, ?, ?) ON CONFLICT (owner_key, idempotency_key) DO NOTHING""")
			.params(owner.key(), key.value(), fingerprint, proposed, Timestamp.from(now))
			.update();
		if (inserted == 1) {
			return new Claim.First(new OrderId(proposed));
		}
		var row = jdbc.sql("""
				SELECT fingerprint, order_id, response_status, response_body, created_at
				FROM checkout.idempotency_keys WHERE owner_key = ? AND idempotency_key = ?""")
			.params(owner.key(), key.value())
			.query((rs, n) -> new Row(rs.getString(1), rs.getObject(2, UUID.class),
					(Integer) rs.getObject(3), rs.getString(4), rs.getTimestamp(5).toInstant()))
			.optional();
		if (row.isEmpty()) {
			// purged between our insert and read: a key this old is a new request
			return claim(owner, key, fingerprint);
		}
		Row found = row.get();
		if (!found.fingerprint().equals(fingerprint)) {
			return new Claim.Mismatch();
		}
		if (found.status() != null) {
			return new Claim.Replay(found.status(), found.body() == null ? "" : found.body());
		}
		if (found.createdAt().isBefore(now.minus(settings.lease()))) {
			// the first request's instance died: one retry takes over (compare-and-set on the start time), and carries
			// the same order on, so nothing is placed or charged twice
			int taken = jdbc.sql("""
					UPDATE checkout.idempotency_keys SET created_at = ?
					WHERE owner_key = ? AND idempotency_key = ? AND created_at = ? AND response_status IS NULL""")
				.params(Timestamp.from(now), owner.key(), key.value(), Timestamp.from(found.createdAt()))
				.update();
			if (taken == 1) {
				return new Claim.First(new OrderId(found.orderId()));
			}
		}
		return new Claim.InFlight();
	}

	/** Stores the response the first request gave, to be replayed. */
	public void complete(CartOwner owner, IdempotencyKey key, int status, String body) {
		jdbc.sql("""
				UPDATE checkout.idempotency_keys SET response_status = ?, response_body = ?, completed_at = ?
				WHERE owner_key = ? AND idempotency_key = ?""")
			.params(status, body, Timestamp.from(clock.instant()), owner.key(), key.value())
			.update();
	}

	/** Forgets a key whose first request failed without an answer worth replaying (a 5xx): a retry starts afresh. */
	public void abandon(CartOwner owner, IdempotencyKey key) {
		jdbc.sql("DELETE FROM checkout.idempotency_keys WHERE owner_key = ? AND idempotency_key = ? AND response_status IS NULL")
			.params(owner.key(), key.value())
			.update();
	}

	@Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1H")
	void purge() {
		jdbc.sql("DELETE FROM checkout.idempotency_keys WHERE created_at < ?")
			.param(Timestamp.from(clock.instant().minus(settings.retention())))
			.update();
	}

	private record Row(String fingerprint, UUID orderId, @Nullable Integer status, @Nullable String body,
			Instant createdAt) {
	}
}
