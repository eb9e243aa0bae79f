package com.retailflow.catalog.internal.web;

/**
 * The places in a cached product page where one shopper's state goes: the header's cart and sign-in links, the flash
 * messages, the add-to-cart form's CSRF token and the footer's time. A page rendered with a
 * {@linkplain Pages.Chrome#punched() punched} chrome carries each hole's {@link #marker()} instead, and
 * {@link ProductPages} cuts the page there.
 *
 * <p>A marker starts and ends with a NUL character: jte's escaping lets it through unchanged, and no shop text
 * contains one (a page in which a marker does not occur exactly where expected is not cached at all).
 */
public enum PageHoles {

	SHOPPER, FLASHES, CSRF, GENERATED_AT;

	private final String marker = "\u0000retailflow-hole:" + name() + "\u0000";

	public String marker() {
		return marker;
	}
}
