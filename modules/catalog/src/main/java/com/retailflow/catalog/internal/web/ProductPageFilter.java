package com.retailflow.catalog.internal.web;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.dao.DataAccessException;

import com.retailflow.catalog.ProductView;

/**
 * Answers {@code GET /products/{id}} for a product shoppers may see straight from {@link ProductPages}, as the last
 * filter (after the proxy has decided the request is the new side's, after security), so the common page does not
 * pass through the MVC dispatch, handler and view machinery that only carry it to the same call. Everything else
 * (unknown or hidden products, other methods, a catalog that cannot be read) goes on to {@link StorefrontController},
 * which answers it as before, error pages included.
 *
 * <p>Registered for forwards too: the proxy forwards a legacy URL ({@code /product.php?id=…}) to the new one.
 */
class ProductPageFilter implements Filter {

	private static final String PREFIX = "/products/";

	private final ProductPages pages;

	ProductPageFilter(ProductPages pages) {
		this.pages = pages;
	}

	@Override
	public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
			throws IOException, ServletException {
		var request = (HttpServletRequest) req;
		var response = (HttpServletResponse) res;
		Optional<ProductView> view = "GET".equals(request.getMethod()) ? product(request) : Optional.empty();
		if (view.isEmpty()) {
			chain.doFilter(request, response);
			return;
		}
		pages.serve(view.get(), request, response);
	}

	private Optional<ProductView> product(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (!path.startsWith(PREFIX)) {
			return Optional.empty();
		}
		try {
			return StorefrontController.parseId(path.substring(PREFIX.length())).flatMap(pages::visible);
		}
		catch (DataAccessException ex) {
			// The controller's path renders the shop's error page for this.
			return Optional.empty();
		}
	}
}
