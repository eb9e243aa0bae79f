package com.retailflow.catalog.internal.web;

import java.util.List;

import org.jspecify.annotations.Nullable;

import com.retailflow.catalog.spi.ShopperState;

/**
 * What the storefront templates ({@code src/main/jte/catalog}) render: plain data, already formatted, so templates hold
 * markup and no logic. Public only because the precompiled template classes live in jte's own package.
 */
public final class Pages {

	private Pages() {
	}

	/**
	 * The header, navigation and footer every page shares.
	 *
	 * @param title the page's own title, empty for the home page
	 * @param shopper cart count, signed-in name, CSRF token, flash messages
	 * @param nav "Home" and the top-level categories, the current one marked active
	 * @param query the search text to show in the header's search box
	 * @param generatedAt the footer's "Page generated at" time
	 * @param punched rendered for {@link ProductPages}: the shopper's parts become {@link PageHoles} markers, filled
	 *        per request
	 */
	public record Chrome(String title, ShopperState shopper, List<NavItem> nav, String query, String generatedAt,
			boolean punched) {

		public String documentTitle() {
			return title.isEmpty() ? "RetailFlow Shop" : title + " | RetailFlow Shop";
		}
	}

	public record NavItem(String name, String href, boolean active) {
	}

	public record Link(String name, String href) {
	}

	/** A product in a listing grid. */
	public record Card(String href, String initial, String name, String price) {
	}

	/** "« Previous  Page 2 of 9  Next »"; links are {@code null} on the first and last page. */
	public record Pager(@Nullable String previous, int page, int pages, @Nullable String next) {
	}

	public record CategoryGroup(Link category, List<Link> subcategories) {
	}

	public record Home(Chrome chrome, String freeDeliveryFrom, List<CategoryGroup> categories, List<Card> featured) {
	}

	/**
	 * A page of products: {@code first}–{@code last} of {@code total}.
	 */
	public record Results(List<Card> cards, long total, long first, long last, @Nullable Pager pager) {

		public boolean empty() {
			return total == 0;
		}
	}

	public record CategoryListing(Chrome chrome, @Nullable Link parent, String name, List<Link> subcategories,
			Results results) {
	}

	public record SearchResults(Chrome chrome, String query, Results results) {
	}

	/**
	 * @param stockClass {@code in-stock}, {@code low-stock}, {@code out-of-stock} or {@code discontinued}
	 * @param descriptionLines the description split at line breaks (rendered with {@code <br />} between them)
	 */
	public record ProductDetail(Chrome chrome, @Nullable Link parentCategory, @Nullable Link category, long id,
			String name, String initial, String sku, String price, String stockClass, String stockText,
			boolean buyable, List<String> descriptionLines) {
	}

	public record ErrorPage(Chrome chrome, String title, String message) {
	}

	/** The first character of a name, for the placeholder picture: a whole code point, as PHP's mb_substr gives. */
	static String initial(String name) {
		return name.isEmpty() ? "" : name.substring(0, Character.charCount(name.codePointAt(0)));
	}
}
