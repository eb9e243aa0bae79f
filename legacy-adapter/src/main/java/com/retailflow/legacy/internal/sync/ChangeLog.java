package com.retailflow.legacy.internal.sync;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.retailflow.legacy.internal.LegacyDatabase;

import org.springframework.stereotype.Component;

/**
 * Reads the legacy change table. Each call is one autocommit statement, so it sees every transaction committed
 * before it started.
 */
@Component
class ChangeLog {

	private static final String COLUMNS = "id, table_name, row_key, op";

	private final LegacyDatabase legacy;

	ChangeLog(LegacyDatabase legacy) {
		this.legacy = legacy;
	}

	/** Changes after a position, in id order. */
	List<Change> after(long position, int limit) {
		return legacy.jdbc()
			.sql("SELECT " + COLUMNS + " FROM rf_change WHERE id > ? ORDER BY id LIMIT ?")
			.params(position, limit)
			.query((rs, n) -> new Change(rs.getLong("id"), rs.getString("table_name"), rs.getString("row_key"),
					rs.getString("op").charAt(0)))
			.list();
	}

	/** The changes among these ids that are visible now. */
	List<Change> byIds(Collection<Long> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		String in = ids.stream().map(String::valueOf).collect(Collectors.joining(","));
		return legacy.jdbc()
			.sql("SELECT " + COLUMNS + " FROM rf_change WHERE id IN (" + in + ") ORDER BY id")
			.query((rs, n) -> new Change(rs.getLong("id"), rs.getString("table_name"), rs.getString("row_key"),
					rs.getString("op").charAt(0)))
			.list();
	}

	/** What is still to apply after a position, per legacy table. */
	Map<String, Pending> pendingAfter(long position) {
		return legacy.jdbc()
			.sql("""
					SELECT table_name, COUNT(*) AS changes,
					       TIMESTAMPDIFF(MICROSECOND, MIN(changed_at), NOW(6)) AS oldest_age_us
					  FROM rf_change WHERE id > ? GROUP BY table_name""")
			.param(position)
			.query((rs, n) -> Map.entry(rs.getString("table_name"),
					new Pending(rs.getLong("changes"), Duration.ofNanos(Math.max(0, rs.getLong("oldest_age_us")) * 1_000))))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

	/** The tables with changes in {@code (after, upTo]}. */
	java.util.Set<String> pendingBetween(long after, long upTo) {
		return new java.util.HashSet<>(legacy.jdbc()
			.sql("SELECT DISTINCT table_name FROM rf_change WHERE id > ? AND id <= ?")
			.params(after, upTo)
			.query(String.class)
			.list());
	}

	/** The highest change id, 0 when the table is empty. */
	long lastId() {
		return legacy.jdbc().sql("SELECT COALESCE(MAX(id), 0) FROM rf_change").query(Long.class).single();
	}

	/** Changes still to apply of one table, and how old the oldest of them is. */
	record Pending(long changes, Duration oldest) {
	}
}
