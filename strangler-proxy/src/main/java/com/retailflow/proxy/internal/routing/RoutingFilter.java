package com.retailflow.proxy.internal.routing;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.retailflow.proxy.internal.ProxySettings;
import com.retailflow.proxy.internal.fallback.FallbackMonitor;
import com.retailflow.proxy.internal.forwarding.LegacyForwarder;
import com.retailflow.proxy.internal.routes.RouteChanges;
import com.retailflow.proxy.internal.routing.Decision.Action;
import com.retailflow.proxy.internal.routing.Decision.Side;
import com.retailflow.proxy.internal.shadow.CapturingResponse;
import com.retailflow.proxy.internal.shadow.ShadowTraffic;
import com.retailflow.proxy.internal.visits.ShopperKeys;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Runs in front of everything for storefront URLs: decides the side, stamps {@code X-Served-By}, measures per
 * route and side, and for the new side watches for 5xx — replaying a failed GET/HEAD to legacy (never an
 * unsafe request) and tripping the automatic fallback when the error rate crosses the threshold.
 * The legacy side itself is answered by the Gateway MVC route in {@link ProxyRouting}.
 */
class RoutingFilter extends OncePerRequestFilter {

	/** Paths that always belong to the new application, whatever the route table says. */
	static final List<String> APPLICATION_PATHS = List.of("/actuator", "/admin", "/api/", "/v3/api-docs", "/swagger-ui",
			"/error");

	private final Routing routing;
	private final ShopperKeys shoppers;
	private final LegacyForwarder legacy;
	private final FallbackMonitor fallback;
	private final RouteChanges changes;
	private final ProxySettings settings;
	private final MeterRegistry meters;
	private final ShadowTraffic shadows;
	private final java.util.Map<TimerKey, Timer> timers = new java.util.concurrent.ConcurrentHashMap<>();

	RoutingFilter(Routing routing, ShopperKeys shoppers, LegacyForwarder legacy, FallbackMonitor fallback,
			RouteChanges changes, ProxySettings settings, MeterRegistry meters, ShadowTraffic shadows) {
		this.shadows = shadows;
		this.routing = routing;
		this.shoppers = shoppers;
		this.legacy = legacy;
		this.fallback = fallback;
		this.changes = changes;
		this.settings = settings;
		this.meters = meters;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI();
		return APPLICATION_PATHS.stream().anyMatch(path::startsWith);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (shadows.isOwnShadow(request)) {
			// A copy sent by this instance's shadow traffic: the new side answers it as is, unrouted and unmeasured.
			request.setAttribute(Decision.ATTRIBUTE, new Decision(null, Side.NEW, Action.SERVE_NEW,
					request.getRequestURI(), -1, "shadow copy"));
			chain.doFilter(request, response);
			return;
		}
		long start = System.nanoTime();
		var visit = shoppers.visit(request, response);
		String query = request.getQueryString();
		String pathAndQuery = request.getRequestURI() + (query == null ? "" : "?" + query);
		Decision decision = routing.decide(request.getMethod(), request.getRequestURI(), pathAndQuery, visit);
		if (decision.side() == Side.NEW && decision.route() != null
				&& decision.route().mode() == com.retailflow.proxy.Mode.CANARY) {
			visit = visit.pin(decision.route().id());
		}
		shoppers.save(visit, response);
		request.setAttribute(Decision.ATTRIBUTE, decision);
		if (settings.servedByHeader()) {
			response.setHeader("X-Served-By", decision.side().header());
		}
		Side answered = decision.side();
		try {
			switch (decision.action()) {
				case FORWARD_LEGACY -> forwardLegacy(request, response, chain, decision);
				case REDIRECT_NEW -> {
					response.setStatus(HttpServletResponse.SC_MOVED_PERMANENTLY);
					response.setHeader(HttpHeaders.LOCATION, decision.target());
				}
				case SERVE_NEW, DISPATCH_NEW -> answered = serveNew(request, response, chain, decision);
			}
		}
		finally {
			timer(decision.routeId(), answered, outcome(response.getStatus())).record(System.nanoTime() - start,
					TimeUnit.NANOSECONDS);
		}
	}

