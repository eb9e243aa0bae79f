package com.retailflow.catalog;

import static com.retailflow.catalog.Fixtures.category;
import static com.retailflow.catalog.Fixtures.product;
import static com.retailflow.catalog.Fixtures.sku;
import static com.retailflow.catalog.Fixtures.subcategory;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import com.retailflow.inventory.InventoryManagement;

/**
 * The JSON API under {@code /api/v1}: shapes, exact prices, availability, and RFC 9457 problems for every error, with
 * bad input always a 4xx. Uses categories 400–401 and products 400_001–400_099.
 */
@CatalogModuleTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProductApiIntegrationTests {

	@Autowired
	MockMvc mvc;

	@BeforeAll
	void seed(@Autowired CatalogManagement catalog, @Autowired InventoryManagement inventory) {
		catalog.importCategories(List.of(category(400, "Api Test", "api-test"),
				subcategory(401, 400, "Api Sub", "api-sub")));
		catalog.importProducts(List.of(product(400_001, 401, "Apiary Honey", "Raw honey.\nFrom our bees.", "7.95"),
				product(400_002, 400, "Apiary Candle", "Beeswax.", "12.50"),
				product(400_003, 400, "Apiary Secret", "", "1.00").withStatus(ProductStatus.HIDDEN),
				product(400_004, 400, "Apiary Smoker", "", "30.00").withStatus(ProductStatus.DISCONTINUED)));
		inventory.importStock(Map.of(sku(400_001), 200, sku(400_002), 2));
	}

	@Test
	void listsWithPriceAndAvailability() throws Exception {
		mvc.perform(get("/api/v1/products").param("category", "api-test").param("sort", "price_desc"))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
			.andExpect(jsonPath("$.items", hasSize(2)))
			.andExpect(jsonPath("$.items[0].id").value(400_002))
			.andExpect(jsonPath("$.items[0].price.amount").value("12.50"))
			.andExpect(jsonPath("$.items[0].price.currency").value("EUR"))
			.andExpect(jsonPath("$.items[0].availability.level").value("LOW"))
			.andExpect(jsonPath("$.items[0].availability.label").value("Only 2 left"))
			.andExpect(jsonPath("$.items[0].availability.available").value(2))
			.andExpect(jsonPath("$.items[1].id").value(400_001))
			.andExpect(jsonPath("$.items[1].price.amount").value("7.95"))
			.andExpect(jsonPath("$.items[1].availability.level").value("IN_STOCK"))
			.andExpect(jsonPath("$.items[1].availability.available").value(nullValue()))
			.andExpect(jsonPath("$.page").value(1))
			.andExpect(jsonPath("$.size").value(20))
			.andExpect(jsonPath("$.totalItems").value(2))
			.andExpect(jsonPath("$.totalPages").value(1));
	}

	@Test
	void searchesAndFilters() throws Exception {
		mvc.perform(get("/api/v1/products").param("q", "apiar").param("category", "400").param("minPrice", "5")
			.param("maxPrice", "10.00").param("size", "5"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items[*].id").value(org.hamcrest.Matchers.contains(400_001)))
			.andExpect(jsonPath("$.size").value(5));
	}

	@Test
	void showsOneProduct() throws Exception {
		mvc.perform(get("/api/v1/products/400001"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value(400_001))
			.andExpect(jsonPath("$.sku").value("SKU-400001"))
			.andExpect(jsonPath("$.name").value("Apiary Honey"))
			.andExpect(jsonPath("$.description").value("Raw honey.\nFrom our bees."))
			.andExpect(jsonPath("$.price.amount").value("7.95"))
			.andExpect(jsonPath("$.category.slug").value("api-sub"))
			.andExpect(jsonPath("$.availability.level").value("IN_STOCK"))
			.andExpect(jsonPath("$.buyable").value(true))
			.andExpect(jsonPath("$.url").value("/products/400001"));
		mvc.perform(get("/api/v1/products/400004"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("DISCONTINUED"))
			.andExpect(jsonPath("$.buyable").value(false));
	}

	@Test
	void listsCategories() throws Exception {
		mvc.perform(get("/api/v1/categories"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[?(@.slug == 'api-sub')].parentId").value(org.hamcrest.Matchers.contains(400)));
		mvc.perform(get("/api/v1/categories/api-test"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value(400))
			.andExpect(jsonPath("$.parent").value(nullValue()))
			.andExpect(jsonPath("$.children[0].slug").value("api-sub"));
		mvc.perform(get("/api/v1/categories/api-sub")).andExpect(jsonPath("$.parent.slug").value("api-test"));
	}

	@Test
	void unknownAndHiddenThingsAre404Problems() throws Exception {
		problem(get("/api/v1/products/499999"), 404, "No product 499999");
		problem(get("/api/v1/products/400003"), 404, "No product 400003");
		problem(get("/api/v1/categories/no-such-category"), 404, "No category 'no-such-category'");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			/api/v1/products/abc                        | 'abc' is not a whole number (id)
			/api/v1/products/-5                         | A product id is a positive number
			/api/v1/products/0                          | A product id is a positive number
			/api/v1/products/99999999999999999999999    | is not a whole number (id)
			/api/v1/products?page=0                     | The page number must be a whole number
			/api/v1/products?page=x                     | 'x' is not a whole number (page)
			/api/v1/products?size=101                   | The page size must be a whole number from 1 to 100
			/api/v1/products?size=0                     | The page size must be a whole number from 1 to 100
			/api/v1/products?minPrice=-1                | A price cannot be negative
			/api/v1/products?maxPrice=ten               | 'ten' is not a number (maxPrice)
			/api/v1/products?minPrice=1.001             | A price has at most two decimals
			/api/v1/products?minPrice=1e400             | A price cannot be above
			/api/v1/products?minPrice=20&maxPrice=10    | The minimum price 20 is above the maximum price 10
			/api/v1/products?sort=cheapest              | Unknown sort 'cheapest'; use one of relevance, price_asc, price_desc, name, newest
			/api/v1/products?category=no-such-category  | There is no category 'no-such-category'
			/api/v1/products?category=999999999999999999999 | There is no category
			""")
	void badInputIsA400Problem(String url, String detail) throws Exception {
		problem(get(URI.create(url)), 400, detail);
	}

	@Test
	void documentsTheApiInOpenApi() throws Exception {
		mvc.perform(get("/v3/api-docs"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.paths['/api/v1/products'].get").exists())
			.andExpect(jsonPath("$.paths['/api/v1/products/{id}'].get.responses['404']").exists())
			.andExpect(jsonPath("$.paths['/api/v1/categories'].get").exists())
			.andExpect(jsonPath("$.paths['/api/v1/categories/{slug}'].get").exists())
			.andExpect(jsonPath("$.components.schemas.Price.properties.amount.type").value("string"));
		mvc.perform(get("/swagger-ui/index.html")).andExpect(status().isOk());
	}

	private ResultActions problem(org.springframework.test.web.servlet.RequestBuilder request, int status,
			String detail) throws Exception {
		return mvc.perform(request)
			.andExpect(status().is(status))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value(status == 404 ? "/api/v1/problems/not-found" : "/api/v1/problems/invalid-parameter"))
			.andExpect(jsonPath("$.title").value(status == 404 ? "Not Found" : "Bad Request"))
			.andExpect(jsonPath("$.status").value(status))
			.andExpect(jsonPath("$.detail").value(containsString(detail)))
			.andExpect(jsonPath("$.instance").exists());
	}
}
