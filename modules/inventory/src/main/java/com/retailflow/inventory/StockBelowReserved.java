package com.retailflow.inventory;

/**
 * Thrown when stock would be set below the units that open reservations already hold. Accepting it would break promises
 * made to shoppers (and the database refuses it anyway), so nothing was changed; the caller has to release or confirm
 * reservations first, or reconcile the count.
 */
public class StockBelowReserved extends RuntimeException {

	private final Sku sku;
	private final int onHand;
	private final int reserved;

	public StockBelowReserved(Sku sku, int onHand, int reserved) {
		super("Cannot set %s to %d on hand: %d units are reserved".formatted(sku, onHand, reserved));
		this.sku = sku;
		this.onHand = onHand;
		this.reserved = reserved;
	}

	/** The SKU. */
	public Sku sku() {
		return sku;
	}

	/** The on-hand level that was refused. */
	public int onHand() {
		return onHand;
	}

	/** The units held by open reservations. */
	public int reserved() {
		return reserved;
	}
}
