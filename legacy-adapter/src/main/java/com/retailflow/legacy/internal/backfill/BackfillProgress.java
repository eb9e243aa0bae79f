package com.retailflow.legacy.internal.backfill;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code legacy_sync.backfill} table: one row per legacy table. */
@Repository
public class BackfillProgress {

	/** One table's progress. */
	public record State(String table, long startPosition, @Nullable Long lastKey, long rowsCopied, long untranslatable,
			Instant startedAt, @Nullable Instant completedAt) {

		public boolean completed() {
			return completedAt != null;
		}
	}

	private final JdbcClient jdbc;

	BackfillProgress(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The table's progress, starting it if it has none: the change-table position is read (through
	 * {@code position}) only then, before anything is copied, and never again.
	 */
	State start(String table, LongSupplier position) {
		return find(table).orElseGet(() -> {
			long startPosition = position.getAsLong();
			jdbc.sql("""
					INSERT INTO legacy_sync.backfill (table_name, start_position, started_at) VALUES (?, ?, now())
					ON CONFLICT (table_name) DO NOTHING""").params(table, startPosition).update();
			return find(table).orElseThrow();
		});
	}

	/**
	 * Row-locks the table's progress until the transaction ends and returns where it stands.
	 *
	 * <p>The chunk's commit does not wait for its WAL to reach disk ({@code synchronous_commit = off}, for this
	 * transaction only): a crash can then lose the last chunks committed, but always together with their checkpoint,
	 * because both are in the same transaction, and the restart copies them again (the import is idempotent). Waiting
	 * for each chunk's flush is idle time the copy does not need.
	 */
	State lock(String table) {
		jdbc.sql("SET LOCAL synchronous_commit = off").update();
		return jdbc.sql(SELECT + " WHERE table_name = ? FOR UPDATE").param(table).query(BackfillProgress::map).single();
	}

	/** Records a copied chunk; called in the chunk's transaction, after {@link #lock}. */
	void advance(String table, long lastKey, int rows, int untranslatable) {
		jdbc.sql("""
				UPDATE legacy_sync.backfill SET last_key = ?, rows_copied = rows_copied + ?,
				       untranslatable = untranslatable + ? WHERE table_name = ?""")
			.params(lastKey, rows, untranslatable, table)
			.update();
	}

	void complete(String table) {
		jdbc.sql("UPDATE legacy_sync.backfill SET completed_at = now() WHERE table_name = ? AND completed_at IS NULL")
			.param(table)
			.update();
	}

	public Optional<State> find(String table) {
		return jdbc.sql(SELECT + " WHERE table_name = ?").param(table).query(BackfillProgress::map).optional();
	}

	public List<State> all() {
		return jdbc.sql(SELECT + " ORDER BY started_at, table_name").query(BackfillProgress::map).list();
	}

	private static final String SELECT = "SELECT table_name, start_position, last_key, rows_copied, untranslatable, "
			+ "started_at, completed_at FROM legacy_sync.backfill";

	private static State map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		var completed = rs.getObject("completed_at", OffsetDateTime.class);
		return new State(rs.getString("table_name"), rs.getLong("start_position"), rs.getObject("last_key", Long.class),
				rs.getLong("rows_copied"), rs.getLong("untranslatable"),
				rs.getObject("started_at", OffsetDateTime.class).toInstant(),
				completed == null ? null : completed.withOffsetSameInstant(ZoneOffset.UTC).toInstant());
	}
}
