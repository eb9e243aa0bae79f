package com.retailflow.proxy.internal.forwarding;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

import com.retailflow.proxy.Mode;
import com.retailflow.proxy.internal.ProxySettings;
import com.retailflow.proxy.internal.routes.RouteTable;
import com.retailflow.proxy.internal.routing.Routing;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Component;

/**
 * Makes legacy redirects point where shoppers can follow them: an absolute URL on the legacy host (2018 PHP
 * builds them from its own Host header) is moved to the public host, and a legacy URL whose route is
 * {@code NEW} is mapped to its new URL, saving the shopper a second redirect.
 */
@Component
public class LocationRewriter {

	private final URI legacy;
	private final RouteTable table;
	private final Routing routing;

	public LocationRewriter(ProxySettings settings, RouteTable table, Routing routing) {
		this.legacy = settings.legacyUrl();
		this.table = table;
		this.routing = routing;
	}

	public String rewrite(String location, HttpServletRequest request) {
		URI uri;
		try {
			uri = new URI(location);
		}
		catch (URISyntaxException ex) {
			return location;
		}
		boolean onLegacyHost = uri.getHost() != null && uri.getHost().equalsIgnoreCase(legacy.getHost())
				&& port(uri) == port(legacy);
		if (uri.isAbsolute() && !onLegacyHost) {
			return location;
		}
		String pathAndQuery = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
				+ (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
				+ (uri.getRawFragment() == null ? "" : "#" + uri.getRawFragment());
		String mapped = mapToNew(uri.getRawPath(), pathAndQuery).orElse(pathAndQuery);
		return uri.isAbsolute() ? PublicHost.origin(request) + mapped : mapped;
	}

	private Optional<String> mapToNew(String path, String pathAndQuery) {
		if (path == null || path.isEmpty()) {
			return Optional.empty();
		}
		return table.match(path)
			.filter(match -> match.legacyUrl() && match.route().mode() == Mode.NEW)
			.flatMap(match -> routing.toNew(pathAndQuery));
	}

	private static int port(URI uri) {
		if (uri.getPort() >= 0) {
			return uri.getPort();
		}
		return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
	}
}
