package com.retailflow.catalog;

import java.util.List;

/**
 * One page of a product listing.
 *
 * @param items the products of this page, in the order asked for
 * @param page the page number, from 1
 * @param size the page size asked for
 * @param totalItems how many products match in all
 */
public record ProductPage(List<ProductView> items, int page, int size, long totalItems) {

	public ProductPage {
		items = List.copyOf(items);
	}

	/** Number of pages, at least 1 (an empty listing still has its one, empty, page). */
	public int totalPages() {
		return (int) Math.max(1, (totalItems + size - 1) / size);
	}

	/** Rows before this page. */
	public long offset() {
		return (long) (page - 1) * size;
	}
}
