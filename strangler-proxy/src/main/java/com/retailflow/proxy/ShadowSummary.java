package com.retailflow.proxy;

import java.time.Duration;
import java.util.Map;

/**
 * What SHADOW has shown for a route over a recent window, across all instances. Noise (legacy compared with
 * itself) is subtracted per field: a field that legacy itself varies in does not hide a real difference in
 * another field.
 *
 * @param window how much recent time the counts cover
 * @param comparisons new side compared with legacy
 * @param differences comparisons that differed in at least one field
 * @param noiseComparisons legacy compared with itself
 * @param noiseDifferences noise comparisons that differed in at least one field
 * @param drops copies shed under load (not compared)
 * @param skipped answers that could not be compared (too large, conditional, partial)
 * @param differenceRate share of comparisons that differed, before noise
 * @param noiseRate share of noise comparisons that differed
 * @param adjustedDifferenceRate the largest per-field difference rate after subtracting that field's noise
 *        rate: at least this share of requests differ in a way legacy's own answers do not
 * @param fields per field: difference, noise and adjusted rates
 * @param minimumComparisons how many comparisons the window must hold before a gate may rely on it
 */
public record ShadowSummary(String routeId, Duration window, long comparisons, long differences,
		long noiseComparisons, long noiseDifferences, long drops, long skipped, double differenceRate,
		double noiseRate, double adjustedDifferenceRate, Map<String, FieldRates> fields, long minimumComparisons) {

	public ShadowSummary {
		fields = Map.copyOf(fields);
	}

	/** Whether the window holds enough comparisons for a verdict. */
	public boolean sufficient() {
		return comparisons >= minimumComparisons;
	}

	/** One field's rates: how often it differed against new, against legacy itself, and the difference. */
	public record FieldRates(double differenceRate, double noiseRate, double adjustedRate) {
	}
}
