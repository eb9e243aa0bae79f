package com.retailflow.legacy.internal.tables;

import com.retailflow.legacy.internal.translation.UntranslatableRow;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Rows the bulk paths skip are logged once each; reconciliation reports them as drift with their reasons. */
final class Untranslatable {

	private static final Logger log = LoggerFactory.getLogger(Untranslatable.class);

	private Untranslatable() {
	}

	static void log(String table, String key, UntranslatableRow ex) {
		log.warn("Legacy {} row {} not copied, it cannot be translated: {}", table, key, ex.reason());
	}
}
