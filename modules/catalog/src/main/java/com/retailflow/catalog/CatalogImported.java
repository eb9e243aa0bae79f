package com.retailflow.catalog;

/**
 * Published once per bulk import that wrote anything, instead of one event per row: a backfill of a million products
 * must not produce a million events. Listeners that cache catalog data should drop it wholesale.
 *
 * @param kind what was imported
 * @param received rows handed in
 * @param written rows inserted or changed
 */
public record CatalogImported(Kind kind, int received, int written) {

	/** What an import carried. */
	public enum Kind {
		CATEGORIES, PRODUCTS
	}
}
