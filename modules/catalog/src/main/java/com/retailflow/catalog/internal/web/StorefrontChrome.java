package com.retailflow.catalog.internal.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import com.retailflow.catalog.CatalogManagement;
import com.retailflow.catalog.Category;
import com.retailflow.catalog.StorefrontUrls;
import com.retailflow.catalog.internal.web.Pages.Chrome;
import com.retailflow.catalog.internal.web.Pages.NavItem;
import com.retailflow.catalog.spi.ShopperContext;
import com.retailflow.catalog.spi.ShopperState;

/** Builds the header, navigation and footer data of a storefront page, as the legacy shop's inc/header.php does. */
@Component
class StorefrontChrome {

	/** Highlights "Home" in the navigation. */
	static final long HOME = -1;
	/** Highlights nothing. */
	static final long NONE = 0;

	private static final Logger log = LoggerFactory.getLogger(StorefrontChrome.class);
	private static final DateTimeFormatter GENERATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
		.withZone(ZoneOffset.UTC);

	private final CatalogManagement catalog;
	private final ShopperContext shoppers;

	StorefrontChrome(CatalogManagement catalog, ShopperContext shoppers) {
		this.catalog = catalog;
		this.shoppers = shoppers;
	}

	/**
	 * @param title the page title ({@code ""} for the shop's name alone)
	 * @param active the id of the top-level category to highlight, {@link #HOME} or {@link #NONE}
	 * @param query the text for the header's search box
	 */
	Chrome chrome(HttpServletRequest request, HttpServletResponse response, String title, long active, String query) {
		return new Chrome(title, shopper(request, response), nav(active), query, generatedAt(), false);
	}

	/**
	 * The same chrome with the shopper's parts left as {@link PageHoles}: what {@link ProductPages} renders once and
	 * keeps. It reads no session.
	 */
	Chrome punched(String title, long active, String query) {
		var holes = new ShopperState(null, 0, PageHoles.CSRF.marker(), List.of());
		return new Chrome(title, holes, nav(active), query, PageHoles.GENERATED_AT.marker(), true);
	}

	/** The shopper behind this request, for the header; marks the response as private to them. */
	ShopperState shopper(HttpServletRequest request, HttpServletResponse response) {
		// Every page carries the shopper's CSRF token and cart: no shared cache may keep it (PHP's "nocache" limiter).
		response.setHeader("Cache-Control", "no-store, no-cache, must-revalidate");
		return shoppers.current(request, response);
	}

	String generatedAt() {
		return GENERATED.format(Instant.now());
	}

	private List<NavItem> nav(long active) {
		List<NavItem> nav = new ArrayList<>();
		nav.add(new NavItem("Home", "/", active == HOME));
		for (Category category : topCategories()) {
			nav.add(new NavItem(category.name(), StorefrontUrls.category(category), category.id() == active));
		}
		return nav;
	}

	private List<Category> topCategories() {
		try {
			return catalog.categories().stream().filter(Category::topLevel).toList();
		}
		catch (DataAccessException ex) {
			// Like the legacy header: with the database down, still render a usable header (and the error page).
			log.warn("Navigation without categories: {}", ex.getMessage());
			return List.of();
		}
	}
}
