package com.retailflow.catalog.internal.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import com.retailflow.catalog.CatalogManagement;
import com.retailflow.catalog.CatalogModuleTest;
import com.retailflow.catalog.Category;
import com.retailflow.catalog.Product;
import com.retailflow.catalog.ProductId;
import com.retailflow.catalog.ProductStatus;
import com.retailflow.catalog.ProductView;
import com.retailflow.catalog.TestShoppers;
import com.retailflow.catalog.spi.ShopperState;
import com.retailflow.catalog.spi.ShopperState.Flash;
import com.retailflow.inventory.InventoryManagement;
import com.retailflow.kernel.Money;

/**
 * The kept product page: for every kind of shopper it is byte for byte the page rendered whole, it keeps no shopper's
 * state, and it follows the catalog's reads (a price or stock change renders it again, here and when another instance
 * made it). Uses categories 700–701 and products 700_001 on.
 */
@CatalogModuleTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProductPagesIntegrationTests {

	static final List<ShopperState> SHOPPERS = List.of(ShopperState.anonymous(),
			new ShopperState(null, 0, "0123456789abcdef", List.of()),
			new ShopperState("Alice <3 & \"Bob\"", 7, "tok\"en<", List.of(new Flash(Flash.Kind.SUCCESS, "Added."),
					new Flash(Flash.Kind.ERROR, "Only 2 <left>."))),
			new ShopperState("Zoë", 1, "fedcba9876543210", List.of()));

	@Autowired
	MockMvc mvc;

	@Autowired
	ProductPages pages;

	@Autowired
	CatalogManagement catalog;

	@Autowired
	InventoryManagement inventory;

	@Autowired
	TestShoppers shoppers;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Environment environment;

	@BeforeAll
	void seed() {
		catalog.importCategories(List.of(new Category(700, null, "Kitchen & Co", "kitchen-and-co"),
				new Category(701, 700L, "Pans", "pans")));
		catalog.importProducts(List.of(product(700_001, 701, "Cast <Iron> Pan", "Heavy.\nSeasoned.", "39.90"),
				product(700_002, 701, "Sold Out Wok", "", "24.00"),
				product(700_003, 700, "Old Kettle", "", "9.00").withStatus(ProductStatus.DISCONTINUED),
				product(700_004, 701, "Repriced Pot", "", "10.00"), product(700_005, 701, "Scarce Lid", "", "5.00"),
				product(700_006, 701, "Far Away Pan", "", "7.00")));
		inventory.importStock(
				Map.of(sku(700_001), 40, sku(700_002), 0, sku(700_004), 10, sku(700_005), 12, sku(700_006), 10));
	}

	@AfterEach
	void anonymousAgain() {
		shoppers.reset();
	}

	@Test
	void theKeptPageIsTheWholeRenderForEveryShopper() {
		for (long id : List.of(700_001L, 700_002L, 700_003L)) {
			ProductView view = pages.visible(ProductId.of(id)).orElseThrow();
			pages.body(view, ShopperState.anonymous());
			for (ShopperState shopper : SHOPPERS) {
				long hits = pages.hits();

				String kept = text(pages.body(view, shopper));

				assertThat(pages.hits()).as("served from the kept page").isEqualTo(hits + 1);
				assertThat(withoutTime(kept)).as("product %d for %s", id, shopper)
					.isEqualTo(withoutTime(text(pages.uncached(view, shopper))));
			}
		}
	}

	@Test
	void theKeptPageHoldsNoShoppersState() throws Exception {
		shoppers.set(SHOPPERS.get(2));
		String alice = html("/products/700001");
		shoppers.reset();
		long hits = pages.hits();

		String anonymous = html("/products/700001");

		assertThat(pages.hits()).isEqualTo(hits + 1);
		assertThat(alice).contains("Hi, Alice &lt;3 &amp; \"Bob\"</li>", "class=\"cart-count\">7<", "Only 2 &lt;left&gt;.");
		assertThat(anonymous).contains("class=\"cart-count\">0<", "<a href=\"/login.php\">Sign in</a>")
			.doesNotContain("Alice", "Hi,", "flash", "tok");
	}

	@Test
	void aPriceChangeRendersThePageAgain() throws Exception {
		assertThat(html("/products/700004")).contains("<p class=\"price\">€10.00</p>");
		assertThat(html("/products/700004")).contains("<p class=\"price\">€10.00</p>");
		long renders = pages.renders();

		catalog.changePrice(ProductId.of(700_004), Money.euros("12.50"));

		assertThat(html("/products/700004")).contains("<p class=\"price\">€12.50</p>").doesNotContain("€10.00");
		assertThat(pages.renders()).isEqualTo(renders + 1);
	}

	@Test
	void aPriceChangeOnAnotherInstanceRendersThePageAgainHere() throws Exception {
		assertThat(html("/products/700006")).contains("<p class=\"price\">€7.00</p>");
		long hits = pages.hits();
		assertThat(html("/products/700006")).contains("<p class=\"price\">€7.00</p>");
		assertThat(pages.hits()).isEqualTo(hits + 1);

		// Another instance's price change: its row, and the notification that comes with its commit.
		jdbc.update("UPDATE catalog.product SET price = 7.70 WHERE id = 700006");
		try (var otherInstance = DriverManager.getConnection(environment.getRequiredProperty("spring.datasource.url"),
				environment.getProperty("spring.datasource.username"),
				environment.getProperty("spring.datasource.password"))) {
			otherInstance.createStatement().execute("SELECT pg_notify('catalog_cache', 'product 700006')");
		}

		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (!html("/products/700006").contains("<p class=\"price\">€7.70</p>")) {
			assertThat(System.nanoTime()).as("the page shows the other instance's price").isLessThan(deadline);
			Thread.sleep(50);
		}
		assertThat(html("/products/700006")).doesNotContain("€7.00");
	}

	@Test
	void aStockChangeRendersThePageAgain() throws Exception {
		assertThat(html("/products/700005")).contains("<p class=\"stock in-stock\">In stock</p>");

		inventory.importStock(Map.of(sku(700_005), 3));

		assertThat(html("/products/700005")).contains("<p class=\"stock low-stock\">Only 3 left</p>");
	}

	@Test
	void unknownAndHiddenProductsAreStillTheShopsNotFoundPage() throws Exception {
		assertThat(mvc.perform(get("/products/799999")).andExpect(status().isNotFound()).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8)).contains("Product not found");
	}

	private String html(String url) throws Exception {
		var response = mvc.perform(get(url)).andExpect(status().isOk()).andReturn().getResponse();
		assertThat(response.getContentType()).isEqualTo("text/html;charset=UTF-8");
		assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store, no-cache, must-revalidate");
		return response.getContentAsString(StandardCharsets.UTF_8);
	}

	private static Product product(long id, long categoryId, String name, String description, String price) {
		return new Product(ProductId.of(id), ProductId.of(id).legacySku(), categoryId, name, description,
				Money.euros(price), ProductStatus.ACTIVE, Instant.parse("2018-01-01T00:00:00Z").plusSeconds(id));
	}

	private static com.retailflow.inventory.Sku sku(long id) {
		return ProductId.of(id).legacySku();
	}

	private static String text(byte[] page) {
		return new String(page, StandardCharsets.UTF_8);
	}

	private static String withoutTime(String page) {
		return page.replaceAll("Page generated at [0-9: -]+<", "Page generated at <");
	}
}
