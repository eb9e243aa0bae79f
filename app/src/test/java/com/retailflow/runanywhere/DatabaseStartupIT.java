package com.retailflow.runanywhere;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.retailflow.platform.testing.LegacyShop;
import com.retailflow.platform.testing.PrivatePostgres;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The app against a PostgreSQL of the test's own: started while that server is down, the app waits and reports
 * not ready (liveness UP, readiness 503) instead of exiting, and becomes ready once the server is up; with a wrong
 * password it stops at once with one line saying so, not a stack trace.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatabaseStartupIT {

	static final String PASSWORD = "s3cret";
	static PrivatePostgres postgres;

	@BeforeAll
	static void prepareServerButDoNotStartIt() {
		postgres = PrivatePostgres.initialise(Path.of("target/it-pg-startup/data").toAbsolutePath(), LegacyShop.freePort(),
				PASSWORD);
	}

	@AfterAll
	static void stopServer() {
		postgres.stop();
	}

	@Test
	@Order(1)
	void startedWhileTheDatabaseIsDownItWaitsNotReadyThenBecomesReady() throws Exception {
		int port = LegacyShop.freePort();
		try (var app = AppProcess.start("db-down", port, environment(PASSWORD))) {
			await("not-ready probes while PostgreSQL is down").atMost(Duration.ofMinutes(2))
				.pollInterval(Duration.ofMillis(500))
				.until(() -> app.status("/actuator/health/liveness") == 200);
			assertThat(app.status("/actuator/health/readiness")).isEqualTo(503);
			assertThat(app.status("/")).as("no traffic while not ready").isEqualTo(503);
			Thread.sleep(5_000);
			assertThat(app.isAlive()).as("still waiting, not exited:\n" + app.output()).isTrue();
			assertThat(app.status("/actuator/health/readiness")).isEqualTo(503);

			postgres.start();

			await("ready once PostgreSQL is up").atMost(Duration.ofMinutes(4))
				.pollInterval(Duration.ofSeconds(1))
				.failFast("the app exited:\n" + app.output(), () -> !app.isAlive())
				.until(() -> app.status("/actuator/health/readiness") == 200);
			assertThat(app.output()).contains("does not answer").contains("answers after");
		}
	}

	@Test
	@Order(2)
	void aWrongPasswordStopsTheStartWithOneClearLine() throws Exception {
		if (!java.nio.file.Files.exists(postgres.dataDirectory().resolve("postmaster.pid"))) {
			postgres.start();
		}
		try (var app = AppProcess.start("db-wrong-password", LegacyShop.freePort(), environment("wrong"))) {
			int exit = app.waitForExit(Duration.ofMinutes(3));
			String output = app.output();
			assertThat(exit).as(output).isNotIn(0, -1);
			assertThat(output).contains("PostgreSQL at 127.0.0.1:" + postgres.port()
					+ "/postgres refused the sign-in of user postgres")
				.contains("Check RETAILFLOW_DB_USER and RETAILFLOW_DB_PASSWORD")
				.doesNotContain("\tat ");
		}
	}

	private static Map<String, String> environment(String password) {
		return Map.of("RETAILFLOW_DB_HOST", "127.0.0.1", "RETAILFLOW_DB_PORT", String.valueOf(postgres.port()),
				"RETAILFLOW_DB_NAME", "postgres", "RETAILFLOW_DB_USER", "postgres", "RETAILFLOW_DB_PASSWORD", password,
				"LEGACY_DB_PORT", "1", "RETAILFLOW_BACKFILL_ON_START", "false", "RETAILFLOW_ADMIN_PASSWORD", "startup-it-secret");
	}
}
