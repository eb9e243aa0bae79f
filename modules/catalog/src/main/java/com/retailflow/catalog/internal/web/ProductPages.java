package com.retailflow.catalog.internal.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.retailflow.catalog.CatalogManagement;
import com.retailflow.catalog.Category;
import com.retailflow.catalog.ProductId;
import com.retailflow.catalog.ProductStatus;
import com.retailflow.catalog.ProductView;
import com.retailflow.catalog.StorefrontUrls;
import com.retailflow.catalog.internal.CatalogCache;
import com.retailflow.catalog.internal.web.Pages.Link;
import com.retailflow.catalog.internal.web.Pages.ProductDetail;
import com.retailflow.catalog.spi.ShopperState;
import com.retailflow.inventory.Availability;
import com.retailflow.inventory.Sku;

import gg.jte.TemplateEngine;
import gg.jte.html.escape.Escape;
import gg.jte.output.StringOutput;
import gg.jte.output.Utf8ByteOutput;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

/**
 * The product page, rendered once per product and content, served many times: the rendered bytes are kept with
 * {@link PageHoles} where the shopper's state goes (header cart and sign-in links, flash messages, CSRF token, the
 * footer's time), and each request fills the holes for its own shopper (server-side hole punching, as Varnish ESI or
 * Magento's private content do it, but into the one HTML answer the legacy page also gives).
 *
 * <p><b>Why a cached page is never stale.</b> An entry is looked up by product id but used only if the page model it
 * was rendered from equals the model built from the catalog's current reads for this request (product, category
 * tree, availability): the page is never older than those reads, so it is evicted by whatever evicts them, on this
 * instance and, through the catalog's PostgreSQL notifications, on others. Otherwise it is rendered again and
 * replaces the entry. As a {@link CatalogCache} it is also told of those evictions, which frees entries early.
 *
 * <p><b>Why one shopper never sees another's state.</b> What is kept holds no shopper state at all: it was rendered
 * from a chrome that has markers instead of a shopper. The shopper's parts are rendered per request from the
 * {@link com.retailflow.catalog.spi.ShopperContext} by the same templates the full page uses.
 */
@Component
class ProductPages implements CatalogCache {

	static final String CONTENT_TYPE = "text/html;charset=UTF-8";

	private final CatalogManagement catalog;
	private final StorefrontChrome chrome;
	private final TemplateEngine templates;
	private final Cache<Long, Punched> pages;
	private final LongAdder hits = new LongAdder();
	private final LongAdder renders = new LongAdder();

	ProductPages(CatalogManagement catalog, StorefrontChrome chrome, TemplateEngine templates,
			ObjectProvider<MeterRegistry> registry,
			@Value("${retailflow.catalog.product-pages.max-bytes:64MB}") DataSize maxBytes) {
		this.catalog = catalog;
		this.chrome = chrome;
		this.templates = templates;
		this.pages = Caffeine.newBuilder()
			.maximumWeight(maxBytes.toBytes())
			.weigher((Long id, Punched page) -> page.weight())
			.recordStats()
			.build();
		MeterRegistry meters = registry.getIfAvailable();
		if (meters != null) {
			CaffeineCacheMetrics.monitor(meters, pages, "catalog.product-pages");
			// Caffeine counts a kept page rendered from older content as a hit; these count what was served.
			FunctionCounter.builder("retailflow.catalog.product-pages", hits, LongAdder::sum)
				.tag("result", "hit")
				.description("product pages served from a kept page")
				.register(meters);
			FunctionCounter.builder("retailflow.catalog.product-pages", renders, LongAdder::sum)
				.tag("result", "render")
				.description("product pages rendered (none kept, or kept from other content)")
				.register(meters);
		}
	}

	/** The product behind a storefront id, if shoppers may see it. */
	Optional<ProductView> visible(ProductId id) {
		return catalog.product(id).filter(found -> found.product().status().visibleToShoppers());
	}

