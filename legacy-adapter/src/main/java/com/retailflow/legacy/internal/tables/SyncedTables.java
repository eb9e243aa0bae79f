package com.retailflow.legacy.internal.tables;

import java.util.List;

import org.springframework.stereotype.Component;

/** Every synced table, in the order a backfill copies them (categories before the products listed in them). */
@Component
public class SyncedTables {

	private final List<SyncedTable<?>> tables;

	SyncedTables(List<SyncedTable<?>> tables) {
		this.tables = List.copyOf(tables);
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
