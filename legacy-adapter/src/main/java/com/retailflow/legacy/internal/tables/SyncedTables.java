package com.retailflow.legacy.internal.tables;

import java.util.List;

import com.retailflow.legacy.internal.LegacyDatabase;

import org.springframework.stereotype.Component;

/**
 * Every synced table, one per {@link TableMapping} bean, in the order a backfill copies them (the mappings'
 * {@code @Order}: categories before the products listed in them).
 */
@Component
public class SyncedTables {

	private final List<SyncedTable<?>> tables;

	SyncedTables(List<TableMapping<?, ?, ?>> mappings, LegacyDatabase legacy) {
		this.tables = mappings.stream().<SyncedTable<?>>map(mapping -> synced(mapping, legacy)).toList();
	}

	private static <R, V, K> SyncedTable<K> synced(TableMapping<R, V, K> mapping, LegacyDatabase legacy) {
		return new MappedTable<>(mapping, legacy);
	}

	public List<SyncedTable<?>> all() {
		return tables;
	}

	/** The tables of one module; empty for a module without synced tables. */
	public List<SyncedTable<?>> of(String module) {
		return tables.stream().filter(table -> table.module().equals(module)).toList();
	}

	/** The modules that have synced tables. */
	public List<String> modules() {
		return tables.stream().map(SyncedTable::module).distinct().toList();
	}
}