	/** Legacy answers; for a SHADOW route its answer is also captured (streamed through unchanged) and compared. */
	private void forwardLegacy(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
			Decision decision) throws ServletException, IOException {
		if (decision.shadowTarget() == null) {
			chain.doFilter(request, response);
			return;
		}
		var capturing = new CapturingResponse(response, settings.shadow().maxBodySize().toBytes());
		chain.doFilter(request, capturing);
		if (!capturing.truncated()) {
			shadows.submit(decision.routeId(), request, decision.target(), decision.shadowTarget(), capturing.answer());
		}
	}

	private record TimerKey(String route, Side side, String outcome) {
	}

	/** Timers are looked up once per route, side and outcome, not built per request (this is the hot path). */
	private Timer timer(String route, Side side, String outcome) {
		return timers.computeIfAbsent(new TimerKey(route, side, outcome), key -> Timer.builder("retailflow.proxy.requests")
			.description("Storefront requests through the proxy, by route, answering side and outcome")
			.tag("route", key.route())
			.tag("side", key.side().header())
			.tag("outcome", key.outcome())
			.publishPercentileHistogram()
			.register(meters));
	}

	/** Serves from the new side; returns the side that finally answered (legacy after a replay). */
	private Side serveNew(HttpServletRequest request, HttpServletResponse response, FilterChain chain, Decision decision)
			throws ServletException, IOException {
		boolean safe = request.getMethod().equals("GET") || request.getMethod().equals("HEAD");
		if (!safe) {
			// Unsafe requests are never replayed: whatever the new side answers is the answer.
			try {
				dispatch(request, response, chain, decision);
			}
			catch (ServletException | IOException | RuntimeException ex) {
				record(decision, 500);
				throw ex;
			}
			record(decision, response.getStatus());
			return Side.NEW;
		}
		// Buffer the new side's answer so a 5xx — or an exception, which becomes one — can still be replaced by
		// legacy's answer.
		var buffered = new ContentCachingResponseWrapper(response);
		int status;
		try {
			dispatch(request, buffered, chain, decision);
			status = buffered.getStatus();
		}
		catch (ServletException | IOException | RuntimeException ex) {
			logger.warn("New side failed on " + request.getRequestURI() + "; answering from legacy", ex);
			status = 500;
		}
		record(decision, status);
		if (status >= 500 && !response.isCommitted()) {
			buffered.resetBuffer();
			response.reset();
			if (settings.servedByHeader()) {
				response.setHeader("X-Served-By", Side.LEGACY.header());
			}
			String legacyTarget = decision.action() == Action.DISPATCH_NEW ? originalPathAndQuery(request)
					: routing.toLegacy(decision.target()).orElse(decision.target());
			legacy.forward(request, response, legacyTarget);
			return Side.LEGACY;
		}
		buffered.copyBodyToResponse();
		return Side.NEW;
	}

	private static void dispatch(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
			Decision decision) throws ServletException, IOException {
		if (decision.action() == Action.DISPATCH_NEW) {
			request.getRequestDispatcher(decision.target()).forward(request, response);
		}
		else {
			chain.doFilter(request, response);
		}
	}

	private void record(Decision decision, int status) {
		if (decision.route() == null) {
			return;
		}
		var state = fallback.record(decision.route().id(), status >= 500);
		if (state == FallbackMonitor.State.TRIPPED) {
			fallback.markFallenBack(decision.route().id());
			changes.fallBack(decision.route().id(), "new side 5xx rate crossed " + settings.fallback().errorRate()
					+ " over " + settings.fallback().window());
		}
	}

	private static String originalPathAndQuery(HttpServletRequest request) {
		String query = request.getQueryString();
		return request.getRequestURI() + (query == null ? "" : "?" + query);
	}

	private static String outcome(int status) {
		return status >= 500 ? "SERVER_ERROR" : status >= 400 ? "CLIENT_ERROR" : status >= 300 ? "REDIRECTION" : "SUCCESS";
	}
}
