package com.retailflow.proxy.internal.shadow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPOutputStream;

import com.retailflow.proxy.internal.ProxySettings;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class ShadowComparatorTests {

	static final ProxySettings.ShadowRules DEFAULTS = new ProxySettings.ShadowRules(
			List.of("Page generated at [0-9: -]+"), List.of(".user-nav"), List.of(), List.of("Content-Type"), false,
			Map.of("price", ".price", "availability", ".stock", "breadcrumb", ".breadcrumbs"));
	static final ShadowComparator.Rules RULES = ShadowComparator.Rules.of(DEFAULTS, null);
	/** Stands in for the URL translators: the legacy spelling of a product and a category, to the new one. */
	static final UnaryOperator<String> CANONICAL = url -> switch (url) {
		case "/product.php?id=3" -> "/products/3";
		case "/category.php?id=1" -> "/categories/coffee";
		case "/search.php?q=" -> "/search?q=";
		default -> url;
	};

	static final String LEGACY = """
			<!DOCTYPE html><html><head><title>Beans | Shop</title></head><body>
			<header><form class="search-form" action="/search.php" method="get"><input type="text" name="q" value=""></form>
			<ul class="user-nav"><li>Cart (<span class="cart-count">3</span>)</li><li>Hi, Ann</li></ul></header>
			<p class="breadcrumbs"><a href="/">Home</a> &raquo;
			  <a href="/category.php?id=1">Coffee</a> &raquo;
			  Beans</p>
			<h1>Beans</h1><p class="price">$14.99</p><p class="stock in-stock">In stock</p>
			<form class="add-to-cart" method="post" action="/cart.php">
			  <input type="hidden" name="action" value="add"><input type="hidden" name="product_id" value="3">
			  <input type="hidden" name="csrf" value="0123abcd">
			  <input type="number" name="qty" value="1"></form>
			<a href="/product.php?id=3">again</a>
			<footer>Page generated at 2026-12-01 10:00:01</footer></body></html>""";
	static final String NEW = """
			<!DOCTYPE html>
			<html><head><title>Beans | Shop</title></head><body><header>
			<form class="search-form" action="/search" method="get"><input type="text" name="q" value=""></form>
			<ul class="user-nav"><li>Cart (<span class="cart-count">0</span>)</li></ul></header>
			<p class="breadcrumbs"><a href="/">Home</a> &raquo; <a href="http://127.0.0.1:8080/categories/coffee">Coffee</a> &raquo; Beans</p>
			<h1>Beans</h1>
			<p class="price">$14.99</p>
			<p class="stock in-stock">In   stock</p>
			<form class="add-to-cart" method="post" action="/cart.php"><input type="hidden" name="csrf" value="ffff9999">
			<input type="hidden" name="action" value="add"><input type="hidden" name="product_id" value="3">
			<input type="number" name="qty" value="1"></form>
			<a href="/products/3">again</a>
			<footer>Page generated at 2026-12-01 10:00:02.123</footer></body></html>""";

	static ShadowComparator.Answer html(String body) {
		return new ShadowComparator.Answer(200, Map.of("content-type", "text/html; charset=UTF-8"),
				body.getBytes(StandardCharsets.UTF_8));
	}

	static ShadowComparator.Answer answer(int status, String type, String body) {
		return new ShadowComparator.Answer(status, Map.of("content-type", type), body.getBytes(StandardCharsets.UTF_8));
	}

	static List<String> names(List<ShadowComparator.FieldDifference> differences) {
		return differences.stream().map(ShadowComparator.FieldDifference::field).toList();
	}

	@Test
	void theSamePageSpelledDifferentlyMatches() {
		// Links in legacy and new spelling, whitespace, CSRF tokens, clocks and per-shopper chrome all differ.
		assertThat(ShadowComparator.differences(html(LEGACY), html(NEW), RULES, CANONICAL, 1 << 20)).isEmpty();
	}

	@Test
	void aDifferentPriceIsNamedWithBothValues() {
		var differences = ShadowComparator.differences(html(LEGACY), html(NEW.replace("$14.99", "$15.99")), RULES,
				CANONICAL, 1 << 20);
		assertThat(names(differences)).containsExactly("price", "text");
		assertThat(differences.getFirst()).isEqualTo(new ShadowComparator.FieldDifference("price", "$14.99", "$15.99"));
	}

	@Test
	void linksFormsAndStatusAreFieldsOfTheirOwn() {
		var otherLink = NEW.replace("/products/3", "/products/4");
		assertThat(names(ShadowComparator.differences(html(LEGACY), html(otherLink), RULES, CANONICAL, 1 << 20)))
			.containsExactly("links");
		var otherForm = NEW.replace("name=\"product_id\" value=\"3\"", "name=\"product_id\" value=\"4\"");
		assertThat(names(ShadowComparator.differences(html(LEGACY), html(otherForm), RULES, CANONICAL, 1 << 20)))
			.containsExactly("form:add-to-cart");
		var error = new ShadowComparator.Answer(500, Map.of("content-type", "text/html"), NEW.getBytes(StandardCharsets.UTF_8));
		assertThat(names(ShadowComparator.differences(html(LEGACY), error, RULES, CANONICAL, 1 << 20)))
			.contains("status", "header:content-type");
	}

	@Test
	void aRedirectIsComparedByWhereItLeads() {
		var legacy = new ShadowComparator.Answer(302, Map.of("location", "http://127.0.0.1:8081/product.php?id=3"), new byte[0]);
		var same = new ShadowComparator.Answer(302, Map.of("location", "/products/3"), new byte[0]);
		var elsewhere = new ShadowComparator.Answer(302, Map.of("location", "/products/4"), new byte[0]);
		assertThat(ShadowComparator.differences(legacy, same, RULES, CANONICAL, 1024)).isEmpty();
		assertThat(names(ShadowComparator.differences(legacy, elsewhere, RULES, CANONICAL, 1024))).containsExactly("redirect");
	}

	@Test
	void compressedBodiesAreComparedDecoded() throws Exception {
		var zipped = new ByteArrayOutputStream();
		try (var gzip = new GZIPOutputStream(zipped)) {
			gzip.write(NEW.getBytes(StandardCharsets.UTF_8));
		}
		var gzipped = new ShadowComparator.Answer(200,
				Map.of("content-type", "text/html; charset=UTF-8", "content-encoding", "gzip"), zipped.toByteArray());
		assertThat(ShadowComparator.differences(html(LEGACY), gzipped, RULES, CANONICAL, 1 << 20)).isEmpty();
		var otherPrice = NEW.replace("$14.99", "$1.00");
		assertThat(names(ShadowComparator.differences(gzipped, html(otherPrice), RULES, CANONICAL, 1 << 20)))
			.contains("price");
	}

	@Test
	void jsonIsComparedPerFieldWithIgnoredPathsAndOptionalOrderInsensitivity() {
		var strict = ShadowComparator.Rules.of(DEFAULTS, new ProxySettings.ShadowRules(List.of(), List.of(),
				List.of("meta.generatedAt", "items.*.etag"), List.of(), false, Map.of()));
		var a = answer(200, "application/json",
				"{\"meta\":{\"generatedAt\":1},\"items\":[{\"id\":1,\"etag\":\"x\"},{\"id\":2,\"etag\":\"y\"}],\"price\":\"4.99\"}");
		var b = answer(200, "application/json",
				"{\"meta\":{\"generatedAt\":2},\"items\":[{\"id\":2,\"etag\":\"q\"},{\"id\":1,\"etag\":\"r\"}],\"price\":\"5.99\"}");
		assertThat(names(ShadowComparator.differences(a, b, strict, CANONICAL, 1024)))
			.containsExactly("body.items.0.id", "body.items.1.id", "body.price");
		var unordered = ShadowComparator.Rules.of(DEFAULTS, new ProxySettings.ShadowRules(List.of(), List.of(),
				List.of("meta.generatedAt", "items.*.etag"), List.of(), true, Map.of()));
		assertThat(names(ShadowComparator.differences(a, b, unordered, CANONICAL, 1024))).containsExactly("body.price");
	}

	@Test
	void noiseIsSubtractedPerFieldSoANoisyBannerCannotHideWrongPrices() {
		// Legacy varies its banner on 30 % of pages; the new side has the banner noise and wrong prices on 30 %.
		var summary = ShadowStats.summarise("catalog", Duration.ofHours(1), 10, 0.01,
				Map.of("", 100L, "*", 45L, "banner", 30L, "price", 30L), Map.of("", 100L, "*", 30L, "banner", 30L), 0, 0);
		assertThat(summary.noiseRate()).isEqualTo(0.3);
		assertThat(summary.fields().get("banner").adjustedRate()).isZero();
		assertThat(summary.fields().get("price").adjustedRate()).isCloseTo(0.3, Offset.offset(1e-9));
		assertThat(summary.adjustedDifferenceRate()).as("the overall rate minus overall noise would be 0.15")
			.isCloseTo(0.3, Offset.offset(1e-9));
		assertThat(summary.sufficient()).isTrue();
		assertThat(summary.gateFailures()).containsExactly(
				"shadow difference rate in 'price' 30.00% (after 0.00% legacy noise in it) is over 1.00%");
		var tooFew = ShadowStats.summarise("catalog", Duration.ofHours(1), 200, 0.01, Map.of("", 100L), Map.of(), 0, 0);
		assertThat(tooFew.sufficient()).isFalse();
		assertThat(tooFew.gateFailures())
			.containsExactly("only 100 shadow comparisons in the last 60 min; at least 200 are needed");
	}
}
