package com.retailflow.catalog;

import static com.retailflow.catalog.Fixtures.category;
import static com.retailflow.catalog.Fixtures.product;
import static com.retailflow.catalog.Fixtures.sku;
import static com.retailflow.catalog.Fixtures.subcategory;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import com.retailflow.catalog.spi.ShopperState;
import com.retailflow.catalog.spi.ShopperState.Flash;
import com.retailflow.inventory.InventoryManagement;

/**
 * The storefront pages look like the legacy shop's: same header, navigation, search form, cart link, footer, class
 * names and form fields (the add-to-cart form posts to the legacy {@code /cart.php}), under the new URLs; unknown
 * things are the shop's own 404 page, bad page numbers its 400 page. Uses categories 500–503 and products 500_001 on.
 */
@CatalogModuleTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StorefrontIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestShoppers shoppers;

	@BeforeAll
	void seed(@Autowired CatalogManagement catalog, @Autowired InventoryManagement inventory) {
		catalog.importCategories(List.of(category(500, "Garden & Patio", "garden-and-patio"),
				subcategory(501, 500, "Planters", "planters"), subcategory(502, 500, "Tools", "tools"),
				category(503, "Empty Shelf", "empty-shelf")));
		var products = new ArrayList<>(List.of(
				product(500_001, 501, "Terracotta <Planter> & Saucer", "Frost-proof.\nHand made in Impruneta.",
						"1234.50"),
				product(500_002, 502, "Pruning Shears", "Sharp.", "19.99"),
				product(500_003, 502, "Garden Rake", "", "24.00"),
				product(500_004, 502, "Trowel Discontinued", "", "5.00").withStatus(ProductStatus.DISCONTINUED),
				product(500_005, 502, "Trowel Hidden", "", "5.00").withStatus(ProductStatus.HIDDEN)));
		// 45 more tools for paging: 48 listed in the garden tree -> 3 pages of 20
		LongStream.range(500_100, 500_145).forEach(id -> products.add(product(id, 502, "Hose Clip " + id, "0.99")));
		catalog.importProducts(products);
		inventory.importStock(Map.of(sku(500_001), 40, sku(500_002), 4, sku(500_003), 0));
	}

	@AfterEach
	void anonymousAgain() {
		shoppers.reset();
	}

	@Test
	void everyPageHasTheLegacyHeaderNavigationAndFooter() throws Exception {
		for (String url : List.of("/", "/categories/garden-and-patio", "/search?q=shears", "/products/500002")) {
			String html = html(url, 200);

			assertThat(html).as(url)
				.startsWith("<!DOCTYPE html>")
				.contains("<link rel=\"stylesheet\" href=\"/assets/style.css\">")
				.contains("<header id=\"site-header\">")
				.contains("<a class=\"logo\" href=\"/\">RetailFlow Shop</a>")
				.contains("<form class=\"search-form\" action=\"/search\" method=\"get\">")
				.containsPattern("<input type=\"text\" name=\"q\" value=\"[^\"]*\" placeholder=\"Search products\">")
				.contains("<ul class=\"user-nav\">")
				.contains("<a class=\"cart-link\" href=\"/cart.php\">Cart (<span class=\"cart-count\">0</span>)</a>")
				.contains("<li><a href=\"/login.php\">Sign in</a></li>")
				.contains("<li><a href=\"/register.php\">Register</a></li>")
				.contains("<nav id=\"main-nav\">")
				.contains("<a href=\"/categories/garden-and-patio\">Garden &amp; Patio</a>")
				.contains("<main id=\"content\" class=\"wrap\">")
				.contains("<footer id=\"site-footer\">")
				.contains("<a href=\"/cart.php\">Cart</a>")
				.contains("<a href=\"/account.php\">Your account</a>")
				.containsPattern("<p class=\"generated\">Page generated at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d</p>");
		}
	}

	@Test
	void theHeaderShowsTheShopperFromTheShopperContext() throws Exception {
		shoppers.set(new ShopperState("Alice <3", 7, "tok3n", List.of(new Flash(Flash.Kind.SUCCESS, "Added."))));

		String html = html("/products/500001", 200);

		assertThat(html).contains("<span class=\"cart-count\">7</span>")
			.contains("<li class=\"hello\">Hi, Alice &lt;3</li>")
			.contains("<li><a href=\"/account.php\">Account</a></li>")
			.contains("<li><a href=\"/logout.php\">Sign out</a></li>")
			.doesNotContain("/login.php")
			.contains("<div class=\"flash flash-success\">Added.</div>")
			.contains("<input type=\"hidden\" name=\"csrf\" value=\"tok3n\">");
	}

	@Test
	void theProductPageHasTheLegacyAddToCartForm() throws Exception {
		String html = html("/products/500001", 200);

		assertThat(html).contains("<title>Terracotta &lt;Planter&gt; &amp; Saucer | RetailFlow Shop</title>")
			.contains("<a href=\"/categories/garden-and-patio\">Garden &amp; Patio</a> &raquo;")
			.contains("<a href=\"/categories/planters\">Planters</a> &raquo;")
			.contains("<li class=\"active\"><a href=\"/categories/garden-and-patio\">")
			.contains("<h1 class=\"product-name\">Terracotta &lt;Planter&gt; &amp; Saucer</h1>")
			.contains("<p class=\"sku\">SKU: SKU-500001</p>")
			.contains("<p class=\"price\">€1,234.50</p>")
			.contains("<p class=\"stock in-stock\">In stock</p>")
			.contains("<form class=\"add-to-cart\" method=\"post\" action=\"/cart.php\">")
			.contains("<input type=\"hidden\" name=\"action\" value=\"add\">")
			.contains("<input type=\"hidden\" name=\"product_id\" value=\"500001\">")
			.contains("<input type=\"hidden\" name=\"csrf\" value=\"\">")
			.contains("<input type=\"number\" id=\"qty\" name=\"qty\" value=\"1\" min=\"1\" max=\"99\">")
			.contains("<button type=\"submit\" class=\"button\">Add to cart</button>")
			.contains("<div class=\"description\">Frost-proof.<br />\nHand made in Impruneta.</div>");
	}

	@Test
	void theProductPageTellsStock() throws Exception {
		assertThat(html("/products/500002", 200)).contains("<p class=\"stock low-stock\">Only 4 left</p>")
			.contains("class=\"add-to-cart\"");
		assertThat(html("/products/500003", 200)).contains("<p class=\"stock out-of-stock\">Out of stock</p>")
			.doesNotContain("class=\"add-to-cart\"");
		assertThat(html("/products/500004", 200))
			.contains("<p class=\"stock discontinued\">This product has been discontinued.</p>")
			.doesNotContain("class=\"add-to-cart\"");
	}

	@Test
	void unknownHiddenOrMalformedProductsAreTheShops404Page() throws Exception {
		for (String url : List.of("/products/599999", "/products/500005", "/products/abc", "/products/0",
				"/products/1234567890")) {
			assertThat(html(url, 404)).as(url)
				.contains("<header id=\"site-header\">")
				.contains("<div class=\"error-page\"><h1>Product not found</h1><p>We could not find that product.</p>"
						+ "<p><a href=\"/\">Back to the shop</a></p></div>");
		}
	}

	@Test
	void theCategoryPageListsItsSubcategoriesAndPages() throws Exception {
		String first = html("/categories/garden-and-patio", 200);

		assertThat(first).contains("<title>Garden &amp; Patio | RetailFlow Shop</title>")
			.contains("<p class=\"breadcrumbs\"><a href=\"/\">Home</a> &raquo;\n  Garden &amp; Patio</p>")
			.contains("<h1>Garden &amp; Patio</h1>")
			.contains("<ul class=\"subcategory-links\">")
			.contains("<li><a href=\"/categories/planters\">Planters</a></li>")
			.contains("<p class=\"result-count\">Showing 1&ndash;20 of 48 products</p>")
			.contains("<div class=\"product-grid\">")
			.contains("<div class=\"product-card\"><a class=\"thumb\" href=\"/products/500001\"><span>T</span></a>"
					+ "<h3 class=\"product-name\"><a href=\"/products/500001\">Terracotta &lt;Planter&gt; &amp; Saucer"
					+ "</a></h3><p class=\"price\">€1,234.50</p></div>")
			.doesNotContain("Trowel")
			.contains("<div class=\"pager\"><span class=\"current\">Page 1 of 3</span> "
					+ "<a class=\"next\" href=\"/categories/garden-and-patio?page=2\">Next &raquo;</a></div>");

		assertThat(html("/categories/garden-and-patio?page=2", 200))
			.contains("<title>Garden &amp; Patio - page 2 | RetailFlow Shop</title>")
			.contains("Showing 21&ndash;40 of 48 products")
			.contains("<a class=\"prev\" href=\"/categories/garden-and-patio?page=1\">&laquo; Previous</a> "
					+ "<span class=\"current\">Page 2 of 3</span> <a class=\"next\"");
		assertThat(html("/categories/tools", 200))
			.contains("<a href=\"/categories/garden-and-patio\">Garden &amp; Patio</a> &raquo;\n  Tools</p>");
		assertThat(html("/categories/empty-shelf", 200))
			.contains("<p class=\"empty\">There are no products in this category yet.</p>");
	}

	@Test
	void badCategoryRequestsAreTheShopsErrorPages() throws Exception {
		assertThat(html("/categories/no-such-thing", 404)).contains("<h1>Category not found</h1>");
		assertThat(html("/categories/garden-and-patio?page=4", 404)).contains("<h1>Page not found</h1>")
			.contains("This category does not have that many pages.");
		for (String page : List.of("0", "-1", "abc", "1.5", "9999999999")) {
			assertThat(html("/categories/garden-and-patio?page=" + page, 400)).as(page)
				.contains("<div class=\"error-page\"><h1>Bad request</h1>"
						+ "<p>The page number must be a positive whole number.</p>");
		}
	}

	@Test
	void theSearchPageFindsAndPages() throws Exception {
		assertThat(html("/search?q=pruning", 200)).contains("<title>Search: pruning | RetailFlow Shop</title>")
			.contains("<input type=\"text\" name=\"q\" value=\"pruning\" placeholder=\"Search products\">")
			.contains("<h1>Search results for &ldquo;pruning&rdquo;</h1>")
			.contains("Showing 1&ndash;1 of 1 products")
			.contains("href=\"/products/500002\"");
		assertThat(html("/search?q=hose%20clip&page=3", 200)).contains("Showing 41&ndash;45 of 45 products")
			.contains("<a class=\"prev\" href=\"/search?q=hose%20clip&amp;page=2\">");
		assertThat(html("/search?q=zzzqqq", 200)).contains("<p class=\"empty\">No products match &ldquo;zzzqqq&rdquo;.</p>");
		assertThat(html("/search?q=%20%20", 400)).contains("<h1>Search</h1><p>Please enter a search term.</p>");
		assertThat(html("/search", 400)).contains("Please enter a search term.");
		assertThat(html("/search?q=hose&page=9", 404)).contains("There are not that many pages of results.");
	}

	@Test
	void theHomePageShowsTheCategoryTreeAndFeaturedProducts() throws Exception {
		String html = html("/", 200);

		assertThat(html).contains("<title>RetailFlow Shop</title>")
			.contains("<li class=\"active\"><a href=\"/\">Home</a></li>")
			.contains("<h1>Welcome to RetailFlow Shop</h1>")
			.contains("Free delivery on orders over €50.")
			.contains("<ul class=\"category-list\">")
			.contains("<a class=\"category-name\" href=\"/categories/garden-and-patio\">Garden &amp; Patio</a>")
			.contains("<ul class=\"subcategories\">")
			.contains("<li><a href=\"/categories/tools\">Tools</a></li>")
			.contains("<h2>Featured products</h2>");
	}

	@Test
	void servesTheLegacyStylesheet() throws Exception {
		String css = mvc.perform(get("/assets/style.css"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertThat(css).contains("#site-header").contains(".product-card").contains(".add-to-cart");
	}

	private String html(String url, int status) throws Exception {
		var response = mvc.perform(get(URI.create(url)).accept(MediaType.TEXT_HTML))
			.andExpect(status().is(status))
			.andReturn()
			.getResponse();
		assertThat(response.getContentType()).as(url).startsWith("text/html");
		assertThat(response.getHeader("Cache-Control")).as(url).contains("no-store");
		return response.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
	}
}
