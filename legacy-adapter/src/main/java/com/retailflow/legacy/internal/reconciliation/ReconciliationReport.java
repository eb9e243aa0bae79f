package com.retailflow.legacy.internal.reconciliation;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What one reconciliation of a module found, per table.
 *
 * @param id the stored report's id
 * @param module the module compared
 * @param triggeredBy {@code schedule}, or the admin who asked for it
 * @param driftRows rows missing on either side, different, or untranslatable on legacy, over all tables
 */
public record ReconciliationReport(long id, String module, Instant startedAt, Instant finishedAt, String triggeredBy,
		long driftRows, List<TableReport> tables) {

	public ReconciliationReport {
		tables = List.copyOf(tables);
	}

	public boolean inSync() {
		return driftRows == 0;
	}

	/**
	 * One table's comparison.
	 *
	 * @param legacyRows rows on legacy
	 * @param newRows rows the module stores
	 * @param rangesCompared key ranges whose counts and checksums were compared, at every bisection level
	 * @param keysTruncated whether more keys differ than {@code differences} lists (the counts are exact)
	 * @param differences the differing keys, in the order found
	 */
	public record TableReport(String table, long legacyRows, long newRows, long rangesCompared, long missingOnNew,
			long missingOnLegacy, long different, long untranslatable, boolean keysTruncated,
			List<Difference> differences) {

		public TableReport {
			differences = List.copyOf(differences);
		}

		public long drift() {
			return missingOnNew + missingOnLegacy + different + untranslatable;
		}
	}

	/** One differing row: its key as the report shows it, what differs, and for untranslatable rows, why. */
	public record Difference(String key, Kind kind, @Nullable String reason) {
	}

	/** How a row differs. */
	public enum Kind {

		/** Legacy has the row, the module has not. */
		MISSING_ON_NEW,

		/** The module has the row, legacy has not (or no longer). */
		MISSING_ON_LEGACY,

		/** Both have it with different values (after translation). */
		DIFFERENT,

		/** Legacy has a row that cannot be translated; the module cannot hold it faithfully. */
		UNTRANSLATABLE
	}
}
