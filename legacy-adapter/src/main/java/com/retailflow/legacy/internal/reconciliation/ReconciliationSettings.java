package com.retailflow.legacy.internal.reconciliation;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Reconciliation ({@code retailflow.legacy.reconciliation.*}).
 *
 * @param interval how often each module is reconciled on schedule (once in a cluster); zero turns the schedule off
 * @param ranges how many key ranges a table is first cut into
 * @param fanout how many sub-ranges a differing range is cut into
 * @param leafRows a differing range of at most this many rows is compared row by row
 * @param keysListed differing keys listed per table in a report; counts stay exact beyond it
 * @param reportsKept reports kept per module; older ones are deleted
 */
@ConfigurationProperties("retailflow.legacy.reconciliation")
public record ReconciliationSettings(@DefaultValue("10m") Duration interval, @DefaultValue("64") int ranges,
		@DefaultValue("16") int fanout, @DefaultValue("256") int leafRows, @DefaultValue("1000") int keysListed,
		@DefaultValue("100") int reportsKept) {

	public ReconciliationSettings {
		if (ranges < 1 || fanout < 2 || leafRows < 1 || keysListed < 0 || reportsKept < 1 || interval.isNegative()) {
			throw new IllegalArgumentException("retailflow.legacy.reconciliation: ranges >= 1, fanout >= 2, "
					+ "leaf-rows >= 1, keys-listed >= 0, reports-kept >= 1, interval not negative");
		}
	}
}
