package com.retailflow.catalog.storefront;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatusCode;
import org.springframework.web.servlet.ModelAndView;

import gg.jte.Content;

/**
 * Wraps a page body in the storefront layout ({@code catalog/layout.jte}): the same header (search, cart count,
 * signed-in name from the shopper context), category navigation and footer as the catalog's own pages, with nothing
 * highlighted in the navigation.
 */
public interface StorefrontLayout {

	/**
	 * @param title the page's own title ("Sign in"); the document title becomes "Sign in | RetailFlow Shop"
	 * @param body the page's content, rendered inside {@code <main id="content">}
	 * @param status the response status
	 * @return the view to return from a controller method
	 */
	ModelAndView page(HttpServletRequest request, HttpServletResponse response, String title, Content body,
			HttpStatusCode status);
}
