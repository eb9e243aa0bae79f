package com.retailflow.inventory.internal;

import java.time.Duration;
import java.util.Objects;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Configuration of the inventory module, {@code retailflow.inventory.*}.
 *
 * @param reservationTtl how long a reservation holds its units before it expires; applies to reservations made after
 *        a change, existing ones keep the expiry time they were given
 * @param expiry the expiry job
 */
@ConfigurationProperties("retailflow.inventory")
record InventorySettings(@DefaultValue("15m") Duration reservationTtl, @DefaultValue Expiry expiry) {

	public InventorySettings {
		Objects.requireNonNull(reservationTtl, "reservationTtl");
		Objects.requireNonNull(expiry, "expiry");
		if (reservationTtl.isNegative() || reservationTtl.isZero()) {
			throw new IllegalArgumentException("retailflow.inventory.reservation-ttl must be positive, not " + reservationTtl);
		}
	}

	/**
	 * The job that expires overdue reservations, {@code retailflow.inventory.expiry.*}.
	 *
	 * @param enabled whether this instance runs the job; safe to run on every instance at once, switched off in tests
	 *        that drive expiry themselves
	 * @param interval pause between the end of one run and the start of the next (read by the scheduler straight from
	 *        the property, so keep the default in step with {@code ReservationExpiryJob})
	 * @param batchSize reservations expired per transaction, bounding lock time and transaction size after a backlog
	 */
	public record Expiry(@DefaultValue("true") boolean enabled, @DefaultValue("30s") Duration interval,
			@DefaultValue("1000") int batchSize) {

		public Expiry {
			Objects.requireNonNull(interval, "interval");
			if (batchSize <= 0) {
				throw new IllegalArgumentException("retailflow.inventory.expiry.batch-size must be positive, not " + batchSize);
			}
		}
	}
}
