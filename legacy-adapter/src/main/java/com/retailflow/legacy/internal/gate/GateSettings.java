package com.retailflow.legacy.internal.gate;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The cut-over gate's thresholds ({@code retailflow.legacy.gate.*}); see ADR 0016 for why these values. The shadow
 * thresholds are the proxy's ({@code retailflow.proxy.shadow.min-comparisons}, {@code max-difference-rate}).
 *
 * @param maxLag sync lag must be under this
 * @param maxReconciliationAge the last reconciliation must have finished within this
 * @param dataModules per route module, the modules whose data its pages show (the catalog's pages show stock);
 *        a module not listed shows only its own
 */
@ConfigurationProperties("retailflow.legacy.gate")
public record GateSettings(@DefaultValue("5s") Duration maxLag, @DefaultValue("30m") Duration maxReconciliationAge,
		@DefaultValue Map<String, List<String>> dataModules) {

	/** The modules whose data must be in sync before {@code module}'s route goes NEW. */
	public List<String> dataOf(String module) {
		if (dataModules.containsKey(module)) {
			return dataModules.get(module);
		}
		return module.equals("catalog") ? List.of("catalog", "inventory") : List.of(module);
	}
}
