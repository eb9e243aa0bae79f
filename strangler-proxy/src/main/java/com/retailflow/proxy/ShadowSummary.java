package com.retailflow.proxy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 * @param maxDifferenceRate the largest adjusted rate, in any field, that a gate lets through
 */
public record ShadowSummary(String routeId, Duration window, long comparisons, long differences,
		long noiseComparisons, long noiseDifferences, long drops, long skipped, double differenceRate,
		double noiseRate, double adjustedDifferenceRate, Map<String, FieldRates> fields, long minimumComparisons,
		double maxDifferenceRate) {

	public ShadowSummary {
		fields = Map.copyOf(fields);
	}

	/** Whether the window holds enough comparisons for a verdict. */
	public boolean sufficient() {
		return comparisons >= minimumComparisons;
	}

	/**
	 * The shadow condition of the cut-over gate, for every gate to use: enough comparisons in the window, and no
	 * field whose difference rate, after that field's own legacy noise, is over {@link #maxDifferenceRate}.
	 *
	 * @return why the condition fails, one entry per reason with its figures; empty when it holds
	 */
	public List<String> gateFailures() {
		List<String> failures = new ArrayList<>();
		if (!sufficient()) {
			failures.add(String.format(Locale.ROOT,
					"only %d shadow comparisons in the last %d min; at least %d are needed", comparisons,
					window.toMinutes(), minimumComparisons));
		}
		else if (adjustedDifferenceRate > maxDifferenceRate) {
			fields.forEach((field, rates) -> {
				if (rates.adjustedRate() > maxDifferenceRate) {
					failures.add(String.format(Locale.ROOT,
							"shadow difference rate in '%s' %.2f%% (after %.2f%% legacy noise in it) is over %.2f%%",
							field, rates.differenceRate() * 100, rates.noiseRate() * 100, maxDifferenceRate * 100));
				}
			});
		}
		return failures;
	}

	/** One field's rates: how often it differed against new, against legacy itself, and the difference. */
	public record FieldRates(double differenceRate, double noiseRate, double adjustedRate) {
	}
}
