package com.retailflow.orders;

import java.util.Objects;
import java.util.UUID;

/**
 * Identifies an order. The caller chooses it before placing the order, so placing the same order twice (a retry, a
 * replay after a crash) finds the first one instead of creating a second.
 */
public record OrderId(UUID value) {

	public OrderId {
		Objects.requireNonNull(value, "value");
	}

	public static OrderId random() {
		return new OrderId(UUID.randomUUID());
	}

	@Override
	public String toString() {
		return value.toString();
	}
}
