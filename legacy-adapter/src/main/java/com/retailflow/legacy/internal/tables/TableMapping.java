package com.retailflow.legacy.internal.tables;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.retailflow.inventory.RangeChecksum;
import com.retailflow.legacy.internal.translation.UntranslatableRow;

import org.jspecify.annotations.Nullable;

/**
 * What makes one legacy table different from the others: where its rows are, how a row translates, and which module
 * API stores it. Backfill chunks, the change stream's live rows, reconciliation's ranges and repair are
 * {@link MappedTable}, written once for every mapping. A new synced table (customers, orders) is a {@code @Component}
 * implementing this, with an {@code @Order} after the tables its rows refer to: the backfill copies in that order.
 *
 * @param <R> a legacy row as read
 * @param <V> its translation: the value the module's API takes
 * @param <K> the key reconciliation compares rows by
 */
interface TableMapping<R, V, K> {

	/** The module whose data this is: {@code catalog}, {@code inventory}. */
	String module();

	/** The legacy table, as the change table and the reports name it: {@code categories}, {@code stock}. */
	String table();

	// ---- legacy side ----

	/** The select list; latin1 text cast to {@code BINARY}, so that the translation decodes its stored bytes. */
	String columns();

	/**
	 * The legacy query from its {@code FROM} on, each table with an alias: {@code products p LEFT JOIN stock s ON …}.
	 * One row per legacy primary key.
	 */
	String from();

	/**
	 * The legacy primary key as the query names it ({@code p.id}), a positive integer: the backfill walks it in order
	 * and the change table ({@code rf_change.row_key}) names changed rows by it.
	 */
	String idColumn();

	R row(ResultSet rs) throws SQLException;

	/** The row's legacy primary key. */
	long id(R row);

	/**
	 * @throws UntranslatableRow if the row has no faithful translation: it is then skipped, quarantined and reported
	 */
	V translate(R row);

	/** How reconciliation orders and ranges this table. */
	ReconciliationKey<K> key();

	/** The row's reconciliation key, read from the row as it is (untranslatable rows are reported by it too). */
	K key(R row);

	/** The digest of a translated row, as the module computes it over what it stores. */
	long digest(V value);

	// ---- the module's API ----

	/**
	 * Bulk write, in the caller's transaction (backfill chunks, repair). Mappings whose module has a bulk import
	 * override this; the default calls {@link #upsert} per row.
	 *
	 * @return rows written
	 */
	default int store(List<V> values) {
		values.forEach(this::upsert);
		return values.size();
	}

	/** Brings one row on the new side to this value (a change on legacy). */
	void upsert(V value);

	/**
	 * Brings many rows on the new side to these values (one batch of legacy changes, distinct keys), in the caller's
	 * transaction. Mappings whose module has a set-based call for it override this; the default calls {@link #upsert}
	 * per row.
	 */
	default void upsertAll(List<V> values) {
		values.forEach(this::upsert);
	}

	/**
	 * The module call for a legacy row that is gone. It is prepared before any change of the batch is applied and run
	 * later in the stream's transaction, so whatever it needs to read (stock needs the product's SKU) is read before
	 * the batch removes it.
	 */
	Runnable removal(long id);

	/**
	 * The module's checksums over the ranges {@code [b(i), b(i+1))} of these bounds (see the module API), computed
	 * where the rows are. Empty (the default) for a module without checksum machinery of its own: {@link MappedTable}
	 * then folds {@link #newDigests} per range.
	 */
	default Optional<List<RangeChecksum>> newChecksums(List<@Nullable K> bounds) {
		return Optional.empty();
	}

	/** The module's row digests in {@code [from, to)}, in key order. */
	Map<K, Long> newDigests(@Nullable K from, @Nullable K to);
}
