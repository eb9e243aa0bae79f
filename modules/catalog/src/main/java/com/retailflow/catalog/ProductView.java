package com.retailflow.catalog;

import com.retailflow.kernel.Money;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import com.retailflow.inventory.Availability;

/**
 * A product as shoppers are shown it: the product, its category and its current availability.
 *
 * @param product the product
 * @param category its category, {@code null} if the category is not (yet) known to the catalog
 * @param availability how many units can be bought now, from inventory
 */
public record ProductView(Product product, @Nullable Category category, Availability availability) {

	public ProductView {
		Objects.requireNonNull(product, "product");
		Objects.requireNonNull(availability, "availability");
	}

	public ProductId id() {
		return product.id();
	}

	public Money price() {
		return product.price();
	}

	/** Whether a shopper can put it in the cart now: active and in stock. */
	public boolean buyable() {
		return product.status() == ProductStatus.ACTIVE && availability.available() > 0;
	}
}
