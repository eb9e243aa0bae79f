package com.retailflow.catalog;

import com.retailflow.kernel.Money;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

import com.retailflow.inventory.RangeChecksum;
import com.retailflow.inventory.Sku;

/**
 * A product as the catalog keeps it: what is imported, upserted and read back.
 *
 * @param id the legacy product id
 * @param sku the stock-keeping unit linking the product to inventory, e.g. {@code SKU-000042}
 * @param categoryId the id of the category it is listed in
 * @param name what shoppers see, not blank
 * @param description plain text, possibly with line breaks; empty when there is none
 * @param price the exact price, not negative
 * @param status whether shoppers see and can buy it
 * @param createdAt when it was first offered ("newest" sorts on it); kept to microseconds, as PostgreSQL stores it
 */
public record Product(ProductId id, Sku sku, long categoryId, String name, String description, Money price,
		ProductStatus status, Instant createdAt) {

	public Product {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(sku, "sku");
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(description, "description");
		Objects.requireNonNull(price, "price");
		Objects.requireNonNull(status, "status");
		Objects.requireNonNull(createdAt, "createdAt");
		if (categoryId <= 0) {
			throw new IllegalArgumentException("Product " + id + " has no valid category: " + categoryId);
		}
		if (name.isBlank()) {
			throw new IllegalArgumentException("Product " + id + " has no name");
		}
		if (price.isNegative()) {
			throw new IllegalArgumentException("Product " + id + " cannot cost " + price);
		}
		createdAt = createdAt.truncatedTo(ChronoUnit.MICROS);
	}

	/** This product at another price. */
	public Product withPrice(Money newPrice) {
		return new Product(id, sku, categoryId, name, description, newPrice, status, createdAt);
	}

	/** This product with another status. */
	public Product withStatus(ProductStatus newStatus) {
		return new Product(id, sku, categoryId, name, description, price, newStatus, createdAt);
	}

	/**
	 * This product's row digest for reconciliation ({@link RangeChecksum#digest} over id, SKU, category id, name,
	 * description, price, currency, status and creation time in epoch microseconds), as
	 * {@link CatalogManagement#productChecksums} computes it over stored rows.
	 */
	public long digest() {
		return RangeChecksum.digest(Long.toString(id.value()), sku.code(), Long.toString(categoryId), name, description,
				price.amount().toPlainString(), price.currency().getCurrencyCode(), status.name(),
				Long.toString(ChronoUnit.MICROS.between(Instant.EPOCH, createdAt)));
	}
}
