package com.retailflow.legacy.internal.tables;

import java.util.function.Function;

/**
 * The column reconciliation compares a table by, and how it is ordered. Text keys are ordered and ranged by their
 * bytes: MariaDB's default collation is case-insensitive, so it would order (and match) keys differently from the
 * module, which orders by bytes.
 *
 * @param column the key as the legacy query names it
 * @param text whether to compare by bytes rather than by value
 * @param parse a key from its report text
 */
record ReconciliationKey<K>(String column, boolean text, Function<String, K> parse) {

	/** A numeric key ({@code c.id}). */
	static ReconciliationKey<Long> number(String column) {
		return new ReconciliationKey<>(column, false, Long::valueOf);
	}

	/** A text key ({@code p.sku}), in byte order. */
	static ReconciliationKey<String> textInByteOrder(String column) {
		return new ReconciliationKey<>(column, true, Function.identity());
	}

	/** The key as SQL orders and compares it. */
	String ordered() {
		return text ? "CAST(" + column + " AS BINARY)" : column;
	}

	/** A bound, compared as {@link #ordered()} compares. */
	String parameter() {
		return text ? "CAST(? AS BINARY)" : "?";
	}
}
