package com.retailflow.legacy.internal.sync;

import java.util.Optional;

import com.retailflow.legacy.internal.LegacyDatabase;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Deletes applied changes from the legacy change table, so that it does not grow without end. Only changes below every
 * consumer's position go: the checkpoint of every stream in {@code legacy_sync.change_checkpoint} (below its
 * lowest gap too: a gap is an id it may still apply), and the start position of every backfill that has not
 * completed (its table's changes after that are replayed once it completes). Of those, only changes older than
 * {@code change-retention} are deleted, so recent ones stay readable for the migration team. The stream runs this on
 * the instance that holds its lock, in slices that keep each legacy transaction short.
 */
@Component
class ChangeTrimming {

	static final int SLICE = 10_000;

	private static final Logger log = LoggerFactory.getLogger(ChangeTrimming.class);

	private final JdbcClient postgres;
	private final LegacyDatabase legacy;
	private final SyncSettings settings;

	ChangeTrimming(JdbcClient postgres, LegacyDatabase legacy, SyncSettings settings) {
		this.postgres = postgres;
		this.legacy = legacy;
		this.settings = settings;
	}

	/**
	 * The highest change id that no consumer needs any more; empty while no stream has a checkpoint (nothing is known
	 * to be applied).
	 */
	Optional<Long> safeBound() {
		if (postgres.sql("SELECT COUNT(*) FROM legacy_sync.change_checkpoint").query(Long.class).single() == 0) {
			return Optional.empty();
		}
		return Optional.of(postgres.sql("""
				SELECT LEAST(
				  (SELECT MIN(position) FROM legacy_sync.change_checkpoint),
				  (SELECT MIN(change_id) - 1 FROM legacy_sync.change_gap),
				  (SELECT MIN(start_position) FROM legacy_sync.backfill WHERE completed_at IS NULL))""")
			.query(Long.class)
			.single());
	}

	/** @return changes deleted */
	long trim() {
		var bound = safeBound();
		if (bound.isEmpty() || bound.get() <= 0) {
			return 0;
		}
		long deleted = 0;
		int slice;
		do {
			slice = legacy.jdbc()
				.sql("DELETE FROM rf_change WHERE id <= ? AND changed_at < NOW(6) - INTERVAL ? MICROSECOND "
						+ "ORDER BY id LIMIT " + SLICE)
				.params(bound.get(), settings.changeRetention().toNanos() / 1_000)
				.update();
			deleted += slice;
		}
		while (slice == SLICE);
		if (deleted > 0) {
			log.info("Trimmed {} applied changes up to id {} from rf_change", deleted, bound.get());
		}
		return deleted;
	}
}
