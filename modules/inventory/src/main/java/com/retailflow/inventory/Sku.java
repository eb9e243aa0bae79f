package com.retailflow.inventory;

import java.util.Objects;

/** A stock-keeping unit code, e.g. {@code SKU-000042}: how the rest of the system names an item of stock. */
public record Sku(String code) {

	public Sku {
		Objects.requireNonNull(code, "code");
		if (code.isBlank() || code.length() > 64) {
			throw new IllegalArgumentException("A SKU is 1 to 64 characters");
		}
	}

	@Override
	public String toString() {
		return code;
	}
}
