package com.retailflow.architecture;

import static com.tngtech.archunit.lang.SimpleConditionEvent.violated;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.List;
import java.util.Optional;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RestController;

/**
 * The boundary rules of RetailFlow, parameterised by root package so the same rule set can be fed the
 * production classes and deliberately violating fixtures.
 */
final class ModuleRules {

	private ModuleRules() {
	}

	static List<ArchRule> all(String root) {
		return List.of(noAccessToOtherModulesInternals(root), entitiesStayInTheirModule(root), noCycles(root),
				controllersOnlyInWebPackages(), noFieldInjection(), noStandardStreams(), noJavaUtilLogging(),
				noGenericExceptions());
	}

	static ArchRule noAccessToOtherModulesInternals(String root) {
		return classes().should(dependOnlyOnOwnInternals(root))
			.as("no module accesses another module's internal packages")
			.allowEmptyShould(true);
	}

	static ArchRule entitiesStayInTheirModule(String root) {
		return classes().should(notUseEntitiesOfOtherModules(root))
			.as("no JPA entity is shared across modules")
			.allowEmptyShould(true);
	}

	static ArchRule noCycles(String root) {
		return slices().matching(root + ".(*)..").should().beFreeOfCycles().as("modules are free of cycles")
			.allowEmptyShould(true);
	}

	static ArchRule controllersOnlyInWebPackages() {
		return classes().that().areAnnotatedWith(Controller.class).or().areAnnotatedWith(RestController.class)
			// The proxy's admin package is its web adapter for the migration team (API, console, their security); its
			// errors package answers the error dispatch in place of Boot's error controller.
			.should().resideInAnyPackage("..web..", "..proxy.internal.admin..", "..proxy.internal.errors..")
			.as("controllers live only in web packages (and the proxy's admin and errors packages)")
			.allowEmptyShould(true);
	}

	static ArchRule noFieldInjection() {
		return NO_CLASSES_SHOULD_USE_FIELD_INJECTION.allowEmptyShould(true);
	}

	static ArchRule noStandardStreams() {
		return NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.allowEmptyShould(true);
	}

	static ArchRule noJavaUtilLogging() {
		return NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING.allowEmptyShould(true);
	}

	static ArchRule noGenericExceptions() {
		return NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS.allowEmptyShould(true);
	}

	/** The module a class belongs to: the first package segment below the root, if any. */
	static Optional<String> moduleOf(String root, JavaClass type) {
		String pkg = type.getPackageName();
		if (!pkg.startsWith(root + ".")) {
			return Optional.empty();
		}
		String rest = pkg.substring(root.length() + 1);
		int dot = rest.indexOf('.');
		return Optional.of(dot < 0 ? rest : rest.substring(0, dot));
	}

	private static boolean isInternal(JavaClass type) {
		return ("." + type.getPackageName() + ".").contains(".internal.");
	}

	private static ArchCondition<JavaClass> dependOnlyOnOwnInternals(String root) {
		return crossModuleCondition(root, "depend only on the internals of their own module",
				(dependency, target) -> isInternal(target));
	}

	private static ArchCondition<JavaClass> notUseEntitiesOfOtherModules(String root) {
		return crossModuleCondition(root, "not use JPA entities of another module",
				(dependency, target) -> target.isAnnotatedWith("jakarta.persistence.Entity"));
	}

	private interface Forbidden {

		boolean test(Dependency dependency, JavaClass target);
	}

	private static ArchCondition<JavaClass> crossModuleCondition(String root, String description, Forbidden forbidden) {
		return new ArchCondition<>(description) {
			@Override
			public void check(JavaClass origin, ConditionEvents events) {
				var originModule = moduleOf(root, origin);
				for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
					JavaClass target = dependency.getTargetClass().getBaseComponentType();
					var targetModule = moduleOf(root, target);
					if (targetModule.isPresent() && !targetModule.equals(originModule)
							&& forbidden.test(dependency, target)) {
						events.add(violated(origin, dependency.getDescription()));
					}
				}
			}
		};
	}
}
