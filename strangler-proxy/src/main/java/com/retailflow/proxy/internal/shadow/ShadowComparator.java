package com.retailflow.proxy.internal.shadow;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

import com.retailflow.proxy.internal.ProxySettings;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Compares what a shopper sees in two answers to the same request, field by named field, and names the fields
 * that differ.
 *
 * <p>An HTML page is parsed (jsoup), never compared as markup: every link and form action is canonicalised
 * (legacy {@code /product.php?id=3} and new {@code /products/3} are the same link), CSRF tokens and clocks are
 * dropped, whitespace is collapsed, and the page is cut into fields: {@code title}, the configured
 * {@code html-fields} (price, availability, breadcrumb… by CSS selector), {@code links}, one
 * {@code form:<name>} per form (method, canonical action, fields) and {@code text} (the visible text). JSON is
 * compared per leaf path ({@code body:items.0.price}); other bodies as {@code body}. {@code status},
 * {@code redirect} (the canonical Location) and allow-listed {@code header:<name>} are fields too. Bodies are
 * decoded ({@code Content-Encoding}) first.
 */
public final class ShadowComparator {

	/** An answer as captured: status, headers (lower-case names), body bytes as sent (maybe compressed). */
	public record Answer(int status, Map<String, String> headers, byte[] body) {

		String contentType() {
			return headers.getOrDefault("content-type", "");
		}
	}

	/** One field in which the answers differ, with both normalised values (what the diff viewer shows). */
	public record FieldDifference(String field, String legacy, String other) {
	}

	/** The effective rules of one route: the defaults plus its own. */
	record Rules(List<Pattern> ignoreRegexes, List<String> ignoreHtmlSelectors, List<String> ignoreJsonPaths,
			List<String> headers, boolean orderInsensitiveLists, Map<String, String> htmlFields) {

		static Rules of(ProxySettings.ShadowRules defaults, ProxySettings.ShadowRules route) {
			List<String> regexes = new ArrayList<>(defaults.ignoreRegexes());
			List<String> selectors = new ArrayList<>(defaults.ignoreHtmlSelectors());
			List<String> paths = new ArrayList<>(defaults.ignoreJsonPaths());
			var headers = new TreeSet<>(defaults.headers().stream().map(h -> h.toLowerCase(Locale.ROOT)).toList());
			var fields = new TreeMap<>(defaults.htmlFields());
			boolean unordered = defaults.orderInsensitiveLists();
			if (route != null) {
				regexes.addAll(route.ignoreRegexes());
				selectors.addAll(route.ignoreHtmlSelectors());
				paths.addAll(route.ignoreJsonPaths());
				route.headers().forEach(h -> headers.add(h.toLowerCase(Locale.ROOT)));
				fields.putAll(route.htmlFields());
				unordered |= route.orderInsensitiveLists();
			}
			return new Rules(regexes.stream().map(Pattern::compile).toList(), selectors, paths, List.copyOf(headers),
					unordered, Map.copyOf(fields));
		}
	}

	/** Clocks in the visible text: ISO and SQL date-times, and times of day with seconds. */
	private static final Pattern CLOCKS = Pattern
		.compile("\\b\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:?\\d{2})?|\\b\\d{1,2}:\\d{2}:\\d{2}\\b");
	/** Per-visit tokens a page carries for its forms. */
	private static final String CSRF = "input[type=hidden][name~=(?i)(csrf|xsrf|authenticity_token|_token)], meta[name~=(?i)csrf]";
	private static final Pattern SPACE = Pattern.compile("\\s+");
	private static final JsonMapper JSON = JsonMapper.builder().build();
	private static final int SHOWN_CHARS = 2_000;

	private ShadowComparator() {
	}

