package com.retailflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The whole application starts on a fresh PostgreSQL database, migrates every schema and reports UP — even with
 * the legacy database unreachable (the backfill retries in the background).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "retailflow.legacy.datasource.url=jdbc:mariadb://127.0.0.1:1/nowhere")
class ApplicationSmokeTests {

	@LocalServerPort
	int port;

	final HttpClient http = HttpClient.newHttpClient();

	@Test
	void everyModuleSchemaIsMigratedWithItsOwnHistory(@Autowired JdbcTemplate jdbc) {
		var schemas = jdbc.queryForList(
				"SELECT table_schema FROM information_schema.tables WHERE table_name = 'flyway_schema_history'",
				String.class);
		assertThat(schemas).contains("catalog", "inventory", "checkout", "orders", "identity", "proxy", "legacy_sync",
				"modulith");
	}

	@Test
	void livenessAndReadinessAreUp() throws Exception {
		for (String probe : new String[] { "/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness" }) {
			var response = get(probe);
			assertThat(response.statusCode()).as(probe).isEqualTo(200);
			assertThat(response.body()).as(probe).contains("\"status\":\"UP\"");
		}
		// Components and details are for admins only.
		assertThat(get("/actuator/health/readiness").body()).doesNotContain("\"db\"");
		assertThat(get("/actuator/health/readiness", "admin", "app-test-secret").body()).contains("\"db\"");
	}

	@Test
	void onlyHealthAndPrometheusArePublic() throws Exception {
		for (String path : new String[] { "/actuator/metrics", "/actuator/modulith", "/actuator/info", "/actuator" }) {
			assertThat(get(path).statusCode()).as(path).isEqualTo(401);
			assertThat(get(path, "admin", "app-test-secret").statusCode()).as(path).isEqualTo(200);
		}
		assertThat(get("/actuator/health").body()).doesNotContain("components").doesNotContain("diskSpace");
	}

	@Test
	void exportsPrometheusMetrics() throws Exception {
		var response = get("/actuator/prometheus");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("jvm_threads_live_threads").contains("application=\"retailflow\"");
	}

	HttpResponse<String> get(String path) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<String> get(String path, String user, String password) throws Exception {
		String basic = java.util.Base64.getEncoder()
			.encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
		return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Authorization", "Basic " + basic)
			.build(), HttpResponse.BodyHandlers.ofString());
	}
}
