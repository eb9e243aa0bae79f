package com.retailflow.inventory.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.retailflow.inventory.InventoryManagement;

/**
 * Expires overdue reservations periodically. Every instance runs it: {@link InventoryManagement#expireOverdue()} claims
 * reservations with {@code FOR UPDATE SKIP LOCKED} and a conditional update, so concurrent runs split the work and
 * each reservation expires exactly once. No leader election or scheduler lock needed.
 */
@Component
@ConditionalOnBooleanProperty(name = "retailflow.inventory.expiry.enabled", matchIfMissing = true)
class ReservationExpiryJob {

	private static final Logger log = LoggerFactory.getLogger(ReservationExpiryJob.class);

	private final InventoryManagement inventory;

	ReservationExpiryJob(InventoryManagement inventory) {
		this.inventory = inventory;
	}

	// Same key and default as InventorySettings.Expiry#interval; the scheduler resolves it from the environment.
	@Scheduled(fixedDelayString = "${retailflow.inventory.expiry.interval:30s}",
			initialDelayString = "${retailflow.inventory.expiry.interval:30s}")
	void expireOverdue() {
		int expired = inventory.expireOverdue();
		if (expired > 0) {
			log.info("Expired {} overdue reservations", expired);
		}
	}
}
