package com.retailflow.catalog;

import static com.retailflow.catalog.Fixtures.category;
import static com.retailflow.catalog.Fixtures.product;
import static com.retailflow.catalog.Fixtures.subcategory;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Full-text search, filters, sorting and paging against real PostgreSQL. Everything here lives in categories
 * 100–104 and products 100_001–100_999, so other test classes' data never interferes (queries are scoped to those
 * categories, or use words only this class uses).
 */
@CatalogModuleTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchIntegrationTests {

	static final long FOOD = 100, SWEETS = 101, DRINKS = 102, PAGING = 103, OTHER = 104;

	@Autowired
	CatalogManagement catalog;

	@BeforeAll
	void seed() {
		catalog.importCategories(List.of(category(FOOD, "Food Test", "food-test"),
				subcategory(SWEETS, FOOD, "Sweets Test", "sweets-test"),
				subcategory(DRINKS, FOOD, "Drinks Test", "drinks-test"), category(PAGING, "Paging Test", "paging-test"),
				category(OTHER, "Other Test", "other-test")));
		List<Product> products = new ArrayList<>(List.of(
				// ranking: the word in the name vs only in the description
				product(100_001, SWEETS, "Plain Wafer", "Goes well with quokkaberry jam.", "3.00"),
				product(100_002, SWEETS, "Quokkaberry Jam", "A fruity spread.", "4.00"),
				// prefix and stemming
				product(100_003, SWEETS, "Dark Chocolate Bar", "Seventy percent cocoa.", "2.50"),
				product(100_004, SWEETS, "Milk Chocolates Box", "Assorted pralines.", "12.00"),
				// accents
				product(100_005, DRINKS, "Café Crème Espresso Beans 1 kg", "Smooth house blend.", "14.99"),
				// price filters and sorting inside the food tree
				product(100_006, FOOD, "Olive Oil", "Cold pressed.", "9.99"),
				product(100_007, DRINKS, "Green Tea", "Sencha leaves.", "4.00"),
				product(100_008, OTHER, "Chocolate Mould", "For the kitchen, not for eating.", "6.00")));
		// not listed: hidden and discontinued products never show up in listings or search
		products.add(product(100_009, SWEETS, "Hidden Chocolate", "", "1.00").withStatus(ProductStatus.HIDDEN));
		products.add(product(100_010, SWEETS, "Old Chocolate", "", "1.00").withStatus(ProductStatus.DISCONTINUED));
		// paging: 25 products with the same price and name stem, in id order 100_100..100_124
		LongStream.range(100_100, 100_125).forEach(id -> products.add(product(id, PAGING, "Twin Item", "9.99")));
		catalog.importProducts(products);
	}

	@Test
	void aNameMatchOutranksADescriptionMatch() {
		var page = catalog.search(ProductQuery.search("quokkaberry"));

		assertThat(ids(page)).containsExactly(100_002L, 100_001L);
	}

	@Test
	void theLastWordMatchesAsAPrefix() {
		assertThat(ids(catalog.search(ProductQuery.search("choco").withCategory(FOOD))))
			.containsExactlyInAnyOrder(100_003L, 100_004L);
		assertThat(ids(catalog.search(ProductQuery.search("chocolate").withCategory(FOOD))))
			.containsExactlyInAnyOrder(100_003L, 100_004L);
		assertThat(ids(catalog.search(ProductQuery.search("dark choc").withCategory(FOOD)))).containsExactly(100_003L);
	}

	@Test
	void wordsAreStemmedAndAccentsFolded() {
		// "chocolates" finds "Chocolate" and "Chocolates" alike
		assertThat(ids(catalog.search(ProductQuery.search("chocolates bar").withCategory(FOOD))))
			.containsExactly(100_003L);
		assertThat(ids(catalog.search(ProductQuery.search("cafe creme")))).containsExactly(100_005L);
		assertThat(ids(catalog.search(ProductQuery.search("CAFÉ")))).contains(100_005L);
	}

	@Test
	void webSearchSyntaxWorks() {
		assertThat(ids(catalog.search(ProductQuery.search("chocolate -milk").withCategory(FOOD))))
			.containsExactly(100_003L);
		assertThat(ids(catalog.search(ProductQuery.search("\"dark chocolate\"")))).containsExactly(100_003L);
		assertThat(ids(catalog.search(ProductQuery.search("sencha or pralines"))))
			.containsExactlyInAnyOrder(100_004L, 100_007L);
	}

	@Test
	void onlyActiveProductsAreListed() {
		assertThat(ids(catalog.search(ProductQuery.search("chocolate").withCategory(SWEETS))))
			.doesNotContain(100_009L, 100_010L);
		assertThat(ids(catalog.search(ProductQuery.inCategory(SWEETS)))).doesNotContain(100_009L, 100_010L);
	}

	@Test
	void aCategoryIncludesItsSubcategories() {
		assertThat(ids(catalog.search(ProductQuery.inCategory(FOOD))))
			.containsExactly(100_001L, 100_002L, 100_003L, 100_004L, 100_005L, 100_006L, 100_007L);
		assertThat(ids(catalog.search(ProductQuery.inCategory(DRINKS)))).containsExactly(100_005L, 100_007L);
		assertThat(ids(catalog.search(ProductQuery.search("chocolate").withCategory(OTHER)))).containsExactly(100_008L);
	}

	@Test
	void pricesFilterInclusively() {
		var query = ProductQuery.inCategory(FOOD).withPriceRange(new BigDecimal("4.00"), new BigDecimal("10"));

		assertThat(ids(catalog.search(query))).containsExactly(100_002L, 100_006L, 100_007L);
		assertThat(ids(catalog.search(query.withPriceRange(null, new BigDecimal("2.50"))))).containsExactly(100_003L);
		assertThat(ids(catalog.search(query.withPriceRange(new BigDecimal("12"), null)))).containsExactly(100_004L,
				100_005L);
	}

	@Test
	void sortsByPriceNameAndAge() {
		var food = ProductQuery.inCategory(FOOD);

		assertThat(ids(catalog.search(food.sortedBy(ProductSort.PRICE_ASC)))).containsExactly(100_003L, 100_001L,
				100_002L, 100_007L, 100_006L, 100_004L, 100_005L);
		assertThat(ids(catalog.search(food.sortedBy(ProductSort.PRICE_DESC)))).containsExactly(100_005L, 100_004L,
				100_006L, 100_002L, 100_007L, 100_001L, 100_003L);
		assertThat(ids(catalog.search(food.sortedBy(ProductSort.NAME)))).containsExactly(100_005L, 100_003L, 100_007L,
				100_004L, 100_006L, 100_001L, 100_002L);
		assertThat(ids(catalog.search(food.sortedBy(ProductSort.NEWEST)))).containsExactly(100_007L, 100_006L,
				100_005L, 100_004L, 100_003L, 100_002L, 100_001L);
	}

	@Test
	void pagesOfEqualSortKeysNeitherRepeatNorSkip() {
		for (ProductSort sort : ProductSort.values()) {
			for (String text : new String[] { null, "twin" }) {
				List<Long> seen = new ArrayList<>();
				var query = ProductQuery.inCategory(PAGING).withText(text).sortedBy(sort);
				ProductPage page;
				int number = 1;
				do {
					page = catalog.search(query.page(number++, 7));
					seen.addAll(ids(page));
				}
				while (number <= page.totalPages());

				assertThat(page.totalItems()).as(sort + " " + text).isEqualTo(25);
				assertThat(page.totalPages()).isEqualTo(4);
				assertThat(new HashSet<>(seen)).as(sort + " " + text).hasSize(25);
				assertThat(seen).as(sort + " " + text).hasSize(25);
				if (sort != ProductSort.NEWEST) {
					assertThat(seen).as("ties broken by id: " + sort).isSorted();
				}
			}
		}
	}

	@Test
	void aPagePastTheEndIsEmptyButKnowsTheTotal() {
		var page = catalog.search(ProductQuery.inCategory(PAGING).page(5, 7));

		assertThat(page.items()).isEmpty();
		assertThat(page.totalItems()).isEqualTo(25);
	}

	@Test
	void anyTextIsSafe() {
		for (String text : List.of("'); DROP TABLE catalog.product; --", "a & b | !c", "choc:* <-> x", "((((", "\u0000",
				"::", "*", "\"", "-", "or", "\\", "ü".repeat(500), "🍫 chocolate")) {
			assertThatNoException().as(text).isThrownBy(() -> catalog.search(ProductQuery.search(text)));
		}
		assertThat(ids(catalog.search(ProductQuery.search("?!.,")))).isEmpty();
	}

	static List<Long> ids(ProductPage page) {
		return page.items().stream().map(view -> view.id().value()).toList();
	}
}
