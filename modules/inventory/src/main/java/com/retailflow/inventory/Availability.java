package com.retailflow.inventory;

/**
 * What a shopper may be told about a SKU: how many units can still be reserved and the resulting level.
 *
 * @param sku the SKU
 * @param available units on hand minus units held by open reservations, never negative
 * @param level the level shown to shoppers
 */
public record Availability(Sku sku, int available, Level level) {

	/** Shopper-facing stock level. */
	public enum Level {
		IN_STOCK, LOW, OUT_OF_STOCK
	}

	/** Units at or below which stock counts as low (but above zero). */
	public static final int LOW_THRESHOLD = 5;

	public static Availability of(Sku sku, int available) {
		Level level = available <= 0 ? Level.OUT_OF_STOCK : available <= LOW_THRESHOLD ? Level.LOW : Level.IN_STOCK;
		return new Availability(sku, Math.max(available, 0), level);
	}

	/** What the storefront shows shoppers, the legacy shop's wording: "In stock", "Only 3 left", "Out of stock". */
	public String label() {
		return switch (level) {
			case IN_STOCK -> "In stock";
			case LOW -> "Only " + available + " left";
			case OUT_OF_STOCK -> "Out of stock";
		};
	}

	/** Unknown SKUs have nothing to sell. */
	public static Availability none(Sku sku) {
		return of(sku, 0);
	}
}
