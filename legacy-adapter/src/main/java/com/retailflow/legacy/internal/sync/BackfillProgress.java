package com.retailflow.legacy.internal.sync;

import java.util.OptionalLong;

/**
 * Where the stream may start for a legacy table: only once the table's backfill has completed, and above the
 * change-table position the backfill recorded before it copied anything (what it copied already contains every
 * change up to there).
 */
public interface BackfillProgress {

	/**
	 * @return the change id above which the table's changes are to be applied; empty while its backfill has not
	 *         completed (the stream then waits at that table's first change)
	 */
	OptionalLong startPosition(String legacyTable);
}
