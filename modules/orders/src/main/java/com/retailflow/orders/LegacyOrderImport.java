package com.retailflow.orders;

/** What importing one legacy order did. */
public enum LegacyOrderImport {
	/** The order was new to this side. */
	CREATED,
	/** Legacy's row had changed; the order took it over. */
	UPDATED,
	/** Nothing had changed. */
	UNCHANGED,
	/** The row is the write-back of an order placed on this side, which owns it: nothing to import. */
	OWNED_HERE
}
