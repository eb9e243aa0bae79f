package com.retailflow.legacy.internal;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import com.retailflow.catalog.CatalogManagement;
import com.retailflow.catalog.StorefrontUrls;
import com.retailflow.proxy.UrlTranslator;

import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponents;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Legacy URLs ↔ new URLs for the rebuilt capabilities. Only URLs whose parameters are all understood are
 * translated; anything else stays with legacy, which answers it as it always did.
 */
@Component
class LegacyUrls implements UrlTranslator {

	private static final Pattern DIGITS = Pattern.compile("[1-9][0-9]{0,17}");
	private static final Pattern PRODUCT = Pattern.compile("/products/([1-9][0-9]{0,17})");
	private static final Pattern CATEGORY = Pattern.compile("/categories/([a-z0-9-]{1,100})");

	private final CatalogManagement catalog;

	LegacyUrls(CatalogManagement catalog) {
		this.catalog = catalog;
	}

	@Override
	public Optional<String> toNew(String pathAndQuery) {
		UriComponents url = UriComponentsBuilder.fromUriString(pathAndQuery).build();
		MultiValueMap<String, String> query = url.getQueryParams();
		var identity = identityToNew(String.valueOf(url.getPath()), query);
		if (identity.isPresent()) {
			return identity;
		}
		return switch (String.valueOf(url.getPath())) {
			case "/", "/index.php" -> query.isEmpty() ? Optional.of("/") : Optional.empty();
			case "/product.php" -> only(query, "id").flatMap(q -> single(q, "id"))
				.filter(id -> DIGITS.matcher(id).matches())
				.map(id -> StorefrontUrls.product(Long.parseLong(id)));
			case "/category.php" -> only(query, "id", "page").flatMap(q -> single(q, "id"))
				.filter(id -> DIGITS.matcher(id).matches())
				.flatMap(id -> catalog.categoryById(Long.parseLong(id)))
				.map(category -> StorefrontUrls.category(category) + page(query));
			case "/search.php" -> only(query, "q", "page").flatMap(q -> single(q, "q"))
				.map(q -> "/search?q=" + q + page(query));
			default -> Optional.empty();
		};
	}

	@Override
	public Optional<String> toLegacy(String pathAndQuery) {
		UriComponents url = UriComponentsBuilder.fromUriString(pathAndQuery).build();
		String path = String.valueOf(url.getPath());
		MultiValueMap<String, String> query = url.getQueryParams();
		String identity = IDENTITY_TO_LEGACY.get(trailingSlashless(path));
		if (identity != null) {
			return Optional.of(identity + next(query));
		}
		var product = PRODUCT.matcher(path);
		if (product.matches()) {
			return Optional.of("/product.php?id=" + product.group(1));
		}
		var category = CATEGORY.matcher(path);
		if (category.matches()) {
			return only(query, "page").flatMap(q -> catalog.categoryBySlug(category.group(1)))
				.map(found -> "/category.php?id=" + found.id() + page(query).replace('?', '&'));
		}
		if (path.equals("/search")) {
			return only(query, "q", "page").flatMap(q -> single(q, "q")).map(q -> "/search.php?q=" + q + page(query).replace('?', '&'));
		}
		return Optional.empty();
	}

	/**
	 * Identity's pages: sign-in, sign-out, registration. Legacy reads only {@code next} there and ignores any other
	 * parameter, and PHP serves {@code /login.php/} as {@code /login.php}; so do these mappings.
	 */
	private static final java.util.Map<String, String> IDENTITY_TO_NEW = java.util.Map.of("/login.php", "/sign-in",
			"/logout.php", "/sign-out", "/register.php", "/register");

	private static final java.util.Map<String, String> IDENTITY_TO_LEGACY = java.util.Map.of("/sign-in", "/login.php",
			"/sign-out", "/logout.php", "/register", "/register.php");

	private static Optional<String> identityToNew(String path, MultiValueMap<String, String> query) {
		String page = IDENTITY_TO_NEW.get(trailingSlashless(path));
		return page == null ? Optional.empty() : Optional.of(page + (page.equals("/sign-out") ? "" : next(query)));
	}

	private static String trailingSlashless(String path) {
		return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
	}

	/** {@code ?next=…} as sent (still encoded), or nothing. */
	private static String next(MultiValueMap<String, String> query) {
		return single(query, "next").filter(next -> !next.isEmpty()).map(next -> "?next=" + next).orElse("");
	}

	/** The query, if it names no parameter but these. */
	private static Optional<MultiValueMap<String, String>> only(MultiValueMap<String, String> query, String... allowed) {
		return List.of(allowed).containsAll(query.keySet()) ? Optional.of(query) : Optional.empty();
	}

	private static Optional<String> single(MultiValueMap<String, String> query, String name) {
		var values = query.get(name);
		return values == null || values.size() != 1 || values.get(0) == null ? Optional.empty() : Optional.of(values.get(0));
	}

	private static String page(MultiValueMap<String, String> query) {
		return single(query, "page").map(page -> "?page=" + page).orElse("");
	}
}
