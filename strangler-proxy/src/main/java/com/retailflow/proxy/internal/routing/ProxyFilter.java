package com.retailflow.proxy.internal.routing;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.retailflow.proxy.internal.ProxySettings;
import com.retailflow.proxy.internal.errors.ProxyErrors;
import com.retailflow.proxy.internal.routes.Side;
import com.retailflow.proxy.internal.shadow.ShadowTraffic;
import com.retailflow.proxy.internal.traffic.RequestMeters;
import com.retailflow.proxy.internal.visits.Visit;
import com.retailflow.proxy.internal.visits.Visits;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The proxy's one entry point for storefront requests: finds the visit, asks {@link SideSelector} for the
 * {@link Decision}, stamps {@code X-Served-By}, hands the request to the {@link LegacySide} or the
 * {@link NewSide} (or answers the 301 itself) and measures the answer. Registered for the REQUEST dispatch
 * only: an error dispatch never comes back here, so nothing is forwarded twice.
 */
public class ProxyFilter extends OncePerRequestFilter {

	/** Path prefixes (whole segments) that always belong to the new application, whatever the route table says. */
	static final List<String> APPLICATION_PATHS = List.of("/actuator", "/admin", "/api", "/v3/api-docs", "/swagger-ui",
			"/swagger-ui.html", "/error");

	private static final Set<String> STATIC_EXTENSIONS = Set.of("css", "js", "mjs", "map", "png",
			"jpg", "jpeg", "gif", "webp", "avif", "svg", "ico", "woff", "woff2", "ttf", "otf", "eot");

	private final SideSelector selector;
	private final Visits visits;
	private final LegacySide legacy;
	private final NewSide fresh;
	private final ShadowTraffic shadows;
	private final RequestMeters meters;
	private final boolean servedByHeader;

	public ProxyFilter(SideSelector selector, Visits visits, LegacySide legacy, NewSide fresh, ShadowTraffic shadows,
			RequestMeters meters, ProxySettings settings) {
		this.selector = selector;
		this.visits = visits;
		this.legacy = legacy;
		this.fresh = fresh;
		this.shadows = shadows;
		this.meters = meters;
		this.servedByHeader = settings.servedByHeader();
	}

	/** True when the path is one of the application's own paths or below one, segment by segment. */
	static boolean isApplicationPath(String path) {
		for (String prefix : APPLICATION_PATHS) {
			if (path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/')) {
				return true;
			}
		}
		return false;
	}

	/** Stylesheets, scripts, images and fonts: cacheable, so they never carry a visit's cookies. */
	static boolean isStaticAsset(String path) {
		int dot = path.lastIndexOf('.');
		if (dot < 0 || dot < path.lastIndexOf('/')) {
			return false;
		}
		return STATIC_EXTENSIONS.contains(path.substring(dot + 1).toLowerCase(Locale.ROOT));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (shadows.isOwnShadow(request)) {
			// A copy sent by this instance's shadow traffic: the new side answers it as is, unrouted and unmeasured,
			// bounded in number and time, marked so that it changes nothing.
			shadows.serveCopy(request, response, () -> chain.doFilter(request, response));
			return;
		}
		// Whatever answers in process (the application's paths, the new side) never sees a client's X-RetailFlow-*.
		HttpServletRequest client = new WithoutInternalHeaders(request);
		if (isApplicationPath(request.getRequestURI())) {
			chain.doFilter(client, response);
			return;
		}
		if (!selector.ready()) {
			ProxyErrors.write(request, response, 503, "The shop is starting",
					"The shop is starting up. Please try again in a few seconds.", 5);
			return;
		}
		long start = System.nanoTime();
		Visit visit = visits.visit(request);
		String query = request.getQueryString();
		String pathAndQuery = request.getRequestURI() + (query == null ? "" : "?" + query);
		Decision decision = selector.decide(request.getMethod(), request.getRequestURI(), pathAndQuery, visit);
		if (decision.side() == Side.NEW && decision.route() != null) {
			// Pinned in NEW too, so that lowering NEW to a canary lets this visit finish on the new side.
			visit = visit.pin(decision.route().id(), decision.route().generation());
		}
		if (!isStaticAsset(request.getRequestURI())) {
			// Never on cacheable assets: a cache that stored a Set-Cookie would hand one visit to everyone.
			visits.save(visit, request, response);
		}
		if (servedByHeader) {
			response.setHeader("X-Served-By", decision.side().header());
		}
		Side answered = decision.side();
		try {
			switch (decision.action()) {
				case FORWARD_LEGACY -> legacy.answer(request, response, decision);
				case REDIRECT_NEW -> {
					response.setStatus(HttpServletResponse.SC_MOVED_PERMANENTLY);
					response.setHeader(HttpHeaders.LOCATION, decision.target());
				}
				case SERVE_NEW, DISPATCH_NEW -> answered = fresh.answer(client, response, chain, decision);
			}
		}
		finally {
			meters.record(decision.routeId(), answered, response.getStatus(), System.nanoTime() - start);
		}
	}
}
