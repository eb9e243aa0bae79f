package com.retailflow.legacy.internal.sync;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

import com.retailflow.legacy.internal.backfill.BackfillProgress;
import com.retailflow.legacy.internal.tables.SyncedTable;
import com.retailflow.legacy.internal.tables.SyncedTables;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies one batch of legacy changes to the new side, in ONE PostgreSQL transaction together with the checkpoint:
 * lock the checkpoint, read the changes after it (and the gaps below it that have become visible), coalesce them per
 * key, re-read the live legacy rows, call the module APIs (which join this transaction and publish their events in
 * it), move the checkpoint, commit. Each table's rows of a batch go to its module in one set-based call
 * ({@link SyncedTable.LiveRows#applyAll}), so a batch costs a few statements and events per table, not per row. A crash before the commit leaves data and checkpoint as they were; after it,
 * both have moved. Re-reading live rows makes applying a key idempotent and order-free: whatever the order changes
 * arrive in, the new side ends with the row as legacy has it now.
 *
 * <p>Out-of-order ids: {@code rf_change.id} is allocated when a legacy transaction writes, but becomes visible when it
 * commits, so a long transaction can commit id 11 after id 12 was read. Ids skipped over are kept as gaps and looked up
 * again on every poll until they appear or are older than {@link SyncSettings#gapRetention()}.
 *
 * <p>A row that cannot be translated is quarantined with the reason and the batch goes on. A row its module refuses
 * (an exception from the API call) rolls the batch back, because a failed statement aborts the PostgreSQL
 * transaction; the batch is then retried at once with that table's rows applied one by one, which names the refused
 * row, and once more with that row quarantined instead of applied. Database failures
 * are not a row's fault: they abort the batch, which is retried from the same checkpoint.
 */
@Component
class ChangeApplier {

	static final String STREAM = "legacy";

	/** More missing ids in a row than concurrent legacy transactions could hold: an AUTO_INCREMENT jump. */
	private static final int MAX_GAP = 1_000;

	private static final Logger log = LoggerFactory.getLogger(ChangeApplier.class);

	private final ChangeLog changes;
	private final Checkpoints checkpoints;
	private final Quarantine quarantine;
	private final BackfillProgress backfill;
	private final Map<String, SyncedTable<?>> mappings = new LinkedHashMap<>();
	private final TransactionTemplate batch;
	/** Keys whose module refused them in a batch that was therefore rolled back: quarantined when it is retried. */
	private final Map<String, String> refused = new java.util.concurrent.ConcurrentHashMap<>();
	/** Tables whose batch call a module refused in a batch that was therefore rolled back: applied row by row when retried. */
	private final Set<String> oneByOne = java.util.concurrent.ConcurrentHashMap.newKeySet();
	private final SyncSettings settings;
	private final Clock clock = Clock.systemUTC();

	ChangeApplier(ChangeLog changes, Checkpoints checkpoints, Quarantine quarantine, BackfillProgress backfill,
			SyncedTables tables, PlatformTransactionManager transactions, SyncSettings settings) {
		this.changes = changes;
		this.checkpoints = checkpoints;
		this.quarantine = quarantine;
		this.backfill = backfill;
		tables.all().forEach(table -> this.mappings.put(table.name(), table));
		// A batch is a unit of its own, also when drained from inside another transaction (a route flip).
		this.batch = new TransactionTemplate(transactions);
		this.batch.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.settings = settings;
	}

	/** What one batch did. */
	record Outcome(int changes, int keys, int quarantined, long position) {

		static final Outcome NOTHING = new Outcome(0, 0, 0, -1);
	}

	/** Applies the next batch; an empty outcome means there was nothing to apply. */
	Outcome applyNext() {
		while (true) {
			try {
				Outcome outcome = batch.execute(status -> applyBatch());
				refused.clear();
				oneByOne.clear();
				return outcome == null ? Outcome.NOTHING : outcome;
			}
			catch (TableRefused ex) {
				// Rolled back whole; again, that table's rows one by one, to find the row its module refuses.
				log.debug("Legacy {} applied row by row: its module refused the batch ({})", ex.table, ex.getCause().toString());
				oneByOne.add(ex.table);
			}
			catch (RowRefused ex) {
				// Rolled back whole (a failed statement aborts a PostgreSQL transaction); again, with the row set aside.
				refused.put(ex.row, ex.reason);
			}
		}
	}

	/** A module refused a table's batch call: the batch rolls back and is retried with that table row by row. */
	private static final class TableRefused extends RuntimeException {

		private final String table;

		TableRefused(String table, RuntimeException cause) {
			super(table + ": " + cause.getMessage(), cause, false, false);
			this.table = table;
		}
	}

	/** A module refused one row: the batch rolls back and is retried with that row quarantined. */
	private static final class RowRefused extends RuntimeException {

		private final String row;
		private final String reason;

		RowRefused(String row, String reason) {
			super(row + ": " + reason, null, false, false);
			this.row = row;
			this.reason = reason;
		}
	}

	private Outcome applyBatch() {
		var before = checkpoints.lock(STREAM);
		Instant now = clock.instant();
		Map<String, OptionalLong> starts = new HashMap<>();
		List<Change> fresh = changes.after(before.position(), settings.batchSize());
		List<Change> late = changes.byIds(before.gaps().keySet());
		if (fresh.isEmpty() && late.isEmpty() && !expiresGaps(before, now)) {
			return new Outcome(0, 0, 0, before.position());
		}

		List<Change> taken = new ArrayList<>();
		Map<Long, Instant> gaps = new TreeMap<>(before.gaps());
		for (Change change : late) {
			if (ready(change, starts)) {
				gaps.remove(change.id());
				taken.add(change);
			}
		}
		long position = before.position();
		for (Change change : fresh) {
			if (!ready(change, starts)) {
				// Its table's backfill has not completed: wait here, so none of its changes is passed over.
				break;
			}
			if (change.id() - position - 1 > MAX_GAP) {
				log.warn("Change ids {} to {} never appeared: a jump of the legacy AUTO_INCREMENT, not transactions",
						position + 1, change.id() - 1);
			}
			else {
				for (long missing = position + 1; missing < change.id(); missing++) {
					gaps.put(missing, now);
				}
			}
			position = change.id();
			taken.add(change);
		}
		int waiting = gaps.size();
		gaps.values().removeIf(noticed -> noticed.isBefore(now.minus(settings.gapRetention())));
		if (gaps.size() < waiting) {
			log.info("Gave up waiting for {} change id(s) skipped over more than {} ago: their legacy transactions "
					+ "rolled back", waiting - gaps.size(), settings.gapRetention());
		}

		// Every live row is read (and translated) before anything is written, so a table's reads never see another
		// table's changes of this batch half applied (the stock of a deleted product still finds its SKU).
		record Pending(SyncedTable<?> table, SyncedTable.LiveRows live, Map<String, Long> changeIds,
				Set<String> quarantined) {
		}
		List<Pending> pending = new ArrayList<>();
		for (var entry : coalesce(taken, starts).entrySet()) {
			SyncedTable<?> table = mappings.get(entry.getKey());
			Map<String, Long> changeIds = entry.getValue();
			pending.add(new Pending(table, table.liveRows(changeIds.keySet()), changeIds, quarantine.keys(table.name())));
		}
		int keys = 0;
		int quarantined = 0;
		for (Pending change : pending) {
			String table = change.table().name();
			Set<String> leftOut = new HashSet<>();
			for (SyncedTable.LiveRow row : change.live().rows()) {
				keys++;
				String key = row.key();
				String reason = row.translated() ? refused.get(table + ":" + key) : row.untranslatable();
				if (reason != null) {
					leftOut.add(key);
					quarantined++;
					quarantine.put(table, key, reason, change.changeIds().get(key));
					log.warn("Quarantined legacy {} {}: {}", table, key, reason);
				}
				else if (change.quarantined().contains(key)) {
					quarantine.release(table, key);
				}
			}
			if (oneByOne.contains(table)) {
				for (SyncedTable.LiveRow row : change.live().rows()) {
					if (!leftOut.contains(row.key())) {
						apply(table, row.key(), row.apply());
					}
				}
			}
			else {
				applyAll(table, () -> change.live().applyAll(leftOut));
			}
		}
		checkpoints.save(STREAM, before, new Checkpoints.Checkpoint(position, gaps));
		return new Outcome(taken.size(), keys, quarantined, position);
	}

	/** One set-based module call for a table's rows; if the module refuses one of them, the batch is retried row by row. */
	private static void applyAll(String table, Runnable batch) {
		try {
			batch.run();
		}
		catch (TransientDataAccessException | RecoverableDataAccessException | DataAccessResourceFailureException
				| TransactionException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			throw new TableRefused(table, ex);
		}
	}

	private static void apply(String table, String key, Runnable call) {
		try {
			call.run();
		}
		catch (TransientDataAccessException | RecoverableDataAccessException | DataAccessResourceFailureException
				| TransactionException ex) {
			// The database or the transaction machinery failed, not the row: the whole batch is retried later.
			throw ex;
		}
		catch (RuntimeException ex) {
			throw new RowRefused(table + ":" + key, ex.getClass().getSimpleName() + ": " + ex.getMessage());
		}
	}

	private boolean expiresGaps(Checkpoints.Checkpoint checkpoint, Instant now) {
		return checkpoint.gaps().values().stream().anyMatch(noticed -> noticed.isBefore(now.minus(settings.gapRetention())));
	}

	private boolean ready(Change change, Map<String, OptionalLong> starts) {
		if (!mappings.containsKey(change.table())) {
			return true;
		}
		return starts.computeIfAbsent(change.table(), this::startPosition).isPresent();
	}

	/**
	 * Where a table's changes start: above the position its backfill recorded before copying, once that backfill
	 * completed (what it copied already holds every change up to there); empty while it has not.
	 */
	private OptionalLong startPosition(String table) {
		return backfill.find(table)
			.filter(BackfillProgress.State::completed)
			.map(state -> OptionalLong.of(state.startPosition()))
			.orElse(OptionalLong.empty());
	}

	/** Keys per mapped table in mapping order, each with its latest change id; changes the backfill covered are dropped. */
	private Map<String, Map<String, Long>> coalesce(List<Change> taken, Map<String, OptionalLong> starts) {
		Map<String, Map<String, Long>> byTable = new LinkedHashMap<>();
		mappings.keySet().forEach(table -> byTable.put(table, new LinkedHashMap<>()));
		for (Change change : taken) {
			var keys = byTable.get(change.table());
			if (keys != null && change.id() > starts.get(change.table()).getAsLong()) {
				keys.merge(change.key(), change.id(), Math::max);
			}
		}
		byTable.values().removeIf(Map::isEmpty);
		return byTable;
	}

	/** The tables this stream applies, with their modules. */
	Map<String, String> modulesByTable() {
		Map<String, String> modules = new LinkedHashMap<>();
		mappings.values().forEach(table -> modules.put(table.name(), table.module()));
		return modules;
	}

	Set<String> modules() {
		return new LinkedHashSet<>(modulesByTable().values());
	}
}
