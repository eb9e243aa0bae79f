package com.retailflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.ApplicationModule;
import org.w3c.dom.Element;

/**
 * The Maven graph mirrors the Modulith graph: a module's POM may name exactly the module artifacts its
 * {@code @ApplicationModule(allowedDependencies)} allows. With that, the compiler refuses any other module's
 * types, and {@code verify()} refuses transitive and internal access.
 */
class MavenBoundaryTests {

	/** Module name → folder of its Maven module (relative to the repository root). */
	static final Map<String, String> MODULES = Map.of("catalog", "modules/catalog", "inventory", "modules/inventory",
			"checkout", "modules/checkout", "orders", "modules/orders", "identity", "modules/identity", "proxy",
			"strangler-proxy", "legacy", "legacy-adapter", "kernel", "modules/kernel");

	/** Artifacts every module may use that are not application modules. */
	static final Set<String> INFRASTRUCTURE = Set.of("retailflow-migrations", "retailflow-testing");

	@Test
	void everyModulePomNamesExactlyItsAllowedModules() throws Exception {
		for (var module : MODULES.entrySet()) {
			Path pom = Path.of("..", module.getValue(), "pom.xml");
			try (InputStream in = Files.newInputStream(pom)) {
				assertThat(moduleDependencies(in)).as("module dependencies in " + pom)
					.isEqualTo(allowedDependencies(module.getKey()));
			}
		}
	}

	@Test
	void aPomWithAnUndeclaredModuleDependencyIsCaught() throws Exception {
		try (InputStream in = getClass().getResourceAsStream("/fixtures/maven/catalog-pom-violating.xml")) {
			assertThat(moduleDependencies(in)).isNotEqualTo(allowedDependencies("catalog")).contains("orders");
		}
	}

	static Set<String> allowedDependencies(String module) throws ClassNotFoundException {
		var annotation = Class.forName("com.retailflow." + module + ".package-info").getAnnotation(ApplicationModule.class);
		// "catalog :: spi" names an interface of module catalog; the Maven dependency is on the module.
		return Set.of(annotation.allowedDependencies())
			.stream()
			.map(allowed -> allowed.split("::")[0].trim())
			// the platform (cluster lock, schema migrations) comes with retailflow-migrations, an infrastructure artifact
			.filter(allowed -> !allowed.equals("platform"))
			.collect(java.util.stream.Collectors.toSet());
	}

	/** The application modules a POM depends on, in any scope but test. */
	static Set<String> moduleDependencies(InputStream pom) throws Exception {
		var document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom);
		var dependencies = document.getElementsByTagName("dependency");
		Set<String> modules = new TreeSet<>();
		for (int i = 0; i < dependencies.getLength(); i++) {
			var dependency = (Element) dependencies.item(i);
			String group = text(dependency, "groupId");
			String artifact = text(dependency, "artifactId");
			if ("com.retailflow".equals(group) && !INFRASTRUCTURE.contains(artifact)
					&& !"test".equals(text(dependency, "scope"))) {
				modules.add(moduleName(artifact));
			}
		}
		return modules;
	}

	static String moduleName(String artifact) {
		return MODULES.entrySet()
			.stream()
			.filter(entry -> artifact.equals("retailflow-" + Path.of(entry.getValue()).getFileName()))
			.map(Map.Entry::getKey)
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("Unknown module artifact " + artifact));
	}

	private static String text(Element element, String tag) {
		var nodes = element.getElementsByTagName(tag);
		return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().trim();
	}

}
