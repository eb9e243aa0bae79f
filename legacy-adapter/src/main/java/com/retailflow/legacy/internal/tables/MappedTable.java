package com.retailflow.legacy.internal.tables;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import com.retailflow.inventory.RangeChecksum;
import com.retailflow.legacy.internal.LegacyDatabase;
import com.retailflow.legacy.internal.translation.UntranslatableRow;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A {@link SyncedTable} from its {@link TableMapping}: the reading, translating and batching every table shares. */
final class MappedTable<R, V, K> implements SyncedTable<K> {

	private static final Logger log = LoggerFactory.getLogger(MappedTable.class);

	private final TableMapping<R, V, K> mapping;
	private final LegacyDatabase legacy;
	private final String select;

	MappedTable(TableMapping<R, V, K> mapping, LegacyDatabase legacy) {
		this.mapping = mapping;
		this.legacy = legacy;
		this.select = "SELECT " + mapping.columns() + " FROM " + mapping.from() + " ";
	}

	@Override
	public String module() {
		return mapping.module();
	}

	@Override
	public String name() {
		return mapping.table();
	}

	@Override
	public Optional<Chunk> readChunk(long afterKey, int size) {
		String id = mapping.idColumn();
		List<R> rows = legacy.jdbc()
			.sql(select + "WHERE " + id + " > ? ORDER BY " + id + " LIMIT ?")
			.params(afterKey, size)
			.query((rs, n) -> mapping.row(rs))
			.list();
		if (rows.isEmpty()) {
			return Optional.empty();
		}
		List<V> values = translate(rows);
		return Optional.of(new Translated(mapping.id(rows.getLast()), rows.size(), rows.size() - values.size(),
				() -> mapping.store(values)));
	}

	@Override
	public long legacyCount() {
		return legacy.jdbc().sql("SELECT COUNT(*) FROM " + mapping.from()).query(Long.class).single();
	}

	@Override
	public void readLegacy(@Nullable K from, @Nullable K to, Consumer<LegacyRow<K>> rows) {
		var key = mapping.key();
		String ordered = key.ordered();
		String bound = key.parameter();
		legacy.streaming()
			.query(select + "WHERE (? IS NULL OR " + ordered + " >= " + bound + ") AND (? IS NULL OR " + ordered + " < "
					+ bound + ") ORDER BY " + ordered, rs -> {
						R row = mapping.row(rs);
						try {
							rows.accept(LegacyRow.translated(mapping.key(row), mapping.digest(mapping.translate(row))));
						}
						catch (UntranslatableRow ex) {
							rows.accept(LegacyRow.untranslatable(mapping.key(row), ex.reason()));
						}
					}, from, from, to, to);
	}

	@Override
	public List<RangeChecksum> newChecksums(List<@Nullable K> bounds) {
		if (bounds.size() < 2) {
			throw new IllegalArgumentException("need at least two bounds, got " + bounds.size());
		}
		return mapping.newChecksums(bounds).orElseGet(() -> foldedDigests(bounds));
	}

	/** Checksums from the module's row digests, one range at a time, for modules that compute none themselves. */
	private List<RangeChecksum> foldedDigests(List<@Nullable K> bounds) {
		List<RangeChecksum> sums = new ArrayList<>(bounds.size() - 1);
		for (int i = 0; i + 1 < bounds.size(); i++) {
			RangeChecksum sum = RangeChecksum.EMPTY;
			for (long digest : mapping.newDigests(bounds.get(i), bounds.get(i + 1)).values()) {
				sum = sum.with(digest);
			}
			sums.add(sum);
		}
		return sums;
	}

	@Override
	public Map<K, Long> newDigests(@Nullable K from, @Nullable K to) {
		return mapping.newDigests(from, to);
	}

