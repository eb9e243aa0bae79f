package com.retailflow.legacy.internal.backfill;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.retailflow.legacy.internal.LegacyDatabase;
import com.retailflow.legacy.internal.capture.LegacyCapture;
import com.retailflow.legacy.internal.sync.SyncSettings;
import com.retailflow.legacy.internal.tables.SyncedTable;
import com.retailflow.legacy.internal.tables.SyncedTable.Chunk;
import com.retailflow.legacy.internal.tables.SyncedTables;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The initial copy of every synced legacy table into its module, resumable at any point.
 *
 * <p>Each table is copied in legacy primary key order, in chunks. A chunk is written through the module's API (COPY
 * into the module's staging table, one set-based upsert) and its checkpoint ({@code legacy_sync.backfill.last_key}) is
 * updated in the same PostgreSQL transaction, so a crash loses nothing and a restart resumes after the last committed
 * chunk. Before the first row of a table is copied, the change table's position is recorded: the change stream
 * replays everything after it once the copy is complete.
 *
 * <p>Reading the next chunk from legacy overlaps with writing the current one. Several instances may run it at once:
 * a chunk is only written if the checkpoint is still where it was read from; otherwise the instance continues from
 * the newer checkpoint, so the work is shared, never done twice in one place.
 */
@Service
@EnableConfigurationProperties(BackfillSettings.class)
public class Backfill {

	/** What one run did for one table. */
	public record TableResult(String table, long rowsCopied, long untranslatable, boolean resumed, Duration took) {
	}

	private static final Logger log = LoggerFactory.getLogger(Backfill.class);

	private final SyncedTables tables;
	private final BackfillProgress progress;
	private final LegacyDatabase legacy;
	private final TransactionTemplate transactions;
	private final BackfillSettings settings;
	private final LegacyCapture capture;
	private final SyncSettings sync;

	Backfill(SyncedTables tables, BackfillProgress progress, LegacyDatabase legacy, TransactionTemplate transactions,
			BackfillSettings settings, LegacyCapture capture, SyncSettings sync) {
		this.capture = capture;
		this.sync = sync;
		this.tables = tables;
		this.progress = progress;
		this.legacy = legacy;
		this.transactions = transactions;
		this.settings = settings;
	}

	/** Copies, or finishes copying, every table; tables already complete are left alone. */
	public List<TableResult> run() {
		List<TableResult> results = new ArrayList<>();
		try (ExecutorService reader = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("backfill-read").factory())) {
			for (SyncedTable<?> table : tables.all()) {
				results.add(copy(table, reader));
			}
		}
		return results;
	}

	/** Whether every table of the module has been copied completely. */
	public boolean completed(String module) {
		return tables.of(module).stream().allMatch(table -> progress.find(table.name()).filter(BackfillProgress.State::completed).isPresent());
	}

	private TableResult copy(SyncedTable<?> table, ExecutorService reader) {
		long began = System.nanoTime();
		var state = progress.start(table.name(), this::changePosition);
		if (state.completed()) {
			return new TableResult(table.name(), 0, 0, false, Duration.ZERO);
		}
		boolean resumed = state.lastKey() != null;
		if (resumed) {
			log.info("Resuming the backfill of {} after key {} ({} rows copied before)", table.name(), state.lastKey(),
					state.rowsCopied());
		}
		long after = state.lastKey() == null ? 0 : state.lastKey();
		long rows = 0;
		long untranslatable = 0;
		Future<Optional<Chunk>> next = read(reader, table, after);
		while (true) {
			Optional<Chunk> read = await(next);
			if (read.isEmpty()) {
				progress.complete(table.name());
				break;
			}
			Chunk chunk = read.get();
			next = read(reader, table, chunk.lastKey());
			long from = after;
			Boolean written = transactions.execute(status -> {
				var current = progress.lock(table.name());
				if (current.completed() || !Long.valueOf(from).equals(current.lastKey() == null ? 0L : current.lastKey())) {
					return false;
				}
				chunk.write();
				progress.advance(table.name(), chunk.lastKey(), chunk.rows(), chunk.untranslatable());
				return true;
			});
			if (Boolean.TRUE.equals(written)) {
				after = chunk.lastKey();
				rows += chunk.rows();
				untranslatable += chunk.untranslatable();
				continue;
			}
			// Another instance moved the checkpoint: carry on from where it is now.
			var current = progress.find(table.name()).orElseThrow();
			if (current.completed()) {
				break;
			}
			after = current.lastKey() == null ? 0 : current.lastKey();
			next = read(reader, table, after);
		}
		var result = new TableResult(table.name(), rows, untranslatable, resumed, Duration.ofNanos(System.nanoTime() - began));
		log.info("Backfilled {}: {} rows copied ({} untranslatable, skipped) in {} ms", table.name(), rows,
				untranslatable, result.took().toMillis());
		return result;
	}

	private Future<Optional<Chunk>> read(ExecutorService reader, SyncedTable<?> table, long after) {
		return reader.submit(() -> table.readChunk(after, settings.chunkSize()));
	}

	private static Optional<Chunk> await(Future<Optional<Chunk>> next) {
		try {
			return next.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Backfill interrupted", ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException(ex.getCause());
		}
	}

	/**
	 * {@code MAX(rf_change.id)} now, 0 while the change table is empty or not installed yet. With the stream on,
	 * capture is installed first: a change made while the copy runs must be captured, or the stream cannot replay it.
	 */
	private long changePosition() {
		if (sync.enabled()) {
			capture.install();
		}
		boolean installed = legacy.jdbc()
			.sql("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'rf_change'")
			.query(Long.class)
			.single() > 0;
		return installed ? legacy.jdbc().sql("SELECT COALESCE(MAX(id), 0) FROM rf_change").query(Long.class).single() : 0;
	}
}
