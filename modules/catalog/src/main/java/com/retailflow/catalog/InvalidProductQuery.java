package com.retailflow.catalog;

/**
 * A product query that cannot be answered as asked: a page below 1, a negative price, a minimum above the maximum, an
 * unknown sort. The web layers answer it with 400; it is never a server error.
 */
public class InvalidProductQuery extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private final String parameter;

	/**
	 * @param parameter the name of the offending parameter, as the JSON API calls it ({@code minPrice}, {@code page})
	 * @param message what is wrong, for a shopper or API client
	 */
	public InvalidProductQuery(String parameter, String message) {
		super(message);
		this.parameter = parameter;
	}

	public String parameter() {
		return parameter;
	}
}
