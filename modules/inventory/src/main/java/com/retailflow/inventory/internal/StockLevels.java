package com.retailflow.inventory.internal;

import static com.retailflow.inventory.internal.Timestamps.toDatabase;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.retailflow.inventory.RangeChecksum;
import com.retailflow.inventory.Sku;

/**
 * The {@code inventory.stock} table.
 *
 * <p>Whoever changes more than one stock row in a transaction locks them in {@link #LOCK_ORDER}, so concurrent bulk
 * writers (imports, expiry runs on several instances) cannot deadlock each other.
 *
 * <p>Bulk imports COPY into a session-private staging table and upsert from it in one statement: COPY is the
 * fastest way into PostgreSQL, and the upsert keeps the rules of {@link #upsert} (no stock below what is reserved).
 */
@Repository
class StockLevels {

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

	/** Units that had left come back on hand, available again. */
	public Level restock(Sku sku, int quantity, Instant now) {
		return change("on_hand = on_hand + :quantity", "", sku, quantity, now).single();
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

	/** Byte order of SKUs, as reconciliation compares them with legacy (never the database's collation). */
	private static final String BYTE_ORDER = "sku COLLATE \"C\"";
	private static final String DIGEST = RangeChecksum.SQL_DIGEST.formatted("sku, on_hand");

	/**
	 * {@link #upsert} for any number of SKUs through COPY into a staging table, locking rows in {@link #LOCK_ORDER};
	 * the caller's transaction holds it all.
	 *
	 * @return rows inserted or updated
	 */
	public int importRows(Map<Sku, Integer> onHand, Instant now) {
		Integer written = template.execute((ConnectionCallback<Integer>) connection -> {
			try (var statement = connection.createStatement()) {
				statement.execute("CREATE TEMP TABLE IF NOT EXISTS inventory_stock_import (sku text, on_hand int)");
				statement.execute("TRUNCATE pg_temp.inventory_stock_import");
			}
			var rows = new StringBuilder(onHand.size() * 20);
			onHand.forEach((sku, units) -> rows.append(copyText(sku.code())).append('\t').append(units).append('\n'));
			try {
				connection.unwrap(PGConnection.class)
					.getCopyAPI()
					.copyIn("COPY pg_temp.inventory_stock_import (sku, on_hand) FROM STDIN", new StringReader(rows.toString()));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			try (PreparedStatement upsert = connection.prepareStatement("""
					INSERT INTO inventory.stock AS s (sku, on_hand, reserved, updated_at)
					SELECT sku, on_hand, 0, ? FROM pg_temp.inventory_stock_import ORDER BY sku COLLATE "C"
					ON CONFLICT (sku) DO UPDATE SET on_hand = excluded.on_hand, updated_at = excluded.updated_at
					WHERE s.reserved <= excluded.on_hand""")) {
				upsert.setObject(1, toDatabase(now));
				return upsert.executeUpdate();
			}
		});
		return written == null ? 0 : written;
	}

	/**
	 * Counts and checksums of {@code (sku, on_hand)} over consecutive SKU ranges in byte order.
	 *
	 * @param bounds {@code b0 … bn}: n ranges {@code [b(i), b(i+1))}; a null first or last bound is unbounded
	 * @return n checksums, one per range
	 */
	public List<RangeChecksum> checksums(List<@Nullable String> bounds) {
		int ranges = bounds.size() - 1;
		String[] interior = bounds.subList(1, ranges).toArray(String[]::new);
		RangeChecksum[] sums = new RangeChecksum[ranges];
		java.util.Arrays.fill(sums, RangeChecksum.EMPTY);
		template.query(connection -> {
			PreparedStatement statement = connection.prepareStatement("SELECT width_bucket(" + BYTE_ORDER
					+ ", ?::text[]) AS range, count(*) AS rows, bit_xor(" + DIGEST + ") AS checksum FROM inventory.stock"
					+ " WHERE (?::text IS NULL OR " + BYTE_ORDER + " >= ?) AND (?::text IS NULL OR " + BYTE_ORDER
					+ " < ?) GROUP BY 1");
			statement.setArray(1, connection.createArrayOf("text", interior));
			statement.setString(2, bounds.getFirst());
			statement.setString(3, bounds.getFirst());
			statement.setString(4, bounds.getLast());
			statement.setString(5, bounds.getLast());
			return statement;
		}, rs -> {
			sums[rs.getInt("range")] = new RangeChecksum(rs.getLong("rows"), rs.getLong("checksum"));
		});
		return List.of(sums);
	}

	/** Each SKU's row digest in {@code [from, to)} (byte order; null bounds are unbounded). */
	public Map<Sku, Long> digests(@Nullable String from, @Nullable String to) {
		Map<Sku, Long> digests = new LinkedHashMap<>();
		jdbc.sql("SELECT sku, " + DIGEST + " AS digest FROM inventory.stock WHERE (?::text IS NULL OR " + BYTE_ORDER
				+ " >= ?) AND (?::text IS NULL OR " + BYTE_ORDER + " < ?) ORDER BY " + BYTE_ORDER)
			.params(from, from, to, to)
			.query(rs -> {
				digests.put(new Sku(rs.getString("sku")), rs.getLong("digest"));
			});
		return digests;
	}

	/** A value in COPY's text format: backslash, tab, newline and carriage return escaped. */
	private static String copyText(String value) {
		return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
	}
}