	@Override
	public int resync(Collection<K> keys) {
		Set<K> wanted = new HashSet<>(keys);
		List<R> rows = new ArrayList<>();
		for (List<K> chunk : Keys.chunks(keys)) {
			// A text key matches case-insensitively under a legacy collation: keep the exact keys only.
			rows.addAll(rowsWhereIn(mapping.key().column(), chunk).stream()
				.filter(row -> wanted.contains(mapping.key(row)))
				.toList());
		}
		List<V> values = translate(rows);
		return values.isEmpty() ? 0 : mapping.store(values);
	}

	@Override
	public K parseKey(String text) {
		return mapping.key().parse().apply(text);
	}

	@Override
	public LiveRows liveRows(Collection<String> changeKeys) {
		List<LiveRow> rows = new ArrayList<>(changeKeys.size());
		Map<String, Long> ids = new LinkedHashMap<>();
		for (String key : changeKeys) {
			try {
				ids.put(key, Long.parseLong(key));
			}
			catch (NumberFormatException ex) {
				rows.add(LiveRow.untranslatable(key, "not a numeric legacy id: '" + key + "'"));
			}
		}
		Map<Long, R> live = new HashMap<>();
		for (List<Long> chunk : Keys.chunks(ids.values())) {
			rowsWhereIn(mapping.idColumn(), chunk).forEach(row -> live.put(mapping.id(row), row));
		}
		Map<String, V> upserts = new LinkedHashMap<>();
		Map<String, Runnable> removals = new LinkedHashMap<>();
		ids.forEach((key, id) -> {
			R row = live.get(id);
			if (row == null) {
				Runnable removal = mapping.removal(id);
				removals.put(key, removal);
				rows.add(LiveRow.apply(key, removal));
				return;
			}
			try {
				V value = mapping.translate(row);
				upserts.put(key, value);
				rows.add(LiveRow.apply(key, () -> mapping.upsert(value)));
			}
			catch (UntranslatableRow ex) {
				rows.add(LiveRow.untranslatable(key, ex.reason()));
			}
		});
		return new PreparedRows(rows, upserts, removals);
	}

	/** A batch's live rows with their values, so that they can be written in one module call as well as one by one. */
	private final class PreparedRows implements LiveRows {

		private final List<LiveRow> rows;
		private final Map<String, V> upserts;
		private final Map<String, Runnable> removals;

		PreparedRows(List<LiveRow> rows, Map<String, V> upserts, Map<String, Runnable> removals) {
			this.rows = rows;
			this.upserts = upserts;
			this.removals = removals;
		}

		@Override
		public List<LiveRow> rows() {
			return rows;
		}

		@Override
		public void applyAll(Set<String> leftOut) {
			// Removals first: a SKU a removed row held may be taken by one of the upserted rows.
			removals.forEach((key, removal) -> {
				if (!leftOut.contains(key)) {
					removal.run();
				}
			});
			List<V> values = new ArrayList<>(upserts.size());
			upserts.forEach((key, value) -> {
				if (!leftOut.contains(key)) {
					values.add(value);
				}
			});
			if (!values.isEmpty()) {
				mapping.upsertAll(values);
			}
		}
	}

	private List<R> rowsWhereIn(String column, List<?> values) {
		return legacy.jdbc()
			.sql(select + "WHERE " + column + " IN (" + Keys.placeholders(values.size()) + ")")
			.params(values)
			.query((rs, n) -> mapping.row(rs))
			.list();
	}

	/** Rows that cannot be translated are logged once each and left out; reconciliation reports them as drift. */
	private List<V> translate(List<R> rows) {
		List<V> values = new ArrayList<>(rows.size());
		for (R row : rows) {
			try {
				values.add(mapping.translate(row));
			}
			catch (UntranslatableRow ex) {
				log.warn("Legacy {} row {} not copied, it cannot be translated: {}", name(), mapping.id(row), ex.reason());
			}
		}
		return values;
	}

	/** A chunk whose rows are translated; {@code writer} hands them to the module's API. */
	private record Translated(long lastKey, int rows, int untranslatable, Runnable writer) implements Chunk {

		@Override
		public void write() {
			writer.run();
		}
	}
}
