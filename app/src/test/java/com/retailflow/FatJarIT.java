package com.retailflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.zip.ZipFile;

import com.retailflow.platform.testing.LegacyShop;
import com.retailflow.platform.testing.TestDatabases;

import org.junit.jupiter.api.Test;

/**
 * {@code java -jar retailflow-app.jar} starts on a fresh database and reports UP, taking its application modules from
 * the metadata the build wrote instead of analysing the classes at start-up (ADR 0063).
 */
class FatJarIT {

	@Test
	void theFatJarStartsAndIsHealthy() throws Exception {
		Path jar = Path.of(System.getProperty("retailflow.jar", "target/retailflow-app.jar"));
		assertThat(jar).exists();
		var database = TestDatabases.newPostgres();
		int port = LegacyShop.freePort();
		Path log = Files.createTempFile("retailflow-jar", ".log");
		var process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
				jar.toString(), "--server.port=" + port, "--spring.datasource.url=" + database.jdbcUrl(),
				"--spring.datasource.username=" + database.username(),
				"--spring.datasource.password=" + database.password(), "--retailflow.legacy.backfill-on-start=false",
				"--retailflow.identity.bootstrap-admin.password=jar-test-secret",
				// No legacy database of its own: the stream must not install capture on whatever answers at the default.
				"--retailflow.legacy.sync.enabled=false")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		try {
			var http = HttpClient.newHttpClient();
			// Generous: on a loaded 2-core machine the start alone has taken over 90 s; this is no start-up time check (B5 is).
			long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
			String body = "";
			while (System.nanoTime() < deadline && process.isAlive()) {
				try {
					var response = http.send(
							HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
							HttpResponse.BodyHandlers.ofString());
					body = response.body();
					if (response.statusCode() == 200) {
						break;
					}
				}
				catch (java.io.IOException notYet) {
					Thread.sleep(250);
				}
			}
			assertThat(body).as(Files.readString(log)).contains("\"status\":\"UP\"");
			// ArchUnit logs this when it starts analysing classes: Modulith's runtime did not find the metadata.
			assertThat(Files.readString(log)).doesNotContain("com.tngtech.archunit");
		}
		finally {
			process.destroy();
			process.waitFor();
		}
	}

	@Test
	void theJarCarriesTheModuleArrangementComputedAtBuildTime() throws Exception {
		Path jar = Path.of(System.getProperty("retailflow.jar", "target/retailflow-app.jar"));
		try (var zip = new ZipFile(jar.toFile())) {
			var entry = zip.getEntry("META-INF/spring-modulith/application-modules.json");
			assertThat(entry).as("written by Spring AOT processing (process-aot in app/pom.xml)").isNotNull();
			String modules = new String(zip.getInputStream(entry).readAllBytes());
			assertThat(modules).contains("\"catalog\"", "\"checkout\"", "\"identity\"", "\"inventory\"", "\"orders\"",
					"\"proxy\"", "\"legacy\"");
		}
	}
}
