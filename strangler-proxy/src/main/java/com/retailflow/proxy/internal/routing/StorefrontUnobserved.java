package com.retailflow.proxy.internal.routing;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;

import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * Leaves storefront requests out of Spring's {@code http.server.requests} observation. The servlet container's
 * observation filter runs before {@link ProxyFilter} on every request; for storefront paths its timer, its
 * active-requests gauge and their tag lookups duplicated {@code retailflow.proxy.requests} (by route, answering
 * side and outcome), which {@link ProxyFilter} records anyway. The application's own paths (admin, API,
 * actuator) are still observed.
 */
public final class StorefrontUnobserved implements ObservationPredicate {

	@Override
	public boolean test(String name, Observation.Context context) {
		return !(context instanceof ServerRequestObservationContext request)
				|| ProxyFilter.isApplicationPath(request.getCarrier().getRequestURI());
	}
}
