package com.retailflow.inventory.internal;

import static com.retailflow.inventory.internal.Timestamps.fromDatabase;
import static com.retailflow.inventory.internal.Timestamps.toDatabase;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.retailflow.inventory.Reservation;
import com.retailflow.inventory.ReservationId;
import com.retailflow.inventory.ReservationStatus;
import com.retailflow.inventory.Sku;

/**
 * The {@code inventory.reservation} table.
 *
 * <p>Lock order: a transaction locks reservation rows before stock rows (confirm, release, expire). Reserving locks
 * the stock row and then only inserts a new reservation, which waits for no other reservation's lock.
 */
@Repository
class Reservations {

	/** A reservation as stored. */
	public record Row(ReservationId id, Sku sku, int quantity, ReservationStatus status, Instant expiresAt) {
	}

	private final JdbcClient jdbc;

	Reservations(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void insert(Reservation reservation, Instant createdAt) {
		jdbc.sql("""
				INSERT INTO inventory.reservation (id, sku, quantity, status, created_at, expires_at)
				VALUES (?, ?, ?, 'OPEN', ?, ?)""")
			.params(reservation.id().id(), reservation.sku().code(), reservation.quantity(), toDatabase(createdAt),
					toDatabase(reservation.expiresAt()))
			.update();
	}

	/** Reads and row-locks a reservation until the end of the transaction. */
	public Optional<Row> lock(ReservationId id) {
		return jdbc.sql("SELECT id, sku, quantity, status, expires_at FROM inventory.reservation WHERE id = ? FOR UPDATE")
			.param(id.id())
			.query((rs, row) -> row(rs))
			.optional();
	}

	/** Ends an open reservation the caller has {@link #lock locked}. */
	public void close(ReservationId id, ReservationStatus status, Instant now) {
		int closed = jdbc.sql("UPDATE inventory.reservation SET status = ?, closed_at = ? WHERE id = ? AND status = 'OPEN'")
			.params(status.name(), toDatabase(now), id.id())
			.update();
		if (closed != 1) {
			// Cannot happen while the caller holds the row lock; if it does, roll back rather than corrupt stock.
			throw new IllegalStateException("Reservation " + id + " was not open any more");
		}
	}

	/** Marks a confirmed reservation the caller has {@link #lock locked} as restocked. */
	public void restocked(ReservationId id) {
		int changed = jdbc.sql("UPDATE inventory.reservation SET status = 'RESTOCKED' WHERE id = ? AND status = 'CONFIRMED'")
			.param(id.id())
			.update();
		if (changed != 1) {
			// Cannot happen while the caller holds the row lock; if it does, roll back rather than corrupt stock.
			throw new IllegalStateException("Reservation " + id + " was not confirmed any more");
		}
	}

	/**
	 * Marks up to {@code limit} open reservations due at {@code now} as expired and returns them.
	 *
	 * <p>Safe when several instances run it at once: {@code FOR UPDATE SKIP LOCKED} makes concurrent callers claim
	 * disjoint rows without waiting, and a row another transaction closed meanwhile is re-checked against
	 * {@code status = 'OPEN'} under its lock and dropped, so each reservation is returned by exactly one call, ever.
	 */
	public List<Row> expireDue(Instant now, int limit) {
		return jdbc.sql("""
				UPDATE inventory.reservation r SET status = 'EXPIRED', closed_at = :now
				FROM (SELECT id FROM inventory.reservation
				      WHERE status = 'OPEN' AND expires_at <= :now
				      ORDER BY expires_at
				      LIMIT :limit
				      FOR UPDATE SKIP LOCKED) due
				WHERE r.id = due.id AND r.status = 'OPEN'
				RETURNING r.id, r.sku, r.quantity, r.status, r.expires_at""")
			.param("now", toDatabase(now))
			.param("limit", limit)
			.query((rs, row) -> row(rs))
			.list();
	}

	private static Row row(ResultSet rs) throws SQLException {
		return new Row(new ReservationId(rs.getObject("id", UUID.class)), new Sku(rs.getString("sku")),
				rs.getInt("quantity"), ReservationStatus.valueOf(rs.getString("status")), fromDatabase(rs, "expires_at"));
	}
}
