package com.retailflow.platform;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the event publication resubmission ({@code retailflow.events.resubmission.*}).
 *
 * @param enabled whether this instance takes part (one instance of those that do runs it at a time)
 * @param interval pause between two rounds on the instance that runs it
 * @param olderThan only publications published longer ago than this are resubmitted: a younger one may still be on
 * its first delivery, and resubmitting it would deliver it twice at once
 */
@ConfigurationProperties("retailflow.events.resubmission")
public record EventResubmissionSettings(@DefaultValue("true") boolean enabled, @DefaultValue("30s") Duration interval,
		@DefaultValue("2m") Duration olderThan) {

	public EventResubmissionSettings {
		if (interval.isNegative() || interval.isZero()) {
			throw new IllegalArgumentException("retailflow.events.resubmission.interval must be positive");
		}
		if (olderThan.isNegative() || olderThan.isZero()) {
			throw new IllegalArgumentException("retailflow.events.resubmission.older-than must be positive");
		}
	}
}
