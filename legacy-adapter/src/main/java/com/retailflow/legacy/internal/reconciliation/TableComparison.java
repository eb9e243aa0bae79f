package com.retailflow.legacy.internal.reconciliation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.retailflow.inventory.RangeChecksum;
import com.retailflow.legacy.internal.reconciliation.ReconciliationReport.Difference;
import com.retailflow.legacy.internal.reconciliation.ReconciliationReport.Kind;
import com.retailflow.legacy.internal.reconciliation.ReconciliationReport.TableReport;
import com.retailflow.legacy.internal.tables.SyncedTable;

import org.jspecify.annotations.Nullable;

/**
 * Compares one table, the way reladiff and AWS DMS validation do: counts and checksums over key ranges on both sides,
 * and only the ranges that differ are cut smaller, down to single rows.
 *
 * <p>One streaming pass over the legacy rows of a range translates and digests them and cuts the range into
 * sub-ranges of about {@code rowsPerRange} legacy rows each, so the bounds follow the keys that really exist and work
 * for numeric and text keys alike. The module computes its checksums for the same bounds in SQL. Keys are compared by
 * their bytes on both sides (numbers by value), never by a collation.
 */
final class TableComparison<K> {

	private final SyncedTable<K> table;
	private final ReconciliationSettings settings;
	private final Map<String, Difference> listed = new LinkedHashMap<>();
	private final Set<K> untranslatable = new HashSet<>();
	private long rangesCompared;
	private long missingOnNew;
	private long missingOnLegacy;
	private long different;
	private long newRows;

	TableComparison(SyncedTable<K> table, ReconciliationSettings settings) {
		this.table = table;
		this.settings = settings;
	}

	TableReport run() {
		long legacyRows = table.legacyCount();
		long rowsPerRange = Math.max(settings.leafRows(), (legacyRows + settings.ranges() - 1) / settings.ranges());
		var top = compare(null, null, rowsPerRange);
		newRows = top.stream().mapToLong(RangeChecksum::rows).sum();
		boolean truncated = missingOnNew + missingOnLegacy + different + untranslatable.size() > listed.size();
		return new TableReport(table.name(), legacyRows, newRows, rangesCompared, missingOnNew, missingOnLegacy,
				different, untranslatable.size(), truncated, new ArrayList<>(listed.values()));
	}

	/** Compares {@code [from, to)} cut into ranges of about {@code rowsPerRange}; returns the module's checksums. */
	private List<RangeChecksum> compare(@Nullable K from, @Nullable K to, long rowsPerRange) {
		List<@Nullable K> bounds = new ArrayList<>();
		List<RangeChecksum> legacy = new ArrayList<>();
		bounds.add(from);
		var range = new Object() {
			RangeChecksum sum = RangeChecksum.EMPTY;
			long rows;
		};
		table.readLegacy(from, to, row -> {
			if (range.rows == rowsPerRange) {
				legacy.add(range.sum);
				bounds.add(row.key());
				range.sum = RangeChecksum.EMPTY;
				range.rows = 0;
			}
			range.rows++;
			if (row.untranslatable() != null) {
				untranslatable(row.key(), row.untranslatable());
			}
			else {
				range.sum = range.sum.with(row.digest());
			}
		});
		legacy.add(range.sum);
		bounds.add(to);
		var fresh = table.newChecksums(bounds);
		rangesCompared += legacy.size();
		for (int i = 0; i < legacy.size(); i++) {
			if (legacy.get(i).equals(fresh.get(i))) {
				continue;
			}
			if (rowsPerRange <= settings.leafRows()) {
				compareRows(bounds.get(i), bounds.get(i + 1));
			}
			else {
				compare(bounds.get(i), bounds.get(i + 1), Math.max(1, rowsPerRange / settings.fanout()));
			}
		}
		return fresh;
	}

	private void compareRows(@Nullable K from, @Nullable K to) {
		Map<K, Long> legacy = new LinkedHashMap<>();
		table.readLegacy(from, to, row -> {
			if (row.untranslatable() == null) {
				legacy.put(row.key(), row.digest());
			}
		});
		Map<K, Long> fresh = table.newDigests(from, to);
		legacy.forEach((key, digest) -> {
			Long other = fresh.get(key);
			if (other == null) {
				missingOnNew++;
				list(key, Kind.MISSING_ON_NEW, null);
			}
			else if (other.longValue() != digest) {
				different++;
				list(key, Kind.DIFFERENT, null);
			}
		});
		fresh.keySet().stream().filter(key -> !legacy.containsKey(key) && !untranslatable.contains(key)).forEach(key -> {
			missingOnLegacy++;
			list(key, Kind.MISSING_ON_LEGACY, null);
		});
	}

	private void untranslatable(K key, String reason) {
		if (untranslatable.add(key)) {
			list(key, Kind.UNTRANSLATABLE, reason);
		}
	}

	private void list(K key, Kind kind, @Nullable String reason) {
		if (listed.size() < settings.keysListed()) {
			String text = table.keyText(key);
			listed.put(text, new Difference(text, kind, reason));
		}
	}
}
