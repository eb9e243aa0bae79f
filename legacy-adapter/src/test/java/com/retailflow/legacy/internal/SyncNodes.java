package com.retailflow.legacy.internal;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.retailflow.legacy.internal.translation.LegacyTranslation;
import com.retailflow.platform.testing.LegacyShop;
import com.retailflow.platform.testing.TestDatabases;

/**
 * Real app processes ({@code java … com.retailflow.LegacyAdapterTestApplication}) sharing one PostgreSQL and one legacy database, for
 * crash and takeover tests: start, {@code kill -9}, find the stream's holder, and compare both sides row by row.
 */
final class SyncNodes implements AutoCloseable {

	/** The stream's advisory lock key ("RFSYNC"), as the adapter takes it. */
	static final long LOCK_KEY = 0x5246_5359_4E43L;

	/** One started node. */
	record Node(Process process, int port) {

		long pid() {
			return process.pid();
		}

		/** Whether its health endpoint answers UP. */
		boolean up() {
			try {
				var response = java.net.http.HttpClient.newHttpClient()
					.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/actuator/health"))
						.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
				return response.statusCode() == 200;
			}
			catch (IOException ex) {
				return false;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
	}

	private final TestDatabases.Database postgres;
	private final TestDatabases.Database legacy;
	private final List<Process> processes = new ArrayList<>();

	SyncNodes(TestDatabases.Database postgres, TestDatabases.Database legacy) {
		this.postgres = postgres;
		this.legacy = legacy;
	}

	/** Starts a node; the stream runs on whichever node holds the lock. */
	Node start(String name, String... extra) throws IOException {
		int port = LegacyShop.freePort();
		Path log = Path.of("target", "sync-node-" + name + ".log");
		Files.createDirectories(log.getParent());
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
				"com.retailflow.LegacyAdapterTestApplication", "--server.port=" + port));
		command.addAll(TestDataSources.arguments(postgres, legacy));
		command.addAll(List.of("--retailflow.legacy.sync.enabled=true", "--retailflow.legacy.sync.poll-interval=50ms",
				"--retailflow.legacy.sync.lock-retry=500ms", "--logging.level.com.retailflow.legacy=INFO"));
		for (String argument : extra) {
			// An argument given here replaces the default of the same name (e.g. the datasource URL via a proxy).
			String option = argument.substring(0, argument.indexOf('=') + 1);
			command.removeIf(existing -> existing.startsWith(option));
			command.add(argument);
		}
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.start();
		processes.add(process);
		return new Node(process, port);
	}

	/** The pid of the process that holds the stream's lock, if any. */
	Optional<Long> holder() throws SQLException {
		try (Connection pg = postgres()) {
			var rs = pg.createStatement()
				.executeQuery("SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
						+ "WHERE l.locktype = 'advisory' AND l.granted AND l.database = (SELECT oid FROM pg_database "
						+ "WHERE datname = current_database()) AND l.classid = " + (LOCK_KEY >>> 32)
						+ " AND l.objid = " + (LOCK_KEY & 0xFFFF_FFFFL));
			if (!rs.next()) {
				return Optional.empty();
			}
			String name = rs.getString(1);
			return Optional.of(Long.parseLong(name.substring(name.lastIndexOf(' ') + 1)));
		}
	}

	/** Waits until some node holds the lock and has caught up with everything captured so far. */
	long awaitCaughtUp(Duration within) throws Exception {
		long deadline = System.nanoTime() + within.toNanos();
		while (System.nanoTime() < deadline) {
			long last = single(legacy(), "SELECT COALESCE(MAX(id), 0) FROM rf_change");
			if (holder().isPresent() && last > 0
					&& single(postgres(), "SELECT COALESCE(MAX(position), -1) FROM legacy_sync.change_checkpoint") >= last
					&& single(postgres(), "SELECT COUNT(*) FROM legacy_sync.change_gap") == 0) {
				return last;
			}
			Thread.sleep(100);
		}
		throw new AssertionError("The stream did not catch up within " + within);
	}

	/** Legacy products (price as the adapter translates it, stock floored at 0), keyed by id. */
	Map<Long, String> legacySide() throws SQLException {
		Map<Long, String> rows = new TreeMap<>();
		try (Connection db = legacy(); var rs = db.createStatement()
			.executeQuery("SELECT p.id, p.sku, p.name, p.price, p.status, s.qty FROM products p "
					+ "LEFT JOIN stock s ON s.product_id = p.id")) {
			while (rs.next()) {
				String price = new BigDecimal(Float.toString(rs.getFloat("price"))).setScale(2, RoundingMode.HALF_UP)
					.toPlainString();
				rows.put(rs.getLong("id"), rs.getString("sku") + "|" + rs.getString("name") + "|" + price + "|"
						+ LegacyTranslation.status(rs.getInt("status")) + "|" + Math.max(0, rs.getInt("qty")));
			}
		}
		return rows;
	}

	/** The new side's products with their stock, in the same shape. */
	Map<Long, String> newSide() throws SQLException {
		Map<Long, String> rows = new TreeMap<>();
		try (Connection db = postgres(); var rs = db.createStatement()
			.executeQuery("SELECT p.id, p.sku, p.name, p.price, p.status, s.on_hand FROM catalog.product p "
					+ "LEFT JOIN inventory.stock s ON s.sku = p.sku")) {
			while (rs.next()) {
				rows.put(rs.getLong("id"), rs.getString("sku") + "|" + rs.getString("name") + "|"
						+ rs.getBigDecimal("price").toPlainString() + "|" + rs.getString("status") + "|" + rs.getInt("on_hand"));
			}
		}
		return rows;
	}

	Connection legacy() throws SQLException {
		return DriverManager.getConnection(legacy.jdbcUrl(), legacy.username(), legacy.password());
	}

	Connection postgres() throws SQLException {
		return DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), postgres.password());
	}

	static long single(Connection connection, String sql) throws SQLException {
		try (connection; var rs = connection.createStatement().executeQuery(sql)) {
			rs.next();
			return rs.getLong(1);
		}
	}

	@Override
	public void close() {
		for (Process process : processes) {
			process.destroyForcibly();
		}
		for (Process process : processes) {
			try {
				process.waitFor();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}
}
