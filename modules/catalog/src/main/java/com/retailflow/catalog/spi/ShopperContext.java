package com.retailflow.catalog.spi;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Tells the storefront who is shopping: what the page header shows (cart count, signed-in name), the CSRF token the
 * add-to-cart form must carry, and one-shot flash messages.
 *
 * <p>Until identity and checkout are rebuilt this state lives in the legacy shop's PHP session, so the legacy adapter
 * provides the implementation (reading the {@code PHPSESSID} session through the session bridge). Without one, the
 * catalog falls back to an anonymous shopper with an empty cart and no token.
 *
 * <p>Called once per storefront page, on the request thread; implementations must be thread-safe and fast.
 */
public interface ShopperContext {

	/**
	 * The shopper behind a storefront request.
	 *
	 * @param request the page request (cookies such as {@code PHPSESSID})
	 * @param response the page response, not yet committed: an implementation that has to start a session for an
	 *        anonymous shopper (to hand out a CSRF token, as the legacy shop does on every page) sets its cookie here
	 * @return the shopper's state; never {@code null}
	 */
	ShopperState current(HttpServletRequest request, HttpServletResponse response);
}
