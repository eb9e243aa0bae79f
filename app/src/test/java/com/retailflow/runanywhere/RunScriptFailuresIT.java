package com.retailflow.runanywhere;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.retailflow.platform.testing.LegacyShop;
import com.retailflow.platform.testing.PrivatePostgres;
import com.retailflow.platform.testing.TestDatabases;

import org.junit.jupiter.api.Test;

/** {@code ./run.sh} fails loudly: it says which piece or port is the problem, and exits non-zero. */
class RunScriptFailuresIT {

	@Test
	void aPortInUseIsNamedWithTheProcessHoldingIt() throws Exception {
		try (var taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
				var run = RunScript.start("port-in-use", environment(Map.of("PORT", String.valueOf(taken.getLocalPort()))))) {
			assertThat(run.awaitExit(Duration.ofMinutes(1))).as(run.output()).isEqualTo(1);
			assertThat(run.output()).contains("error: port " + taken.getLocalPort() + " (the shop) is already in use by java (pid "
					+ ProcessHandle.current().pid());
		}
	}

	@Test
	void aPieceNotUpWithinItsLimitEndsTheScriptWithTheEndOfItsLog() throws Exception {
		try (var run = RunScript.start("too-slow", environment(Map.of("RETAILFLOW_START_TIMEOUT", "3")))) {
			assertThat(run.awaitExit(Duration.ofMinutes(3))).as(run.output()).isEqualTo(1);
			assertThat(run.output()).containsPattern("error: .+ was not up within 3 s")
				.containsPattern("last lines of .+\\.log:")
				.contains("[run] stopping");
		}
	}

	@Test
	void aWrongDatabasePasswordGivesOneClearLine() throws Exception {
		var postgres = PrivatePostgres
			.initialise(Path.of("target/it-pg-run-password/data").toAbsolutePath(), LegacyShop.freePort(), "right")
			.start();
		try (postgres;
				var run = RunScript.start("wrong-password", environment(Map.of("RETAILFLOW_DB_PORT",
						String.valueOf(postgres.port()), "RETAILFLOW_DB_NAME", "postgres", "RETAILFLOW_DB_PASSWORD", "wrong")))) {
			assertThat(run.awaitExit(Duration.ofMinutes(5))).as(run.output()).isEqualTo(1);
			assertThat(run.output()).contains("[run] error: app instance 1 did not start: PostgreSQL at 127.0.0.1:"
					+ postgres.port() + "/postgres refused the sign-in of user postgres")
				.contains("Check RETAILFLOW_DB_USER and RETAILFLOW_DB_PASSWORD")
				.doesNotContain("\tat ")
				.doesNotContain("Exception");
		}
	}

	@Test
	void aMissingJdkGivesTheInstallCommand() throws Exception {
		// A machine without a JDK 25: the JDK folder is hidden by an empty mount in a namespace of the script's own.
		var script = new ProcessBuilder("unshare", "--map-root-user", "--mount", "bash", "-c",
				"mount -t tmpfs none /usr/lib/jvm && exec env -u JAVA_HOME ./run.sh")
			.directory(Path.of("..").toAbsolutePath().normalize().toFile())
			.redirectErrorStream(true)
			.start();
		String output = new String(script.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
		assertThat(script.waitFor()).as(output).isEqualTo(1);
		assertThat(output).startsWith("error: JDK 25 not found (JAVA_HOME=unset). Install it, then run this again:")
			.containsPattern("\\n  (sudo apt-get install|sudo dnf install|brew install|download a JDK 25)")
			.doesNotContain("[run] ready");
	}

	/** Fresh databases on the shared servers, free ports, and a run folder of the test's own. */
	static Map<String, String> environment(Map<String, String> overrides) {
		Map<String, String> env = new HashMap<>();
		env.put("PORT", String.valueOf(LegacyShop.freePort()));
		env.put("LEGACY_PORT", String.valueOf(LegacyShop.freePort()));
		env.put("RETAILFLOW_DB_NAME", TestDatabases.newPostgres().name());
		env.put("LEGACY_DB_NAME", TestDatabases.newMariaDb().name());
		env.put("LEGACY_PRODUCTS", "50");
		env.put("RETAILFLOW_RUN_DIR", Path.of("target/it-run-failures").toAbsolutePath().toString());
		env.putAll(overrides);
		return env;
	}
}
