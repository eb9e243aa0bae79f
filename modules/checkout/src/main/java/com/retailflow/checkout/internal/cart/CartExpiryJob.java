package com.retailflow.checkout.internal.cart;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes expired carts. Reads already ignore them, so this only reclaims space; one DELETE, safe on every instance
 * at once.
 */
@Component
class CartExpiryJob {

	private static final Logger log = LoggerFactory.getLogger(CartExpiryJob.class);

	private final CartService carts;

	CartExpiryJob(CartService carts) {
		this.carts = carts;
	}

	@Scheduled(fixedDelayString = "${retailflow.checkout.cart.expiry-interval:1h}",
			initialDelayString = "${retailflow.checkout.cart.expiry-interval:1h}")
	void deleteExpired() {
		int deleted = carts.deleteExpired();
		if (deleted > 0) {
			log.info("Deleted {} expired carts", deleted);
		}
	}
}
