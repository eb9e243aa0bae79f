package com.retailflow.legacy.internal.sync;

import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * How one legacy table reaches its module: which table and module, how its live rows are read and translated, and
 * which module API call applies each. Adding a synced table is adding a mapping; the stream stays as it is.
 */
public interface TableMapping {

	/** The legacy table, as the triggers name it in {@code rf_change.table_name}. */
	String legacyTable();

	/** The module the table belongs to ({@code catalog}, {@code inventory}). */
	String module();

	/**
	 * Reads the live legacy rows of these keys (a key without a row was deleted) and translates each into the
	 * module call that brings the new side to the same state. Nothing is written here.
	 *
	 * @return one entry per key
	 */
	List<RowSync> read(Collection<String> keys);

	/** What one key needs on the new side: a module API call, or the reason its row cannot be translated. */
	record RowSync(String key, Runnable apply, @Nullable String untranslatable) {

		public static RowSync apply(String key, Runnable apply) {
			return new RowSync(key, apply, null);
		}

		public static RowSync untranslatable(String key, String reason) {
			return new RowSync(key, () -> {
			}, reason);
		}

		public boolean translated() {
			return untranslatable == null;
		}
	}
}
