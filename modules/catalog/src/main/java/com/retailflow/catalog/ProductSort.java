package com.retailflow.catalog;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Orders of a product listing. Every order ends with the product id, so equal sort keys (same price, same name)
 * still give one stable order and paging neither repeats nor skips a product.
 */
public enum ProductSort {

	/** Best full-text match first; without search text, the shop's default order (by product id, as legacy lists). */
	RELEVANCE("relevance"),

	PRICE_ASC("price_asc"),

	PRICE_DESC("price_desc"),

	NAME("name"),

	/** Most recently added first. */
	NEWEST("newest");

	private final String parameter;

	ProductSort(String parameter) {
		this.parameter = parameter;
	}

	/** The value used in URLs and the JSON API, e.g. {@code price_asc}. */
	public String parameter() {
		return parameter;
	}

	/**
	 * Parses a URL value ({@code price_asc}; case and {@code -} for {@code _} do not matter).
	 *
	 * @throws InvalidProductQuery for any other value, naming the accepted ones
	 */
	public static ProductSort fromParameter(String value) {
		String normalized = value.trim().toLowerCase(Locale.ROOT).replace('-', '_');
		return Arrays.stream(values())
			.filter(sort -> sort.parameter.equals(normalized))
			.findFirst()
			.orElseThrow(() -> new InvalidProductQuery("sort", "Unknown sort '%s'; use one of %s".formatted(value,
					Arrays.stream(values()).map(ProductSort::parameter).collect(Collectors.joining(", ")))));
	}
}
