package com.retailflow.catalog;

import com.retailflow.kernel.Money;
import static com.retailflow.catalog.Fixtures.category;
import static com.retailflow.catalog.Fixtures.product;
import static com.retailflow.catalog.Fixtures.sku;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.AssertablePublishedEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import com.retailflow.inventory.Availability.Level;
import com.retailflow.inventory.InventoryManagement;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Cached reads never outlive the write that changed them: a price change and a stock change are visible to the very
 * next read (detail, listings, pages, API), because the module's own events and inventory's evict right after
 * commit. Uses category 300 and products 300_001–300_099.
 */
@CatalogModuleTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CacheInvalidationIntegrationTests {

	@Autowired
	CatalogManagement catalog;

	@Autowired
	InventoryManagement inventory;

	@Autowired
	MockMvc mvc;

	@Autowired
	TransactionTemplate transactions;

	@BeforeAll
	void seed() {
		catalog.importCategories(List.of(category(300, "Cache Test", "cache-test")));
		catalog.importProducts(List.of(product(300_001, 300, "Cached Kettle", "Boils water.", "20.00"),
				product(300_002, 300, "Cached Teapot", "Brews tea.", "30.00"),
				product(300_003, 300, "Cached Mug", "Holds tea.", "5.00")));
		inventory.importStock(Map.of(sku(300_001), 100, sku(300_002), 100, sku(300_003), 100));
	}

	@Test
	void aPriceChangeIsVisibleAtOnce(AssertablePublishedEvents events) throws Exception {
		var id = ProductId.of(300_001);
		var listing = ProductQuery.search("cached kettle");
		assertThat(catalog.product(id).orElseThrow().price()).isEqualTo(Money.euros("20.00"));
		assertThat(catalog.search(listing).items().getFirst().price()).isEqualTo(Money.euros("20.00"));
		mvc.perform(get("/products/300001")).andExpect(content().string(org.hamcrest.Matchers.containsString("€20.00")));

		assertThat(catalog.changePrice(id, Money.euros("17.50"))).isTrue();

		assertThat(catalog.product(id).orElseThrow().price()).isEqualTo(Money.euros("17.50"));
		assertThat(catalog.search(listing).items().getFirst().price()).isEqualTo(Money.euros("17.50"));
		mvc.perform(get("/products/300001")).andExpect(content().string(org.hamcrest.Matchers.containsString("€17.50")));
		mvc.perform(get("/api/v1/products/300001")).andExpect(jsonPath("$.price.amount").value("17.50"));
		assertThat(events.ofType(PriceChanged.class).matching(event -> event.productId().equals(id)))
			.containsExactly(new PriceChanged(id, Money.euros("20.00"), Money.euros("17.50")));
	}

	@Test
	void anUpsertIsVisibleAtOnce(AssertablePublishedEvents events) {
		var id = ProductId.of(300_002);
		var before = catalog.product(id).orElseThrow().product();
		assertThat(catalog.search(ProductQuery.inCategory(300)).items()).extracting(ProductView::id).contains(id);

		var renamed = new Product(id, before.sku(), 300, "Renamed Teapot", before.description(), Money.euros("31.00"),
				ProductStatus.HIDDEN, before.createdAt());
		assertThat(catalog.upsertProduct(renamed)).isTrue();
		assertThat(catalog.upsertProduct(renamed)).as("no change, no write").isFalse();

		assertThat(catalog.product(id).orElseThrow().product()).isEqualTo(renamed);
		assertThat(catalog.search(ProductQuery.inCategory(300)).items()).extracting(ProductView::id)
			.doesNotContain(id);
		assertThat(events.ofType(ProductChanged.class).matching(event -> event.productId().equals(id))).hasSize(1);
		assertThat(events.ofType(PriceChanged.class).matching(event -> event.productId().equals(id))).hasSize(1);
	}

	@Test
	void aNewProductReplacesACachedMiss() {
		var id = ProductId.of(300_050);
		assertThat(catalog.product(id)).isEmpty();

		catalog.upsertProduct(product(300_050, 300, "Brand New Cosy", "4.00"));

		assertThat(catalog.product(id)).isPresent();
	}

	@Test
	void aStockChangeIsVisibleAtOnce() throws Exception {
		var id = ProductId.of(300_003);
		assertThat(catalog.product(id).orElseThrow().availability().level()).isEqualTo(Level.IN_STOCK);
		assertThat(catalog.search(ProductQuery.search("cached mug")).items().getFirst().availability().level())
			.isEqualTo(Level.IN_STOCK);

		inventory.setStock(sku(300_003), 3);

		assertThat(catalog.product(id).orElseThrow().availability()).extracting("available", "level")
			.containsExactly(3, Level.LOW);
		assertThat(catalog.search(ProductQuery.search("cached mug")).items().getFirst().availability().level())
			.isEqualTo(Level.LOW);
		mvc.perform(get("/products/300003"))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("Only 3 left")));

		inventory.importStock(Map.of(sku(300_003), 0));

		assertThat(catalog.product(id).orElseThrow().buyable()).isFalse();
		mvc.perform(get("/products/300003"))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("Out of stock")));
	}

	@Test
	void aRolledBackChangeLeavesTheCacheAlone() {
		var id = ProductId.of(300_001);
		Money current = catalog.product(id).orElseThrow().price();

		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> transactions.executeWithoutResult(tx -> {
			catalog.changePrice(id, Money.euros("1.00"));
			throw new IllegalStateException("roll back");
		}));

		assertThat(catalog.product(id).orElseThrow().price()).isEqualTo(current);
	}

	@Test
	void cachesAreBoundedAndExportTheirStatistics(@Autowired MeterRegistry meters) {
		catalog.product(ProductId.of(300_001));
		catalog.product(ProductId.of(300_001));

		for (String cache : List.of("catalog.products", "catalog.availability", "catalog.category-pages",
				"catalog.search-pages", "catalog.categories")) {
			assertThat(meters.find("cache.gets").tag("cache", cache).tag("cache.manager", "catalog").meters())
				.as(cache)
				.isNotEmpty();
		}
		assertThat(meters.get("cache.gets").tag("cache", "catalog.products").tag("result", "hit").functionCounter()
			.count()).isPositive();
	}

	@Test
	void unknownProductsCannotBeRepriced() {
		assertThatExceptionOfType(UnknownProduct.class)
			.isThrownBy(() -> catalog.changePrice(ProductId.of(399_999), Money.euros("1.00")));
	}
}
