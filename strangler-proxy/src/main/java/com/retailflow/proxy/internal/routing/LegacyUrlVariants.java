package com.retailflow.proxy.internal.routing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.web.util.UriUtils;

/**
 * The spellings of one legacy URL that PHP answers alike, brought to one canonical form before the route table
 * and the URL translators see them, so that after cut-over no variant is left with legacy: percent-encoded
 * characters decoded, doubled slashes merged (as nginx does), the {@code .php} extension in any case, and
 * anything after a {@code .php} segment dropped (PHP serves {@code /product.php/} and {@code /index.php/x}
 * with the script, the rest being {@code PATH_INFO}). Tracking parameters are set aside for the translation
 * and carried over to the new URL. The request forwarded to legacy is never rewritten: it keeps its bytes.
 */
final class LegacyUrlVariants {

	/** Added by mail, ad and social platforms; meaningless to the shop, kept for the analytics on the new side. */
	private static final Set<String> TRACKING = Set.of("fbclid", "gclid", "dclid", "msclkid", "yclid", "mc_cid",
			"mc_eid", "_ga", "_gl", "igshid");

	private static final Pattern DOUBLED_SLASHES = Pattern.compile("/{2,}");

	private LegacyUrlVariants() {
	}

	/** The canonical path for matching routes. */
	static String path(String rawPath) {
		// The hot path: most paths need none of this, so each step runs only when its character is there.
		String path = rawPath.indexOf('%') >= 0 ? UriUtils.decode(rawPath, StandardCharsets.UTF_8) : rawPath;
		if (path.contains("//")) {
			path = DOUBLED_SLASHES.matcher(path).replaceAll("/");
		}
		String lower = path.toLowerCase(Locale.ROOT);
		int php = lower.indexOf(".php");
		while (php >= 0) {
			int end = php + 4;
			if (end == path.length() && path.endsWith(".php")) {
				return path;
			}
			if (end == path.length() || path.charAt(end) == '/') {
				return path.substring(0, php) + ".php";
			}
			php = lower.indexOf(".php", end);
		}
		return path;
	}

	/** A query split into what the translators judge and the tracking parameters carried over as they are. */
	record Query(String kept, String tracking) {

		String keptSuffix() {
			return kept.isEmpty() ? "" : "?" + kept;
		}

		/** The tracking parameters appended to a translated URL. */
		String carriedTo(String url) {
			return tracking.isEmpty() ? url : url + (url.contains("?") ? "&" : "?") + tracking;
		}
	}

	static Query query(String rawQuery) {
		if (rawQuery == null || rawQuery.isEmpty()) {
			return new Query("", "");
		}
		List<String> kept = new ArrayList<>();
		List<String> tracking = new ArrayList<>();
		for (String pair : rawQuery.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
			String lower = name.toLowerCase(Locale.ROOT);
			(lower.startsWith("utm_") || TRACKING.contains(lower) ? tracking : kept).add(pair);
		}
		return new Query(String.join("&", kept), String.join("&", tracking));
	}
}
