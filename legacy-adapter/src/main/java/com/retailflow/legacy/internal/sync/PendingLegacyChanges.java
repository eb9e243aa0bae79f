package com.retailflow.legacy.internal.sync;

import java.time.Duration;
import java.util.Collection;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Applies what legacy still has pending, now, on the calling thread: the hand-over of a module's data to the new side
 * must not begin while legacy changes are on their way. Safe on any instance, also beside the running stream: every
 * batch locks the checkpoint, so the two take turns and nothing is applied twice.
 */
@Component
public class PendingLegacyChanges {

	private final ChangeApplier applier;
	private final ChangeLog changes;
	private final Checkpoints checkpoints;

	PendingLegacyChanges(ChangeApplier applier, ChangeLog changes, Checkpoints checkpoints) {
		this.applier = applier;
		this.changes = changes;
		this.checkpoints = checkpoints;
	}

	/**
	 * Applies every change captured before this call, for the tables of these modules (changes made meanwhile follow
	 * with the stream as usual).
	 *
	 * @return whether they were all applied in time; false if some were still waiting when time ran out (or wait for
	 *         their table's backfill to complete)
	 */
	public boolean drain(Collection<String> modules, Duration within) {
		long target = changes.lastId();
		long deadline = System.nanoTime() + within.toNanos();
		while (!appliedUpTo(target, modules)) {
			if (System.nanoTime() > deadline) {
				return false;
			}
			if (applier.applyNext().changes() == 0) {
				pause();
			}
		}
		return true;
	}

	private boolean appliedUpTo(long target, Collection<String> modules) {
		long position = checkpoints.position(ChangeApplier.STREAM);
		if (position >= target) {
			return true;
		}
		// Only the changes of these modules' tables must be in; other tables may still wait (for their backfill).
		var pending = changes.pendingBetween(position, target);
		return applier.modulesByTable()
			.entrySet()
			.stream()
			.noneMatch(table -> modules.contains(table.getValue()) && pending.contains(table.getKey()));
	}

	/**
	 * Whether legacy has a change of this row that the stream has not applied yet, asked on the caller's legacy
	 * connection (inside its transaction, after it locked the row, at READ COMMITTED).
	 */
	public boolean pendingFor(JdbcClient legacyTransaction, String table, String key) {
		var checkpoint = checkpoints.read(ChangeApplier.STREAM);
		String gaps = checkpoint.gaps().keySet().stream().map(String::valueOf).collect(Collectors.joining(","));
		return legacyTransaction
			.sql("SELECT COUNT(*) FROM rf_change WHERE table_name = ? AND row_key = ? AND (id > ?"
					+ (gaps.isEmpty() ? "" : " OR id IN (" + gaps + ")") + ")")
			.params(table, key, checkpoint.position())
			.query(Long.class)
			.single() > 0;
	}

	private static void pause() {
		try {
			Thread.sleep(20);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}
}
