package com.retailflow.proxy.internal.forwarding;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code legacy} health component: DOWN while any route's legacy circuit breaker is not closed, with each
 * breaker's state. It reads the breakers only (no call to legacy), and it is not in the readiness group: with
 * legacy down the new routes still serve, so the instance stays ready.
 */
@Component
class LegacyHealthIndicator implements HealthIndicator {

	private final LegacyBreakers breakers;

	LegacyHealthIndicator(LegacyBreakers breakers) {
		this.breakers = breakers;
	}

	@Override
	public Health health() {
		var states = breakers.states();
		boolean down = states.values().stream().anyMatch(state -> state != CircuitBreaker.State.CLOSED);
		return (down ? Health.down() : Health.up()).withDetails(states).build();
	}
}
