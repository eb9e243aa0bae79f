package com.retailflow.proxy;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What data sync reports about a module, for {@code /admin/api/migration} and the console. The legacy adapter
 * implements it; without an implementation every module has no sync status.
 */
public interface SyncStatus {

	/** The module's sync figures; {@link ModuleSync#NONE} for a module that is not synced. */
	ModuleSync of(String module);

	/**
	 * @param lagSeconds how far the new side trails legacy, null when nothing measures it
	 * @param lastReconciliation the latest comparison of both sides, null if there was none
	 */
	record ModuleSync(@Nullable Double lagSeconds, @Nullable LastReconciliation lastReconciliation) {

		public static final ModuleSync NONE = new ModuleSync(null, null);
	}

	/** When a module was last reconciled and how many rows were found drifting. */
	record LastReconciliation(Instant at, long driftRows) {
	}
}
