package com.retailflow.legacy.internal.tables;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.ToLongFunction;

import com.retailflow.legacy.internal.tables.SyncedTable.LiveRow;
import com.retailflow.legacy.internal.translation.UntranslatableRow;

/** {@link SyncedTable#liveRows} for tables whose change keys are numeric legacy ids. */
final class LiveRows {

	private LiveRows() {
	}

	/**
	 * @param read reads the live rows of some ids (at most a statement's worth)
	 * @param id a row's id
	 * @param present translates a live row into its module call; throws {@link UntranslatableRow} if it cannot
	 * @param gone the module call for an id whose row no longer exists
	 */
	static <R> List<LiveRow> byId(Collection<String> changeKeys, Function<List<Long>, List<R>> read, ToLongFunction<R> id,
			Function<R, Runnable> present, LongFunction<Runnable> gone) {
		List<LiveRow> result = new ArrayList<>(changeKeys.size());
		Map<String, Long> ids = new LinkedHashMap<>();
		for (String key : changeKeys) {
			try {
				ids.put(key, Long.parseLong(key));
			}
			catch (NumberFormatException ex) {
				result.add(LiveRow.untranslatable(key, "not a numeric legacy id: '" + key + "'"));
			}
		}
		Map<Long, R> live = new HashMap<>();
		for (List<Long> chunk : Keys.chunks(ids.values())) {
			read.apply(chunk).forEach(row -> live.put(id.applyAsLong(row), row));
		}
		ids.forEach((key, legacyId) -> {
			R row = live.get(legacyId);
			if (row == null) {
				result.add(LiveRow.apply(key, gone.apply(legacyId)));
				return;
			}
			try {
				result.add(LiveRow.apply(key, present.apply(row)));
			}
			catch (UntranslatableRow ex) {
				result.add(LiveRow.untranslatable(key, ex.reason()));
			}
		});
		return result;
	}
}
