package com.retailflow.inventory;

/**
 * Thrown when a reservation asks for more units than are available. Nothing was reserved.
 *
 * <p>{@link #available()} is what was available right after the attempt; under concurrent traffic it can have changed
 * already, so callers should treat it as a hint for the shopper, not as a promise.
 */
public class InsufficientStock extends RuntimeException {

	private final Sku sku;
	private final int requested;
	private final int available;

	public InsufficientStock(Sku sku, int requested, int available) {
		super("Cannot reserve %d of %s: %d available".formatted(requested, sku, available));
		this.sku = sku;
		this.requested = requested;
		this.available = available;
	}

	/** The SKU that could not be reserved. */
	public Sku sku() {
		return sku;
	}

	/** The units asked for. */
	public int requested() {
		return requested;
	}

	/** The units available when the reservation failed. */
	public int available() {
		return available;
	}
}
