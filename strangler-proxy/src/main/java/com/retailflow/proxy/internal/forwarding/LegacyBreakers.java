package com.retailflow.proxy.internal.forwarding;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.retailflow.proxy.internal.ProxySettings;
import com.retailflow.proxy.internal.routes.RouteChanges;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerOnStateTransitionEvent;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What stands between the shopper and a failing legacy shop (ADR 0040): a Resilience4j circuit breaker per route,
 * named by the route id, and one bulkhead for the legacy side as a whole.
 *
 * <p>A breaker counts a call as failed when legacy timed out, refused or dropped the connection; any answer
 * legacy gives, a 500 included, is a success (legacy is there). Its transitions are logged, exported
 * ({@code resilience4j.circuitbreaker.state}) and audited on the route when it opens and when it closes.
 */
@Component
public class LegacyBreakers {

	private static final Logger log = LoggerFactory.getLogger(LegacyBreakers.class);

	private final CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
	private final Bulkhead bulkhead;
	private final ProxySettings settings;
	private final RouteChanges changes;

	LegacyBreakers(ProxySettings settings, RouteChanges changes, MeterRegistry meters) {
		this.settings = settings;
		this.changes = changes;
		var bulkheads = BulkheadRegistry.ofDefaults();
		TaggedBulkheadMetrics.ofBulkheadRegistry(bulkheads).bindTo(meters);
		this.bulkhead = bulkheads.bulkhead("legacy", BulkheadConfig.custom()
				.maxConcurrentCalls(settings.legacyConcurrency())
				// Over the limit, a request waits briefly for a place, never for long behind a hung legacy.
				.maxWaitDuration(settings.bulkhead().maxWait())
				.build());
		breakers.getEventPublisher()
			.onEntryAdded(added -> added.getAddedEntry().getEventPublisher().onStateTransition(this::transitioned));
		TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
	}

	/** The breaker of a route's legacy side ({@code none} for requests no route matches). */
	CircuitBreaker breaker(String routeId) {
		return breakers.circuitBreaker(routeId, () -> config(settings.legacyPolicy(routeId)));
	}

	Bulkhead bulkhead() {
		return bulkhead;
	}

	/** The breakers that exist so far (one per route legacy was called on), by route id. */
	Map<String, CircuitBreaker.State> states() {
		var states = new TreeMap<String, CircuitBreaker.State>();
		breakers.getAllCircuitBreakers().forEach(breaker -> states.put(breaker.getName(), breaker.getState()));
		return states;
	}

	private static CircuitBreakerConfig config(ProxySettings.LegacyPolicy policy) {
		return CircuitBreakerConfig.custom()
			.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
			.slidingWindowSize(policy.window())
			.minimumNumberOfCalls(policy.minimumCalls())
			.failureRateThreshold(policy.failureRate())
			.waitDurationInOpenState(policy.openFor())
			.permittedNumberOfCallsInHalfOpenState(policy.probes())
			// So that the console and health show HALF_OPEN when probing may start, even without traffic.
			.automaticTransitionFromOpenToHalfOpenEnabled(true)
			.build();
	}

	private void transitioned(CircuitBreakerOnStateTransitionEvent event) {
		String route = event.getCircuitBreakerName();
		var from = event.getStateTransition().getFromState();
		var to = event.getStateTransition().getToState();
		var metrics = breakers.find(route).map(CircuitBreaker::getMetrics);
		String figures = metrics.map(m -> String.format(Locale.ROOT, "%.0f%% of the last %d calls failed",
				m.getFailureRate(), m.getNumberOfBufferedCalls())).orElse("");
		// Audited: legacy found down, and legacy back. A failed probe (HALF_OPEN → OPEN, every open-for while legacy
		// stays down) is only logged, or the audit log would fill up during an outage.
		if (to == CircuitBreaker.State.OPEN && from == CircuitBreaker.State.CLOSED) {
			var policy = settings.legacyPolicy(route);
			String reason = "legacy circuit breaker OPEN: " + figures + " (timeouts or connection failures); "
					+ "shoppers get 503 without legacy being called for " + policy.openFor().toMillis() + " ms, then "
					+ policy.probes() + " probe requests go through";
			log.warn("Route {}: {}", route, reason);
			changes.legacyBreakerChanged(route, to.name(), reason);
		}
		else if (to == CircuitBreaker.State.CLOSED) {
			String reason = "legacy circuit breaker CLOSED: legacy answered the probe requests and is called again";
			log.warn("Route {}: {}", route, reason);
			changes.legacyBreakerChanged(route, to.name(), reason);
		}
		else {
			log.info("Route {}: legacy circuit breaker {}", route, event.getStateTransition());
			changes.legacyBreakerChanged(route, to.name(), null);
		}
	}
}
