package com.retailflow.proxy.internal.forwarding;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.retailflow.proxy.Mode;
import com.retailflow.proxy.internal.ProxySettings;
import com.retailflow.proxy.internal.routes.RouteTable;
import com.retailflow.proxy.internal.routing.UrlTranslation;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Component;

/**
 * Makes legacy's redirects ({@code Location}, {@code Content-Location} and the URL in {@code Refresh}) point
 * where shoppers can follow them, like nginx's {@code proxy_redirect default}: a URL on the legacy host (2018
 * PHP builds them from its own Host header) is moved to the public host, and a legacy URL whose route is
 * {@code NEW} is mapped to its new URL, saving the shopper a second redirect. Works on the text, so a value
 * {@link URI} would refuse (an unencoded space) is rewritten too; relative values and other hosts are kept.
 */
@Component
class LocationRewriter {

	private static final Pattern REFRESH = Pattern.compile("^(\\s*\\d+\\s*[;,]\\s*url\\s*=\\s*)(['\"]?)(.*?)(\\2\\s*)$",
			Pattern.CASE_INSENSITIVE);

	private final List<String> legacyOrigins;
	private final RouteTable table;
	private final UrlTranslation urls;
	private final PublicOrigin publicOrigin;

	LocationRewriter(ProxySettings settings, RouteTable table, UrlTranslation urls, PublicOrigin publicOrigin) {
		this.legacyOrigins = origins(settings.legacyUrl());
		this.table = table;
		this.urls = urls;
		this.publicOrigin = publicOrigin;
	}

	String rewrite(String header, String value, HttpServletRequest request) {
		if (header.equals("refresh")) {
			Matcher refresh = REFRESH.matcher(value);
			return refresh.matches() ? refresh.group(1) + refresh.group(2) + rewrite(refresh.group(3), request)
					+ refresh.group(4) : value;
		}
		return rewrite(value, request);
	}

	String rewrite(String location, HttpServletRequest request) {
		String lower = location.toLowerCase(Locale.ROOT);
		for (String origin : legacyOrigins) {
			if (lower.startsWith(origin) && endsAtOrigin(location, origin.length())) {
				String rest = location.substring(origin.length());
				return publicOrigin.origin(request) + toNew(rest.isEmpty() ? "/" : rest);
			}
		}
		return location.startsWith("/") && !location.startsWith("//") ? toNew(location) : location;
	}

	/** A path-absolute legacy URL of a NEW route becomes its new URL; anything else stays as it is. */
	private String toNew(String pathAndQuery) {
		if (!pathAndQuery.startsWith("/")) {
			return pathAndQuery;
		}
		int end = pathAndQuery.length();
		for (char c : new char[] { '?', '#' }) {
			int at = pathAndQuery.indexOf(c);
			if (at >= 0) {
				end = Math.min(end, at);
			}
		}
		String path = pathAndQuery.substring(0, end);
		Optional<String> mapped = table.match(path)
			.filter(match -> match.legacyUrl() && match.route().mode() == Mode.NEW)
			.flatMap(match -> urls.toNew(pathAndQuery));
		return mapped.orElse(pathAndQuery);
	}

	private static boolean endsAtOrigin(String location, int at) {
		return location.length() == at || "/?#".indexOf(location.charAt(at)) >= 0;
	}

	/** The spellings of legacy's origin in absolute and scheme-relative URLs, lower case. */
	private static List<String> origins(URI legacy) {
		String scheme = legacy.getScheme().toLowerCase(Locale.ROOT);
		String host = legacy.getHost().toLowerCase(Locale.ROOT);
		int defaultPort = scheme.equals("https") ? 443 : 80;
		int port = legacy.getPort() < 0 ? defaultPort : legacy.getPort();
		List<String> authorities = new ArrayList<>(List.of(host + ":" + port));
		if (port == defaultPort) {
			authorities.add(host);
		}
		List<String> origins = new ArrayList<>();
		for (String authority : authorities) {
			origins.add(scheme + "://" + authority);
			origins.add("//" + authority);
		}
		return origins;
	}
}
