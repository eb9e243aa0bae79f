package com.retailflow.legacy.internal.gate;

import static org.assertj.core.api.Assertions.assertThat;

import com.retailflow.platform.testing.FreshLegacyDatabase;
import com.retailflow.proxy.CutoverGate;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The gate's shadow condition: too few shadow comparisons close it, whatever else holds. Modules without synced data
 * (checkout) are closed with that reason.
 */
@FreshLegacyDatabase
@SpringBootTest(properties = { "retailflow.proxy.shadow.min-comparisons=1000",
		"retailflow.proxy.routes[0].id=catalog", "retailflow.proxy.routes[0].module=catalog",
		"retailflow.proxy.routes[0].legacy-patterns=/product.php", "retailflow.proxy.routes[0].new-patterns=/products/**",
		"retailflow.proxy.routes[1].id=checkout", "retailflow.proxy.routes[1].module=checkout",
		"retailflow.proxy.routes[1].legacy-patterns=/cart.php", "retailflow.proxy.routes[1].new-patterns=/cart" })
class GateShadowConditionTests {

	@Autowired
	CutoverGate gate;

	@Test
	void tooFewShadowComparisonsCloseTheGate() {
		assertThat(gate.check("catalog", "catalog").failures()).contains("only 0 shadow comparisons in the last 60 min; at least 1000 are needed");
	}

	@Test
	void aModuleWithoutSyncedDataIsClosedWithThatReason() {
		assertThat(gate.check("checkout", "checkout").failures())
			.contains("sync: module 'checkout' has no data sync with legacy yet, so nothing shows it is in sync");
	}
}