	/** Answers the product page: the kept page for this content (or a fresh one), with this shopper's holes filled. */
	void serve(ProductView view, HttpServletRequest request, HttpServletResponse response) throws IOException {
		byte[] body = body(view, chrome.shopper(request, response));
		response.setStatus(HttpServletResponse.SC_OK);
		response.setContentType(CONTENT_TYPE);
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

	/** The page for one shopper, from the kept page where there is one for this content. */
	byte[] body(ProductView view, ShopperState shopper) {
		ProductDetail model = model(view);
		Punched page = page(view.product().id().value(), model);
		return page == null ? render(full(model, shopper)) : page.fill(holes(shopper));
	}

	/** The page for one shopper rendered whole, as the other storefront pages are: what {@link #body} must equal. */
	byte[] uncached(ProductView view, ShopperState shopper) {
		return render(full(model(view), shopper));
	}

	// ---- told by the catalog's evictions (this instance's changes, and other instances' through PostgreSQL) ----
	// Only to free memory early: an entry kept from older content is never served (see page()), so nothing here is
	// needed for correctness.

	@Override
	public void evictProduct(ProductId product) {
		pages.invalidate(product.value());
	}

	/**
	 * Nothing to do: a stock change shows through the availability read the page model is built from, and stock
	 * changes with every reservation, so dropping pages here would only lower the hit rate.
	 */
	@Override
	public void evictStock(Sku sku) {
	}

	@Override
	public void evictAll() {
		pages.invalidateAll();
	}

	long hits() {
		return hits.sum();
	}

	long renders() {
		return renders.sum();
	}

	/** The kept page for this model, rendered and kept if there is none or it was rendered from other content. */
	@Nullable
	Punched page(long id, ProductDetail model) {
		Punched kept = pages.getIfPresent(id);
		if (kept != null && kept.model().equals(model)) {
			hits.increment();
			return kept;
		}
		renders.increment();
		Punched fresh = Punched.cut(model, render(model));
		if (fresh != null) {
			pages.put(id, fresh);
		}
		return fresh;
	}

	private ProductDetail model(ProductView view) {
		var product = view.product();
		Category category = view.category();
		Category parent = category == null || category.parentId() == null ? null
				: catalog.categoryById(category.parentId()).orElse(null);
		long active = parent != null ? parent.id() : category != null ? category.id() : StorefrontChrome.NONE;
		Stock stock = stock(view);
		return new ProductDetail(chrome.punched(product.name(), active, ""), parent == null ? null : link(parent),
				category == null ? null : link(category), product.id().value(), product.name(),
				Pages.initial(product.name()), product.sku().code(), Prices.format(product.price()), stock.cssClass(),
				stock.text(), view.buyable(), List.of(product.description().split("\\r?\\n", -1)));
	}

	/** The same page for one shopper, unpunched: used when a page cannot be cut (see {@link Punched#cut}). */
	private ProductDetail full(ProductDetail model, ShopperState shopper) {
		var punched = model.chrome();
		var chromeFor = new Pages.Chrome(punched.title(), shopper, punched.nav(), punched.query(),
				chrome.generatedAt(), false);
		return new ProductDetail(chromeFor, model.parentCategory(), model.category(), model.id(), model.name(),
				model.initial(), model.sku(), model.price(), model.stockClass(), model.stockText(), model.buyable(),
				model.descriptionLines());
	}

	private byte[] render(ProductDetail model) {
		var output = new Utf8ByteOutput();
		templates.render("catalog/product.jte", model, output);
		return output.toByteArray();
	}

	private Map<PageHoles, byte[]> holes(ShopperState shopper) {
		var holes = new EnumMap<PageHoles, byte[]>(PageHoles.class);
		holes.put(PageHoles.SHOPPER, template("catalog/shopper.jte", shopper));
		holes.put(PageHoles.FLASHES, template("catalog/flashes.jte", shopper));
		var csrf = new StringOutput();
		Escape.htmlAttribute(shopper.csrfToken(), csrf);
		holes.put(PageHoles.CSRF, utf8(csrf.toString()));
		var time = new StringOutput();
		Escape.htmlContent(chrome.generatedAt(), time);
		holes.put(PageHoles.GENERATED_AT, utf8(time.toString()));
		return holes;
	}

	private byte[] template(String name, ShopperState shopper) {
		var output = new Utf8ByteOutput();
		templates.render(name, shopper, output);
		return output.toByteArray();
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * A rendered page cut at its holes: {@code bytes[cuts[i] .. cuts[i+1])} is the i-th static part, and hole i
	 * follows part i.
	 */
	record Punched(ProductDetail model, byte[] bytes, int[] cuts, PageHoles[] holes) {

		/**
		 * Cuts a page rendered from a punched chrome, or returns {@code null} when its markers are not exactly the
		 * expected ones (one each, the CSRF token only with the add-to-cart form): such a page is served unpunched.
		 */
		static @Nullable Punched cut(ProductDetail model, byte[] rendered) {
			List<Integer> cuts = new ArrayList<>();
			List<PageHoles> holes = new ArrayList<>();
			cuts.add(0);
			var text = new String(rendered, StandardCharsets.ISO_8859_1);
			int from = 0;
			while (true) {
				int start = text.indexOf('\u0000', from);
				if (start < 0) {
					break;
				}
				PageHoles hole = holeAt(text, start);
				if (hole == null) {
					return null;
				}
				holes.add(hole);
				cuts.add(start);
				from = start + hole.marker().length();
				cuts.add(from);
			}
			cuts.add(rendered.length);
			var expected = new ArrayList<>(List.of(PageHoles.SHOPPER, PageHoles.FLASHES));
			if (model.buyable()) {
				expected.add(PageHoles.CSRF);
			}
			expected.add(PageHoles.GENERATED_AT);
			if (!holes.equals(expected)) {
				return null;
			}
			return new Punched(model, rendered, cuts.stream().mapToInt(Integer::intValue).toArray(),
					holes.toArray(PageHoles[]::new));
		}

		private static @Nullable PageHoles holeAt(String text, int start) {
			for (PageHoles hole : PageHoles.values()) {
				if (text.startsWith(hole.marker(), start)) {
					return hole;
				}
			}
			return null;
		}

		byte[] fill(Map<PageHoles, byte[]> values) {
			int length = 0;
			for (int i = 0; i + 1 < cuts.length; i += 2) {
				length += cuts[i + 1] - cuts[i];
			}
			for (PageHoles hole : holes) {
				length += values.get(hole).length;
			}
			byte[] page = new byte[length];
			int at = 0;
			for (int part = 0; part <= holes.length; part++) {
				int start = cuts[2 * part];
				int end = cuts[2 * part + 1];
				System.arraycopy(bytes, start, page, at, end - start);
				at += end - start;
				if (part < holes.length) {
					byte[] value = values.get(holes[part]);
					System.arraycopy(value, 0, page, at, value.length);
					at += value.length;
				}
			}
			return page;
		}

		int weight() {
			return bytes.length + 64 * model.descriptionLines().size() + 512;
		}
	}

	private record Stock(String cssClass, String text) {
	}

	/** The legacy shop's stock_status(), plus its discontinued notice. */
	private static Stock stock(ProductView view) {
		if (view.product().status() == ProductStatus.DISCONTINUED) {
			return new Stock("discontinued", "This product has been discontinued.");
		}
		Availability availability = view.availability();
		String cssClass = switch (availability.level()) {
			case OUT_OF_STOCK -> "out-of-stock";
			case LOW -> "low-stock";
			case IN_STOCK -> "in-stock";
		};
		return new Stock(cssClass, availability.label());
	}

	private static Link link(Category category) {
		return new Link(category.name(), StorefrontUrls.category(category));
	}
}
