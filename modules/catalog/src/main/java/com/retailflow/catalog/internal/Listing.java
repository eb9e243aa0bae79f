package com.retailflow.catalog.internal;

import java.util.List;

import com.retailflow.catalog.Product;

/** One page of products as the database returned it, and how many products match in all. */
record Listing(List<Product> products, long total) {

	static final Listing EMPTY = new Listing(List.of(), 0);

	Listing {
		products = List.copyOf(products);
	}
}
