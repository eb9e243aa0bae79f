package com.retailflow.proxy.internal.shadow;

import java.io.IOException;

import com.retailflow.proxy.internal.routing.Decision;
import com.retailflow.proxy.internal.routing.LegacySide;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Decorates the legacy side for a SHADOW route's safe request: legacy's answer streams to the shopper unchanged
 * while a copy is captured, then the comparison with the new side is queued off the request path.
 */
public final class ShadowingLegacySide implements LegacySide {

	private final LegacySide delegate;
	private final ShadowTraffic shadows;
	private final long maxBodySize;

	public ShadowingLegacySide(LegacySide delegate, ShadowTraffic shadows, long maxBodySize) {
		this.delegate = delegate;
		this.shadows = shadows;
		this.maxBodySize = maxBodySize;
	}

	@Override
	public void answer(HttpServletRequest request, HttpServletResponse response, Decision decision) throws IOException {
		if (decision.shadowTarget() == null) {
			delegate.answer(request, response, decision);
			return;
		}
		var capturing = new CapturingResponse(response, maxBodySize);
		delegate.answer(request, capturing, decision);
		if (capturing.truncated()) {
			shadows.skipped(decision.routeId());
		}
		else {
			shadows.submit(decision.routeId(), request, decision.target(), decision.shadowTarget(), capturing.answer());
		}
	}
}
