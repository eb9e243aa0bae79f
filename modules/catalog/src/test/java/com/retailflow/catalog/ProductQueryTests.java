package com.retailflow.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

/** Queries are validated and normalised before they reach the database. */
class ProductQueryTests {

	@Test
	void normalisesText() {
		assertThat(ProductQuery.search("  dark \t\n chocolate  ").text()).isEqualTo("dark chocolate");
		assertThat(ProductQuery.search("   ").text()).isNull();
		assertThat(ProductQuery.search("a\u0000b").text()).isEqualTo("a b");
		assertThat(ProductQuery.search("x".repeat(150)).text()).hasSize(ProductQuery.MAX_TEXT);
	}

	@Test
	void refusesOutOfRangeValuesNamingTheParameter() {
		var all = ProductQuery.all();
		assertInvalid("page", () -> all.page(0, 20));
		assertInvalid("size", () -> all.page(1, 101));
		assertInvalid("minPrice", () -> all.withPriceRange(new BigDecimal("-0.01"), null));
		assertInvalid("maxPrice", () -> all.withPriceRange(null, new BigDecimal("1.234")));
		assertInvalid("minPrice", () -> all.withPriceRange(BigDecimal.TEN, BigDecimal.ONE));
		assertInvalid("category", () -> all.withCategory(0L));
		assertInvalid("sort", () -> ProductSort.fromParameter("cheapest"));
	}

	@Test
	void parsesSortParameters() {
		assertThat(ProductSort.fromParameter("price-desc")).isEqualTo(ProductSort.PRICE_DESC);
		assertThat(ProductSort.fromParameter(" NEWEST ")).isEqualTo(ProductSort.NEWEST);
	}

	private static void assertInvalid(String parameter, Runnable query) {
		assertThatExceptionOfType(InvalidProductQuery.class).isThrownBy(query::run)
			.satisfies(ex -> assertThat(ex.parameter()).isEqualTo(parameter));
	}
}
