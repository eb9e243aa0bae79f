package com.retailflow.legacy.internal.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.retailflow.legacy.internal.reconciliation.Reconciliation;
import com.retailflow.legacy.internal.TestDataSources;
import com.retailflow.platform.testing.LegacyShop;
import com.retailflow.platform.testing.TestDatabases;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code kill -9} of a real application process in the middle of the backfill: the checkpoint and the rows it covers
 * were committed together, a restart resumes right after it, and a reconciliation afterwards finds nothing missing,
 * nothing different and no duplicate. This test's own context only reads (its backfill is off).
 */
@SpringBootTest(properties = "retailflow.legacy.reconciliation.interval=0")
class BackfillCrashTests {

	static final int PRODUCTS = 30_000;
	static final TestDatabases.Database LEGACY_DB = TestDatabases.newMariaDb();
	static final TestDatabases.Database POSTGRES = TestDatabases.newPostgres();
	static final JdbcClient LEGACY;

	static {
		LegacyShop.seed(LEGACY_DB, PRODUCTS, 5);
		LEGACY = JdbcClient.create(new DriverManagerDataSource(LEGACY_DB.jdbcUrl(), LEGACY_DB.username(), LEGACY_DB.password()));
		LEGACY.sql("""
				CREATE TABLE rf_change (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, table_name VARCHAR(64) NOT NULL,
				  row_key VARCHAR(191) CHARACTER SET ascii COLLATE ascii_bin NOT NULL, op CHAR(1) NOT NULL,
				  changed_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)) ENGINE=InnoDB""").update();
		LEGACY.sql("INSERT INTO rf_change (table_name, row_key, op) VALUES ('products', '1', 'U'), ('products', '2', 'U')")
			.update();
	}

	@DynamicPropertySource
	static void databases(DynamicPropertyRegistry registry) {
		TestDataSources.postgres(registry, POSTGRES);
		TestDataSources.legacy(registry, LEGACY_DB);
	}

	@Autowired
	JdbcClient postgres;

	@Autowired
	BackfillProgress progress;

	@Autowired
	Reconciliation reconciliation;

	final List<Process> processes = new ArrayList<>();

	@AfterEach
	void stopProcesses() {
		processes.forEach(Process::destroyForcibly);
	}

	@Test
	void killedMidwayItResumesFromItsCheckpointAndNothingIsMissingOrDuplicated() throws Exception {
		var first = start("first");
		var midway = await(first, () -> progress.find("products").filter(s -> !s.completed() && s.lastKey() != null
				&& s.lastKey() >= 3_000));
		kill9(first);

		var atCrash = progress.find("products").orElseThrow();
		assertThat(atCrash.completed()).isFalse();
		assertThat(atCrash.lastKey()).isGreaterThanOrEqualTo(midway.lastKey());
		assertThat(atCrash.startPosition()).as("MAX(rf_change.id) before the copy began").isEqualTo(2);
		// Rows and checkpoint were committed together: everything up to it is there, nothing after it.
		assertThat(count("SELECT count(*) FROM catalog.product WHERE id <= ?", atCrash.lastKey())).isEqualTo(atCrash.lastKey());
		assertThat(count("SELECT count(*) FROM catalog.product WHERE id > ?", atCrash.lastKey())).isZero();

		// Legacy keeps changing while the app is down; the change stream replays it from the recorded position.
		LEGACY.sql("INSERT INTO rf_change (table_name, row_key, op) VALUES ('products', '3', 'U')").update();
		var second = start("second");
		await(second, () -> progress.all().size() == 5 && progress.all().stream().allMatch(BackfillProgress.State::completed)
				? java.util.Optional.of(true) : java.util.Optional.empty());
		second.destroy();
		second.waitFor();

		assertThat(Files.readString(log("second"))).contains("Resuming the backfill of products after key " + atCrash.lastKey());
		assertThat(progress.find("products").orElseThrow().startPosition()).isEqualTo(2);
		assertThat(progress.find("products").orElseThrow().rowsCopied()).isEqualTo(PRODUCTS);
		assertThat(count("SELECT count(*) - count(DISTINCT id) FROM catalog.product")).as("duplicates").isZero();
		for (String module : List.of("catalog", "inventory")) {
			var report = reconciliation.reconcile(module, "crash test");
			assertThat(report.driftRows()).as(module + " drift").isZero();
			assertThat(report.tables()).allSatisfy(table -> assertThat(table.newRows()).isEqualTo(table.legacyRows()));
		}
	}

	Process start(String name) throws IOException {
		var java = ProcessHandle.current().info().command().orElse("java");
		List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-XX:TieredStopAtLevel=1", "-cp",
				System.getProperty("java.class.path"), "com.retailflow.LegacyAdapterTestApplication", "--server.port=0",
				"--spring.main.banner-mode=off"));
		command.addAll(TestDataSources.arguments(POSTGRES, LEGACY_DB));
		command.addAll(List.of("--retailflow.legacy.backfill-on-start=true", "--retailflow.legacy.backfill.chunk-size=300",
				"--retailflow.legacy.reconciliation.interval=0"));
		Files.createDirectories(Path.of("target"));
		var process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log(name).toFile()).start();
		processes.add(process);
		return process;
	}

	static Path log(String name) {
		return Path.of("target", "backfill-crash-" + name + ".log");
	}

	static void kill9(Process process) throws Exception {
		var kill = new ProcessBuilder("kill", "-9", Long.toString(process.pid())).inheritIO().start();
		assertThat(kill.waitFor()).isZero();
		process.waitFor();
		assertThat(process.exitValue()).as("killed by SIGKILL").isEqualTo(137);
	}

	static <T> T await(Process process, java.util.function.Supplier<java.util.Optional<T>> condition) throws Exception {
		long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new AssertionError("the app exited with " + process.exitValue() + ", see " + log("first"));
			}
			try {
				var value = condition.get();
				if (value.isPresent()) {
					return value.get();
				}
			}
			catch (org.springframework.dao.DataAccessException notYet) {
				// The schema is not there yet.
			}
			Thread.sleep(15);
		}
		throw new AssertionError("timed out; see the logs under target/backfill-crash-*.log");
	}

	long count(String sql, Object... params) {
		return postgres.sql(sql).params(params).query(Long.class).single();
	}

}
