package com.retailflow.legacy.internal.tables;

/** A chunk whose rows are translated; {@code writer} hands them to the module's API. */
record Translated(long lastKey, int rows, int untranslatable, Runnable writer) implements SyncedTable.Chunk {

	@Override
	public void write() {
		writer.run();
	}
}
