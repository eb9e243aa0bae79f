package com.retailflow.catalog.internal;

import java.sql.PreparedStatement;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;

import com.retailflow.inventory.RangeChecksum;

/**
 * Counts and checksums of a catalog table over ranges of its numeric key, computed in one scan in SQL, for
 * reconciliation with the legacy shop. {@code width_bucket} puts each row into its range.
 */
final class KeyRanges {

	private final JdbcTemplate jdbc;
	private final String table;
	private final String digest;

	/**
	 * @param table the table, with an {@code id bigint} key
	 * @param fields the SQL of the row's digest fields, in {@link RangeChecksum#digest} order
	 */
	KeyRanges(JdbcTemplate jdbc, String table, String fields) {
		this.jdbc = jdbc;
		this.table = table;
		this.digest = RangeChecksum.SQL_DIGEST.formatted(fields);
	}

	/** See {@link com.retailflow.catalog.CatalogManagement#productChecksums}. */
	List<RangeChecksum> checksums(List<@Nullable Long> bounds) {
		if (bounds.size() < 2 || bounds.subList(1, bounds.size() - 1).contains(null)) {
			throw new IllegalArgumentException("Ranges need two or more bounds, null only at either end: " + bounds);
		}
		int ranges = bounds.size() - 1;
		Long[] interior = bounds.subList(1, ranges).toArray(Long[]::new);
		RangeChecksum[] sums = new RangeChecksum[ranges];
		Arrays.fill(sums, RangeChecksum.EMPTY);
		jdbc.query(connection -> {
			PreparedStatement statement = connection.prepareStatement("SELECT width_bucket(id, ?::bigint[]) AS range, "
					+ "count(*) AS rows, bit_xor(" + digest + ") AS checksum FROM " + table
					+ " WHERE (?::bigint IS NULL OR id >= ?) AND (?::bigint IS NULL OR id < ?) GROUP BY 1");
			statement.setArray(1, connection.createArrayOf("bigint", interior));
			statement.setObject(2, bounds.getFirst(), java.sql.Types.BIGINT);
			statement.setObject(3, bounds.getFirst(), java.sql.Types.BIGINT);
			statement.setObject(4, bounds.getLast(), java.sql.Types.BIGINT);
			statement.setObject(5, bounds.getLast(), java.sql.Types.BIGINT);
			return statement;
		}, rs -> {
			sums[rs.getInt("range")] = new RangeChecksum(rs.getLong("rows"), rs.getLong("checksum"));
		});
		return List.of(sums);
	}

	/** Each row's digest by key in {@code [from, to)}, null bounds unbounded, in key order. */
	Map<Long, Long> digests(@Nullable Long from, @Nullable Long to) {
		Map<Long, Long> digests = new LinkedHashMap<>();
		jdbc.query(connection -> {
			PreparedStatement statement = connection.prepareStatement("SELECT id, " + digest + " AS digest FROM " + table
					+ " WHERE (?::bigint IS NULL OR id >= ?) AND (?::bigint IS NULL OR id < ?) ORDER BY id");
			statement.setObject(1, from, java.sql.Types.BIGINT);
			statement.setObject(2, from, java.sql.Types.BIGINT);
			statement.setObject(3, to, java.sql.Types.BIGINT);
			statement.setObject(4, to, java.sql.Types.BIGINT);
			return statement;
		}, rs -> {
			digests.put(rs.getLong("id"), rs.getLong("digest"));
		});
		return digests;
	}
}
