package com.retailflow.proxy.internal.shadow;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.retailflow.proxy.internal.ProxySettings;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * Normalises two answers to the same request and names the fields in which they differ. Fields are
 * {@code status}, {@code header:<name>} for allow-listed headers, and for bodies either {@code body} (HTML,
 * text) or one field per JSON leaf path ({@code body:items.0.price}), so the console can show which parts of a
 * page disagree and how often.
 */
public final class ShadowComparator {

	/** An answer as captured: status, headers (lower-case names), body bytes. */
	public record Answer(int status, Map<String, String> headers, byte[] body) {

		public String contentType() {
			return headers.getOrDefault("content-type", "");
		}
	}

	/** The effective rules of one route: the defaults plus its own. */
	public record Rules(List<Pattern> ignoreRegexes, List<String> ignoreHtmlSelectors, List<String> ignoreJsonPaths,
			List<String> headers, boolean orderInsensitiveLists) {

		public static Rules of(ProxySettings.ShadowRules defaults, ProxySettings.ShadowRules route) {
			List<String> regexes = new ArrayList<>(defaults.ignoreRegexes());
			List<String> selectors = new ArrayList<>(defaults.ignoreHtmlSelectors());
			List<String> paths = new ArrayList<>(defaults.ignoreJsonPaths());
			var headers = new TreeSet<>(defaults.headers().stream().map(h -> h.toLowerCase(Locale.ROOT)).toList());
			boolean unordered = defaults.orderInsensitiveLists();
			if (route != null) {
				regexes.addAll(route.ignoreRegexes());
				selectors.addAll(route.ignoreHtmlSelectors());
				paths.addAll(route.ignoreJsonPaths());
				route.headers().forEach(h -> headers.add(h.toLowerCase(Locale.ROOT)));
				unordered |= route.orderInsensitiveLists();
			}
			return new Rules(regexes.stream().map(Pattern::compile).toList(), selectors, paths, List.copyOf(headers),
					unordered);
		}
	}

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ShadowComparator() {
	}

	/** The names of the fields in which the two answers differ after normalisation; empty when they agree. */
	public static List<String> differences(Answer expected, Answer actual, Rules rules) {
		var left = fields(expected, rules);
		var right = fields(actual, rules);
		var names = new TreeSet<>(left.keySet());
		names.addAll(right.keySet());
		return names.stream().filter(name -> !String.valueOf(left.get(name)).equals(String.valueOf(right.get(name)))).toList();
	}

	public static Map<String, String> fields(Answer answer, Rules rules) {
		Map<String, String> fields = new TreeMap<>();
		fields.put("status", String.valueOf(answer.status()));
		for (String header : rules.headers()) {
			String value = answer.headers().get(header);
			if (value != null) {
				fields.put("header:" + header, value.replace(" ", "").toLowerCase(Locale.ROOT));
			}
		}
		String body = new String(answer.body(), StandardCharsets.UTF_8);
		String type = answer.contentType().toLowerCase(Locale.ROOT);
		if (type.contains("json")) {
			try {
				JsonNode tree = JSON.readTree(body);
				flatten("body", tree, rules, fields);
				return fields;
			}
			catch (RuntimeException ex) {
				// Not valid JSON after all: compare as text below.
			}
		}
		if (type.contains("html")) {
			Document document = Jsoup.parse(body);
			rules.ignoreHtmlSelectors().forEach(selector -> document.select(selector).remove());
			document.outputSettings().prettyPrint(true).indentAmount(0);
			body = document.outerHtml();
		}
		for (Pattern regex : rules.ignoreRegexes()) {
			body = regex.matcher(body).replaceAll("");
		}
		fields.put("body", body.replaceAll("\\s+", " ").strip());
		return fields;
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
