package com.retailflow.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import org.junit.jupiter.api.Test;

/**
 * ArchUnit boundary rules over the production classes, and proof that each rule bites: the same rule set
 * is fed fixtures (under {@code fixtures.architecture}) that each break exactly one rule.
 */
class ArchitectureTests {

	static final JavaClasses PRODUCTION = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("com.retailflow");

	@Test
	void productionCodeKeepsEveryRule() {
		assertThat(PRODUCTION.size()).as("classes imported").isGreaterThan(10);
		ModuleRules.all("com.retailflow").forEach(rule -> rule.check(PRODUCTION));
	}

	@Test
	void accessToAnotherModulesInternalsIsCaught() {
		assertOnlyViolated("fixtures.architecture.internalaccess",
				ModuleRules.noAccessToOtherModulesInternals("fixtures.architecture.internalaccess"),
				"Peeker.peek()");
	}

	@Test
	void anEntityUsedByAnotherModuleIsCaught() {
		assertOnlyViolated("fixtures.architecture.sharedentity",
				ModuleRules.entitiesStayInTheirModule("fixtures.architecture.sharedentity"), "Borrower");
	}

	@Test
	void aCycleBetweenModulesIsCaught() {
		assertOnlyViolated("fixtures.architecture.cycle", ModuleRules.noCycles("fixtures.architecture.cycle"),
				"Cycle detected");
	}

	@Test
	void aControllerOutsideWebIsCaught() {
		assertOnlyViolated("fixtures.architecture.controller", ModuleRules.controllersOnlyInWebPackages(),
				"MisplacedController");
	}

	@Test
	void fieldInjectionIsCaught() {
		assertOnlyViolated("fixtures.architecture.fieldinjection", ModuleRules.noFieldInjection(), "FieldInjected");
	}

	/** The fixture breaks the expected rule, with a message naming the culprit, and keeps all others. */
	private static void assertOnlyViolated(String root, ArchRule expected, String culprit) {
		JavaClasses fixture = new ClassFileImporter().importPackages(root);
		assertThat(fixture).as("fixture classes of " + root).isNotEmpty();
		assertThatThrownBy(() -> expected.check(fixture)).isInstanceOf(AssertionError.class)
			.hasMessageContaining(culprit);
		ModuleRules.all(root)
			.stream()
			.filter(rule -> !rule.getDescription().equals(expected.getDescription()))
			.forEach(rule -> rule.check(fixture));
	}
}
