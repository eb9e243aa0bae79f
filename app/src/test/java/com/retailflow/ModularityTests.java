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
 * ones, and the module documentation is generated from the code.
 *
 * <p>The documentation goes to {@code target/modules} on every run, so tests leave the working tree as they found it.
 * {@code scripts/module-docs.sh} regenerates the committed copy in {@code docs/modules/}.
 */
class ModularityTests {

	static final ApplicationModules MODULES = ApplicationModules.of(RetailFlowApplication.class);

	@Test
	void theModulesAreTheOnesTheBriefNames() {
		assertThat(MODULES.stream().map(ApplicationModule::getIdentifier).map(Object::toString))
			.containsExactlyInAnyOrder("catalog", "inventory", "checkout", "orders", "identity", "proxy", "legacy",
					"platform", "kernel");
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
		String folder = System.getProperty("retailflow.module-docs", "target/modules");
		new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(folder))
			.writeDocumentation()
			.writeAggregatingDocument();
	}
}
