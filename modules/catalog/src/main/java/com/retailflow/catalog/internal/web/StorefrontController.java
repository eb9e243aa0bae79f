package com.retailflow.catalog.internal.web;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import com.retailflow.catalog.CatalogManagement;
import com.retailflow.catalog.Category;
import com.retailflow.catalog.ProductId;
import com.retailflow.catalog.ProductPage;
import com.retailflow.catalog.ProductQuery;
import com.retailflow.catalog.ProductView;
import com.retailflow.catalog.StorefrontUrls;
import com.retailflow.catalog.internal.CatalogSettings;
import com.retailflow.catalog.internal.web.Pages.Card;
import com.retailflow.catalog.internal.web.Pages.CategoryGroup;
import com.retailflow.catalog.internal.web.Pages.CategoryListing;
import com.retailflow.catalog.internal.web.Pages.Home;
import com.retailflow.catalog.internal.web.Pages.Link;
import com.retailflow.catalog.internal.web.Pages.Pager;
import com.retailflow.catalog.internal.web.Pages.Results;
import com.retailflow.catalog.internal.web.Pages.SearchResults;

/**
 * The storefront pages the catalog owns: home, category, search and product. They reproduce the legacy shop's pages
 * (markup, class names, form fields, texts, status codes) under the new URLs, so that shoppers see one shop whichever
 * system answers and the proxy's shadow comparison finds real differences only. Links to pages that are not rebuilt
 * yet (cart, sign-in, account) stay legacy URLs.
 */
@Controller
class StorefrontController {

	static final String MODEL = "page";

	/** The legacy shop accepts page and id parameters of 1 to 9 digits and nothing else. */
	private static final Pattern NUMBER = Pattern.compile("[0-9]{1,9}");
	private static final int FEATURED = 8;
	private static final long FREE_DELIVERY_FROM = 50;

	private final CatalogManagement catalog;
	private final StorefrontChrome chrome;
	private final CatalogSettings settings;
	private final ProductPages productPages;

	StorefrontController(CatalogManagement catalog, StorefrontChrome chrome, CatalogSettings settings,
			ProductPages productPages) {
		this.catalog = catalog;
		this.chrome = chrome;
		this.settings = settings;
		this.productPages = productPages;
	}

	@GetMapping("/")
	String home(HttpServletRequest request, HttpServletResponse response, Model model) {
		List<Category> all = catalog.categories();
		Map<Long, List<Category>> children = all.stream()
			.filter(category -> !category.topLevel())
			.collect(Collectors.groupingBy(Category::parentId));
		List<CategoryGroup> groups = all.stream()
			.filter(Category::topLevel)
			.map(top -> new CategoryGroup(link(top),
					children.getOrDefault(top.id(), List.of()).stream().map(StorefrontController::link).toList()))
			.toList();
		List<Card> featured = catalog.featured(FEATURED).stream().map(StorefrontController::card).toList();
		model.addAttribute(MODEL, new Home(chrome.chrome(request, response, "", StorefrontChrome.HOME, ""),
				Prices.whole(FREE_DELIVERY_FROM, settings.currency()), groups, featured));
		return "catalog/home";
	}

	@GetMapping("/categories/{slug}")
	String category(@PathVariable String slug, @RequestParam(name = "page", required = false) @Nullable String page,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		Category category = catalog.categoryBySlug(slug)
			.orElseThrow(() -> StorefrontProblem.notFound("Category not found", "We could not find that category."));
		int number = pageNumber(page);
		ProductPage products = listing(ProductQuery.inCategory(category.id()), number,
				"This category does not have that many pages.");
		Category parent = category.parentId() == null ? null : catalog.categoryById(category.parentId()).orElse(null);
		List<Link> subcategories = catalog.subcategories(category.id())
			.stream()
			.map(StorefrontController::link)
			.toList();
		String base = StorefrontUrls.category(category);
		String title = category.name() + (number > 1 ? " - page " + number : "");
		long active = parent != null ? parent.id() : category.id();
		model.addAttribute(MODEL,
				new CategoryListing(chrome.chrome(request, response, title, active, ""),
						parent == null ? null : link(parent), category.name(), subcategories,
						results(products, n -> base + "?page=" + n)));
		return "catalog/category";
	}

	@GetMapping("/search")
	String search(@RequestParam(name = "q", required = false) @Nullable String q,
			@RequestParam(name = "page", required = false) @Nullable String page, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		ProductQuery query = ProductQuery.search(q == null ? "" : q);
		String text = query.text();
		if (text == null) {
			throw StorefrontProblem.badRequest("Search", "Please enter a search term.");
		}
		int number = pageNumber(page);
		// Legacy search lists matches in id order; relevance is what the new search adds.
		ProductPage products = listing(query, number, "There are not that many pages of results.");
		String base = "/search?q=" + URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
		model.addAttribute(MODEL,
				new SearchResults(chrome.chrome(request, response, "Search: " + text, StorefrontChrome.NONE, text),
						text, results(products, n -> base + "&page=" + n)));
		return "catalog/search";
	}

	@GetMapping("/products/{id}")
	void product(@PathVariable String id, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		ProductView view = parseId(id).flatMap(productPages::visible)
			.orElseThrow(() -> StorefrontProblem.notFound("Product not found", "We could not find that product."));
		productPages.serve(view, request, response);
	}

	private ProductPage listing(ProductQuery query, int number, String tooFar) {
		if (number > ProductQuery.MAX_PAGE) {
			throw StorefrontProblem.notFound("Page not found", tooFar);
		}
		ProductPage products = catalog.search(query.page(number, settings.pageSize()));
		if (number > products.totalPages()) {
			throw StorefrontProblem.notFound("Page not found", tooFar);
		}
		return products;
	}

	/** The legacy shop's rule: absent or empty is page 1, anything but 1 to 9 digits (or 0) is a 400. */
	private static int pageNumber(@Nullable String page) {
		if (page == null || page.isEmpty()) {
			return 1;
		}
		int number = NUMBER.matcher(page).matches() ? Integer.parseInt(page) : 0;
		if (number < 1) {
			throw StorefrontProblem.badRequest("Bad request", "The page number must be a positive whole number.");
		}
		return number;
	}

	/** The legacy shop's rule for ids: 1 to 9 digits, not 0; anything else is simply not found. */
	static Optional<ProductId> parseId(String id) {
		if (!NUMBER.matcher(id).matches() || Long.parseLong(id) == 0) {
			return Optional.empty();
		}
		return Optional.of(ProductId.of(Long.parseLong(id)));
	}

	private static Results results(ProductPage page, IntFunction<String> pageHref) {
		List<Card> cards = page.items().stream().map(StorefrontController::card).toList();
		long first = page.offset() + 1;
		long last = page.offset() + cards.size();
		int pages = page.totalPages();
		Pager pager = pages <= 1 ? null
				: new Pager(page.page() > 1 ? pageHref.apply(page.page() - 1) : null, page.page(), pages,
						page.page() < pages ? pageHref.apply(page.page() + 1) : null);
		return new Results(cards, page.totalItems(), first, last, pager);
	}

	private static Card card(ProductView view) {
		var product = view.product();
		return new Card(StorefrontUrls.product(product.id()), Pages.initial(product.name()), product.name(),
				Prices.format(product.price()));
	}

	private static Link link(Category category) {
		return new Link(category.name(), StorefrontUrls.category(category));
	}
}
