package com.retailflow.legacy.internal.sync;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Legacy rows the stream could not bring over, with the reason ({@code legacy_sync.quarantine}). */
@Repository
public class Quarantine {

	/** One quarantined legacy row. */
	public record Entry(String table, String key, String reason, long changeId, Instant quarantinedAt) {
	}

	private final JdbcClient jdbc;

	Quarantine(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Every quarantined row, oldest first. */
	public List<Entry> entries() {
		return jdbc.sql("SELECT table_name, row_key, reason, change_id, quarantined_at FROM legacy_sync.quarantine "
				+ "ORDER BY quarantined_at, table_name, row_key")
			.query((rs, n) -> new Entry(rs.getString("table_name"), rs.getString("row_key"), rs.getString("reason"),
					rs.getLong("change_id"), rs.getTimestamp("quarantined_at").toInstant()))
			.list();
	}

	Set<String> keys(String table) {
		return new HashSet<>(jdbc.sql("SELECT row_key FROM legacy_sync.quarantine WHERE table_name = ?")
			.param(table)
			.query(String.class)
			.list());
	}

	void put(String table, String key, String reason, long changeId) {
		jdbc.sql("""
				INSERT INTO legacy_sync.quarantine (table_name, row_key, reason, change_id, quarantined_at)
				VALUES (?, ?, ?, ?, now())
				ON CONFLICT (table_name, row_key) DO UPDATE
				   SET reason = excluded.reason, change_id = excluded.change_id, quarantined_at = excluded.quarantined_at""")
			.params(table, key, reason, changeId)
			.update();
	}

	void release(String table, String key) {
		jdbc.sql("DELETE FROM legacy_sync.quarantine WHERE table_name = ? AND row_key = ?").params(table, key).update();
	}
}
