package com.retailflow.checkout.internal.cart;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code retailflow.checkout.cart.*}.
 *
 * @param ttl how long a cart nobody changes is kept
 * @param expiryInterval how often expired carts are deleted
 */
@ConfigurationProperties("retailflow.checkout.cart")
record CartSettings(@DefaultValue("30d") Duration ttl, @DefaultValue("1h") Duration expiryInterval) {

	CartSettings {
		if (ttl.isNegative() || ttl.isZero()) {
			throw new IllegalArgumentException("retailflow.checkout.cart.ttl must be positive, not " + ttl);
		}
	}
}
