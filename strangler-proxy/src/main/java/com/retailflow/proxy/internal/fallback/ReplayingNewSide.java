package com.retailflow.proxy.internal.fallback;

import java.io.IOException;

import com.retailflow.proxy.internal.ProxySettings;
import com.retailflow.proxy.internal.errors.ProxyErrors;
import com.retailflow.proxy.internal.forwarding.LegacyForwarder;
import com.retailflow.proxy.internal.routes.RouteChanges;
import com.retailflow.proxy.internal.routes.Side;
import com.retailflow.proxy.internal.routing.Decision;
import com.retailflow.proxy.internal.routing.NewSide;
import com.retailflow.proxy.internal.routing.UrlTranslation;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.catalina.connector.ClientAbortException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Wraps the new side: every answer feeds the {@link FallbackMonitor}; a safe request the new side answered with
 * a 5xx (or an exception) is replayed to legacy, whose answer the shopper gets instead; an unsafe request is
 * never replayed. When the monitor trips, the route falls back to legacy through {@link RouteChanges}.
 */
public final class ReplayingNewSide implements NewSide {

	private static final Logger log = LoggerFactory.getLogger(ReplayingNewSide.class);

	private final NewSide delegate;
	private final LegacyForwarder legacy;
	private final FallbackMonitor monitor;
	private final RouteChanges changes;
	private final UrlTranslation urls;
	private final ProxySettings settings;

	public ReplayingNewSide(NewSide delegate, LegacyForwarder legacy, FallbackMonitor monitor, RouteChanges changes,
			UrlTranslation urls, ProxySettings settings) {
		this.delegate = delegate;
		this.legacy = legacy;
		this.monitor = monitor;
		this.changes = changes;
		this.urls = urls;
		this.settings = settings;
	}

	@Override
	public Side answer(HttpServletRequest request, HttpServletResponse response, FilterChain chain, Decision decision)
			throws IOException, ServletException {
		if (!decision.safe(request.getMethod())) {
			// Unsafe requests are never replayed: whatever the new side answers is the answer.
			try {
				delegate.answer(request, response, chain, decision);
			}
			catch (ServletException | IOException | RuntimeException ex) {
				// A shopper who hung up mid-request is no sign the new side is failing.
				if (!clientAborted(ex)) {
					record(decision, 500);
				}
				throw ex;
			}
			record(decision, response.getStatus());
			return Side.NEW;
		}
		// Buffer the new side's answer so a 5xx, or an exception, can still be replaced by legacy's answer.
		var buffered = new ContentCachingResponseWrapper(response);
		int status;
		try {
			delegate.answer(request, buffered, chain, decision);
			status = buffered.getStatus();
		}
		catch (ServletException | IOException | RuntimeException ex) {
			log.warn("New side failed on {}; answering from legacy", request.getRequestURI(), ex);
			status = 500;
		}
		record(decision, status);
		if (status >= 500 && !response.isCommitted()) {
			buffered.resetBuffer();
			ProxyErrors.resetKeepingOwnHeaders(response);
			if (settings.servedByHeader()) {
				response.setHeader("X-Served-By", Side.LEGACY.header());
			}
			legacy.forward(request, response, legacyTarget(request, decision), decision.routeId());
			return Side.LEGACY;
		}
		buffered.copyBodyToResponse();
		return Side.NEW;
	}

	private String legacyTarget(HttpServletRequest request, Decision decision) {
		if (decision.action() == Decision.Action.DISPATCH_NEW) {
			String query = request.getQueryString();
			return request.getRequestURI() + (query == null ? "" : "?" + query);
		}
		return urls.toLegacy(decision.target()).orElse(decision.target());
	}

	private void record(Decision decision, int status) {
		if (decision.route() == null) {
			return;
		}
		var state = monitor.record(decision.route().id(), decision.route().version(), status >= 500);
		if (state == FallbackMonitor.State.TRIPPED) {
			String id = decision.route().id();
			var thresholds = settings.fallback().of(id);
			monitor.reset(id);
			changes.fallBack(id, "new side 5xx rate crossed " + thresholds.errorRate() + " over " + thresholds.window());
		}
	}

	private static boolean clientAborted(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof ClientAbortException) {
				return true;
			}
		}
		return false;
	}
}
