package com.retailflow.inventory.internal;

import static com.retailflow.inventory.internal.Timestamps.toDatabase;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.retailflow.inventory.Sku;

/**
 * The {@code inventory.stock} table.
 *
 * <p>Whoever changes more than one stock row in a transaction locks them in {@link #LOCK_ORDER}, so concurrent bulk
 * writers (imports, expiry runs on several instances) cannot deadlock each other.
 */
@Repository
public class StockLevels {

	/** Ascending {@link Sku#code()} in Java string order: one order for every multi-row writer. */
	public static final Comparator<Sku> LOCK_ORDER = Comparator.comparing(Sku::code);

	/** One SKU's stock as stored. */
	public record Level(int onHand, int reserved) {

		public int available() {
			return onHand - reserved;
		}
	}

	private final JdbcClient jdbc;
	private final JdbcTemplate template;

	StockLevels(JdbcClient jdbc, JdbcTemplate template) {
		this.jdbc = jdbc;
		this.template = template;
	}

	/** Units available, or empty for an unknown SKU. One primary-key lookup. */
	public Optional<Integer> availableOf(Sku sku) {
		return jdbc.sql("SELECT on_hand - reserved FROM inventory.stock WHERE sku = ?")
			.param(sku.code())
			.query(Integer.class)
			.optional();
	}

	/** Units available per known SKU; unknown SKUs are absent. One query using the primary key, whatever the count. */
	public Map<Sku, Integer> availableOf(Collection<Sku> skus) {
		String[] codes = skus.stream().map(Sku::code).distinct().toArray(String[]::new);
		Map<Sku, Integer> available = HashMap.newHashMap(codes.length);
		template.query(connection -> {
			PreparedStatement statement = connection
				.prepareStatement("SELECT sku, on_hand - reserved AS available FROM inventory.stock WHERE sku = ANY (?)");
			statement.setArray(1, connection.createArrayOf("text", codes));
			return statement;
		}, rs -> {
			available.put(new Sku(rs.getString("sku")), rs.getInt("available"));
		});
		return available;
	}

	/** Reads and row-locks a SKU's stock until the end of the transaction. */
	public Optional<Level> lock(Sku sku) {
		return jdbc.sql("SELECT on_hand, reserved FROM inventory.stock WHERE sku = ? FOR UPDATE")
			.param(sku.code())
			.query((rs, row) -> new Level(rs.getInt("on_hand"), rs.getInt("reserved")))
			.optional();
	}

	/** Creates the SKU's row; false if it exists already (possibly just created by a concurrent transaction). */
	public boolean insert(Sku sku, int onHand, Instant now) {
		return jdbc.sql("""
				INSERT INTO inventory.stock (sku, on_hand, reserved, updated_at) VALUES (?, ?, 0, ?)
				ON CONFLICT (sku) DO NOTHING""")
			.params(sku.code(), onHand, toDatabase(now))
			.update() == 1;
	}

	/** Sets units on hand of a row the caller has {@link #lock locked}. */
	public Level setOnHand(Sku sku, int onHand, Instant now) {
		return jdbc.sql("UPDATE inventory.stock SET on_hand = ?, updated_at = ? WHERE sku = ? RETURNING on_hand, reserved")
			.params(onHand, toDatabase(now), sku.code())
			.query((rs, row) -> new Level(rs.getInt("on_hand"), rs.getInt("reserved")))
			.single();
	}

	/**
	 * Holds {@code quantity} units if, and only if, that many are available, in one statement.
	 *
	 * <p>This is the no-oversell guarantee: PostgreSQL takes the row lock before evaluating the condition against the
	 * latest committed row (READ COMMITTED re-checks an updated row), so concurrent reservations of the same SKU queue
	 * on the row and each sees what the previous ones left. Empty when not enough units (or no such SKU).
	 */
	public Optional<Level> reserve(Sku sku, int quantity, Instant now) {
		return change("reserved = reserved + :quantity", "AND on_hand - reserved >= :quantity", sku, quantity, now)
			.optional();
	}

	/** Reserved units leave the warehouse: on hand and reserved both go down. */
	public Level ship(Sku sku, int quantity, Instant now) {
		return change("on_hand = on_hand - :quantity, reserved = reserved - :quantity", "", sku, quantity, now).single();
	}

	/** Reserved units become available again. */
	public Level unreserve(Sku sku, int quantity, Instant now) {
		return change("reserved = reserved - :quantity", "", sku, quantity, now).single();
	}

	/** One SKU's row changed by {@code quantity} (the SET and extra WHERE are fixed text), returning its new level. */
	private org.springframework.jdbc.core.simple.JdbcClient.MappedQuerySpec<Level> change(String set, String condition,
			Sku sku, int quantity, Instant now) {
		return jdbc.sql("UPDATE inventory.stock SET " + set + ", updated_at = :now WHERE sku = :sku " + condition
				+ " RETURNING on_hand, reserved")
			.param("quantity", quantity)
			.param("now", toDatabase(now))
			.param("sku", sku.code())
			.query((rs, row) -> new Level(rs.getInt("on_hand"), rs.getInt("reserved")));
	}

	/** {@link #unreserve} for many SKUs in one batch, locking rows in {@link #LOCK_ORDER}. */
	public void unreserve(SortedMap<Sku, Integer> quantities, Instant now) {
		if (quantities.comparator() != LOCK_ORDER) {
			throw new IllegalArgumentException("Stock rows must be locked in LOCK_ORDER");
		}
		List<Object[]> rows = new ArrayList<>(quantities.size());
		quantities.forEach((sku, quantity) -> rows.add(new Object[] { quantity, toDatabase(now), sku.code() }));
		template.batchUpdate("UPDATE inventory.stock SET reserved = reserved - ?, updated_at = ? WHERE sku = ?", rows);
	}

	/**
	 * Sets units on hand for many SKUs in one statement ({@code INSERT ... SELECT FROM unnest(arrays) ON CONFLICT}), in
	 * the order given (callers pass them in {@link #LOCK_ORDER}). A SKU whose open reservations hold more than the new level is left
	 * unchanged: the caller learns how many were written from the result.
	 *
	 * @return rows inserted or updated
	 */
	public int upsert(String[] skus, Integer[] onHand, Instant now) {
		return template.update(connection -> {
			PreparedStatement statement = connection.prepareStatement("""
					INSERT INTO inventory.stock AS s (sku, on_hand, reserved, updated_at)
					SELECT sku, on_hand, 0, ? FROM unnest(?::text[], ?::int[]) AS i (sku, on_hand)
					ON CONFLICT (sku) DO UPDATE SET on_hand = excluded.on_hand, updated_at = excluded.updated_at
					WHERE s.reserved <= excluded.on_hand""");
			statement.setObject(1, toDatabase(now));
			statement.setArray(2, connection.createArrayOf("text", skus));
			statement.setArray(3, connection.createArrayOf("int4", onHand));
			return statement;
		});
	}
}
