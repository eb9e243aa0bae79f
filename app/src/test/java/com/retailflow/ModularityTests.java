package com.retailflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.core.Violations;
import org.springframework.modulith.docs.Documenter;

/**
 * Spring Modulith's view of the system: the expected modules exist, their dependencies are the declared
 * ones, and the module documentation in {@code docs/modules/} is regenerated from the code.
 */
class ModularityTests {

	static final ApplicationModules MODULES = ApplicationModules.of(RetailFlowApplication.class);

	@Test
	void theModulesAreTheOnesTheBriefNames() {
		assertThat(MODULES.stream().map(ApplicationModule::getIdentifier).map(Object::toString))
			.containsExactlyInAnyOrder("catalog", "inventory", "checkout", "orders", "identity", "proxy", "legacy",
					"platform");
	}

	@Test
	void verifiesModularStructure() {
		MODULES.verify();
	}

	@Test
	void verificationCatchesAViolatingFixture() {
		// Fixtures live in test sources, which Modulith skips by default.
		var fixture = ApplicationModules.of("fixtures.modulith", location -> true);
		assertThatThrownBy(fixture::verify).isInstanceOf(Violations.class)
			.hasMessageContaining("Invoices")
			.hasMessageContaining("Courier");
	}

	@Test
	void writesModuleDocumentation() {
		new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder("../docs/modules"))
			.writeDocumentation()
			.writeAggregatingDocument();
	}
}
