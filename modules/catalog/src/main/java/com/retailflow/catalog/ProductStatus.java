package com.retailflow.catalog;

/**
 * Where a product stands with shoppers (the legacy shop's status codes 1, 2 and 3).
 */
public enum ProductStatus {

	/** Listed, searchable and buyable. */
	ACTIVE,

	/** As good as not there: not listed, and its page is a 404. */
	HIDDEN,

	/** No longer sold: not listed, but its page still answers (old links, bookmarks) and says so. */
	DISCONTINUED;

	/** Whether shoppers find it in listings and search. Only active products are. */
	public boolean listed() {
		return this == ACTIVE;
	}

	/** Whether its product page and API resource exist for shoppers. */
	public boolean visibleToShoppers() {
		return this != HIDDEN;
	}
}