	/**
	 * The fields in which the two answers differ after normalisation; empty when they agree.
	 *
	 * @param canonicalUrl maps a same-site path and query to its canonical spelling (the new URL)
	 * @param decodedLimit bodies that decode to more than this are compared by their first bytes only
	 */
	static List<FieldDifference> differences(Answer expected, Answer actual, Rules rules,
			UnaryOperator<String> canonicalUrl, int decodedLimit) {
		var left = fields(expected, rules, canonicalUrl, decodedLimit);
		var right = fields(actual, rules, canonicalUrl, decodedLimit);
		var names = new TreeSet<>(left.keySet());
		names.addAll(right.keySet());
		List<FieldDifference> differences = new ArrayList<>();
		for (String name : names) {
			String a = left.getOrDefault(name, "");
			String b = right.getOrDefault(name, "");
			if (!a.equals(b)) {
				differences.add(new FieldDifference(name, shown(a), shown(b)));
			}
		}
		return differences;
	}

	static Map<String, String> fields(Answer answer, Rules rules, UnaryOperator<String> canonicalUrl, int decodedLimit) {
		Map<String, String> fields = new TreeMap<>();
		fields.put("status", String.valueOf(answer.status()));
		String location = answer.headers().get("location");
		if (location != null) {
			fields.put("redirect", canonical(location, canonicalUrl));
		}
		for (String header : rules.headers()) {
			String value = answer.headers().get(header);
			if (value != null) {
				fields.put("header:" + header, SPACE.matcher(value).replaceAll("").toLowerCase(Locale.ROOT));
			}
		}
		String type = answer.contentType().toLowerCase(Locale.ROOT);
		String body;
		try {
			body = new String(decoded(answer, decodedLimit), charset(type));
		}
		catch (IOException ex) {
			fields.put("body", "undecodable body (" + answer.headers().getOrDefault("content-encoding", "identity")
					+ "): " + ex.getMessage());
			return fields;
		}
		if (type.contains("json") && json(body, rules, fields)) {
			return fields;
		}
		body = CLOCKS.matcher(body).replaceAll("");
		for (Pattern regex : rules.ignoreRegexes()) {
			body = regex.matcher(body).replaceAll("");
		}
		if (type.contains("html")) {
			html(Jsoup.parse(body), rules, canonicalUrl, fields);
			return fields;
		}
		fields.put("body", collapse(body));
		return fields;
	}

	private static void html(Document document, Rules rules, UnaryOperator<String> canonicalUrl,
			Map<String, String> fields) {
		document.select(CSRF).remove();
		rules.ignoreHtmlSelectors().forEach(selector -> document.select(selector).remove());
		fields.put("title", text(document.title(), rules));
		rules.htmlFields().forEach((name, selector) -> {
			List<String> values = new ArrayList<>();
			document.select(selector).forEach(element -> values.add(text(element.text(), rules)));
			fields.put(name, String.join(" | ", values));
		});
		List<String> links = new ArrayList<>();
		document.select("a[href]").forEach(link -> links.add(canonical(link.attr("href"), canonicalUrl)));
		fields.put("links", String.join("\n", links));
		int index = 0;
		for (Element form : document.select("form")) {
			fields.put("form:" + formName(form, index++), form(form, canonicalUrl));
		}
		Element body = document.body();
		fields.put("text", text(body == null ? "" : body.text(), rules));
	}

	/** Method, canonical action and the submitted fields; a GET form's fields are part of the URL it opens. */
	private static String form(Element form, UnaryOperator<String> canonicalUrl) {
		String method = form.attr("method").isBlank() ? "get" : form.attr("method").toLowerCase(Locale.ROOT);
		List<String> submitted = new ArrayList<>();
		for (Element field : form.select("input[name], select[name], textarea[name], button[name]")) {
			String value = field.tagName().equals("select") ? field.select("option[selected]").val() : field.val();
			submitted.add(field.attr("name") + "=" + value);
		}
		String action = form.attr("action");
		if (method.equals("get")) {
			String query = String.join("&", submitted);
			String url = action + (query.isEmpty() ? "" : (action.contains("?") ? "&" : "?") + query);
			return "get " + canonical(url, canonicalUrl);
		}
		submitted.sort(null);
		return method + " " + canonical(action, canonicalUrl) + " " + submitted;
	}

