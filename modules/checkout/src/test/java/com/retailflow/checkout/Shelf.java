package com.retailflow.checkout;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.retailflow.catalog.CatalogManagement;
import com.retailflow.catalog.Category;
import com.retailflow.catalog.Product;
import com.retailflow.catalog.ProductId;
import com.retailflow.catalog.ProductStatus;
import com.retailflow.inventory.InventoryManagement;
import com.retailflow.inventory.Sku;
import com.retailflow.kernel.Money;

/** Puts products with stock into the real catalog and inventory; every product is new, so tests never share one. */
public final class Shelf {

	private static final AtomicLong NEXT_ID = new AtomicLong(System.nanoTime() % 1_000_000 * 1000 + 1);

	private final CatalogManagement catalog;
	private final InventoryManagement inventory;

	public Shelf(CatalogManagement catalog, InventoryManagement inventory) {
		this.catalog = catalog;
		this.inventory = inventory;
		catalog.importCategories(List.of(new Category(1, null, "Everything", "everything")));
	}

	public Product product(String price, int stock) {
		return product(price, stock, ProductStatus.ACTIVE);
	}

	Product product(String price, int stock, ProductStatus status) {
		var id = ProductId.of(NEXT_ID.getAndIncrement());
		var product = new Product(id, id.legacySku(), 1, "Product " + id, "", Money.of(price, "USD"), status,
				Instant.now());
		catalog.upsertProduct(product);
		inventory.setStock(product.sku(), stock);
		return product;
	}

	public int available(Product product) {
		return inventory.availabilityOf(product.sku()).available();
	}

	int available(Sku sku) {
		return inventory.availabilityOf(sku).available();
	}
}
