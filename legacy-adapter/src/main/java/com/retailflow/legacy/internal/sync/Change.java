package com.retailflow.legacy.internal.sync;

/**
 * One row of the legacy change table: which row of which table changed. Only the key matters to the applier, which
 * re-reads the live row; the operation is kept for the record.
 */
record Change(long id, String table, String key, char op) {
}
