package com.retailflow.legacy.internal.sync;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The stream's checkpoint in {@code legacy_sync}: the position in {@code rf_change} and the gaps below it. Read and
 * written inside the transaction that applies the changes, so data and checkpoint commit together.
 */
@Repository
class Checkpoints {

	private final JdbcClient jdbc;

	Checkpoints(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Reads the checkpoint and locks it until the transaction ends: a second applier (an instance that wrongly
	 * believes it holds the stream) waits here and then sees what the first one committed, so nothing is applied
	 * twice even then.
	 */
	Checkpoint lock(String stream) {
		jdbc.sql("INSERT INTO legacy_sync.change_checkpoint (stream, position, updated_at) VALUES (?, 0, now()) "
				+ "ON CONFLICT (stream) DO NOTHING")
			.param(stream)
			.update();
		long position = jdbc.sql("SELECT position FROM legacy_sync.change_checkpoint WHERE stream = ? FOR UPDATE")
			.param(stream)
			.query(Long.class)
			.single();
		Map<Long, Instant> gaps = new TreeMap<>();
		jdbc.sql("SELECT change_id, noticed_at FROM legacy_sync.change_gap WHERE stream = ?")
			.param(stream)
			.query(rs -> {
				gaps.put(rs.getLong("change_id"), rs.getTimestamp("noticed_at").toInstant());
			});
		return new Checkpoint(position, gaps);
	}

	/** Position and gaps as committed, without locking anything. */
	Checkpoint read(String stream) {
		Map<Long, Instant> gaps = new TreeMap<>();
		jdbc.sql("SELECT change_id, noticed_at FROM legacy_sync.change_gap WHERE stream = ?")
			.param(stream)
			.query(rs -> {
				gaps.put(rs.getLong("change_id"), rs.getTimestamp("noticed_at").toInstant());
			});
		return new Checkpoint(position(stream), gaps);
	}

	/** The position without locking anything, for the lag figures. */
	long position(String stream) {
		return jdbc.sql("SELECT position FROM legacy_sync.change_checkpoint WHERE stream = ?")
			.param(stream)
			.query(Long.class)
			.optional()
			.orElse(0L);
	}

	void save(String stream, Checkpoint before, Checkpoint after) {
		if (after.position() != before.position()) {
			jdbc.sql("UPDATE legacy_sync.change_checkpoint SET position = ?, updated_at = now() WHERE stream = ?")
				.params(after.position(), stream)
				.update();
		}
		for (Long gone : before.gaps().keySet()) {
			if (!after.gaps().containsKey(gone)) {
				jdbc.sql("DELETE FROM legacy_sync.change_gap WHERE stream = ? AND change_id = ?").params(stream, gone).update();
			}
		}
		after.gaps().forEach((id, noticed) -> {
			if (!before.gaps().containsKey(id)) {
				jdbc.sql("INSERT INTO legacy_sync.change_gap (stream, change_id, noticed_at) VALUES (?, ?, ?)")
					.params(stream, id, java.sql.Timestamp.from(noticed))
					.update();
			}
		});
	}

	/** Every change id up to {@code position} was applied, except the {@code gaps} (id → when first missed). */
	record Checkpoint(long position, Map<Long, Instant> gaps) {
	}
}
