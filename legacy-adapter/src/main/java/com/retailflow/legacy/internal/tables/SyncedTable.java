package com.retailflow.legacy.internal.tables;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import com.retailflow.inventory.RangeChecksum;

import org.jspecify.annotations.Nullable;

/**
 * One legacy table kept in sync with a module, as the machinery sees it: how its rows are read from legacy, translated,
 * written through the module's API, and compared with what the module stores. Backfill, the change stream,
 * reconciliation and repair are written against this interface only. Its one implementation, {@link MappedTable},
 * takes what differs per table from a {@link TableMapping}: a new table (customers, orders) is a new mapping, not new
 * machinery.
 *
 * @param <K> the key reconciliation compares rows by, ordered by its bytes (numbers by value)
 */
public interface SyncedTable<K> {

	/** The module whose data this is: {@code catalog}, {@code inventory}. */
	String module();

	/** The legacy table: {@code categories}, {@code products}, {@code stock}. */
	String name();

	// ---- backfill ----

	/**
	 * Reads, translates and prepares the next rows in legacy primary key order.
	 *
	 * @param afterKey the last key already copied, 0 for none (legacy keys are positive)
	 * @return empty when no rows are left
	 */
	Optional<Chunk> readChunk(long afterKey, int size);

	/** Rows read from legacy and translated, to be written through the module API in the caller's transaction. */
	interface Chunk {

		/** The legacy primary key of the chunk's last row: where the next chunk starts. */
		long lastKey();

		/** Rows read, untranslatable ones included. */
		int rows();

		/** Rows that could not be translated and are not written. */
		int untranslatable();

		/** Writes the translated rows through the module's API. */
		void write();
	}

	// ---- reconciliation ----

	/** Rows legacy has. */
	long legacyCount();

	/**
	 * Every legacy row with a key in {@code [from, to)}, translated and digested, in key order.
	 *
	 * @param from null for unbounded
	 * @param to null for unbounded
	 */
	void readLegacy(@Nullable K from, @Nullable K to, Consumer<LegacyRow<K>> rows);

	/** The module's checksums over the ranges {@code [b(i), b(i+1))} of these bounds (see the module API). */
	List<RangeChecksum> newChecksums(List<@Nullable K> bounds);

	/** The module's row digests in {@code [from, to)}. */
	Map<K, Long> newDigests(@Nullable K from, @Nullable K to);

	/**
	 * Repair: reads these keys from legacy again and writes what translates through the module's API.
	 *
	 * @return rows written
	 */
	int resync(Collection<K> keys);

	/** A key as the report shows it. */
	default String keyText(K key) {
		return key.toString();
	}

	/** A key from its report text. */
	K parseKey(String text);

	// ---- change stream ----

	/**
	 * Reads the live legacy rows of keys as the change table names them ({@code rf_change.row_key}, the legacy primary
	 * key; a key without a row was deleted) and prepares the module calls that bring the new side to the same state.
	 * Nothing is written here; the stream runs the calls in its transaction.
	 */
	LiveRows liveRows(Collection<String> changeKeys);

	/** The live legacy rows of one batch's changed keys of this table, and the module calls they need. */
	interface LiveRows {

		/** One entry per key asked for: its own module call, or why its legacy row cannot be translated. */
		List<LiveRow> rows();

		/**
		 * Brings every translated key but {@code leftOut} to its legacy state with the module's batch calls: the
		 * removals, then one set-based upsert of the rest. A row the module refuses fails the whole call; the
		 * stream then finds it by applying the rows one by one ({@link LiveRow#apply()}).
		 */
		void applyAll(Set<String> leftOut);
	}

	/** What one changed key needs on the new side: a module API call, or why its legacy row cannot be translated. */
	record LiveRow(String key, Runnable apply, @Nullable String untranslatable) {

		public static LiveRow apply(String key, Runnable apply) {
			return new LiveRow(key, apply, null);
		}

		public static LiveRow untranslatable(String key, String reason) {
			return new LiveRow(key, () -> {
			}, reason);
		}

		public boolean translated() {
			return untranslatable == null;
		}
	}

	/**
	 * A legacy row as reconciliation sees it: its key and the digest of its translated values, or why it could not be
	 * translated.
	 */
	record LegacyRow<K>(K key, long digest, @Nullable String untranslatable) {

		static <K> LegacyRow<K> translated(K key, long digest) {
			return new LegacyRow<>(key, digest, null);
		}

		static <K> LegacyRow<K> untranslatable(K key, String reason) {
			return new LegacyRow<>(key, 0, reason);
		}
	}
}
