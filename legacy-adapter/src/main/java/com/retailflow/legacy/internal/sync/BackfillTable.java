package com.retailflow.legacy.internal.sync;

import java.util.OptionalLong;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@link BackfillProgress} from the backfill's own record, {@code legacy_sync.backfill} (one row per legacy table:
 * {@code start_position}, {@code completed_at}). Until that table exists, every table counts as backfilled from
 * position 0: the adapter's start-up copy then provides the rows, and the stream replays every captured change.
 */
@Component
class BackfillTable implements BackfillProgress {

	private final JdbcClient jdbc;

	BackfillTable(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public OptionalLong startPosition(String legacyTable) {
		boolean recorded = jdbc.sql("SELECT to_regclass('legacy_sync.backfill') IS NOT NULL").query(Boolean.class).single();
		if (!recorded) {
			return OptionalLong.of(0);
		}
		return jdbc.sql("SELECT start_position FROM legacy_sync.backfill WHERE table_name = ? AND completed_at IS NOT NULL")
			.param(legacyTable)
			.query(Long.class)
			.optional()
			.map(OptionalLong::of)
			.orElse(OptionalLong.empty());
	}
}