	private static String formName(Element form, int index) {
		if (!form.classNames().isEmpty()) {
			return form.classNames().iterator().next();
		}
		return form.id().isBlank() ? String.valueOf(index) : form.id();
	}

	/** A same-site URL as path and query, spelled the new way when a translator knows it. */
	static String canonical(String url, UnaryOperator<String> canonicalUrl) {
		String value = url.strip();
		int fragment = value.indexOf('#');
		if (fragment >= 0) {
			value = value.substring(0, fragment);
		}
		var absolute = Pattern.compile("(?i)^https?://[^/?#]*").matcher(value);
		if (absolute.find()) {
			value = value.substring(absolute.end());
			value = value.isEmpty() ? "/" : value;
		}
		if (!value.startsWith("/")) {
			return value;
		}
		return canonicalUrl.apply(value);
	}

	private static String text(String text, Rules rules) {
		String value = CLOCKS.matcher(text).replaceAll("");
		for (Pattern regex : rules.ignoreRegexes()) {
			value = regex.matcher(value).replaceAll("");
		}
		return collapse(value);
	}

	private static String collapse(String text) {
		return SPACE.matcher(text.replace('\u00a0', ' ')).replaceAll(" ").strip();
	}

	private static boolean json(String body, Rules rules, Map<String, String> fields) {
		try {
			flatten("body", JSON.readTree(body), rules, fields);
			return true;
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	/** The body as the shopper's browser would read it: gzip and deflate undone, at most {@code limit} bytes. */
	static byte[] decoded(Answer answer, int limit) throws IOException {
		String encoding = answer.headers().getOrDefault("content-encoding", "identity").strip().toLowerCase(Locale.ROOT);
		InputStream in = switch (encoding) {
			case "", "identity" -> new ByteArrayInputStream(answer.body());
			case "gzip", "x-gzip" -> new GZIPInputStream(new ByteArrayInputStream(answer.body()));
			case "deflate" -> new InflaterInputStream(new ByteArrayInputStream(answer.body()));
			default -> throw new IOException("unsupported content-encoding " + encoding);
		};
		try (in) {
			return in.readNBytes(limit);
		}
	}

	private static Charset charset(String contentType) {
		var matcher = Pattern.compile("charset=\"?([\\w.:-]+)").matcher(contentType);
		try {
			return matcher.find() ? Charset.forName(matcher.group(1)) : StandardCharsets.UTF_8;
		}
		catch (IllegalArgumentException ex) {
			return StandardCharsets.UTF_8;
		}
	}

	private static String shown(String value) {
		return value.length() > SHOWN_CHARS ? value.substring(0, SHOWN_CHARS) + "…" : value;
	}

	private static void flatten(String path, JsonNode node, Rules rules, Map<String, String> fields) {
		if (ignored(path, rules)) {
			return;
		}
		if (node.isObject()) {
			node.properties().forEach(entry -> flatten(path + "." + entry.getKey(), entry.getValue(), rules, fields));
		}
		else if (node.isArray()) {
			List<JsonNode> items = new ArrayList<>();
			node.forEach(items::add);
			if (rules.orderInsensitiveLists()) {
				items.sort((a, b) -> a.toString().compareTo(b.toString()));
			}
			fields.put(path + ".length", String.valueOf(items.size()));
			for (int i = 0; i < items.size(); i++) {
				flatten(path + "." + i, items.get(i), rules, fields);
			}
		}
		else {
			fields.put(path, node.toString());
		}
	}

	/** Ignore paths are relative to the body ("items.*.etag"); {@code *} matches one segment. */
	private static boolean ignored(String path, Rules rules) {
		if (!path.startsWith("body.")) {
			return false;
		}
		String[] segments = path.substring(5).split("\\.");
		for (String rule : rules.ignoreJsonPaths()) {
			String[] parts = rule.split("\\.");
			if (parts.length == segments.length) {
				boolean match = true;
				for (int i = 0; i < parts.length && match; i++) {
					match = parts[i].equals("*") || parts[i].equals(segments[i]);
				}
				if (match) {
					return true;
				}
			}
		}
		return false;
	}
}
