package com.retailflow.proxy;

/**
 * A route's shadow comparison figures, as the cut-over gate weighs them.
 *
 * @param comparisons shadowed requests compared so far
 * @param differenceRate share of them where the new side's answer differed from legacy's
 * @param noiseRate share of legacy-versus-legacy comparisons that differed (legacy's own noise)
 * @param adjustedDifferenceRate the difference rate minus the noise rate, never below 0
 */
public record ShadowSummary(long comparisons, double differenceRate, double noiseRate, double adjustedDifferenceRate) {
}
